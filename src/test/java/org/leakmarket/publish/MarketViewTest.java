package org.leakmarket.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.leakmarket.publish.PublicationModel.IndexPoint;
import org.leakmarket.publish.PublicationModel.Market;
import org.leakmarket.publish.PublicationModel.MarketCell;

/** The market's words: ranges as ranges, chain breaks said, the weight labelled. */
class MarketViewTest {

  /** Five quotes: the range, never a confidence interval. */
  @Test
  void aCellOfFiveQuotesShowsItsRangeAsARange() {
    MarketCell five =
        PublicationFixtures.cell(
            "personal_records",
            "2015-01",
            "credit_card",
            "standard",
            "new",
            5,
            6,
            5,
            0.25,
            0.22,
            0.28,
            0.20,
            0.30);
    assertThat(five.ciMethod()).isEqualTo("range");
    String s = MarketView.cellSentence(five);
    assertThat(s)
        .isEqualTo(
            "Fresh credit-card customer records of standard cards were advertised at a median"
                + " asking price of 0.25 CNY per record in 2015-01 (range 0.20–0.30; with fewer"
                + " than 6 quotes no 95% interval exists), from 5 independent quotes (6 offers) by"
                + " 5 sellers.");
    assertThat(s).doesNotContain("CI");
    assertThat(MarketView.intervalMethod(five)).isEqualTo("range, n < 6");
  }

  @Test
  void aChainBreakIsSaidWithItsMatchedCells() {
    PublicationModel m =
        withMarket(
            new Market(
                List.of(),
                List.of(
                    new IndexPoint("2015-01", 100.0, null, null, 0, 1, "base", false, null),
                    new IndexPoint("2015-02", 104.0, 99.0, 110.0, 5, 1, "chained", false, null),
                    new IndexPoint("2015-03", 100.0, null, null, 2, 2, "chain_break", false, null)),
                List.of(),
                "offer"));
    MarketView v = new MarketView(m);
    assertThat(v.breakText())
        .isEqualTo(
            "The Jevons chain breaks at 2015-03 (2 cells matched with 2015-02): a link needs at"
                + " least 3 elementary cells with 2 or more sellers in both periods. After a break"
                + " the index restarts at 100, and values before and after it are not"
                + " comparable.");
    assertThat(v.indexText()).contains("The Jevons chain breaks at 2015-03");
    assertThat(v.weightText()).contains("(weight: offer)");
    assertThat(v.marketText()).contains("(weight: offer)").contains("asking price");
  }

  static PublicationModel withMarket(Market market) {
    PublicationModel f = PublicationFixtures.model(List.of());
    return new PublicationModel(
        f.label(),
        f.generatedAt(),
        f.listings(),
        f.samples(),
        market,
        f.exposure(),
        f.population(),
        f.rejectionsByReason(),
        f.valueAtMarketPrices(),
        f.volume(),
        f.changeSincePrevious(),
        f.revisions(),
        f.dataAndMethods(),
        f.footnotes());
  }
}
