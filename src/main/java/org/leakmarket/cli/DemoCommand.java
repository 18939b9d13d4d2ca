package org.leakmarket.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.leakmarket.common.UserException;
import org.leakmarket.config.ConfigResolver;
import org.leakmarket.config.LeakmarketConfig;
import org.leakmarket.pipeline.Phase;
import org.leakmarket.pipeline.Pipeline;
import org.leakmarket.publish.PdfBrief;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code demo}: the whole pipeline on data-samples/ into one folder. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    header = "Run the whole pipeline on data-samples/ into one folder (default out/demo).",
    description = {
      "Run the whole pipeline on data-samples/ into DIR (default out/demo):",
      "DIR/warehouse (Delta tables) and DIR/reports/all (the publication)."
    })
public final class DemoCommand implements Callable<Integer> {
  @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: out/demo).")
  Path out = Path.of("out/demo");

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Input folder (default: the project's data-samples).")
  Path data;

  @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: local[*]).")
  String master;

  @Option(names = "--no-pdf", description = "Do not print publication.pdf (default: print it).")
  boolean noPdf;

  @Option(
      names = "--quiet",
      description = "No progress lines during long stages (each stage's summary line stays).")
  boolean quiet;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Path dataDir = data != null ? data : defaultData();
    Path listings = dataDir.resolve("listings.jsonl");
    if (!Files.isRegularFile(listings)) {
      throw new UserException(
          UserException.BAD_INPUT, "demo data not found: " + listings + " (use --data DIR)");
    }
    java.util.Map<String, Object> flags = new java.util.HashMap<>();
    flags.put("listings", List.of(listings));
    Path manifest = dataDir.resolve("samples/manifest.jsonl");
    if (Files.isRegularFile(manifest)) {
      flags.put("samples", manifest);
    }
    for (String[] ref :
        new String[][] {
          {"fx", "fx.csv"}, {"bins", "bins.csv"}, {"phone_segments", "phone_segments.csv"}
        }) {
      Path p = dataDir.resolve("reference").resolve(ref[1]);
      if (Files.isRegularFile(p)) {
        flags.put(ref[0], p);
      }
    }
    flags.put("warehouse", out.resolve("warehouse"));
    flags.put("reports", out.resolve("reports"));
    if (master != null) {
      flags.put("master", master);
    }
    LeakmarketConfig cfg = ConfigResolver.resolve(flags, null);
    Pipeline.run(cfg, !quiet, Phase.values());
    Path report = cfg.reports().resolve(cfg.period());
    if (!noPdf) {
      PdfBrief.print(report);
    }
    Path html = report.resolve("publication.html");
    spec.commandLine()
        .getOut()
        .println("publication: " + (Files.exists(html) ? html : report.resolve("publication.md")));
    spec.commandLine().getOut().flush();
    return 0;
  }

  /** data-samples of the project the launcher runs from, else of the current folder. */
  private static Path defaultData() {
    List<Path> candidates = new ArrayList<>();
    String home = System.getProperty("leakmarket.home");
    if (home != null) {
      candidates.add(Path.of(home, "data-samples"));
    }
    candidates.add(Path.of("data-samples"));
    return candidates.stream()
        .filter(Files::isDirectory)
        .findFirst()
        .orElse(candidates.get(candidates.size() - 1));
  }
}
