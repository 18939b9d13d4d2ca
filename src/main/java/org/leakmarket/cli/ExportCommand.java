package org.leakmarket.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.leakmarket.common.UserException;
import org.leakmarket.pipeline.SparkSessions;
import org.leakmarket.warehouse.Table;
import org.leakmarket.warehouse.TableExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code export}: any table to one CSV or JSONL file for R, Stata or Excel. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Write one table of the warehouse to a single CSV or JSON Lines file.",
      "Tables: bronze/listings, quarantine/listings, silver/offers, silver/records, gold/market_cells, ..."
    })
public final class ExportCommand implements Callable<Integer> {
  @Option(
      names = "--warehouse",
      required = true,
      paramLabel = "DIR",
      description = "Warehouse folder.")
  Path warehouse;

  @Option(
      names = "--table",
      required = true,
      paramLabel = "NAME",
      description = "Table path under the warehouse, e.g. silver/offers.")
  String table;

  @Option(names = "--format", required = true, paramLabel = "FMT", description = "csv or jsonl.")
  String format;

  @Option(names = "--to", required = true, paramLabel = "PATH", description = "Output file.")
  Path to;

  @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: local[*]).")
  String master;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Table t =
        Table.byPath(table)
            .orElseThrow(
                () ->
                    new UserException(
                        UserException.USAGE,
                        "unknown table '"
                            + table
                            + "'; known: "
                            + java.util.Arrays.stream(Table.values()).map(Table::path).toList()));
    if (!format.equals("csv") && !format.equals("jsonl")) {
      throw new UserException(UserException.USAGE, "--format must be csv or jsonl, not: " + format);
    }
    try (SparkSessions.Handle h = SparkSessions.acquire("leakmarket export", master)) {
      long n = new TableExport(h.spark(), warehouse).export(t, format, to);
      spec.commandLine().getOut().println("exported " + n + " rows of " + t.path() + " to " + to);
      spec.commandLine().getOut().flush();
    }
    return 0;
  }
}
