package org.leakmarket.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** {@code generate}: synthetic, realistic inputs with ground truth. */
@Command(name = "generate", mixinStandardHelpOptions = true, description = "Synthetic, realistic inputs with ground truth.")
public final class GenerateCommand implements Callable<Integer> {
  @Unmatched List<String> rest;

  @Override
  public Integer call() {
    throw NotBuiltYet.of("generate", "issue 8");
  }
}
