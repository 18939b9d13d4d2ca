package org.leakmarket.stats.market;

/**
 * Exact sample percentiles with the definition of Spark's {@code percentile} and {@code median}
 * built-ins (R type 7, Hyndman and Fan 1996): linear interpolation between the closest ranks,
 * {@code h = (n - 1) p}, {@code q = x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h])}.
 * Costs O(1) on an already sorted array.
 */
public final class Percentiles {

  private Percentiles() {}

  /**
   * The p-quantile of ascending {@code sorted} values.
   *
   * @throws IllegalArgumentException if the array is empty or p is outside [0, 1]
   */
  public static double exact(double[] sorted, double p) {
    if (sorted == null || sorted.length == 0) {
      throw new IllegalArgumentException("percentile of an empty sample");
    }
    if (!(p >= 0.0 && p <= 1.0)) {
      throw new IllegalArgumentException("percentile p must be in [0, 1], was: " + p);
    }
    double h = (sorted.length - 1) * p;
    int lo = (int) Math.floor(h);
    if (lo >= sorted.length - 1) {
      return sorted[sorted.length - 1];
    }
    if (h == lo) {
      return sorted[lo];
    }
    // Spark's arithmetic, (hi - h) a + (h - lo) b, so that the result is bit-identical to its
    // percentile built-in, not merely equal up to rounding
    int hi = lo + 1;
    return (hi - h) * sorted[lo] + (h - lo) * sorted[hi];
  }

  /** The median (p = 0.5) of ascending {@code sorted} values. */
  public static double median(double[] sorted) {
    return exact(sorted, 0.5);
  }
}
