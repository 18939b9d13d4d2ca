package org.leakmarket.legal;

/**
 * The tier a count reaches against one line of Article 5: below it, 情节严重 (serious: at least the
 * line) or 情节特别严重 (especially serious: at least {@code especially} times the line). A measurement
 * aid, not a legal finding.
 */
public enum Severity {
  NONE("none"),
  SERIOUS("serious"),
  ESPECIALLY_SERIOUS("especially_serious");

  private final String code;

  Severity(String code) {
    this.code = code;
  }

  /** The code written to gold tables and summaries. */
  public String code() {
    return code;
  }

  /**
   * The tier of {@code amount} in units where the serious line is {@code line}: exact for integer
   * amounts (no floating-point multiple is compared).
   */
  public static Severity of(long amount, long line, long especially) {
    if (amount >= Math.multiplyExact(line, especially)) {
      return ESPECIALLY_SERIOUS;
    }
    return amount >= line ? SERIOUS : NONE;
  }

  /** The tier of a multiple of the serious line (1 = at the line). */
  public static Severity ofMultiple(double multiple, long especially) {
    if (multiple >= especially) {
      return ESPECIALLY_SERIOUS;
    }
    return multiple >= 1 ? SERIOUS : NONE;
  }
}
