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

  @Test
  void jevonsChainMatchesTheScript() {
    List<Jevons.Link> links = Jevons.chain(cellPrices(CELLS));
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
    assertThat(links.get(2).nOffers()).isEqualTo(6);
  }

  /** Identity: on a balanced panel the chained index equals the direct Jevons comparison. */
  @Test
  void chainedEqualsDirectOnABalancedPanel() {
    Random r = new Random(11);
    String[] periods = {"2015-01", "2015-02", "2015-03", "2015-04", "2015-05", "2015-06"};
    int cells = 17;
    double[][] g = new double[periods.length][cells];
    List<Jevons.CellPrice> in = new ArrayList<>();
    for (int t = 0; t < periods.length; t++) {
      for (int i = 0; i < cells; i++) {
        g[t][i] = Math.exp(r.nextGaussian() - 1);
        in.add(new Jevons.CellPrice(periods[t], "c" + i, g[t][i], 1));
      }
    }
    List<Jevons.Link> links = Jevons.chain(in);
    for (int t = 0; t < periods.length; t++) {
      double direct = 1;
      for (int i = 0; i < cells; i++) {
        direct *= Math.pow(g[t][i] / g[0][i], 1.0 / cells);
      }
      assertThat(links.get(t).index()).isCloseTo(100 * direct, within(EPS));
    }
  }

  @Test
  void linkWithoutCommonCellsCarriesTheIndexForward() {
    List<Jevons.Link> links =
        Jevons.chain(
            List.of(
                new Jevons.CellPrice("2015-01", "a", 1.0, 3),
                new Jevons.CellPrice("2015-02", "a", 2.0, 1),
                new Jevons.CellPrice("2015-03", "b", 5.0, 1),
                new Jevons.CellPrice("2015-04", "b", 2.5, 2),
                new Jevons.CellPrice("2015-04", "c", 9.0, 2)));
    assertThat(links).extracting(Jevons.Link::index).containsExactly(100.0, 200.0, 200.0, 100.0);
    assertThat(links.get(2).link()).isNull();
    assertThat(links.get(2).note()).isEqualTo(Jevons.NOTE_NO_COMMON);
    assertThat(links.get(2).nCells()).isZero();
    assertThat(links.get(3).cells()).containsExactly("b");
    assertThat(links.get(3).nOffers()).isEqualTo(2);
  }

  @Test
  void hedonicCoefficientsAndSesMatchTheScript() {
    Hedonic.Result res = Hedonic.fit(groups(CELLS), List.of("tier", "freshness"), 0.05);
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
    Hedonic.Point p2 = res.points().get(1);
    assertThat(p2.index()).isCloseTo(128.14130265112993, within(EPS));
    assertThat(p2.se()).isCloseTo(58.45142851349641, within(EPS));
    assertThat(p2.ciLow()).isCloseTo(52.41010822424238, within(EPS));
    assertThat(p2.ciHigh()).isCloseTo(313.30203278483765, within(EPS));
    assertThat(p2.indexKennedy()).isCloseTo(115.48007193445764, within(EPS));
    Hedonic.Point p3 = res.points().get(2);
    assertThat(p3.index()).isCloseTo(160.57939825801853, within(EPS));
    assertThat(p3.se()).isCloseTo(71.18864883041199, within(EPS));
    assertThat(p3.ciLow()).isCloseTo(67.34913629155488, within(EPS));
    assertThat(p3.ciHigh()).isCloseTo(382.86672353570583, within(EPS));
    assertThat(p3.indexKennedy()).isCloseTo(145.55013146349484, within(EPS));
    assertThat(p3.nOffers()).isEqualTo(6);
  }

  /** Identity: with only period dummies, exp(d_t) is the ratio of the periods' geometric means. */
  @Test
  void periodDummiesOnlyGiveTheRatioOfGeometricMeans() {
    Random r = new Random(5);
    String[] periods = {"2015-Q1", "2015-Q2", "2015-Q3", "2015-Q4"};
    List<Hedonic.Group> groups = new ArrayList<>();
    double[] logMean = new double[periods.length];
    for (int t = 0; t < periods.length; t++) {
      int n = 5 + r.nextInt(40);
      double s = 0;
      double s2 = 0;
      for (int i = 0; i < n; i++) {
        double y = Math.log(Math.exp(0.3 * t + r.nextGaussian()));
        s += y;
        s2 += y * y;
      }
      logMean[t] = s / n;
      groups.add(new Hedonic.Group(periods[t], List.of(), n, s, s2));
    }
    Hedonic.Result res = Hedonic.fit(groups, List.of(), 0.05);
    for (int t = 0; t < periods.length; t++) {
      double ratio = Math.exp(logMean[t]) / Math.exp(logMean[0]);
      assertThat(res.points().get(t).index() / 100).isCloseTo(ratio, within(EPS));
    }
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

  static List<Jevons.CellPrice> cellPrices(Object[][] cells) {
    List<Jevons.CellPrice> out = new ArrayList<>();
    for (Object[] c : cells) {
      double[] v = (double[]) c[3];
      double s = 0;
      for (double x : v) {
        s += Math.log(x);
      }
      out.add(
          new Jevons.CellPrice(
              (String) c[0],
              "credit_card|" + c[1] + "|" + c[2] + "|-",
              Math.exp(s / v.length),
              v.length));
    }
    return out;
  }

  static List<Hedonic.Group> groups(Object[][] cells) {
    List<Hedonic.Group> out = new ArrayList<>();
    for (Object[] c : cells) {
      double s = 0;
      double s2 = 0;
      for (double x : (double[]) c[3]) {
        s += Math.log(x);
        s2 += Math.log(x) * Math.log(x);
      }
      out.add(
          new Hedonic.Group(
              (String) c[0],
              List.of((String) c[1], (String) c[2]),
              ((double[]) c[3]).length,
              s,
              s2));
    }
    return out;
  }
}
