package org.leakmarket.stats.valuation;

import java.util.List;

/**
 * How one group of records is priced: the rule that applied, the (possibly pooled) cell it was
 * priced from, and the published cells whose quotes make that cell. Pure value object; no cost.
 *
 * @param rule the rule that applied
 * @param pricedFrom the cell key ({@code 2015-01|credit_card|standard|*} for a pooled cell), the
 *     listing for {@link PricingRule#OWN_PRICE}, or null when unpriced
 * @param members the published cells whose quotes are pooled; empty for an own price or unpriced
 * @param ownPrice the advertised price for {@link PricingRule#OWN_PRICE}, else null
 * @param nQuotes independent quotes behind the price (0 for an own price or unpriced)
 */
public record Pricing(
    PricingRule rule, String pricedFrom, List<PriceCell> members, Double ownPrice, long nQuotes) {

  public Pricing {
    members = List.copyOf(members);
  }

  static Pricing unpriced() {
    return new Pricing(PricingRule.UNPRICED, null, List.of(), null, 0);
  }
}
