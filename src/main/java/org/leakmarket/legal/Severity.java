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
}
