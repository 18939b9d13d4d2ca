package org.leakmarket.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code export}: any table to one CSV or JSONL file for R, Stata or Excel. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Write one table of the warehouse to a single CSV or JSON Lines file.")
public final class ExportCommand implements Callable<Integer> {
  @Option(names = "--warehouse", required = true, paramLabel = "DIR", description = "Warehouse folder.")
  Path warehouse;

  @Option(names = "--table", required = true, paramLabel = "NAME", description = "Table path under the warehouse, e.g. silver/offers.")
  String table;

  @Option(names = "--format", required = true, paramLabel = "FMT", description = "csv or jsonl.")
  String format;

  @Option(names = "--to", required = true, paramLabel = "PATH", description = "Output file.")
  Path to;

  @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: local[*]).")
  String master;

  @Override
  public Integer call() {
    throw NotBuiltYet.of("export", "issue 2");
  }
}
