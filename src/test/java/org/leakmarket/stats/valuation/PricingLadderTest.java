package org.leakmarket.stats.valuation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PricingLadderTest {

  private static PriceCell cell(String period, String tier, String fresh, long n, boolean supp) {
    return new PriceCell(period, "credit_card", tier, fresh, n, supp);
  }

  @Test
  void ownPriceComesFirst() {
    PricingLadder l = new PricingLadder(List.of(cell("2015-01", "standard", "new", 40, false)));
    Pricing p = l.price("2015-01", "credit_card", "standard", "new", 0.6, "L-1");
    assertThat(p.rule()).isEqualTo(PricingRule.OWN_PRICE);
    assertThat(p.ownPrice()).isEqualTo(0.6);
    assertThat(p.pricedFrom()).isEqualTo("L-1");
  }

  @Test
  void theExactCellNeedsSixQuotesAndIsNeverSuppressed() {
    PricingLadder l =
        new PricingLadder(
            List.of(
                cell("2015-01", "standard", "new", 6, false),
                cell("2015-01", "gold", "new", 40, true), // suppressed, however large
                cell("2015-01", "gold", "second_hand", 5, false)));
    assertThat(l.price("2015-01", "credit_card", "standard", "new", null, null).rule())
        .isEqualTo(PricingRule.CELL);
    // gold/new is suppressed and gold/second_hand has 5: neither alone nor pooled (5 < 6)
    Pricing gold = l.price("2015-01", "credit_card", "gold", "new", null, null);
    assertThat(gold.rule()).isEqualTo(PricingRule.CELL_ANY_TIER);
    assertThat(gold.members()).noneMatch(PriceCell::suppressed);
    assertThat(gold.nQuotes()).isEqualTo(11); // standard/new 6 + gold/second_hand 5
    assertThat(gold.pricedFrom()).isEqualTo("2015-01|credit_card|*|*");
  }

  @Test
  void theLadderDropsFreshnessThenTierThenWidensToTheQuarter() {
    PricingLadder l =
        new PricingLadder(
            List.of(
                cell("2015-01", "gold", "new", 3, false),
                cell("2015-01", "gold", "second_hand", 4, false),
                cell("2015-01", "standard", "new", 2, false),
                cell("2015-02", "platinum", "new", 4, false),
                cell("2015-04", "platinum", "new", 50, false)));
    Pricing p = l.price("2015-01", "credit_card", "gold", "new", null, null);
    assertThat(p.rule()).isEqualTo(PricingRule.CELL_ANY_FRESHNESS);
    assertThat(p.nQuotes()).isEqualTo(7);
    assertThat(p.pricedFrom()).isEqualTo("2015-01|credit_card|gold|*");
    // standard in January: 2 alone, then 9 for the whole month
    assertThat(l.price("2015-01", "credit_card", "standard", "new", null, null).rule())
        .isEqualTo(PricingRule.CELL_ANY_TIER);
    // February: 4 in the month; the quarter (Jan–Mar, not April) holds 13
    Pricing feb = l.price("2015-02", "credit_card", "platinum", "new", null, null);
    assertThat(feb.rule()).isEqualTo(PricingRule.QUARTER);
    assertThat(feb.pricedFrom()).isEqualTo("2015-Q1|credit_card|*|*");
    assertThat(feb.nQuotes()).isEqualTo(13);
    // another category has nothing at all: unpriced
    assertThat(l.price("2015-02", "loan", "unknown", "new", null, null).rule())
        .isEqualTo(PricingRule.UNPRICED);
    // cells already by quarter: no widening step
    assertThat(
            new PricingLadder(List.of(cell("2015-Q1", "gold", "new", 3, false)))
                .price("2015-Q1", "credit_card", "gold", "new", null, null)
                .rule())
        .isEqualTo(PricingRule.UNPRICED);
  }

  @Test
  void quarterLabels() {
    assertThat(PricingLadder.quarterOf("2015-01")).isEqualTo("2015-Q1");
    assertThat(PricingLadder.quarterOf("2015-12")).isEqualTo("2015-Q4");
    assertThat(PricingLadder.quarterOf("2015-Q2")).isNull();
    assertThat(PricingLadder.quarterOf("2015")).isNull();
  }

  @Test
  void ownPriceOfAMenuTakesTheRecordsTier() {
    List<OwnPrice.Offer> menu =
        List.of(
            new OwnPrice.Offer("standard", 0.5),
            new OwnPrice.Offer("standard", 0.35),
            new OwnPrice.Offer("gold", 5.0),
            new OwnPrice.Offer("gold", -1)); // garbled: ignored
    assertThat(OwnPrice.of(menu, "gold")).isEqualTo(5.0);
    assertThat(OwnPrice.of(menu, "standard")).isEqualTo((0.5 + 0.35) / 2);
    assertThat(OwnPrice.of(menu, "platinum")).isEqualTo(0.5); // median of 0.35, 0.5, 5
    assertThat(OwnPrice.of(List.of(), "gold")).isNull();
  }
}
