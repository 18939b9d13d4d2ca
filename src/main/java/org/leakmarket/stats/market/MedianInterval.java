package org.leakmarket.stats.market;

import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * The distribution-free confidence interval of a median from order statistics (methods.md, Market;
 * Hollander and Wolfe, <i>Nonparametric Statistical Methods</i>, ch. 3; Conover, <i>Practical
 * Nonparametric Statistics</i>, §3.2).
 *
 * <p>For n independent draws of a continuous variable, the number below the true median is
 * Binomial(n, ½), so the interval (x<sub>(r)</sub>, x<sub>(n−r+1)</sub>) of the sorted sample
 * covers the median with probability exactly {@code 1 − 2·P(Bin(n, ½) ≤ r − 1)}, whatever the
 * distribution (at least that with ties). The interval published is the one with the largest r
 * whose coverage is at least {@code 1 − alpha}, and that achieved coverage is published with it: n
 * = 6 gives (x<sub>1</sub>, x<sub>6</sub>) at 96.9%, n = 9 (x<sub>2</sub>, x<sub>8</sub>) at 96.1%.
 *
 * <p>Below a size where even (x<sub>1</sub>, x<sub>n</sub>) reaches {@code 1 − alpha} (n &lt; 6 at
 * 95%) no such interval exists: the result is the sample's range, with method {@value #RANGE} and
 * its (lower) coverage {@code 1 − 2^(1−n)}, to be shown as a range, never as a confidence interval.
 *
 * <p>No resampling, no random numbers: the interval depends only on the sorted values, so it is the
 * same on every machine and partitioning. Cost: O(log n) binomial CDF evaluations (commons-math3,
 * regularised incomplete beta) per cell, O(1) memory beyond the sorted array.
 *
 * @param low x<sub>(r)</sub>
 * @param high x<sub>(n−r+1)</sub>
 * @param level the achieved coverage of this interval for the median
 * @param method {@value #ORDER_STATISTIC} or {@value #RANGE}
 * @param rank r (1-based); 1 for a range
 */
public record MedianInterval(double low, double high, double level, String method, int rank) {
  public static final String ORDER_STATISTIC = "order_statistic";
  public static final String RANGE = "range";

  /** Ranks already searched, by (n, alpha): cells of one size share the answer. */
  private static final java.util.concurrent.ConcurrentHashMap<String, Integer> RANKS =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * The interval of ascending {@code sorted} values at confidence {@code 1 − alpha}.
   *
   * @throws IllegalArgumentException if the array is empty or alpha is outside (0, 1)
   */
  public static MedianInterval of(double[] sorted, double alpha) {
    if (sorted == null || sorted.length == 0) {
      throw new IllegalArgumentException("median interval of an empty sample");
    }
    int n = sorted.length;
    int r = rank(n, alpha);
    if (r == 0) {
      return new MedianInterval(sorted[0], sorted[n - 1], coverage(n, 1), RANGE, 1);
    }
    return new MedianInterval(sorted[r - 1], sorted[n - r], coverage(n, r), ORDER_STATISTIC, r);
  }

  /**
   * The largest rank r (1 ≤ r ≤ (n+1)/2) whose interval (x<sub>(r)</sub>, x<sub>(n−r+1)</sub>)
   * covers the median with probability at least {@code 1 − alpha}, or 0 if not even r = 1 does.
   */
  public static int rank(int n, double alpha) {
    if (n < 1) {
      throw new IllegalArgumentException("sample size must be at least 1, was: " + n);
    }
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1), was: " + alpha);
    }
    return RANKS.computeIfAbsent(n + "@" + alpha, key -> search(n, alpha));
  }

  private static int search(int n, double alpha) {
    double target = 1 - alpha;
    if (coverage(n, 1) < target) {
      return 0;
    }
    // coverage falls as r grows: binary search for the last r that still reaches the target
    int lo = 1;
    int hi = (n + 1) / 2;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (coverage(n, mid) >= target) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  /**
   * P(x<sub>(r)</sub> ≤ median ≤ x<sub>(n−r+1)</sub>) = {@code 1 − 2·P(Bin(n, ½) ≤ r − 1)} for a
   * continuous variable (r ≤ (n+1)/2).
   */
  public static double coverage(int n, int r) {
    if (r < 1 || 2 * r > n + 1) {
      throw new IllegalArgumentException(
          "rank must be in [1, (n+1)/2], was: " + r + " (n=" + n + ")");
    }
    BinomialDistribution b = new BinomialDistribution(null, n, 0.5);
    return 1 - 2 * b.cumulativeProbability(r - 1);
  }
}
