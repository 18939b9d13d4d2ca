package org.leakmarket.stats.valuation;

/**
 * How a sample's records were priced (methods.md, Value at market prices), in the order the rules
 * are tried. The code is what tables and JSON carry.
 */
public enum PricingRule {
  /** The sample's own advertised price: the manifest links it to a priced listing. */
  OWN_PRICE("own_price", "the sample's own advertised price"),
  /** The median of the matching cell (period, category, tier, freshness) with n ≥ 6. */
  CELL("cell", "the matching market cell"),
  /** The same after dropping freshness: the cells of the period, category and tier pooled. */
  CELL_ANY_FRESHNESS("cell_any_freshness", "the cell without freshness"),
  /** The same after dropping tier too: the cells of the period and category pooled. */
  CELL_ANY_TIER("cell_any_tier", "the cell without freshness and tier"),
  /** The category's cells of every month of the quarter pooled. */
  QUARTER("quarter", "the category's cells over the quarter"),
  /** No rule applies: counted, not valued. */
  UNPRICED("unpriced", "unpriced");

  private final String code;
  private final String description;

  PricingRule(String code, String description) {
    this.code = code;
    this.description = description;
  }

  /** The code in tables: {@code own_price}, {@code cell}, ... */
  public String code() {
    return code;
  }

  /** Plain words for readers. */
  public String description() {
    return description;
  }

  /** The rule of a code; throws naming the offending value. */
  public static PricingRule of(String code) {
    for (PricingRule r : values()) {
      if (r.code.equals(code)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown pricing rule: " + code);
  }
}
