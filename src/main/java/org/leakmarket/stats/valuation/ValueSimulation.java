package org.leakmarket.stats.valuation;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * The value of exposed records at asking prices with its 95% interval from a seeded joint
 * simulation (methods.md, Value at market prices): each cell's median is drawn from its sampling
 * distribution, the same draw for every group priced from that cell in a replicate, and the
 * interval is read off the simulated totals. Bounds are never summed.
 *
 * <p><b>The draw.</b> For a cell's sorted independent quotes x(1) ≤ … ≤ x(n) the number of quotes
 * below the true median m is Binomial(n, ½), so P(x(r) ≤ m) = P(Bin(n, ½) ≥ r): this is the
 * distribution-free confidence distribution behind the published order-statistic interval (x(r),
 * x(n−r+1)). Draw K ~ Bin(n, ½). The draw x(K) satisfies P(x(K) ≥ x(r)) = P(K ≥ r) = P(x(r) ≤ m)
 * for every r: it matches the confidence distribution from below. The draw x(K+1) satisfies
 * P(x(K+1) ≤ x(r)) = P(K ≤ r−1) = P(m ≤ x(r)): it matches from above. (The confidence distribution
 * itself puts mass P(K = k) on the whole gap between x(k) and x(k+1); no single order statistic
 * carries it.) Either draw alone gives a one-cell interval one order statistic too narrow on one
 * side: at n = 6, x(K) gives (x(1), x(5)) and x(K+1) gives (x(2), x(6)), both 87.5%, where the
 * published interval is (x(1), x(6)) at 96.9%. So each replicate uses the same K twice: a lower
 * total with x(K) and an upper total with x(K+1), and the interval is the 2.5% point of the lower
 * totals and the 97.5% point of the upper totals, each taken conservatively (at most 2.5% of the
 * replicates beyond it). For one cell this reproduces the published order-statistic interval
 * exactly; for several it brackets the interval of the total under the confidence distributions, as
 * Clopper–Pearson brackets a discrete binomial. K = 0 and K = n (probability 2^−n each, at most
 * 1/64 for the n ≥ 6 the ladder allows) fall outside the quotes and are taken at x(1) and x(n).
 *
 * <p><b>Determinism.</b> A cell's draws come from a generator seeded by (seed, cell key) alone, in
 * replicate order, so the same seed gives the same numbers whatever the groups, their order or the
 * partitioning that produced them; a group's interval is the same in a joint run and alone.
 *
 * <p>Cost: O(R log n) per cell for R replicates (inversion of a precomputed binomial table) and O(R
 * · groups) to form the totals, plus two sorts of R values. Plain Java on the driver.
 */
public final class ValueSimulation {
  /** Replicates of the simulation: Monte Carlo error of a 2.5% tail at R = 4000 is ±0.25 points. */
  public static final int DEFAULT_REPLICATES = 4000;

  /** Two-sided level 95%. */
  public static final double ALPHA = 0.05;

  private ValueSimulation() {}

  /**
   * One group of exposed records with its price: a fixed own price, or a cell's sorted quotes.
   *
   * @param id the group's key
   * @param persons records valued (valid persons, each once)
   * @param fixedPrice the own advertised price, or null
   * @param cellKey the (pooled) cell priced from, shared by every group priced from it
   * @param quotes that cell's sorted independent quotes, or null with a fixed price
   */
  public record Group(String id, long persons, Double fixedPrice, String cellKey, double[] quotes) {
    public Group {
      if (persons < 0) {
        throw new IllegalArgumentException("persons must be >= 0, was: " + persons);
      }
      if (fixedPrice == null && (quotes == null || quotes.length == 0 || cellKey == null)) {
        throw new IllegalArgumentException(
            "group " + id + " has neither a fixed price nor a cell's quotes");
      }
    }

    /** The point value: persons × own price or × the cell's median. */
    public double value() {
      return persons * (fixedPrice != null ? fixedPrice : Quotes.median(quotes));
    }
  }

  /** A value and its 95% interval. */
  public record Interval(double value, double low, double high) {}

  /**
   * The result: the total and each group's own (marginal) interval.
   *
   * @param total sum of the groups' values with the joint interval
   * @param groups group id to its value and interval, in input order
   * @param replicates R
   */
  public record Result(Interval total, Map<String, Interval> groups, int replicates) {}

