package org.leakmarket.stats.market;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Time-dummy hedonic price index (methods.md, Market): weighted least squares of {@code ln(price)}
 * on an intercept, period dummies (the first period is the base) and dummies of each control factor
 * (product, category, tier, freshness, language, lot-size class, optionally region and source; each
 * factor's base level is its first in sorted order), plus, when any offer carries a balance, a
 * has-balance dummy and {@code ln(balance)} (0 where there is none). {@code index_t = 100
 * exp(d_t)}; standard errors clustered by seller ({@link ClusterRobust#cr1}); interval {@code 100
 * exp(d_t -+ t se(d_t))} with t the Student quantile on G − 1 degrees of freedom (G sellers, the
 * usual reference distribution of a cluster-robust t statistic, Cameron and Miller 2015 §2.5);
 * Kennedy (1981) correction {@code 100 exp(d_t - Var(d_t)/2)}. Weights: 1 per offer, or 1/m for
 * each of a seller's m offers in one cell and period (seller weighting, so that a seller counts
 * once per cell as in the cell statistics).
 *
 * <p>Two passes, so that no row need reach the driver: {@link #estimate} fits the coefficients from
 * {@link Group}s (rows sharing period, control levels and balance presence, reduced to weighted
 * sums); the caller then sums, per seller, the score {@link Design#score} of its rows, adds up the
 * outer products, and {@link Model#result} turns them into the CR1 covariance and the index. {@link
 * #fit} does both in memory (tests, small data). Cost O(groups k^2 + k^3) on the driver with k = 1
 * + (periods − 1) + Σ (levels − 1) + 2.
 */
public final class Hedonic {
  public static final String HAS_BALANCE = "has_balance";
  public static final String LN_BALANCE = "ln_balance";

  /**
   * Rows sharing period, control levels and balance presence, as weighted sums (w weight, y
   * ln(price), b ln(balance) or 0).
   */
  public record Group(
      String period,
      List<String> levels,
      boolean hasBalance,
      long n,
      double sw,
      double swy,
      double swy2,
      double swb,
      double swb2,
      double swyb) {

    /**
     * The group of rows {@code wyb} ({w, y, b} each), summed in sorted order so that the result
     * does not depend on the order the rows arrived in.
     */
    public static Group of(String period, List<String> levels, boolean hasBalance, double[][] wyb) {
      double[][] rows = wyb.clone();
      Arrays.sort(rows, ROW_ORDER);
      double sw = 0;
      double swy = 0;
      double swy2 = 0;
      double swb = 0;
      double swb2 = 0;
      double swyb = 0;
      for (double[] r : rows) {
        double w = r[0];
        double y = r[1];
        double b = r[2];
        sw += w;
        swy += w * y;
        swy2 += w * y * y;
        swb += w * b;
        swb2 += w * b * b;
        swyb += w * y * b;
      }
      return new Group(
          period, List.copyOf(levels), hasBalance, rows.length, sw, swy, swy2, swb, swb2, swyb);
    }
  }

  /**
   * One observation: an offer (after reposts and copies collapse).
   *
   * @param cluster its seller
   * @param weight 1, or 1/m under seller weighting
   * @param lnPrice ln(price per record)
   * @param lnBalance ln(balance) or null when the goods carry none
   */
  public record Obs(
      String cluster,
      String period,
      List<String> levels,
      double weight,
      double lnPrice,
      Double lnBalance) {}

  /**
   * One period of the index; the base period has delta 0, se 0 and index 100. Every period after
   * the first also has the change since the period before it ({@code from}): the ratio {@code link
   * = exp(d_t − d_from)} and its interval {@code exp(d_t − d_from ∓ t·se)} with {@code se² = V_tt +
   * V_ff − 2·V_tf} from the CR1 covariance; the same as the index interval of period t in the model
   * refitted with {@code from} as the base (OLS and CR1 are invariant to that change of basis).
   */
  public record Point(
      String period,
      double delta,
      double seDelta,
      double index,
      double se,
      double ciLow,
      double ciHigh,
      double indexKennedy,
      long nObs,
      String from,
      double link,
      double linkLow,
      double linkHigh) {}

  /**
   * The index and the fit: coefficient names in design order, the WLS fit, its CR1 covariance, n
   * observations, G sellers, weighted R².
   */
  public record Result(
      List<Point> points,
      List<String> names,
      GroupedOls.Fit fit,
      double[][] covariance,
      long n,
      long clusters,
      double r2) {}

  /** Ascending by weight, then y, then b: the summation order of a group. */
  private static final Comparator<double[]> ROW_ORDER =
      (a, b) -> {
        for (int i = 0; i < a.length; i++) {
          int c = Double.compare(a[i], b[i]);
          if (c != 0) {
            return c;
          }
        }
        return 0;
      };

  private Hedonic() {}

  /**
   * The design matrix's columns, and the score of a seller's rows; serialisable so that Spark tasks
   * can compute scores.
   */
  public static final class Design implements Serializable {
    private static final long serialVersionUID = 1L;
    private final List<String> names;
    private final TreeMap<String, Integer> periodCol;
    private final List<TreeMap<String, Integer>> levelCols;
    private final int hasBalanceCol;
    private final int lnBalanceCol;
    private final double[] beta;

    private Design(
        List<String> names,
        TreeMap<String, Integer> periodCol,
        List<TreeMap<String, Integer>> levelCols,
        int hasBalanceCol,
        int lnBalanceCol,
        double[] beta) {
      this.names = List.copyOf(names);
      this.periodCol = periodCol;
      this.levelCols = levelCols;
      this.hasBalanceCol = hasBalanceCol;
      this.lnBalanceCol = lnBalanceCol;
      this.beta = beta;
    }

    public List<String> names() {
      return names;
    }

    public int size() {
      return names.size();
    }

    /** The continuous column, or -1 when no offer has a balance. */
    int lnBalanceColumn() {
      return lnBalanceCol;
    }

    /** The regressors of a row with ln(balance) {@code b} (ignored without a balance column). */
    double[] x(String period, List<String> levels, boolean hasBalance, double b) {
      double[] x = new double[names.size()];
      x[0] = 1;
      Integer pc = periodCol.get(period);
      if (pc != null) {
        x[pc] = 1;
      }
      for (int f = 0; f < levelCols.size(); f++) {
        Integer lc = levelCols.get(f).get(levels.get(f));
        if (lc != null) {
          x[lc] = 1;
        }
      }
      if (hasBalanceCol >= 0 && hasBalance) {
        x[hasBalanceCol] = 1;
        x[lnBalanceCol] = b;
      }
      return x;
    }

    /**
     * The score {@code Σ w x (y − x'β)} of one seller's rows (aliased coefficients count as 0),
     * summed in a fixed order so that it does not depend on arrival order.
     */
    public double[] score(List<Obs> rows) {
      List<Obs> sorted = new ArrayList<>(rows);
      sorted.sort(
          Comparator.comparing(Obs::period)
              .thenComparing(o -> String.join("\u0001", o.levels()))
              .thenComparingDouble(Obs::weight)
              .thenComparingDouble(Obs::lnPrice)
              .thenComparingDouble(
                  o -> o.lnBalance() == null ? Double.NEGATIVE_INFINITY : o.lnBalance()));
      double[] s = new double[names.size()];
      for (Obs o : sorted) {
        boolean hb = o.lnBalance() != null;
        double[] x = x(o.period(), o.levels(), hb, hb ? o.lnBalance() : 0);
        double fitted = 0;
        for (int j = 0; j < x.length; j++) {
          if (x[j] != 0 && !Double.isNaN(beta[j])) {
            fitted += x[j] * beta[j];
          }
        }
        double wu = o.weight() * (o.lnPrice() - fitted);
        for (int j = 0; j < x.length; j++) {
          s[j] += x[j] * wu;
        }
      }
      return s;
    }
  }

  /** A fitted model before its cluster-robust covariance. */
  public record Model(
      Design design, GroupedOls.Fit fit, List<String> periods, Map<String, Long> obsByPeriod) {

    /**
     * The index with CR1 standard errors.
     *
     * @param meat {@code Σ_g s_g s_g'} over the sellers' scores ({@link Design#score})
     * @param clusters G, the number of sellers
     * @param alpha 1 − confidence level of the interval (0.05 for 95%)
     */
    public Result result(double[][] meat, long clusters, double alpha) {
      double[][] v = ClusterRobust.cr1(fit, meat, clusters);
      double t =
          clusters >= 2
              ? new TDistribution(null, clusters - 1.0).inverseCumulativeProbability(1 - alpha / 2)
              : Double.NaN;
      List<Point> points = new ArrayList<>();
      String from = null;
      for (String p : periods) {
        Integer col = design.periodCol.get(p);
        double d = col == null ? 0.0 : fit.beta()[col];
        double s = col == null ? 0.0 : Math.sqrt(v[col][col]);
        double idx = 100.0 * StrictMath.exp(d);
        double link = Double.NaN;
        double linkLow = Double.NaN;
        double linkHigh = Double.NaN;
        if (from != null) {
          Integer fc = design.periodCol.get(from);
          double dd = d - (fc == null ? 0.0 : fit.beta()[fc]);
          double var = col == null ? 0.0 : v[col][col];
          if (fc != null) {
            var += v[fc][fc] - 2 * (col == null ? 0.0 : v[col][fc]);
          }
          double sd = Math.sqrt(Math.max(0.0, var));
          link = StrictMath.exp(dd);
          linkLow = StrictMath.exp(dd - t * sd);
          linkHigh = StrictMath.exp(dd + t * sd);
        }
        points.add(
            new Point(
                p,
                d,
                s,
                idx,
                idx * s,
                100.0 * StrictMath.exp(d - t * s),
                100.0 * StrictMath.exp(d + t * s),
                100.0 * StrictMath.exp(d - 0.5 * s * s),
                obsByPeriod.get(p),
                from,
                link,
                linkLow,
                linkHigh));
        from = p;
      }
      return new Result(points, design.names(), fit, v, fit.n(), clusters, fit.r2());
    }
  }

  /**
   * Fits the coefficients.
   *
   * @param groups grouped data; every group has the same number of control levels
   * @param controlNames names of the control factors, for coefficient names
   */
  public static Model estimate(List<Group> groups, List<String> controlNames) {
    if (groups.isEmpty()) {
      throw new IllegalArgumentException("hedonic regression without data");
    }
    int nControls = controlNames.size();
    TreeMap<String, Long> obsByPeriod = new TreeMap<>();
    List<TreeSet<String>> levels = new ArrayList<>();
    for (int f = 0; f < nControls; f++) {
      levels.add(new TreeSet<>());
    }
    boolean anyBalance = false;
    for (Group g : groups) {
      if (g.levels().size() != nControls) {
        throw new IllegalArgumentException(
            "group has " + g.levels().size() + " levels, expected " + nControls);
      }
      obsByPeriod.merge(g.period(), g.n(), Long::sum);
      for (int f = 0; f < nControls; f++) {
        levels.get(f).add(g.levels().get(f));
      }
      anyBalance |= g.hasBalance();
    }
    List<String> periods = new ArrayList<>(obsByPeriod.keySet());
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
    int hb = -1;
    int lb = -1;
    if (anyBalance) {
      hb = names.size();
      names.add(HAS_BALANCE);
      lb = names.size();
      names.add(LN_BALANCE);
    }
    Design layout = new Design(names, periodCol, levelCols, hb, lb, null);
    GroupedOls ols = new GroupedOls(names.size());
    // fixed order (period, levels, balance) so that floating-point sums do not depend on input
    List<Group> ordered = new ArrayList<>(groups);
    ordered.sort(
        (a, b) -> {
          int c = a.period().compareTo(b.period());
          for (int f = 0; c == 0 && f < nControls; f++) {
            c = a.levels().get(f).compareTo(b.levels().get(f));
          }
          return c != 0 ? c : Boolean.compare(a.hasBalance(), b.hasBalance());
        });
    for (Group g : ordered) {
      double[] x = layout.x(g.period(), g.levels(), g.hasBalance(), 0);
      if (g.hasBalance()) {
        ols.addGroup(x, lb, g.n(), g.sw(), g.swy(), g.swy2(), g.swb(), g.swb2(), g.swyb());
      } else {
        ols.addGroup(x, -1, g.n(), g.sw(), g.swy(), g.swy2(), 0, 0, 0);
      }
    }
    GroupedOls.Fit fit = ols.fit();
    Design design = new Design(names, periodCol, levelCols, hb, lb, fit.beta().clone());
    return new Model(design, fit, periods, obsByPeriod);
  }

  /** Both passes in memory: groups, coefficients, per-seller scores in seller order, CR1. */
  public static Result fit(List<Obs> obs, List<String> controlNames, double alpha) {
    Model model = estimate(group(obs), controlNames);
    TreeMap<String, List<Obs>> byCluster = new TreeMap<>();
    for (Obs o : obs) {
      byCluster.computeIfAbsent(o.cluster(), c -> new ArrayList<>()).add(o);
    }
    int k = model.design().size();
    double[][] meat = new double[k][k];
    for (List<Obs> rows : byCluster.values()) {
      addOuter(meat, model.design().score(rows));
    }
    return model.result(meat, byCluster.size(), alpha);
  }

  /** Adds {@code s s'} to {@code meat}. */
  public static void addOuter(double[][] meat, double[] s) {
    for (int i = 0; i < s.length; i++) {
      if (s[i] == 0) {
        continue;
      }
      for (int j = 0; j < s.length; j++) {
        meat[i][j] += s[i] * s[j];
      }
    }
  }

  /** The observations as groups (period, levels, balance presence). */
  public static List<Group> group(List<Obs> obs) {
    TreeMap<String, List<Obs>> by = new TreeMap<>();
    for (Obs o : obs) {
      String key =
          o.period()
              + "\u0000"
              + String.join("\u0001", o.levels())
              + "\u0000"
              + (o.lnBalance() != null);
      by.computeIfAbsent(key, x -> new ArrayList<>()).add(o);
    }
    List<Group> out = new ArrayList<>();
    for (List<Obs> rows : by.values()) {
      Obs first = rows.get(0);
      double[][] wyb = new double[rows.size()][];
      for (int i = 0; i < wyb.length; i++) {
        Obs o = rows.get(i);
        wyb[i] =
            new double[] {o.weight(), o.lnPrice(), o.lnBalance() == null ? 0.0 : o.lnBalance()};
      }
      out.add(Group.of(first.period(), first.levels(), first.lnBalance() != null, wyb));
    }
    return out;
  }
}
