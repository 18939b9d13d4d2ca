package org.leakmarket.stats.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.leakmarket.config.Defaults;

class StepwiseTest {

  /** t lists, N people, list j with probability p except list 2 that depends on list 1. */
  static CaptureHistories simulate(int t, int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    long[] cells = new long[1 << t];
    for (int i = 0; i < n; i++) {
      int mask = 0;
      boolean first = rng.nextDouble() < 0.3;
      mask |= first ? 1 : 0;
      mask |= rng.nextDouble() < (first ? 0.6 : 0.15) ? 2 : 0;
      for (int j = 2; j < t; j++) {
        mask |= rng.nextDouble() < 0.2 ? 1 << j : 0;
      }
      cells[mask]++;
    }
    Map<Integer, Long> counts = new HashMap<>();
    for (int mask = 1; mask < cells.length; mask++) {
      if (cells[mask] > 0) {
        counts.put(mask, cells[mask]);
      }
    }
    List<String> labels = new ArrayList<>();
    for (int j = 1; j <= t; j++) {
      labels.add("s-" + j);
    }
    return CaptureHistories.of(labels, counts);
  }

  @Test
  void beyondTheExhaustiveLimitTheSearchIsStepwiseAndFindsTheDependence() {
    CaptureHistories d = simulate(6, 5000, 42L);
    PopulationResult r = CaptureRecapture.estimate(d);
    assertThat(r.searchMethod()).isEqualTo("stepwise");
    assertThat(r.note()).contains("stepwise");
    assertThat(r.selected()).isNotNull();
    assertThat(LogLinearModel.parse(r.selected(), 6).has(new LogLinearModel.Pair(0, 1))).isTrue();
    // Far fewer fits than the 2^15 models of an exhaustive search.
    assertThat(r.models().size()).isLessThan(200);
    ModelFit best = r.selectedFit().orElseThrow();
    assertThat(best.nHat()).isBetween(4500.0, 5500.0);
    ModelFit ind = r.model("[1,2,3,4,5,6]").orElseThrow();
    assertThat(best.bic()).isLessThan(ind.bic());
    assertThat(best.labels()).contains("s-1*s-2");
  }

  @Test
  void stepwiseReachesTheExhaustiveOptimumOnPublishedFourListData() {
    CaptureHistories d =
        PublishedDataTest.fromHistpos(
            4, 58, 157, 18, 104, 46, 650, 12, 709, 14, 20, 7, 74, 8, 182, 10);
    PopulationResult exhaustive = CaptureRecapture.estimate(d);
    PopulationResult stepwise =
        CaptureRecapture.estimate(d, new CaptureRecapture.Options(Criterion.BIC, 3, 100));
    assertThat(exhaustive.searchMethod()).isEqualTo("exhaustive");
    assertThat(stepwise.searchMethod()).isEqualTo("stepwise");
    assertThat(stepwise.selected()).isEqualTo(exhaustive.selected());
    assertThat(stepwise.models().size()).isLessThan(exhaustive.models().size());
  }

  /**
   * Ten lists, the most {@link Defaults#MAX_LISTS} allows: the stepwise search fits a few dozen
   * models per step (45 candidate interactions at t = 10) instead of 2^45 subsets, and takes under
   * a second of CPU, not minutes. The bounds: at most 10 steps of 45 candidates each, and 5 s of
   * this thread's CPU time (CPU, not wall clock, so the machine's load does not count; 0.5 s here,
   * 90 models; a search at 12 lists takes minutes).
   */
  @Test
  void tenListsStayTractable() {
    CaptureHistories d = simulate(Defaults.MAX_LISTS, 20000, 7L);
    java.lang.management.ThreadMXBean cpu =
        java.lang.management.ManagementFactory.getThreadMXBean();
    long start = cpu.getCurrentThreadCpuTime();
    PopulationResult r = CaptureRecapture.estimate(d);
    double cpuSeconds = (cpu.getCurrentThreadCpuTime() - start) / 1e9;
    String what =
        String.format(
            "10-list stepwise: %d models in %.1f s of CPU, selected %s",
            r.models().size(), cpuSeconds, r.selected());
    assertThat(r.searchMethod()).as(what).isEqualTo("stepwise");
    assertThat(r.models().size()).as(what).isLessThanOrEqualTo(10 * 45);
    assertThat(cpuSeconds).as(what).isLessThan(5.0);
    // and it still finds the one dependence simulated (list 2 on list 1)
    assertThat(r.selected()).as(what).startsWith("[1:2,");
  }

  @Test
  void moreListsThanTheOneLimitAreRefusedWithTheLimitNamed() {
    // the pipeline checks the same limit first and reports "group them" instead (ExposureStage)
    assertThat(Defaults.MAX_LISTS).isEqualTo(10);
    assertThatThrownBy(() -> simulate(11, 3000, 11L))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("number of lists must be between 1 and 10, was: 11");
  }
}
