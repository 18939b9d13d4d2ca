package org.leakmarket.stats.market;

/**
 * Distribution summary of one market cell's per-record prices: exact percentiles (R type 7, as
 * Spark's {@code percentile}), arithmetic and geometric mean. Sums run over the sorted values and
 * logs use {@link StrictMath} (one result on every JVM and CPU), so the result is bit-for-bit the
 * same whatever order the values arrived in and wherever it runs. O(n) on sorted input.
 *
 * @param geometricMean {@code exp(mean(ln x))}, NaN if a value is not positive
 */
public record CellSummary(
    int n,
    double min,
    double p10,
    double p25,
    double median,
    double p75,
    double p90,
    double max,
    double mean,
    double geometricMean) {

  /** Summary of ascending {@code sorted} values (at least one). */
  public static CellSummary of(double[] sorted) {
    if (sorted.length == 0) {
      throw new IllegalArgumentException("summary of an empty cell");
    }
    double sum = 0;
    double sumLog = 0;
    boolean positive = true;
    for (double v : sorted) {
      sum += v;
      if (v > 0) {
        sumLog += StrictMath.log(v);
      } else {
        positive = false;
      }
    }
    int n = sorted.length;
    return new CellSummary(
        n,
        sorted[0],
        Percentiles.exact(sorted, 0.10),
        Percentiles.exact(sorted, 0.25),
        Percentiles.exact(sorted, 0.5),
        Percentiles.exact(sorted, 0.75),
        Percentiles.exact(sorted, 0.90),
        sorted[n - 1],
        sum / n,
        positive ? StrictMath.exp(sumLog / n) : Double.NaN);
  }
}
