package org.leakmarket.pipeline;

import org.leakmarket.cli.UserException;
import org.leakmarket.config.LeakmarketConfig;

/** Runs stages of the pipeline in one Spark session. */
public final class Pipeline {
  private Pipeline() {}

  public static void runStages(LeakmarketConfig cfg, Stage... stages) {
    throw new UserException(UserException.USAGE, "pipeline stages are not built yet");
  }
}
