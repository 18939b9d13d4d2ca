package org.leakmarket.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.leakmarket.publish.PublicationModel.Exposure;
import org.leakmarket.publish.PublicationModel.IssuerCount;
import org.leakmarket.publish.PublicationModel.Market;
import org.leakmarket.publish.PublicationModel.MarketCell;
import org.leakmarket.publish.PublicationModel.Revision;
import org.leakmarket.publish.PublicationModel.TierCount;
import org.leakmarket.publish.PublicationModel.ValueCell;
import org.leakmarket.publish.PublicationModel.Volume;

class SuppressionTest {

  @Test
  void noSmallCellMeansNothingChanges() {
    boolean[] flag = {false, false, false};
    assertThat(Suppression.complete(new long[] {10, 20, 30}, flag, 5)).isFalse();
    assertThat(flag).containsExactly(false, false, false);
  }

  @Test
  void aLoneSuppressedCellTakesTheNextSmallestWithIt() {
    // 3 is primary; 8 is the smallest other cell, so 3 + 8 = 11 hides both from the total.
    boolean[] flag = {false, true, false, false};
    assertThat(Suppression.complete(new long[] {40, 3, 8, 12}, flag, 5)).isFalse();
    assertThat(flag).containsExactly(false, true, true, false);
  }

  @Test
  void twoSuppressedCellsBelowKTogetherTakeAThird() {
    // 1 + 2 = 3 < 5: the difference from the total would still be a small count.
    boolean[] flag = {true, true, false, false};
    assertThat(Suppression.complete(new long[] {1, 2, 9, 7}, flag, 5)).isFalse();
    assertThat(flag).containsExactly(true, true, false, true);
  }

  @Test
  void tiesAreBrokenByListOrder() {
    boolean[] flag = {true, false, false};
    Suppression.complete(new long[] {3, 6, 6}, flag, 5);
    assertThat(flag).containsExactly(true, true, false);
  }

  @Test
  void aGroupOfOneSmallCellLosesItsTotal() {
    boolean[] flag = {true};
    assertThat(Suppression.complete(new long[] {3}, flag, 5)).isTrue();
    boolean[] two = {true, true};
    assertThat(Suppression.complete(new long[] {1, 2}, two, 5)).isTrue();
    boolean[] enough = {true, false};
    assertThat(Suppression.complete(new long[] {3, 4}, enough, 5)).isFalse();
    assertThat(enough).containsExactly(true, true);
  }

  private static PublicationModel withExposure(List<IssuerCount> issuers, long persons) {
    PublicationModel m = PublicationFixtures.model(List.of());
    Exposure e = m.exposure();
    return new PublicationModel(
        m.label(),
        m.generatedAt(),
        m.listings(),
        m.samples(),
        m.market(),
        new Exposure(
            e.records(),
            persons,
            e.cards(),
            issuers,
            List.<TierCount>of(),
            List.of(),
            e.recycledShare(),
            e.samples()),
        m.population(),
        m.rejectionsByReason(),
        m.valueAtMarketPrices(),
        m.volume(),
        List.of(),
        m.revisions(),
        m.dataAndMethods(),
        m.footnotes());
  }

  @Test
  void anIssuerOfThreePersonsIsSuppressedWithItsComplement() {
    PublicationModel m =
        withExposure(
            List.of(
                new IssuerCount("ICBC", 50L, false),
                new IssuerCount("BOJS", 3L, false),
                new IssuerCount("CMB", 9L, false)),
            62);
    List<IssuerCount> out = Suppression.apply(m, 5, 2).exposure().byIssuer();
    assertThat(out)
        .containsExactly(
            new IssuerCount("ICBC", 50L, false),
            new IssuerCount("BOJS", null, true),
            new IssuerCount("CMB", null, true));
    assertThat(Suppression.apply(m, 5, 2).exposure().persons()).isEqualTo(62L);
  }

  @Test
  void aSingleIssuerOfThreePersonsTakesTheTotalWithIt() {
    PublicationModel m = withExposure(List.of(new IssuerCount("BOJS", 3L, false)), 3);
    PublicationModel s = Suppression.apply(m, 5, 2);
    assertThat(s.exposure().byIssuer()).containsExactly(new IssuerCount("BOJS", null, true));
    assertThat(s.exposure().persons()).isNull();
  }

