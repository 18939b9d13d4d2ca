package org.leakmarket.stats.valuation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sorted independent quotes of a (possibly pooled) cell: the median and the merge of several cells.
 * Pure Java.
 */
public final class Quotes {
  private Quotes() {}

  /**
   * Median of sorted values: the middle one, or the mean of the two middle ones (R type 7, as the
   * market cells publish it). NaN for none.
   */
  public static double median(double[] sorted) {
    int n = sorted.length;
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** The quotes of several cells as one sorted array (a pooled cell). */
  public static double[] pool(List<double[]> cells) {
    List<Double> all = new ArrayList<>();
    for (double[] c : cells) {
      for (double v : c) {
        all.add(v);
      }
    }
    double[] out = all.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(out);
    return out;
  }
}
