package org.leakmarket.stats.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The hedonic index: the geometric-mean identity, seller-clustered CR1 standard errors against a
 * hand computation, and a composition shift that moves an uncontrolled index but not the controlled
 * one.
 */
class HedonicTest {
  static final double EPS = 1e-9;

  /**
   * Identity: with only period dummies, exp(δ_t) is the ratio of the periods' (weighted) geometric
   * means, computed here directly from the data.
   */
  @Test
  void periodDummiesOnlyGiveTheRatioOfGeometricMeans() {
    Random r = new Random(5);
    String[] periods = {"2015-Q1", "2015-Q2", "2015-Q3", "2015-Q4"};
    List<Hedonic.Obs> obs = new ArrayList<>();
    double[] sw = new double[periods.length];
    double[] swy = new double[periods.length];
    for (int t = 0; t < periods.length; t++) {
      int n = 5 + r.nextInt(40);
      for (int i = 0; i < n; i++) {
        double y = 0.3 * t + r.nextGaussian();
        double w = 1.0 / (1 + r.nextInt(3)); // a seller's share of its cell
        obs.add(new Hedonic.Obs("s" + r.nextInt(12), periods[t], List.of(), w, y, null));
        sw[t] += w;
        swy[t] += w * y;
      }
    }
    Hedonic.Result res = Hedonic.fit(obs, List.of(), 0.05);
    for (int t = 0; t < periods.length; t++) {
      double ratio = Math.exp(swy[t] / sw[t]) / Math.exp(swy[0] / sw[0]);
      assertThat(res.points().get(t).index() / 100).isCloseTo(ratio, within(EPS));
    }
  }

  /**
   * CR1 standard errors against {@code hedonic_cr1.py} beside this class (plain-Python WLS with a
   * Gauss-Jordan inverse and the sandwich written out; checked once against numpy's lstsq): 12
   * offers of 4 sellers, two periods, two products, balances on three offers, seller weights 1/2
   * where a seller posts twice in one cell and period.
   */
  @Test
  void clusteredStandardErrorsMatchTheHandComputation() {
    List<Hedonic.Obs> obs =
        List.of(
            o("s1", "2015-01", "personal_records", 0.10, 0.5, null),
            o("s1", "2015-01", "personal_records", 0.30, 0.5, null),
            o("s1", "2015-02", "personal_records", 0.45, 1.0, null),
            o("s2", "2015-01", "card_credentials", 2.20, 1.0, 6.9),
            o("s2", "2015-02", "card_credentials", 2.50, 1.0, 7.6),
            o("s2", "2015-02", "personal_records", 0.35, 1.0, null),
            o("s3", "2015-01", "personal_records", 0.05, 1.0, null),
            o("s3", "2015-02", "card_credentials", 2.10, 1.0, null),
            o("s4", "2015-01", "card_credentials", 2.00, 1.0, null),
            o("s4", "2015-02", "personal_records", 0.60, 1.0, null),
            o("s4", "2015-02", "card_credentials", 2.70, 0.5, 8.0),
            o("s4", "2015-02", "card_credentials", 2.40, 0.5, 7.2));
    Hedonic.Result res = Hedonic.fit(obs, List.of("product"), 0.05);
    assertThat(res.names())
        .containsExactly(
            "intercept",
            "period=2015-02",
            "product=personal_records",
            Hedonic.HAS_BALANCE,
            Hedonic.LN_BALANCE);
    double[] expectedBeta = {
      1.9265881513204786,
      0.24682369735903364,
      -1.7446823697358966,
      -1.1349214846537734,
      0.1982512491077557
    };
    double[] expectedSe = {
      0.08769454335402169,
      0.047014928649193946,
      0.025745167095160535,
      0.8283899521571241,
      0.10457800754819135
    };
    for (int j = 0; j < expectedBeta.length; j++) {
      assertThat(res.fit().beta()[j]).as("beta %d", j).isCloseTo(expectedBeta[j], within(EPS));
      assertThat(Math.sqrt(res.covariance()[j][j]))
          .as("CR1 se %d", j)
          .isCloseTo(expectedSe[j], within(EPS));
    }
    assertThat(res.r2()).isCloseTo(0.9915654127189614, within(EPS));
    assertThat(res.n()).isEqualTo(12);
    assertThat(res.clusters()).isEqualTo(4);
    Hedonic.Point feb = res.points().get(1);
    assertThat(feb.index()).isCloseTo(100 * Math.exp(0.24682369735903364), within(EPS));
    // delta-method se of the index and the t interval on G - 1 = 3 degrees of freedom
    double t3 = 3.182446305284263; // Student t, 97.5%, 3 df (tables: 3.182)
    assertThat(feb.se()).isCloseTo(feb.index() * 0.047014928649193946, within(EPS));
    assertThat(feb.ciLow())
        .isCloseTo(100 * Math.exp(0.24682369735903364 - t3 * 0.047014928649193946), within(1e-6));
    assertThat(feb.ciHigh())
        .isCloseTo(100 * Math.exp(0.24682369735903364 + t3 * 0.047014928649193946), within(1e-6));
    assertThat(feb.indexKennedy())
        .isCloseTo(
            100 * Math.exp(0.24682369735903364 - 0.5 * 0.047014928649193946 * 0.047014928649193946),
            within(EPS));
  }

