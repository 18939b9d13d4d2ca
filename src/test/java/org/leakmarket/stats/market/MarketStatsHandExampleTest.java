package org.leakmarket.stats.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.junit.jupiter.api.Test;

/**
 * The market hand example: every expected number below was printed by the independent
 * standard-library script {@code hand_example.py} next to this class (R type-7 percentiles via
 * {@code statistics.quantiles}, OLS by its own Gauss-Jordan inverse).
 */
class MarketStatsHandExampleTest {
  static final double EPS = 1e-9;

  /** The example's cells: period, tier, freshness, prices (category credit_card, no region). */
  static final Object[][] CELLS = {
    {"2015-01", "standard", "new", new double[] {0.50, 0.45, 0.02, 0.35, 1.20}},
    {"2015-01", "standard", "aged", new double[] {0.30}},
    {"2015-01", "gold", "new", new double[] {2.00, 5.00}},
    {"2015-01", "gold", "aged", new double[] {1.10}},
    {"2015-02", "standard", "new", new double[] {0.55, 0.40}},
    {"2015-02", "gold", "new", new double[] {2.40}},
    {"2015-02", "gold", "aged", new double[] {1.50, 1.70}},
    {"2015-02", "standard", "aged", new double[] {0.28}},
    {"2015-03", "standard", "new", new double[] {0.70, 0.60, 0.65}},
    {"2015-03", "gold", "aged", new double[] {1.30}},
    {"2015-03", "standard", "aged", new double[] {0.40}},
    {"2015-03", "gold", "new", new double[] {2.90}},
  };

  @Test
  void cellSummariesMatchTheScript() {
    double[] v = {0.50, 0.45, 0.02, 0.35, 1.20};
    Arrays.sort(v);
    CellSummary s = CellSummary.of(v);
    assertThat(s.n()).isEqualTo(5);
    assertThat(s.min()).isEqualTo(0.02);
    assertThat(s.p10()).isCloseTo(0.152, within(EPS));
    assertThat(s.p25()).isCloseTo(0.35, within(EPS));
    assertThat(s.median()).isCloseTo(0.45, within(EPS));
    assertThat(s.p75()).isCloseTo(0.5, within(EPS));
    assertThat(s.p90()).isCloseTo(0.9199999999999999, within(EPS));
    assertThat(s.max()).isEqualTo(1.2);
    assertThat(s.mean()).isCloseTo(0.504, within(EPS));
    assertThat(s.geometricMean()).isCloseTo(0.2852938178386769, within(EPS));

    CellSummary g = CellSummary.of(new double[] {1.5, 1.7});
    assertThat(g.p10()).isCloseTo(1.52, within(EPS));
    assertThat(g.p90()).isCloseTo(1.6799999999999997, within(EPS));
    assertThat(g.geometricMean()).isCloseTo(1.5968719422671311, within(EPS));
  }

  /**
   * The script's chain: every cell matched whatever its sellers (rules 1 seller, 1 cell), as the
   * hand example has mostly one offer per cell; the published rules are tested in {@link
   * JevonsTest}.
   */
  @Test
  void jevonsChainMatchesTheScript() {
    List<Jevons.Link> links = Jevons.chain(cellPrices(CELLS), new Jevons.Rules(1, 1, 0.05));
    assertThat(links)
        .extracting(Jevons.Link::period)
        .containsExactly("2015-01", "2015-02", "2015-03");
    assertThat(links.get(0).index()).isEqualTo(100.0);
    assertThat(links.get(0).link()).isNull();
    assertThat(links.get(1).link()).isCloseTo(1.1402789331787013, within(EPS));
    assertThat(links.get(1).index()).isCloseTo(114.02789331787014, within(EPS));
    assertThat(links.get(2).link()).isCloseTo(1.1807316732292208, within(EPS));
    assertThat(links.get(2).index()).isCloseTo(134.63634527201188, within(EPS));
    assertThat(links.get(2).nCells()).isEqualTo(4);
    assertThat(links.get(2).cells())
        .containsExactly(
            "credit_card|gold|aged|-",
            "credit_card|gold|new|-",
            "credit_card|standard|aged|-",
            "credit_card|standard|new|-");
    assertThat(links.get(2).nQuotes()).isEqualTo(6);
    // under the published rules (2 sellers in both periods, 3 cells a link) the hand example's
    // links match one cell (standard/new) into 2015-02 and one into 2015-03: both break
    List<Jevons.Link> strict = Jevons.chain(cellPrices(CELLS), Jevons.Rules.DEFAULT);
    assertThat(strict)
        .extracting(Jevons.Link::note)
        .containsExactly(Jevons.NOTE_BASE, Jevons.NOTE_BREAK, Jevons.NOTE_BREAK);
    assertThat(strict.get(1).cells()).containsExactly("credit_card|standard|new|-");
    assertThat(strict).extracting(Jevons.Link::segment).containsExactly(1, 2, 3);
  }

