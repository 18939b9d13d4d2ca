package org.leakmarket.stats.market;

import java.util.List;

/**
 * Bootstrap replicates of one elementary cell's log geometric-mean price, resampling sellers (the
 * clusters of dependent quotes) with replacement within the cell: a replicate draws as many sellers
 * as the cell has and pools all quotes of the drawn sellers. Used for the Jevons index interval
 * (methods.md, Market).
 *
 * <p>Deterministic by construction: the sellers come in order of their first post (never of their
 * keyed-hash ids, so the interval does not change with the pseudonymisation key), and replicate b
 * of a cell draws from {@link SplitMix64#forReplicate}(base, b) with {@code base} derived from (run
 * seed, cell key, period) by {@link SplitMix64#forKey}; draw j of that stream picks the j-th
 * resampled seller. So every draw is a function of (seed, cell, replicate, draw number) only, never
 * of partitioning, task or arrival order. Cost: O(B · quotes) time, O(B) memory per cell.
 */
public final class SellerBootstrap {
  private SellerBootstrap() {}

  /**
   * The cell's B replicate values of {@code mean(ln price)}.
   *
   * @param sellers the cell's quotes by seller, in order of first post (as {@link
   *     IndependentQuotes} returns them), every value positive
   * @param replicates B
   * @param seed run seed
   * @param key the cell and period, e.g. {@code personal_records|credit_card|gold|new|-@2015-01}
   */
  public static double[] logGeometricMeans(
      List<IndependentQuotes.SellerQuotes> sellers, int replicates, long seed, String key) {
    if (sellers.isEmpty()) {
      throw new IllegalArgumentException("bootstrap of an empty cell: " + key);
    }
    int g = sellers.size();
    double[][] logs = new double[g][];
    for (int s = 0; s < g; s++) {
      double[] v = sellers.get(s).values();
      logs[s] = new double[v.length];
      for (int i = 0; i < v.length; i++) {
        if (!(v[i] > 0)) {
          throw new IllegalArgumentException("price must be positive, was: " + v[i] + " in " + key);
        }
        logs[s][i] = StrictMath.log(v[i]);
      }
    }
    long base = SplitMix64.forKey(seed, key).nextLong();
    double[] out = new double[replicates];
    for (int b = 0; b < replicates; b++) {
      SplitMix64 rng = SplitMix64.forReplicate(base, b);
      double sum = 0;
      long count = 0;
      for (int j = 0; j < g; j++) {
        double[] drawn = logs[rng.nextInt(g)];
        for (double x : drawn) {
          sum += x;
        }
        count += drawn.length;
      }
      out[b] = sum / count;
    }
    return out;
  }
}
