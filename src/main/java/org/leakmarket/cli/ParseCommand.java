package org.leakmarket.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** {@code parse}: listings JSONL in, offers JSONL out. */
@Command(name = "parse", mixinStandardHelpOptions = true, description = "Listings JSONL in, offers JSONL out.")
public final class ParseCommand implements Callable<Integer> {
  @Unmatched List<String> rest;

  @Override
  public Integer call() {
    throw NotBuiltYet.of("parse", "issue 3");
  }
}