  static Hedonic.Obs o(String s, String p, String product, double y, double w, Double b) {
    return new Hedonic.Obs(s, p, List.of(product), w, y, b);
  }

  /**
   * Composition shift: customer records at about 0.3 CNY and card credentials at about 100 CNY,
   * both flat (true index 100 throughout); English adverts 20% dearer. Over six months the
   * card-credential share rises from 5% to 45% and the English share from 3% to 30%. The index
   * controlled for product and language stays near 100 and its 95% CI covers 100 in the last month;
   * the uncontrolled index (period dummies only) reads the shift as inflation.
   */
  @Test
  void compositionShiftMovesOnlyTheUncontrolledIndex() {
    Random r = new Random(2015);
    int months = 6;
    List<Hedonic.Obs> obs = new ArrayList<>();
    double[] sellerEffect = new double[60];
    for (int s = 0; s < sellerEffect.length; s++) {
      sellerEffect[s] = 0.3 * r.nextGaussian();
    }
    for (int t = 0; t < months; t++) {
      double cardShare = 0.05 + 0.08 * t;
      double englishShare = 0.03 + 0.054 * t;
      for (int i = 0; i < 150; i++) {
        boolean card = r.nextDouble() < cardShare;
        boolean english = r.nextDouble() < englishShare;
        // sellers 0-29 sell customer records, 30-59 card credentials
        int seller = (card ? 30 : 0) + r.nextInt(30);
        double y =
            (card ? Math.log(100) : Math.log(0.3))
                + (english ? Math.log(1.2) : 0)
                + sellerEffect[seller]
                + 0.25 * r.nextGaussian();
        obs.add(
            new Hedonic.Obs(
                "s" + seller,
                String.format("2015-%02d", t + 1),
                List.of(card ? "card_credentials" : "personal_records", english ? "en" : "zh"),
                1.0,
                y,
                null));
      }
    }
    Hedonic.Result controlled = Hedonic.fit(obs, List.of("product", "language"), 0.05);
    List<Hedonic.Obs> bare = new ArrayList<>();
    for (Hedonic.Obs o : obs) {
      bare.add(new Hedonic.Obs(o.cluster(), o.period(), List.of(), 1, o.lnPrice(), null));
    }
    Hedonic.Result uncontrolled = Hedonic.fit(bare, List.of(), 0.05);
    double truth = 100; // prices are flat
    Hedonic.Point last = controlled.points().get(months - 1);
    assertThat(last.ciLow()).isLessThanOrEqualTo(truth);
    assertThat(last.ciHigh()).isGreaterThanOrEqualTo(truth);
    for (Hedonic.Point p : controlled.points()) {
      assertThat(p.index()).as(p.period()).isBetween(92.0, 108.0);
    }
    // the card share went from 5% to 45%: the uncontrolled index multiplies many times over
    assertThat(uncontrolled.points().get(months - 1).index()).isGreaterThan(1000);
    assertThat(uncontrolled.points().get(months - 1).ciLow()).isGreaterThan(truth);
    assertThat(controlled.clusters()).isEqualTo(60);
    assertThat(controlled.r2()).isGreaterThan(0.9);
  }