  /**
   * The script's hedonic coefficients (tier and freshness controls, unit weights): identical
   * coefficients and classical standard errors, and the index 100·exp(δ).
   */
  @Test
  void hedonicCoefficientsAndSesMatchTheScript() {
    Hedonic.Result res = Hedonic.fit(observations(CELLS), List.of("tier", "freshness"), 0.05);
    assertThat(res.names())
        .containsExactly(
            "intercept", "period=2015-02", "period=2015-03", "tier=standard", "freshness=new");
    double[] b = res.fit().beta();
    double[] se = res.fit().se();
    assertThat(b[0]).isCloseTo(0.2223967974774388, within(EPS));
    assertThat(se[0]).isCloseTo(0.4549538108894147, within(EPS));
    assertThat(b[1]).isCloseTo(0.247963396014174, within(EPS));
    assertThat(se[1]).isCloseTo(0.45614823093091905, within(EPS));
    assertThat(b[2]).isCloseTo(0.473618327458016, within(EPS));
    assertThat(se[2]).isCloseTo(0.44332367416165225, within(EPS));
    assertThat(b[3]).isCloseTo(-1.7824552779571499, within(EPS));
    assertThat(se[3]).isCloseTo(0.3933796133377128, within(EPS));
    assertThat(b[4]).isCloseTo(0.5165577870011144, within(EPS));
    assertThat(se[4]).isCloseTo(0.41281733871731974, within(EPS));
    assertThat(res.fit().sigma2()).isCloseTo(0.6999550280311769, within(EPS));
    assertThat(res.fit().df()).isEqualTo(16);

    Hedonic.Point base = res.points().get(0);
    assertThat(base.index()).isEqualTo(100.0);
    assertThat(base.se()).isZero();
    assertThat(res.points().get(1).index()).isCloseTo(128.14130265112993, within(EPS));
    assertThat(res.points().get(2).index()).isCloseTo(160.57939825801853, within(EPS));
    assertThat(res.points().get(2).nObs()).isEqualTo(6);
    assertThat(res.n()).isEqualTo(21);
    assertThat(res.clusters()).isEqualTo(21);
  }

  /** Grouped sufficient statistics give the row-level OLS of commons-math3, SEs included. */
  @Test
  void groupedOlsEqualsRowLevelOls() {
    List<double[]> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    GroupedOls g = new GroupedOls(3);
    Random r = new Random(3);
    for (int i = 0; i < 40; i++) {
      double[] x = {1, i % 2, (i / 2) % 3 == 0 ? 1 : 0};
      double y = 0.5 + 0.2 * x[1] - 0.7 * x[2] + r.nextGaussian() * 0.3;
      xs.add(x);
      ys.add(y);
      g.add(x, 1, y, y * y);
    }
    OLSMultipleLinearRegression ref = new OLSMultipleLinearRegression();
    ref.setNoIntercept(true);
    ref.newSampleData(
        ys.stream().mapToDouble(Double::doubleValue).toArray(), xs.toArray(new double[0][]));
    double[] rb = ref.estimateRegressionParameters();
    double[] rse = ref.estimateRegressionParametersStandardErrors();
    GroupedOls.Fit fit = g.fit();
    for (int j = 0; j < 3; j++) {
      assertThat(fit.beta()[j]).isCloseTo(rb[j], within(EPS));
      assertThat(fit.se()[j]).isCloseTo(rse[j], within(EPS));
    }
  }

  @Test
  void aliasedColumnIsDroppedNotFatal() {
    GroupedOls g = new GroupedOls(3);
    // column 2 duplicates column 1: aliased, NaN coefficient, the rest estimable
    g.add(new double[] {1, 0, 0}, 3, 3.0, 3.5);
    g.add(new double[] {1, 1, 1}, 4, 8.0, 16.5);
    GroupedOls.Fit fit = g.fit();
    assertThat(fit.aliased()).containsExactly(false, false, true);
    assertThat(fit.beta()[0]).isCloseTo(1.0, within(EPS));
    assertThat(fit.beta()[1]).isCloseTo(1.0, within(EPS));
    assertThat(fit.beta()[2]).isNaN();
    assertThat(fit.df()).isEqualTo(5);
  }

  /** The example's cells as Jevons cell-periods, one seller per offer, no replicates. */
  static List<Jevons.CellPeriod> cellPrices(Object[][] cells) {
    List<Jevons.CellPeriod> out = new ArrayList<>();
    for (Object[] c : cells) {
      double[] v = (double[]) c[3];
      double s = 0;
      for (double x : v) {
        s += Math.log(x);
      }
      out.add(
          new Jevons.CellPeriod(
              (String) c[0],
              "credit_card|" + c[1] + "|" + c[2] + "|-",
              s / v.length,
              v.length,
              v.length,
              new double[0]));
    }
    return out;
  }

  /** The example's offers as hedonic observations: unit weight, each offer its own seller. */
  static List<Hedonic.Obs> observations(Object[][] cells) {
    List<Hedonic.Obs> out = new ArrayList<>();
    int i = 0;
    for (Object[] c : cells) {
      for (double x : (double[]) c[3]) {
        out.add(
            new Hedonic.Obs(
                String.format("o%02d", i++),
                (String) c[0],
                List.of((String) c[1], (String) c[2]),
                1.0,
                Math.log(x),
                null));
      }
    }
    return out;
  }
}
