package org.leakmarket.stats.valuation;

/**
 * What the pricing ladder needs to know of one published market cell of {@code personal_records}:
 * its key and whether it may be used. Pure value object; no cost.
 *
 * @param period period label of the cell ({@code 2015-01}, {@code 2015-Q1} or {@code 2015})
 * @param category category
 * @param tier tier
 * @param freshness freshness
 * @param nQuotes independent quotes in the cell (methods.md, Market: unit of count)
 * @param suppressed the cell is suppressed (too few offers or sellers): never used
 */
public record PriceCell(
    String period,
    String category,
    String tier,
    String freshness,
    long nQuotes,
    boolean suppressed) {

  /** {@code period|category|tier|freshness}: how a cell, or a pooled cell, is named. */
  public String key() {
    return key(period, category, tier, freshness);
  }

  /** The key of a cell or of a pooled cell ({@code *} for a dropped dimension). */
  public static String key(String period, String category, String tier, String freshness) {
    return period + "|" + category + "|" + tier + "|" + freshness;
  }
}
