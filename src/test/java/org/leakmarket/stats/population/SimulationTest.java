package org.leakmarket.stats.population;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded simulations of a known closed population (a second or two in all). Figures are printed so
 * they can be quoted; rerun with {@code ./mvnw -o -B test -Dtest=SimulationTest}.
 */
class SimulationTest {

  private static final int N = 2000;

  /**
   * Two independent lists, capture probability 0.15 each (expected overlap 45), 2000 replicates:
   * Chapman is nearly unbiased and its 95% intervals cover N about 95% of the time.
   */
  @Test
  void chapmanIsNearlyUnbiasedAndItsIntervalsCover() {
    SplittableRandom rng = new SplittableRandom(20150108L);
    int reps = 2000;
    double p = 0.15;
    double sum = 0;
    int coverLog = 0;
    int coverNormal = 0;
    int noEstimate = 0;
    for (int r = 0; r < reps; r++) {
      long n1 = 0, n2 = 0, m = 0;
      for (int i = 0; i < N; i++) {
        boolean a = rng.nextDouble() < p;
        boolean b = rng.nextDouble() < p;
        n1 += a ? 1 : 0;
        n2 += b ? 1 : 0;
        m += a && b ? 1 : 0;
      }
      TwoListEstimate e = CaptureRecapture.twoList(n1, n2, m);
      if (!e.exists()) {
        noEstimate++;
        continue;
      }
      Estimate c = e.chapman();
      sum += c.nHat();
      coverLog += c.ciLow() <= N && N <= c.ciHigh() ? 1 : 0;
      coverNormal += c.ciLowNormal() <= N && N <= c.ciHighNormal() ? 1 : 0;
    }
    int n = reps - noEstimate;
    double mean = sum / n;
    double bias = 100 * (mean - N) / N;
    double logCoverage = (double) coverLog / n;
    double normalCoverage = (double) coverNormal / n;
    System.out.printf(
        "two-list simulation: N=%d p=%.2f reps=%d Chapman mean=%.1f bias=%.2f%%"
            + " coverage log=%.3f normal=%.3f (m=0 in %d)%n",
        N, p, reps, mean, bias, logCoverage, normalCoverage, noEstimate);
    assertThat(Math.abs(bias)).isLessThan(3.0);
    assertThat(logCoverage).isBetween(0.92, 0.98);
    assertThat(normalCoverage).isBetween(0.90, 0.98);
  }

  /**
   * Three lists where being on list 1 makes list 2 four times as likely (0.6 against 0.15) and list
   * 3 is independent of both: the log-linear model [12,3] is the true model and recovers N, while
   * independence [1,2,3] is biased low (positive dependence inflates the overlap). The
   * profile-likelihood interval of [12,3] and the model-average interval cover N as stated.
   */
  @Test
  void interactionModelRecoversNWhereIndependenceIsBiasedLow() {
    SplittableRandom rng = new SplittableRandom(20150203L);
    int reps = 300;
    List<String> labels = List.of("l1", "l2", "l3");
    LogLinearModel dep = LogLinearModel.parse("[12,3]", 3);
    LogLinearModel ind = LogLinearModel.independence(3);
    double sumDep = 0, sumInd = 0;
    int coverDep = 0, coverInd = 0, n = 0, selectedWith12 = 0, coverProfile = 0, coverAverage = 0;
    for (int r = 0; r < reps; r++) {
      long[] cells = new long[8];
      for (int i = 0; i < N; i++) {
        boolean a = rng.nextDouble() < 0.3;
        boolean b = rng.nextDouble() < (a ? 0.6 : 0.15);
        boolean c = rng.nextDouble() < 0.25;
        cells[(a ? 1 : 0) | (b ? 2 : 0) | (c ? 4 : 0)]++;
      }
      Map<Integer, Long> counts = new HashMap<>();
      for (int mask = 1; mask < 8; mask++) {
        counts.put(mask, cells[mask]);
      }
      CaptureHistories d = CaptureHistories.of(labels, counts);
      ModelFit fd = CaptureRecapture.fit(d, dep);
      ModelFit fi = CaptureRecapture.fit(d, ind);
      assertThat(fd.mleExists()).isTrue();
      assertThat(fi.mleExists()).isTrue();
      n++;
      PopulationResult all = CaptureRecapture.estimate(d);
      String selected = all.selected();
      ModelFit profiled = all.model("[12,3]").orElseThrow();
      coverProfile += profiled.profileCiLow() <= N && N <= profiled.profileCiHigh() ? 1 : 0;
      ModelAverage avg = all.modelAverage();
      coverAverage += avg.ciLow() <= N && N <= avg.ciHigh() ? 1 : 0;
      selectedWith12 +=
          LogLinearModel.parse(selected, 3).has(new LogLinearModel.Pair(0, 1)) ? 1 : 0;
      sumDep += fd.nHat();
      sumInd += fi.nHat();
      coverDep += fd.ciLow() <= N && N <= fd.ciHigh() ? 1 : 0;
      coverInd += fi.ciLow() <= N && N <= fi.ciHigh() ? 1 : 0;
    }
    double biasDep = 100 * (sumDep / n - N) / N;
    double biasInd = 100 * (sumInd / n - N) / N;
    System.out.printf(
        "three-list dependence simulation: N=%d reps=%d [12,3] bias=%.2f%%"
            + " log-CI coverage=%.3f; [1,2,3] bias=%.2f%% coverage=%.3f;"
            + " BIC selected a model with 12 in %d/%d; [12,3] profile-CI coverage=%.3f;"
            + " model-average CI coverage=%.3f%n",
        N,
        n,
        biasDep,
        (double) coverDep / n,
        biasInd,
        (double) coverInd / n,
        selectedWith12,
        n,
        (double) coverProfile / n,
        (double) coverAverage / n);
    assertThat(Math.abs(biasDep)).isLessThan(3.0);
    assertThat((double) coverDep / n).isBetween(0.90, 0.99);
    assertThat(biasInd).isLessThan(-10.0);
    assertThat((double) coverInd / n).isLessThan(0.5);
    assertThat((double) selectedWith12 / n).isGreaterThan(0.9);
    // The profile-likelihood interval of the true model and the model-average interval keep
    // their 95% coverage (300 replicates: a binomial SE of 1.3 points).
    assertThat((double) coverProfile / n).isBetween(0.92, 0.98);
    assertThat((double) coverAverage / n).isBetween(0.92, 0.99);
  }
}
