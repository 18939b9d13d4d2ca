package org.leakmarket.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.leakmarket.pipeline.SparkSessions;
import org.leakmarket.publish.Manifest;
import org.leakmarket.publish.PublishStage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code reproduce}: re-render a publication from the table versions its manifest pins. */
@Command(
    name = "reproduce",
    mixinStandardHelpOptions = true,
    header = "Re-render a publication exactly from the table versions its manifest pins.",
    description = {
      "Re-render a publication from the Delta table versions, configuration and seed its",
      "manifest pins; newer data in the warehouse does not change the result."
    })
public final class ReproduceCommand implements Callable<Integer> {
  @Option(
      names = "--manifest",
      required = true,
      paramLabel = "FILE",
      description = "manifest.json of the publication.")
  Path manifest;

  @Option(
      names = "--reports",
      required = true,
      paramLabel = "DIR",
      description = "Where to write <label>/ again.")
  Path reports;

  @Option(
      names = "--warehouse",
      paramLabel = "DIR",
      description = "Warehouse folder, if it moved since (default: the manifest's).")
  Path warehouse;

  @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: local[*]).")
  String master;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Manifest m = Manifest.read(manifest);
    try (SparkSessions.Handle h = SparkSessions.acquire("leakmarket reproduce", master)) {
      String done = PublishStage.reproduce(h.spark(), m, reports, warehouse);
      spec.commandLine().getOut().println("reproduced " + m.label() + ": " + done);
      spec.commandLine().getOut().flush();
    }
    return 0;
  }
}
