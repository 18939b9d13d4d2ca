package org.leakmarket.cli;

import java.util.concurrent.Callable;
import org.leakmarket.config.LeakmarketConfig;
import org.leakmarket.pipeline.Phase;
import org.leakmarket.pipeline.Pipeline;
import org.leakmarket.publish.PdfBrief;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code run} and the stage commands: one class each, all sharing {@link PipelineOptions}. */
public final class StageCommands {

  private StageCommands() {}

  abstract static class StageCommand implements Callable<Integer> {
    @Mixin PipelineOptions options;

    abstract Phase[] phases();

    @Override
    public Integer call() {
      LeakmarketConfig cfg = options.resolve();
      Pipeline.run(cfg, phases());
      if (options.pdf && java.util.List.of(phases()).contains(Phase.PUBLISH)) {
        PdfBrief.print(cfg.reports().resolve(cfg.period()));
      }
      return 0;
    }
  }

  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description =
          "Ingest, normalise, analyse and publish. Without --period the publication covers all data under the label 'all'.")
  public static final class Run extends StageCommand {
    @Override
    Phase[] phases() {
      return Phase.values();
    }
  }

  @Command(
      name = "ingest",
      mixinStandardHelpOptions = true,
      description =
          "Read listings and leak samples into bronze (samples pseudonymised on read); rejects go to quarantine.")
  public static final class Ingest extends StageCommand {
    @Override
    Phase[] phases() {
      return new Phase[] {Phase.INGEST};
    }
  }

  @Command(
      name = "normalize",
      mixinStandardHelpOptions = true,
      description =
          "Turn bronze listings into silver/offers and bronze sample records into silver/records.")
  public static final class Normalize extends StageCommand {
    @Override
    Phase[] phases() {
      return new Phase[] {Phase.NORMALIZE};
    }
  }

  @Command(
      name = "analyze",
      mixinStandardHelpOptions = true,
      description =
          "Compute the gold tables: market cells, price indices, exposure, overlap, population.")
  public static final class Analyze extends StageCommand {
    @Override
    Phase[] phases() {
      return new Phase[] {Phase.ANALYZE};
    }
  }

  @Command(
      name = "publish",
      mixinStandardHelpOptions = true,
      description =
          "Write reports/<period>/: publication.md and .html, tables, charts, summary.json, manifest.json.")
  public static final class Publish extends StageCommand {
    @Override
    Phase[] phases() {
      return new Phase[] {Phase.PUBLISH};
    }
  }
}
