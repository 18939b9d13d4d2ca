package org.leakmarket.stats.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;

class BootstrapTest {

  /**
   * 1000 simulated cells of n = 30 lognormal(0, 1) prices (true median exactly 1), B = 500: the 95%
   * percentile-bootstrap interval must cover 1 at close to its nominal rate. The percentile
   * bootstrap of a median is known to be slightly liberal or conservative at small n (its interval
   * sits on order statistics), so the band is 0.92..0.98; the Monte Carlo error of a proportion
   * near 0.95 over 1000 cells is about 0.007.
   */
  @Test
  void medianCiCoversTheTrueMedianAtCloseToNominalRate() {
    Random sim = new Random(42);
    int cells = 1000;
    int covered = 0;
    double widthSum = 0;
    for (int c = 0; c < cells; c++) {
      double[] v = new double[30];
      for (int i = 0; i < v.length; i++) {
        v[i] = Math.exp(sim.nextGaussian());
      }
      Arrays.sort(v);
      Bootstrap.Interval ci = Bootstrap.medianCi(v, 500, 0.05, SplitMix64.forKey(7L, "cell-" + c));
      if (ci.low() <= 1.0 && 1.0 <= ci.high()) {
        covered++;
      }
      widthSum += ci.high() - ci.low();
    }
    double coverage = covered / (double) cells;
    System.out.printf(
        "bootstrap median CI coverage: %.3f (n=30, cells=1000, B=500), mean width %.3f%n",
        coverage, widthSum / cells);
    assertThat(coverage).isBetween(0.92, 0.98);
  }

  @Test
  void sameSeedSameIntervalDifferentKeyDifferentDraws() {
    double[] v = {0.1, 0.2, 0.25, 0.3, 0.5, 0.7, 0.8, 1.1, 1.5, 2.0, 3.0};
    Bootstrap.Interval a = Bootstrap.medianCi(v, 1000, 0.05, SplitMix64.forKey(1L, "k"));
    Bootstrap.Interval b = Bootstrap.medianCi(v, 1000, 0.05, SplitMix64.forKey(1L, "k"));
    assertThat(a).isEqualTo(b);
    assertThat(a.method()).isEqualTo(Bootstrap.METHOD_BOOTSTRAP);
    assertThat(a.low()).isLessThanOrEqualTo(Percentiles.median(v));
    assertThat(a.high()).isGreaterThanOrEqualTo(Percentiles.median(v));
    assertThat(SplitMix64.forKey(1L, "k").nextLong())
        .isNotEqualTo(SplitMix64.forKey(1L, "l").nextLong());
    assertThat(SplitMix64.forKey(1L, "k").nextLong())
        .isNotEqualTo(SplitMix64.forKey(2L, "k").nextLong());
  }

  @Test
  void splitMix64MatchesTheReferenceSequence() {
    // reference: SplitMix64 seeded with 0 (Vigna's splitmix64.c) first output
    assertThat(new SplitMix64(0).nextLong()).isEqualTo(0xe220a8397b1dcdafL);
  }

  @Test
  void replicateMediansComeFromTheSample() {
    // with n = 1 every replicate is the value; with n = 2 a replicate median is a, (a+b)/2 or b
    assertThat(Bootstrap.medianCi(new double[] {4}, 50, 0.05, 3L))
        .isEqualTo(new Bootstrap.Interval(4, 4, Bootstrap.METHOD_BOOTSTRAP));
    Bootstrap.Interval two = Bootstrap.medianCi(new double[] {1, 3}, 2000, 0.05, 3L);
    assertThat(two.low()).isEqualTo(1.0);
    assertThat(two.high()).isEqualTo(3.0);
  }

  /** Huge cells switch to order statistics; the ranks are checked against the exact binomial. */
  @Test
  void hugeCellsUseTheOrderStatisticInterval() {
    int n = Bootstrap.MAX_BOOTSTRAP_N + 1;
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = i + 1; // value = 1-based rank
    }
    Bootstrap.Interval ci = Bootstrap.medianCi(v, 1000, 0.05, 1L);
    assertThat(ci.method()).isEqualTo(Bootstrap.METHOD_ORDER_STATISTIC);
    // coverage of [x_(j), x_(k)] for the median is P(j <= B < k), B ~ Bin(n, 1/2)
    BinomialDistribution bin = new BinomialDistribution(null, n, 0.5);
    int j = (int) ci.low();
    int k = (int) ci.high();
    double coverage = bin.cumulativeProbability(k - 1) - bin.cumulativeProbability(j - 1);
    assertThat(coverage).isBetween(0.95, 0.952);
  }
}
