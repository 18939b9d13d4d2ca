package org.leakmarket.common;

/**
 * A problem the user can fix (bad option, missing file, rejection rate over the limit). The CLI
 * prints its message as one line, without a stack trace, and exits with {@link #exitCode()}.
 */
public class UserException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Exit codes of contracts section 1. */
  public static final int FAILURE = 1;

  public static final int USAGE = 2;
  public static final int BAD_INPUT = 3;

  private final int exitCode;

  public UserException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
