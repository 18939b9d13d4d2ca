package org.leakmarket.cli;

/** Thrown by a command whose stage is not built yet: it says so and exits 2, never fakes output. */
final class NotBuiltYet {
  private NotBuiltYet() {}

  static UserException of(String command, String issue) {
    return new UserException(UserException.USAGE,
        "'" + command + "' is not built yet (" + issue + "); nothing was written");
  }
}
