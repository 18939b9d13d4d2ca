package org.leakmarket.stats.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Jevons matched-cell rules, chain breaks, the identity chained = direct, the interval. */
class JevonsTest {
  static final double EPS = 1e-9;

  static Jevons.CellPeriod cell(String period, String key, double g, int sellers) {
    return new Jevons.CellPeriod(period, key, Math.log(g), sellers, sellers, new double[0]);
  }

  /** Identity: on a balanced panel the chained index equals the direct Jevons comparison. */
  @Test
  void chainedEqualsDirectOnABalancedPanel() {
    Random r = new Random(11);
    String[] periods = {"2015-01", "2015-02", "2015-03", "2015-04", "2015-05", "2015-06"};
    int cells = 17;
    double[][] g = new double[periods.length][cells];
    List<Jevons.CellPeriod> in = new ArrayList<>();
    for (int t = 0; t < periods.length; t++) {
      for (int i = 0; i < cells; i++) {
        g[t][i] = Math.exp(r.nextGaussian() - 1);
        in.add(cell(periods[t], "c" + i, g[t][i], 2 + r.nextInt(5)));
      }
    }
    List<Jevons.Link> links = Jevons.chain(in, Jevons.Rules.DEFAULT);
    for (int t = 0; t < periods.length; t++) {
      double direct = 1;
      for (int i = 0; i < cells; i++) {
        direct *= Math.pow(g[t][i] / g[0][i], 1.0 / cells);
      }
      assertThat(links.get(t).index()).isCloseTo(100 * direct, within(EPS));
      assertThat(links.get(t).segment()).isEqualTo(1);
    }
    assertThat(links.get(5).nCells()).isEqualTo(17);
  }

  /**
   * Hand example: cells a, b, c doubling from January to February (link 2, index 200); in March
   * only a and b have two sellers in both months (c has one seller in March, d is new): 2 matched
   * cells, the chain breaks and restarts at 100; April matches a, b and d (a and b flat, d ×8 from
   * March: link (1·1·8)^(1/3) = 2, index 200 in the new segment).
   */
  @Test
  void aLinkWithFewerThanThreeMatchedCellsBreaksTheChain() {
    List<Jevons.CellPeriod> in =
        List.of(
            cell("2015-01", "a", 1, 2),
            cell("2015-01", "b", 2, 3),
            cell("2015-01", "c", 4, 2),
            cell("2015-02", "a", 2, 2),
            cell("2015-02", "b", 4, 2),
            cell("2015-02", "c", 8, 2),
            cell("2015-03", "a", 2, 2),
            cell("2015-03", "b", 4, 2),
            cell("2015-03", "c", 1, 1),
            cell("2015-03", "d", 1, 2),
            cell("2015-04", "a", 2, 3),
            cell("2015-04", "b", 4, 2),
            cell("2015-04", "d", 8, 2));
    List<Jevons.Link> links = Jevons.chain(in, Jevons.Rules.DEFAULT);
    assertThat(links).extracting(Jevons.Link::index).containsExactly(100.0, 200.0, 100.0, 200.0);
    assertThat(links)
        .extracting(Jevons.Link::note)
        .containsExactly(
            Jevons.NOTE_BASE, Jevons.NOTE_CHAINED, Jevons.NOTE_BREAK, Jevons.NOTE_CHAINED);
    assertThat(links).extracting(Jevons.Link::segment).containsExactly(1, 1, 2, 2);
    assertThat(links.get(2).nCells()).isEqualTo(2);
    assertThat(links.get(2).cells()).containsExactly("a", "b");
    assertThat(links.get(2).link()).isNull();
    assertThat(links.get(3).link()).isCloseTo(2.0, within(EPS));
    assertThat(links.get(3).nQuotes()).isEqualTo(7);
  }

  @Test
  void aPeriodWithNoMatchableCellStillGetsItsRow() {
    List<Jevons.CellPeriod> in =
        List.of(cell("2015-01", "a", 1, 2), cell("2015-01", "b", 1, 2), cell("2015-01", "c", 1, 2));
    List<Jevons.Link> links = Jevons.chain(in, List.of("2015-01", "2015-02"), Jevons.Rules.DEFAULT);
    assertThat(links).extracting(Jevons.Link::period).containsExactly("2015-01", "2015-02");
    assertThat(links.get(1).note()).isEqualTo(Jevons.NOTE_BREAK);
    assertThat(links.get(1).nCells()).isZero();
  }

  /**
   * The interval is the type-7 2.5% and 97.5% percentile of the replicate indices chained over the
   * same matched cells: with three cells whose replicate relatives are all equal, replicate b's
   * index is 100·exp(δ_b), so the bounds are 100·exp of the percentiles of δ.
   */
  @Test
  void intervalIsThePercentileOfTheReplicateChains() {
    int b = 41;
    double[] zero = new double[b];
    List<Jevons.CellPeriod> in = new ArrayList<>();
    double[] deltas = new double[b];
    for (int r = 0; r < b; r++) {
      deltas[r] = 0.1 + 0.01 * (r - 20); // 0.1 -+ 0.2 in steps of 0.01
    }
    for (String key : List.of("a", "b", "c")) {
      in.add(new Jevons.CellPeriod("2015-01", key, 0, 2, 2, zero));
      in.add(new Jevons.CellPeriod("2015-02", key, 0.1, 2, 2, deltas));
    }
    Jevons.Link l = Jevons.chain(in, Jevons.Rules.DEFAULT).get(1);
    assertThat(l.index()).isCloseTo(100 * Math.exp(0.1), within(EPS));
    // type 7 over 41 sorted values: 2.5% at h = 1.0 (the 2nd), 97.5% at h = 39 (the 40th)
    assertThat(l.ciLow()).isCloseTo(100 * Math.exp(0.1 - 0.19), within(EPS));
    assertThat(l.ciHigh()).isCloseTo(100 * Math.exp(0.1 + 0.19), within(EPS));
  }

