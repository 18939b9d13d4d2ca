package org.leakmarket.stats.market;

import java.util.Arrays;

/**
 * Percentile-bootstrap confidence interval of a median, reproducible by construction: the caller
 * passes the cell's values sorted and a seed derived from (run seed, cell key), so the interval
 * does not depend on the order rows arrived in, on partitioning or on core count.
 *
 * <p>Each of the B replicates draws n indices uniformly with replacement into the sorted array,
 * counts them, and reads the replicate's median (R type 7, as {@link Percentiles}) from the
 * cumulative counts: O(n) per replicate, O(B n) per cell, O(n) memory. The interval is the type-7
 * {@code alpha/2} and {@code 1 - alpha/2} quantiles of the B replicate medians.
 *
 * <p>Huge cells: above {@link #MAX_BOOTSTRAP_N} values the resampling would cost B n draws, so the
 * distribution-free order-statistic interval is used instead (ranks {@code n/2 -+ z sqrt(n)/2} of
 * the sorted sample, the normal approximation to the binomial, accurate for such n). {@link
 * Interval#method()} says which was used.
 */
public final class Bootstrap {
  /** Largest cell resampled; larger cells use the order-statistic interval. */
  public static final int MAX_BOOTSTRAP_N = 200_000;

  public static final String METHOD_BOOTSTRAP = "bootstrap";
  public static final String METHOD_ORDER_STATISTIC = "order_statistic";

  /** A confidence interval and the method that produced it. */
  public record Interval(double low, double high, String method) {}

  private Bootstrap() {}

  /**
   * The median's (1 - alpha) interval from {@code b} replicates.
   *
   * @param sortedValues the cell's values in ascending order (not modified)
   * @param b number of bootstrap replicates, at least 1
   * @param alpha two-sided error rate in (0, 1)
   * @param seed generator seed, e.g. from {@link SplitMix64#forKey} of (run seed, cell key)
   */
  public static Interval medianCi(double[] sortedValues, int b, double alpha, long seed) {
    return medianCi(sortedValues, b, alpha, new SplitMix64(seed));
  }

  /** As {@link #medianCi(double[], int, double, long)} with a ready generator. */
  public static Interval medianCi(double[] sortedValues, int b, double alpha, SplitMix64 rng) {
    int n = sortedValues.length;
    if (n == 0) {
      throw new IllegalArgumentException("median CI of an empty sample");
    }
    if (b < 1) {
      throw new IllegalArgumentException("bootstrap replicates must be >= 1, was: " + b);
    }
    if (!(alpha > 0.0 && alpha < 1.0)) {
      throw new IllegalArgumentException("alpha must be in (0, 1), was: " + alpha);
    }
    if (n > MAX_BOOTSTRAP_N) {
      return orderStatisticCi(sortedValues, alpha);
    }
    int[] counts = new int[n];
    double[] medians = new double[b];
    // type-7 median of n values: ranks floor((n-1)/2) and ceil((n-1)/2), 0-based
    int rankLo = (n - 1) / 2;
    int rankHi = n / 2;
    for (int r = 0; r < b; r++) {
      Arrays.fill(counts, 0);
      for (int i = 0; i < n; i++) {
        counts[rng.nextInt(n)]++;
      }
      double lo = Double.NaN;
      double hi = Double.NaN;
      int cumulative = 0;
      for (int i = 0; i < n; i++) {
        cumulative += counts[i];
        if (Double.isNaN(lo) && cumulative > rankLo) {
          lo = sortedValues[i];
        }
        if (cumulative > rankHi) {
          hi = sortedValues[i];
          break;
        }
      }
      medians[r] = lo + 0.5 * (hi - lo);
    }
    Arrays.sort(medians);
    return new Interval(
        Percentiles.exact(medians, alpha / 2),
        Percentiles.exact(medians, 1 - alpha / 2),
        METHOD_BOOTSTRAP);
  }

  /**
   * Distribution-free interval for the median from order statistics: 1-based ranks {@code floor(n/2
   * - z sqrt(n)/2)} and {@code ceil(n/2 + 1 + z sqrt(n)/2)}, clamped to [1, n].
   */
  public static Interval orderStatisticCi(double[] sortedValues, double alpha) {
    int n = sortedValues.length;
    double z = NormalQuantile.upper(alpha / 2);
    double half = z * Math.sqrt(n) / 2.0;
    int j = (int) Math.floor(n / 2.0 - half);
    int k = (int) Math.ceil(n / 2.0 + 1 + half);
    j = Math.max(1, Math.min(n, j));
    k = Math.max(1, Math.min(n, k));
    return new Interval(sortedValues[j - 1], sortedValues[k - 1], METHOD_ORDER_STATISTIC);
  }
}