  @Test
  void marketCellsNeedKOffersAndTwoSellers() {
    MarketCell manyOffersOneSeller =
        PublicationFixtures.cell("2015-01", "credit_card", "gold", "new", 40, 1, 1, 1, 1, 1, 1);
    MarketCell fine =
        PublicationFixtures.cell("2015-01", "credit_card", "standard", "new", 40, 9, 1, 1, 1, 1, 1);
    MarketCell alsoFine =
        PublicationFixtures.cell(
            "2015-01", "credit_card", "standard", "aged", 30, 9, 1, 1, 1, 1, 1);
    PublicationModel m = PublicationFixtures.model(List.of());
    PublicationModel raw =
        new PublicationModel(
            m.label(),
            m.generatedAt(),
            m.listings(),
            m.samples(),
            new Market(List.of(manyOffersOneSeller, fine, alsoFine), List.of(), List.of()),
            m.exposure(),
            m.population(),
            m.rejectionsByReason(),
            null,
            List.of(new Volume("2015-01", 110L, 19L, false)),
            List.of(),
            List.of(),
            m.dataAndMethods(),
            m.footnotes());
    List<MarketCell> out = Suppression.apply(raw, 5, 2).market().cells();
    assertThat(out.get(0).suppressed()).isTrue();
    assertThat(out.get(0).nOffers()).isNull();
    // 40 offers of the one-seller cell would follow from 110 − 40 − 30: the smallest other goes.
    assertThat(out.get(2).suppressed()).isTrue();
    assertThat(out.get(1).suppressed()).isFalse();
    assertThat(out.get(1).medianCny()).isEqualTo(1.0);
  }

  @Test
  void valueCellsOfSuppressedMarketCellsAndRevisionsOfThemArePublishedBlank() {
    PublicationModel m =
        PublicationFixtures.model(
            List.of(
                new Revision(
                    FigureNames.marketCell(
                        FigureNames.MEDIAN, "personal_records", "credit_card", "premium", "new"),
                    "2015-03",
                    7.0,
                    7.31),
                new Revision(
                    FigureNames.marketCell(
                        FigureNames.MEDIAN, "personal_records", "credit_card", "premium", "new"),
                    "2015-03",
                    null,
                    7.31)));
    PublicationModel s = Suppression.apply(m, 5, 2);
    ValueCell premium =
        s.valueAtMarketPrices().byCell().stream()
            .filter(c -> c.tier().equals("premium"))
            .findFirst()
            .orElseThrow();
    assertThat(premium.suppressed()).isTrue();
    assertThat(premium.valueCny()).isNull();
    assertThat(s.revisions())
        .containsExactly(
            new Revision(
                "median_cny personal_records/credit_card/premium/new", "2015-03", 7.0, null));
    // a figure named before cells had a product is the customer-records cell's
    PublicationModel legacy =
        PublicationFixtures.model(
            List.of(new Revision("median_cny credit_card/premium/new", "2015-03", 7.0, 7.31)));
    assertThat(Suppression.apply(legacy, 5, 2).revisions())
        .containsExactly(new Revision("median_cny credit_card/premium/new", "2015-03", 7.0, null));
  }

  /**
   * Twelve offers that are copies and one seller's reposts in disguise: 4 independent quotes. The
   * cell is suppressed on its quotes, although its offers (12) and sellers (3) pass.
   */
  @Test
  void marketCellsNeedKIndependentQuotes() {
    MarketCell fewQuotes =
        PublicationFixtures.cell(
            "personal_records", "2015-01", "credit_card", "gold", "new", 4, 12, 3, 1, 1, 1, 1, 1);
    MarketCell fine =
        PublicationFixtures.cell(
            "personal_records",
            "2015-01",
            "credit_card",
            "standard",
            "new",
            40,
            40,
            9,
            1,
            1,
            1,
            1,
            1);
    MarketCell alsoFine =
        PublicationFixtures.cell(
            "personal_records",
            "2015-01",
            "credit_card",
            "standard",
            "aged",
            30,
            30,
            9,
            1,
            1,
            1,
            1,
            1);
    PublicationModel m = PublicationFixtures.model(List.of());
    PublicationModel raw =
        new PublicationModel(
            m.label(),
            m.generatedAt(),
            m.listings(),
            m.samples(),
            new Market(List.of(fewQuotes, fine, alsoFine), List.of(), List.of(), "seller"),
            m.exposure(),
            m.population(),
            m.rejectionsByReason(),
            null,
            List.of(new Volume("2015-01", 82L, 19L, false)),
            List.of(),
            List.of(),
            m.dataAndMethods(),
            m.footnotes());
    List<MarketCell> out = Suppression.apply(raw, 5, 2).market().cells();
    assertThat(out.get(0).suppressed()).isTrue();
    assertThat(out.get(0).nQuotes()).isNull();
    assertThat(out.get(0).medianCiLevel()).isNull();
    assertThat(out.get(0).product()).isEqualTo("personal_records");
    assertThat(out.get(1).suppressed()).isFalse();
    assertThat(Suppression.apply(raw, 5, 2).market().weight()).isEqualTo("seller");
  }