  /**
   * The link into a period has its own interval, the percentiles of the replicate links, which is
   * not the ratio of the two index intervals: three periods, replicate relatives 0.1 + 0.01(r − 20)
   * into the second and 0.05 + 0.005(20 − r) into the third (running the other way), so the third
   * index's replicates are 0.15 + 0.005(r − 20) while its link's are 0.05 ∓ 0.005(r − 20).
   */
  @Test
  void theLinkHasThePercentileIntervalOfTheReplicateLinks() {
    int b = 41;
    double[] zero = new double[b];
    double[] second = new double[b];
    double[] third = new double[b];
    for (int r = 0; r < b; r++) {
      second[r] = 0.1 + 0.01 * (r - 20);
      third[r] = second[r] + 0.05 + 0.005 * (20 - r);
    }
    List<Jevons.CellPeriod> in = new ArrayList<>();
    for (String key : List.of("a", "b", "c")) {
      in.add(new Jevons.CellPeriod("2015-01", key, 0, 2, 2, zero));
      in.add(new Jevons.CellPeriod("2015-02", key, 0.1, 2, 2, second));
      in.add(new Jevons.CellPeriod("2015-03", key, 0.15, 2, 2, third));
    }
    List<Jevons.Link> links = Jevons.chain(in, Jevons.Rules.DEFAULT);
    assertThat(links.get(0).from()).isNull();
    assertThat(links.get(0).linkLow()).isNull();
    Jevons.Link l = links.get(2);
    assertThat(l.from()).isEqualTo("2015-02");
    assertThat(l.link()).isCloseTo(Math.exp(0.05), within(EPS));
    // type 7 over 41 values: the 2nd and the 40th
    assertThat(l.linkLow()).isCloseTo(Math.exp(0.05 - 0.095), within(EPS));
    assertThat(l.linkHigh()).isCloseTo(Math.exp(0.05 + 0.095), within(EPS));
    assertThat(l.ciLow()).isCloseTo(100 * Math.exp(0.15 - 0.095), within(EPS));
    assertThat(l.ciHigh()).isCloseTo(100 * Math.exp(0.15 + 0.095), within(EPS));
    // a break has no link
    List<Jevons.CellPeriod> few = List.of(in.get(0), in.get(1));
    Jevons.Link broken = Jevons.chain(few, Jevons.Rules.DEFAULT).get(1);
    assertThat(broken.note()).isEqualTo(Jevons.NOTE_BREAK);
    assertThat(broken.from()).isNull();
    assertThat(broken.linkLow()).isNull();
  }

  /**
   * The seller bootstrap: deterministic for one (seed, key), different for another key, and
   * resampling sellers of one quote each gives replicate means spread like the sample mean's
   * standard error s/√n (s with divisor n − 1: drawing n − 1 of n sellers removes the plug-in
   * bootstrap's (n−1)/n shrinkage).
   */
  @Test
  void sellerBootstrapIsDeterministicAndHasTheRightSpread() {
    Random rnd = new Random(3);
    List<IndependentQuotes.SellerQuotes> sellers = new ArrayList<>();
    double sum = 0;
    double sum2 = 0;
    for (int i = 0; i < 30; i++) {
      double y = rnd.nextGaussian();
      sum += y;
      sum2 += y * y;
      sellers.add(
          new IndependentQuotes.SellerQuotes(
              String.format("s%02d", i), new double[] {Math.exp(y)}));
    }
    double[] a = SellerBootstrap.logGeometricMeans(sellers, 2000, 7L, "cell@2015-01");
    double[] again = SellerBootstrap.logGeometricMeans(sellers, 2000, 7L, "cell@2015-01");
    double[] other = SellerBootstrap.logGeometricMeans(sellers, 2000, 7L, "cell@2015-02");
    assertThat(again).containsExactly(a);
    assertThat(other).isNotEqualTo(a);
    double m = 0;
    for (double x : a) {
      m += x;
    }
    m /= a.length;
    double v = 0;
    for (double x : a) {
      v += (x - m) * (x - m);
    }
    double sd = Math.sqrt(v / (a.length - 1));
    double n = 30;
    double sampleVar = (sum2 - sum * sum / n) / (n - 1);
    double expected = Math.sqrt(sampleVar / n);
    assertThat(m).isCloseTo(sum / n, within(0.02));
    assertThat(sd).isCloseTo(expected, within(0.05 * expected));
  }

  /**
   * A cell of two sellers: each replicate draws one seller (g − 1), so every replicate is one
   * seller's log price, never their mean (which a draw of two would give half the time); the
   * replicates' variance is then (y1 − y2)²/4 = s²/2, the mean's sampling variance.
   */
  @Test
  void aCellOfTwoSellersResamplesOneSellerPerReplicate() {
    List<IndependentQuotes.SellerQuotes> two =
        List.of(
            new IndependentQuotes.SellerQuotes("a", new double[] {Math.exp(1.0)}),
            new IndependentQuotes.SellerQuotes("b", new double[] {Math.exp(2.0)}));
    double[] reps = SellerBootstrap.logGeometricMeans(two, 400, 7L, "cell@2015-01");
    long ones = java.util.Arrays.stream(reps).filter(x -> Math.abs(x - 1.0) < 1e-12).count();
    long twos = java.util.Arrays.stream(reps).filter(x -> Math.abs(x - 2.0) < 1e-12).count();
    assertThat(ones + twos).isEqualTo(400);
    assertThat(ones).isBetween(150L, 250L);
  }
}
