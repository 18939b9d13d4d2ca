package org.leakmarket.stats.population;

import java.util.ArrayList;
import java.util.List;

/**
 * Log-linear models of heterogeneous catchability (methods.md, Population: sensitivity rows), as
 * Rcapture's {@code closedp.t} defines them (Rivest and Baillargeon 2007, Table 1; Baillargeon and
 * Rivest 2007, section 2.2). Sellers draw the records they can reach, so some people are much more
 * likely to be in a sample than others; people seen on many lists then stand for people seen on
 * few, and models assuming equal catchability underestimate N.
 *
 * <p>Every model adds to the list effects ({@code Mth}: intercept and one main effect per list, the
 * independence model) or to a common capture effect ({@code Mh}: intercept and the number of lists
 * a history is on, k) one or more columns that are functions of k:
 *
 * <ul>
 *   <li><b>Chao (LB)</b>: max(k − j + 1, 0) for j = 3..t; a negative coefficient is removed and the
 *       model refitted, repeatedly, as Rcapture does. Its N̂ is Chao's (1987) lower bound under
 *       heterogeneity, not an estimate.
 *   <li><b>Darroch</b>: k²/2 (Darroch et al. 1993: a normal mixing distribution).
 *   <li><b>Poisson2</b>: 2^k − 1 (Rivest and Baillargeon 2007: a Poisson mixing distribution).
 * </ul>
 *
 * <p>The publication reports the {@code Mth} forms: samples differ greatly in size, so a model with
 * equal list effects ({@code Mh}) would mistake sample size for heterogeneity. Needs three or more
 * lists (with two, 3 cells cannot identify 4 parameters). Cost: one IRLS fit of 2^t − 1 cells per
 * model (more for Chao when coefficients are removed) and a profile interval.
 */
public final class Heterogeneity {

  /** The heterogeneity term. */
  public enum Kind {
    CHAO_LB("Chao (LB)"),
    DARROCH("Darroch"),
    POISSON2("Poisson2");

    private final String label;

    Kind(String label) {
      this.label = label;
    }
  }

  private Heterogeneity() {}

  /** Model name as Rcapture prints it: {@code Mth Chao (LB)}, {@code Mh Darroch}, ... */
  public static String name(Kind kind, boolean listEffects) {
    return (listEffects ? "Mth " : "Mh ") + kind.label;
  }

  /** The three {@code Mth} sensitivity models with profile intervals; empty below three lists. */
  public static List<ModelFit> sensitivity(CaptureHistories data, CaptureRecapture.Options o) {
    List<ModelFit> out = new ArrayList<>();
    if (data.lists() < 3 || data.observed() == 0) {
      return out;
    }
    for (Kind k : Kind.values()) {
      out.add(fit(data, k, true, o, true));
    }
    return out;
  }

  /**
   * Fits one heterogeneity model.
   *
   * @param listEffects {@code Mth} (a main effect per list) when true, {@code Mh} when false
   * @param profile whether to attach the profile-likelihood interval
   */
  public static ModelFit fit(
      CaptureHistories data,
      Kind kind,
      boolean listEffects,
      CaptureRecapture.Options o,
      boolean profile) {
    int t = data.lists();
    String name = name(kind, listEffects);
    if (t < 3) {
      throw new IllegalArgumentException(name + " needs at least three lists, got " + t);
    }
    double[][] x = design(t, kind, listEffects);
    int base = listEffects ? 1 + t : 2;
    double[] y = CaptureRecapture.cells(data);
    if (kind == Kind.CHAO_LB) {
      x = withoutNegativeEtas(x, y, base, o.maxIterations());
    }
    ModelFit f = CaptureRecapture.fitDesign(data, name, name, x, o);
    if (!profile || !f.mleExists()) {
      return f;
    }
    // For Chao the design is the one left after removing negative etas at the MLE. Rcapture's
    // profileCI removes them anew at each profile point; that costs a cold refit per point (seconds
    // at ten lists) and moves the limits only when an eta changes sign inside the interval.
    return CaptureRecapture.withProfile(data, f, x, o);
  }

  /** Rows: capture histories 1..2^t−1 in mask order; columns: intercept, base, heterogeneity. */
  static double[][] design(int t, Kind kind, boolean listEffects) {
    int cells = (1 << t) - 1;
    int base = listEffects ? 1 + t : 2;
    int extra = kind == Kind.CHAO_LB ? t - 2 : 1;
    double[][] x = new double[cells][base + extra];
    for (int mask = 1; mask <= cells; mask++) {
      double[] row = x[mask - 1];
      int k = Integer.bitCount(mask);
      row[0] = 1.0;
      if (listEffects) {
        for (int j = 0; j < t; j++) {
          row[1 + j] = (mask >> j) & 1;
        }
      } else {
        row[1] = k;
      }
      switch (kind) {
        case CHAO_LB -> {
          for (int j = 3; j <= t; j++) {
            row[base + j - 3] = Math.max(k - j + 1, 0);
          }
        }
        case DARROCH -> row[base] = k * k / 2.0;
        case POISSON2 -> row[base] = Math.pow(2, k) - 1;
        default -> throw new IllegalStateException(kind.name());
      }
    }
    return x;
  }

  /**
   * Chao's models constrain the η coefficients to be non-negative: while a fit has a negative η,
   * drop the first such column and refit (Rcapture's {@code Chao.neg}). A fit that fails keeps its
   * columns; {@link CaptureRecapture#fitDesign} then reports why.
   */
  static double[][] withoutNegativeEtas(double[][] x, double[] y, int base, int maxIterations) {
    double[][] cur = x;
    while (cur[0].length > base) {
      PoissonGlm.Fit f = PoissonGlm.fit(cur, y, maxIterations, null, false);
      if (f.beta() == null || !f.converged()) {
        return cur;
      }
      int neg = -1;
      for (int j = base; j < f.beta().length; j++) {
        if (f.beta()[j] < 0) {
          neg = j;
          break;
        }
      }
      if (neg < 0) {
        return cur;
      }
      cur = dropColumn(cur, neg);
    }
    return cur;
  }

  private static double[][] dropColumn(double[][] x, int col) {
    double[][] out = new double[x.length][x[0].length - 1];
    for (int i = 0; i < x.length; i++) {
      System.arraycopy(x[i], 0, out[i], 0, col);
      System.arraycopy(x[i], col + 1, out[i], col, x[i].length - col - 1);
    }
    return out;
  }
}
