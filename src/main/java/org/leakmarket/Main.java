package org.leakmarket;

import org.leakmarket.cli.LeakmarketCommand;

/** Entry point for {@code bin/leakmarket} and {@code spark-submit --class org.leakmarket.Main}. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    int code = LeakmarketCommand.execute(args);
    System.exit(code);
  }
}
