package org.leakmarket.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** {@code reproduce}: re-render a publication from the table versions its manifest pins. */
@Command(name = "reproduce", mixinStandardHelpOptions = true, description = "Re-render a publication from the table versions its manifest pins.")
public final class ReproduceCommand implements Callable<Integer> {
  @Unmatched List<String> rest;

  @Override
  public Integer call() {
    throw NotBuiltYet.of("reproduce", "issue 7");
  }
}
