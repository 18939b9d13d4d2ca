package org.leakmarket.stats.valuation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValueSimulationTest {

  private static double[] ranks(int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i + 1; // x(i) = i: the interval's limits read as order-statistic indices
    }
    return x;
  }

  /**
   * One cell: the simulated interval is the published order-statistic interval (x(r), x(n−r+1)), r
   * the largest with P(Bin(n, ½) ≤ r − 1) ≤ 0.025 (binomial tables, computed with scipy's
   * binom.cdf): n = 6, 7, 8 → r = 1; 9, 10, 11 → 2; 12 → 3; 20 → 6; 50 → 18.
   */
  @ParameterizedTest
  @CsvSource({
    "6,1,6",
    "7,1,7",
    "8,1,8",
    "9,2,8",
    "10,2,9",
    "11,2,10",
    "12,3,10",
    "20,6,15",
    "50,18,33"
  })
  void oneCellReproducesTheOrderStatisticInterval(int n, int low, int high) {
    ValueSimulation.Group g = new ValueSimulation.Group("g", 1, null, "cell", ranks(n));
    ValueSimulation.Interval i = ValueSimulation.run(List.of(g), 20150112L, 20000).total();
    assertThat(i.low()).isEqualTo(low);
    assertThat(i.high()).isEqualTo(high);
    assertThat(i.value()).isEqualTo(Quotes.median(ranks(n)));
  }

  /**
   * Two groups priced from one cell move together (the same draw), groups of two cells do not: the
   * total of two independent cells is narrower than the sum of their bounds, and lies within it.
   */
  @Test
  void drawsAreSharedWithinACellAndTheTotalIsNotASumOfBounds() {
    double[] a = ranks(9);
    double[] b = ranks(9);
    ValueSimulation.Result shared =
        ValueSimulation.run(
            List.of(
                new ValueSimulation.Group("a1", 100, null, "A", a),
                new ValueSimulation.Group("a2", 100, null, "A", a)),
            7L,
            4000);
    // the same cell twice is one cell of 200 records: (x(2), x(8)) × 200
    assertThat(shared.total().low()).isEqualTo(400);
    assertThat(shared.total().high()).isEqualTo(1600);
    ValueSimulation.Result two =
        ValueSimulation.run(
            List.of(
                new ValueSimulation.Group("a", 100, null, "A", a),
                new ValueSimulation.Group("b", 100, null, "B", b)),
            7L,
            4000);
    double sumLow = two.groups().get("a").low() + two.groups().get("b").low();
    double sumHigh = two.groups().get("a").high() + two.groups().get("b").high();
    assertThat(sumLow).isEqualTo(400);
    assertThat(sumHigh).isEqualTo(1600);
    assertThat(two.total().low()).isGreaterThan(sumLow);
    assertThat(two.total().high()).isLessThan(sumHigh);
    assertThat(two.total().value()).isEqualTo(1000);
  }

  @Test
  void anOwnPriceIsFixedAndTheSameSeedGivesTheSameNumbersInAnyOrder() {
    double[] q = {0.2, 0.25, 0.3, 0.31, 0.4, 0.5, 0.6};
    ValueSimulation.Group own = new ValueSimulation.Group("own", 150, 0.6, null, null);
    ValueSimulation.Group cell = new ValueSimulation.Group("cell", 80, null, "K", q);
    ValueSimulation.Result r1 = ValueSimulation.run(List.of(own, cell), 11L);
    ValueSimulation.Result r2 = ValueSimulation.run(List.of(cell, own), 11L);
    assertThat(r1.groups().get("own")).isEqualTo(new ValueSimulation.Interval(90, 90, 90));
    assertThat(r1.total()).isEqualTo(r2.total());
    assertThat(r1.total().value()).isCloseTo(90 + 80 * 0.31, within(1e-12));
    // a group's own interval is the same alone as in the joint run
    assertThat(ValueSimulation.run(List.of(cell), 11L).groups().get("cell"))
        .isEqualTo(r1.groups().get("cell"));
  }

  /**
   * Coverage of the total's 95% interval, seeded: three cells of n = 6, 9 and 20 quotes from
   * log-normal prices (σ = 0.8) with one outlying seller each (a quote ×50, as a misfiled card
   * price), 150, 80 and 40 persons, and one group at a fixed own price. The true total uses the
   * true medians. 1000 data sets, R = 1000 each.
   */
  @Test
  void theTotalsIntervalCoversTheTrueValue() {
    SplittableRandom rng = new SplittableRandom(20150301L);
    int[] n = {6, 9, 20};
    double[] mu = {Math.log(0.5), Math.log(0.35), Math.log(5.0)};
    long[] persons = {150, 80, 40};
    double truth = 60 * 0.45;
    for (int c = 0; c < 3; c++) {
      truth += persons[c] * Math.exp(mu[c]);
    }
    int sets = 1000;
    int covered = 0;
    for (int s = 0; s < sets; s++) {
      List<ValueSimulation.Group> groups = new ArrayList<>();
      groups.add(new ValueSimulation.Group("own", 60, 0.45, null, null));
      for (int c = 0; c < 3; c++) {
        double[] q = new double[n[c]];
        for (int i = 0; i < n[c]; i++) {
          q[i] = Math.exp(mu[c] + 0.8 * gaussian(rng));
        }
        q[0] *= 50; // the outlier seller
        Arrays.sort(q);
        groups.add(new ValueSimulation.Group("g" + c, persons[c], null, "c" + c, q));
      }
      ValueSimulation.Interval t = ValueSimulation.run(groups, s, 1000).total();
      covered += t.low() <= truth && truth <= t.high() ? 1 : 0;
    }
    double coverage = (double) covered / sets;
    System.out.printf(
        "value-at-market interval coverage: %.3f over %d data sets%n", coverage, sets);
    assertThat(coverage).isGreaterThanOrEqualTo(0.95);
  }

  private static double gaussian(SplittableRandom rng) {
    // Box–Muller: SplittableRandom has no nextGaussian on Java 17
    double u = 1 - rng.nextDouble();
    double v = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
