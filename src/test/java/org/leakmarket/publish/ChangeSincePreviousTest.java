package org.leakmarket.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.leakmarket.publish.PublicationModel.Change;
import org.leakmarket.publish.PublicationModel.HedonicPoint;
import org.leakmarket.publish.PublicationModel.IndexPoint;
import org.leakmarket.publish.PublicationModel.Link;
import org.leakmarket.publish.PublicationModel.Market;

/**
 * The change since the previous period: an index's change carries its link's own interval when the
 * link is from that previous period, a Jevons change across a chain break is left out, and the
 * sentence says when the interval holds no change.
 */
class ChangeSincePreviousTest {

  private static PublicationModel withMarket(Market market) {
    return with(market, List.of());
  }

  /** The fixture's model with this market and these changes. */
  private static PublicationModel with(Market market, List<Change> changes) {
    return PublicationFixtures.with(PublicationFixtures.model(List.of()), market, changes);
  }

  private static HedonicPoint hed(String period, double index, Link link) {
    return new HedonicPoint(
        period, index, index, 0.1, index * 0.8, index * 1.2, 100L, 20L, 0.9, false, link);
  }

  private static IndexPoint jev(String period, double index, int segment, String note, Link link) {
    return new IndexPoint(period, index, null, null, 3, segment, note, false, link);
  }

  @Test
  void anIndexChangeCarriesItsLinksIntervalInPerCent() {
    Market market =
        new Market(
            List.of(),
            List.of(
                jev("2015-01", 100, 1, "base", null),
                jev("2015-02", 110, 1, "chained", new Link("2015-01", 1.1, 1.0, 1.2)),
                jev("2015-03", 99, 1, "chained", new Link("2015-02", 0.9, 0.85, 0.95))),
            List.of(
                hed("2015-01", 100, null),
                hed("2015-02", 110, new Link("2015-01", 1.1, 0.97, 1.25)),
                hed("2015-03", 132, new Link("2015-02", 1.2, 0.9, 1.6))),
            "seller");
    List<Change> ch = ChangeSincePrevious.compute(withMarket(market));
    Change h = ch.get(0);
    assertThat(h.figure()).isEqualTo(FigureNames.HEDONIC);
    assertThat(h.changePct()).isCloseTo(20.0, within(1e-9)); // 110 -> 132
    assertThat(h.ciLowPct()).isCloseTo(-10.0, within(1e-9));
    assertThat(h.ciHighPct()).isCloseTo(60.0, within(1e-9));
    assertThat(h.clear()).isFalse();
    Change j = ch.get(1);
    assertThat(j.figure()).isEqualTo(FigureNames.JEVONS);
    assertThat(j.changePct()).isCloseTo(-10.0, within(1e-9)); // 110 -> 99
    assertThat(j.ciLowPct()).isCloseTo(-15.0, within(1e-9));
    assertThat(j.ciHighPct()).isCloseTo(-5.0, within(1e-9));
    assertThat(j.clear()).isTrue();
    assertThat(PublishedTables.changeInterval(h)).isEqualTo("−10.0% to +60.0%");
    PublicationModel withChanges = with(market, ch);
    assertThat(new PublicationView(withChanges, 5, 2).changeText())
        .isEqualTo(
            "From 2015-02 to 2015-03 the hedonic index moved +20.0% (110.0 to 132.0; 95% CI of"
                + " the change −10.0% to +60.0%, so the change is within sampling error: the data"
                + " do not show that prices moved).");
  }

  @Test
  void aLinkFromAnotherPeriodGivesNoIntervalAndABreakGivesNoJevonsChange() {
    Market market =
        new Market(
            List.of(),
            List.of(
                jev("2015-01", 100, 1, "base", null),
                jev("2015-02", 120, 1, "chained", new Link("2015-01", 1.2, 1.0, 1.4)),
                jev("2015-03", 100, 2, "chain_break", null)),
            List.of(
                hed("2015-02", 110, null),
                // the link is from a period not published here: its interval is not this change's
                hed("2015-03", 121, new Link("2015-02b", 1.1, 0.9, 1.3))),
            "seller");
    List<Change> ch = ChangeSincePrevious.compute(withMarket(market));
    assertThat(ch).extracting(Change::figure).containsExactly(FigureNames.HEDONIC);
    assertThat(ch.get(0).changePct()).isCloseTo(10.0, within(1e-9));
    assertThat(ch.get(0).ciLowPct()).isNull();
    assertThat(PublishedTables.changeInterval(ch.get(0))).isEqualTo("no interval");
  }
}