  /** Runs the simulation with {@link #DEFAULT_REPLICATES}. */
  public static Result run(List<Group> groups, long seed) {
    return run(groups, seed, DEFAULT_REPLICATES);
  }

  public static Result run(List<Group> groups, long seed, int replicates) {
    if (replicates < 1) {
      throw new IllegalArgumentException("replicates must be >= 1, was: " + replicates);
    }
    // Draws per distinct cell, in key order (any order gives the same draws: seeded by key).
    Map<String, double[]> quotesByCell = new TreeMap<>();
    for (Group g : groups) {
      if (g.fixedPrice() == null) {
        double[] prev = quotesByCell.putIfAbsent(g.cellKey(), g.quotes());
        if (prev != null && !Arrays.equals(prev, g.quotes())) {
          throw new IllegalArgumentException(
              "cell " + g.cellKey() + " is given two different sets of quotes");
        }
      }
    }
    Map<String, int[]> draws = new TreeMap<>();
    quotesByCell.forEach(
        (key, q) -> draws.put(key, binomialDraws(q.length, seed, key, replicates)));

    double[] lowTotals = new double[replicates];
    double[] highTotals = new double[replicates];
    double total = 0;
    Map<String, Interval> perGroup = new LinkedHashMap<>();
    for (Group g : groups) {
      double value = g.value();
      total += value;
      if (g.fixedPrice() != null) {
        for (int r = 0; r < replicates; r++) {
          lowTotals[r] += value;
          highTotals[r] += value;
        }
        perGroup.put(g.id(), new Interval(value, value, value));
        continue;
      }
      double[] x = g.quotes();
      int n = x.length;
      int[] k = draws.get(g.cellKey());
      double[] lo = new double[replicates];
      double[] hi = new double[replicates];
      for (int r = 0; r < replicates; r++) {
        // x(K) and x(K+1), 1-based, held inside the quotes for K = 0 and K = n
        lo[r] = g.persons() * x[Math.max(k[r], 1) - 1];
        hi[r] = g.persons() * x[Math.min(k[r] + 1, n) - 1];
        lowTotals[r] += lo[r];
        highTotals[r] += hi[r];
      }
      perGroup.put(g.id(), new Interval(value, lower(lo), upper(hi)));
    }
    Interval t =
        groups.isEmpty()
            ? new Interval(0, 0, 0)
            : new Interval(total, lower(lowTotals), upper(highTotals));
    return new Result(t, perGroup, replicates);
  }

  /** The conservative 2.5% point: at most ⌊R·α/2⌋ replicates lie below it. */
  static double lower(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[(int) Math.floor(s.length * ALPHA / 2)];
  }

  /** The conservative 97.5% point: at most ⌊R·α/2⌋ replicates lie above it. */
  static double upper(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length - 1 - (int) Math.floor(s.length * ALPHA / 2)];
  }

  /** R draws of Bin(n, ½) by inversion of its cumulative table, from the cell's own generator. */
  static int[] binomialDraws(int n, long seed, String cellKey, int replicates) {
    BinomialDistribution b = new BinomialDistribution(null, n, 0.5);
    double[] cdf = new double[n + 1];
    for (int i = 0; i <= n; i++) {
      cdf[i] = b.cumulativeProbability(i);
    }
    cdf[n] = 1.0;
    RandomGenerator rng = new Well19937c(seedFor(seed, cellKey));
    int[] out = new int[replicates];
    for (int r = 0; r < replicates; r++) {
      double u = rng.nextDouble();
      int i = Arrays.binarySearch(cdf, u);
      out[r] = i >= 0 ? i : -i - 1; // the smallest k with F(k) >= u
    }
    return out;
  }

  /**
   * A 64-bit seed from the run seed and a cell key: FNV-1a over the key's UTF-8 bytes, mixed with
   * the seed by SplitMix64's finaliser. Stable across JVMs and runs (String.hashCode is too, but 32
   * bits collide too easily across many cells).
   */
  static long seedFor(long seed, String key) {
    long h = 0xcbf29ce484222325L;
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    long z = h ^ (seed * 0x9E3779B97F4A7C15L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