  private static PublicationModel withValue(PublicationModel.ValueAtMarket v) {
    PublicationModel m = PublicationFixtures.model(List.of());
    return new PublicationModel(
        m.label(),
        m.generatedAt(),
        m.listings(),
        m.samples(),
        m.market(),
        m.exposure(),
        m.population(),
        m.rejectionsByReason(),
        v,
        m.volume(),
        List.of(),
        m.revisions(),
        m.dataAndMethods(),
        m.footnotes());
  }

  private static ValueCell group(String sample, String tier, long persons, String rule) {
    return new ValueCell(
        "2015-03",
        "credit_card",
        tier,
        "new",
        persons,
        persons * 0.5,
        persons * 0.4,
        persons * 0.6,
        false,
        sample,
        rule,
        "x",
        0.5,
        9L);
  }

  /**
   * A pricing rule's row less its published groups gives away its suppressed groups: it stays only
   * when those are at least two holding at least k persons. Own price: groups of 2 and 3 persons (5
   * together) are suppressed, its row (105) stays; cell: one group of 4 is suppressed, so its row
   * goes, and with it (secondary rule) the next smallest rule row.
   */
  @Test
  void aRuleRowThatWouldRevealASuppressedGroupGoes() {
    PublicationModel.ValueAtMarket v =
        new PublicationModel.ValueAtMarket(
            100.0,
            90.0,
            110.0,
            List.of(
                group("a", "standard", 100, "own_price"),
                group("a", "premium", 2, "own_price"),
                group("b", "premium", 3, "own_price"),
                group("c", "gold", 60, "cell"),
                group("c", "premium", 4, "cell"),
                group("d", "gold", 40, "cell_any_tier")),
            List.of(
                new PublicationModel.ValueRule("own_price", 105L, 52.5, false),
                new PublicationModel.ValueRule("cell", 64L, 32.0, false),
                new PublicationModel.ValueRule("cell_any_tier", 40L, 20.0, false)),
            209L,
            0L,
            0L,
            0L,
            "m",
            10);
    PublicationModel.ValueAtMarket s = Suppression.apply(withValue(v), 5, 2).valueAtMarketPrices();
    assertThat(s.byCell())
        .extracting(ValueCell::suppressed)
        .containsExactly(false, true, true, false, true, false);
    assertThat(s.byRule())
        .extracting(PublicationModel.ValueRule::suppressed)
        .containsExactly(false, true, true);
    assertThat(s.totalCny()).isEqualTo(100.0);
    assertThat(s.recordsValued()).isEqualTo(209L);
  }

  @Test
  void nonConvergedModelsLoseTheirNumbers() {
    PublicationModel s = Suppression.apply(PublicationFixtures.model(List.of()), 5, 2);
    assertThat(s.population().models())
        .filteredOn(lm -> !lm.converged())
        .allSatisfy(lm -> assertThat(lm.nHat()).isNull());
  }

  @Test
  void suppressingAPublishedModelAgainChangesNothing() {
    PublicationModel once = Suppression.apply(PublicationFixtures.model(List.of()), 5, 2);
    PublicationModel twice = Suppression.apply(once, 5, 2);
    assertThat(SummaryJson.write(twice)).isEqualTo(SummaryJson.write(once));
    // And the same through summary.json, as a re-render would read it.
    PublicationModel back = SummaryJson.read(SummaryJson.write(once));
    assertThat(SummaryJson.write(Suppression.apply(back, 5, 2))).isEqualTo(SummaryJson.write(once));
  }

  @Test
  void thresholdsMustBePositive() {
    assertThatThrownBy(() -> Suppression.apply(PublicationFixtures.model(List.of()), 0, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("k=0");
  }
}
