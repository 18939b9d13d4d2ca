package org.leakmarket.stats.market;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Time-dummy hedonic price index (methods.md, Market): OLS of {@code ln(price)} on an intercept,
 * period dummies (first period is the base) and dummies of each control factor (tier, freshness,
 * category, optionally region and source; each factor's base level is its first level in sorted
 * order). {@code index_t = 100 exp(d_t)}, standard error by the delta method {@code 100 exp(d_t)
 * se(d_t)}, interval {@code 100 exp(d_t -+ z se(d_t))} with z the normal quantile of the confidence
 * level (1.959964 for 95%), Kennedy-corrected {@code 100 exp(d_t - Var(d_t)/2)}.
 *
 * <p>Input is grouped: one {@link Group} per distinct (period, control levels) with the count, sum
 * and sum of squares of ln(price); see {@link GroupedOls}. Cost O(groups k^2 + k^3) with k = 1 +
 * (periods - 1) + sum over factors of (levels - 1).
 */
public final class Hedonic {

  /**
   * Offers sharing a period and control levels: their count, sum and sum of squares of ln(price).
   */
  public record Group(String period, List<String> levels, long n, double sumLn, double sumLn2) {}

  /** One period of the index; the base period has delta 0, se 0 and index 100. */
  public record Point(
      String period,
      double delta,
      double seDelta,
      double index,
      double se,
      double ciLow,
      double ciHigh,
      double indexKennedy,
      long nOffers) {}

  /** The index and the full fit (coefficient names in design order). */
  public record Result(List<Point> points, List<String> names, GroupedOls.Fit fit) {}

  private Hedonic() {}

  /**
   * Fits the model.
   *
   * @param groups grouped data; every group has the same number of control levels
   * @param controlNames names of the control factors, for coefficient names
   * @param alpha 1 - confidence level of the interval (0.05 for 95%)
   */
  public static Result fit(List<Group> groups, List<String> controlNames, double alpha) {
    if (groups.isEmpty()) {
      return new Result(List.of(), List.of(), null);
    }
    int nControls = controlNames.size();
    TreeMap<String, Long> offersByPeriod = new TreeMap<>();
    List<TreeSet<String>> levels = new ArrayList<>();
    for (int f = 0; f < nControls; f++) {
      levels.add(new TreeSet<>());
    }
    for (Group g : groups) {
      if (g.levels().size() != nControls) {
        throw new IllegalArgumentException(
            "group has " + g.levels().size() + " levels, expected " + nControls);
      }
      offersByPeriod.merge(g.period(), g.n(), Long::sum);
      for (int f = 0; f < nControls; f++) {
        levels.get(f).add(g.levels().get(f));
      }
    }
    List<String> periods = new ArrayList<>(offersByPeriod.keySet());
    List<String> names = new ArrayList<>();
    names.add("intercept");
    TreeMap<String, Integer> periodCol = new TreeMap<>();
    for (int t = 1; t < periods.size(); t++) {
      periodCol.put(periods.get(t), names.size());
      names.add("period=" + periods.get(t));
    }
    List<TreeMap<String, Integer>> levelCols = new ArrayList<>();
    for (int f = 0; f < nControls; f++) {
      TreeMap<String, Integer> cols = new TreeMap<>();
      boolean first = true;
      for (String level : levels.get(f)) {
        if (!first) {
          cols.put(level, names.size());
          names.add(controlNames.get(f) + "=" + level);
        }
        first = false;
      }
      levelCols.add(cols);
    }
    GroupedOls ols = new GroupedOls(names.size());
    // fixed order (period, then levels) so that floating-point sums do not depend on input order
    List<Group> ordered = new ArrayList<>(groups);
    ordered.sort(
        (a, b) -> {
          int c = a.period().compareTo(b.period());
          for (int f = 0; c == 0 && f < nControls; f++) {
            c = a.levels().get(f).compareTo(b.levels().get(f));
          }
          return c;
        });
    for (Group g : ordered) {
      double[] x = new double[names.size()];
      x[0] = 1;
      Integer pc = periodCol.get(g.period());
      if (pc != null) {
        x[pc] = 1;
      }
      for (int f = 0; f < nControls; f++) {
        Integer lc = levelCols.get(f).get(g.levels().get(f));
        if (lc != null) {
          x[lc] = 1;
        }
      }
      ols.add(x, g.n(), g.sumLn(), g.sumLn2());
    }
    GroupedOls.Fit fit = ols.fit();
    double z = NormalQuantile.upper(alpha / 2);
    List<Point> points = new ArrayList<>();
    for (String p : periods) {
      Integer col = periodCol.get(p);
      double d = col == null ? 0.0 : fit.beta()[col];
      double s = col == null ? 0.0 : fit.se()[col];
      double idx = 100.0 * StrictMath.exp(d);
      points.add(
          new Point(
              p,
              d,
              s,
              idx,
              idx * s,
              100.0 * StrictMath.exp(d - z * s),
              100.0 * StrictMath.exp(d + z * s),
              100.0 * StrictMath.exp(d - 0.5 * s * s),
              offersByPeriod.get(p)));
    }
    return new Result(points, names, fit);
  }
}