  /**
   * The change into a period has the interval of that period's index in the model refitted with the
   * previous period as the base: OLS and CR1 are invariant to the change of basis, so the two ways
   * (the covariance of two coefficients here, one coefficient's variance there) must agree.
   * Controls, balances and seller weights included.
   */
  @Test
  void changeIntervalEqualsTheIndexIntervalRebasedOnThePreviousPeriod() {
    Random r = new Random(11);
    String[] periods = {"2015-01", "2015-02", "2015-03", "2015-04"};
    List<Hedonic.Obs> obs = new ArrayList<>();
    for (int t = 0; t < periods.length; t++) {
      for (int i = 0; i < 25; i++) {
        String product = r.nextBoolean() ? "card_credentials" : "personal_records";
        Double b =
            product.equals("card_credentials") && r.nextBoolean() ? 6 + r.nextDouble() : null;
        double y = 0.1 * t * t + (b == null ? 0 : 0.3 * b) + 0.5 * r.nextGaussian();
        obs.add(o("s" + r.nextInt(9), periods[t], product, y, 1.0 / (1 + r.nextInt(2)), b));
      }
    }
    Hedonic.Result res = Hedonic.fit(obs, List.of("product"), 0.05);
    assertThat(res.points().get(0).from()).isNull();
    assertThat(res.points().get(0).linkLow()).isNaN();
    for (int t = 1; t < periods.length; t++) {
      String from = periods[t - 1];
      List<Hedonic.Obs> rebased = new ArrayList<>();
      for (Hedonic.Obs x : obs) {
        String p = x.period().equals(from) ? "0000-base" : x.period();
        rebased.add(
            new Hedonic.Obs(x.cluster(), p, x.levels(), x.weight(), x.lnPrice(), x.lnBalance()));
      }
      Hedonic.Result other = Hedonic.fit(rebased, List.of("product"), 0.05);
      Hedonic.Point cur = res.points().get(t);
      Hedonic.Point ref =
          other.points().stream()
              .filter(q -> q.period().equals(cur.period()))
              .findFirst()
              .orElseThrow();
      assertThat(cur.from()).isEqualTo(from);
      assertThat(cur.link()).isCloseTo(ref.index() / 100, within(1e-9));
      assertThat(cur.linkLow()).isCloseTo(ref.ciLow() / 100, within(1e-9));
      assertThat(cur.linkHigh()).isCloseTo(ref.ciHigh() / 100, within(1e-9));
      if (t >= 2) { // (from the base, the change is the index itself)
        // and not the naive ratio of the two index intervals' bounds
        assertThat(cur.linkLow())
            .isNotCloseTo(cur.ciLow() / res.points().get(t - 1).ciHigh(), within(1e-3));
      }
    }
  }

  /**
   * Coverage of the change interval, simulated at a size the publication shows (30 sellers, four
   * periods, about 15 offers per period): log prices with a seller effect (so clustering matters),
   * true period effects 0, 0.1, 0.3, 0.2. The interval of the change from period 3 to 4 (true −0.1)
   * must cover at close to 95%; CR1 with Student's t on G − 1 degrees of freedom is known to run a
   * little under nominal with few clusters, hence the band.
   */
  @Test
  void changeIntervalCoversAtAboutNinetyFivePerCent() {
    Random r = new Random(2026);
    double[] delta = {0, 0.1, 0.3, 0.2};
    String[] periods = {"2015-01", "2015-02", "2015-03", "2015-04"};
    int reps = 1000;
    int covered = 0;
    for (int k = 0; k < reps; k++) {
      double[] u = new double[30];
      for (int g = 0; g < u.length; g++) {
        u[g] = 0.4 * r.nextGaussian();
      }
      List<Hedonic.Obs> obs = new ArrayList<>();
      for (int t = 0; t < periods.length; t++) {
        for (int i = 0; i < 15; i++) {
          int g = r.nextInt(u.length);
          double y = delta[t] + u[g] + 0.5 * r.nextGaussian();
          obs.add(new Hedonic.Obs("s" + g, periods[t], List.of(), 1, y, null));
        }
      }
      Hedonic.Point p = Hedonic.fit(obs, List.of(), 0.05).points().get(3);
      double truth = Math.exp(delta[3] - delta[2]);
      if (p.linkLow() <= truth && truth <= p.linkHigh()) {
        covered++;
      }
    }
    assertThat(covered / (double) reps).isBetween(0.925, 0.975);
  }
}
