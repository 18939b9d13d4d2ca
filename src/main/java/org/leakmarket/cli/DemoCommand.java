package org.leakmarket.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code demo}: the whole pipeline on data-samples/ into a folder. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run the whole pipeline on data-samples/ into DIR (default out/demo) and print where the publication is.")
public final class DemoCommand implements Callable<Integer> {
  @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: out/demo).")
  Path out = Path.of("out/demo");

  @Option(names = "--data", paramLabel = "DIR", description = "Input folder (default: data-samples).")
  Path data = Path.of("data-samples");

  @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: local[*]).")
  String master;

  @Override
  public Integer call() {
    throw NotBuiltYet.of("demo", "issue 2");
  }
}
