package org.leakmarket.stats.market;

import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Weighted least squares from sufficient statistics. Rows sharing their dummy regressors are added
 * as one group with the sums the normal equations need (weights, weighted y, y², and, for one
 * optional continuous column, its weighted sum, square and cross product with y), so millions of
 * rows reduce to a k x k matrix {@code X'WX}, a vector {@code X'Wy} and {@code y'Wy}; the fit is
 * then exactly that of the row-level regression. Unit weights give OLS.
 *
 * <p>The fit reports the coefficients, the inverse {@code (X'WX)^-1} (the "bread" of a sandwich
 * variance such as {@link ClusterRobust#cr1}), the classical standard errors {@code se_j = sqrt(s^2
 * [(X'WX)^-1]_jj)} with {@code s^2 = RSS / (n - rank)}, RSS, the weighted total sum of squares
 * about the weighted mean and R².
 *
 * <p>Aliased columns (a dummy that is a linear combination of earlier columns, e.g. a category seen
 * only in one period, or a column that is zero throughout) are detected in column order by a
 * Cholesky sweep and dropped, as R's {@code lm} does (their coefficient is NaN): put the columns
 * you care about first.
 *
 * <p>Cost: O(k^2) per group added, O(k^3) for the fit (commons-math3 Cholesky); no Spark types.
 */
public final class GroupedOls {
  /** Relative pivot below which a column counts as aliased. */
  static final double ALIAS_TOLERANCE = 1e-10;

  private final int k;
  private final double[][] xtx;
  private final double[] xty;
  private double yty;
  private double sumW;
  private double sumWy;
  private long n;

  /**
   * A fit: coefficients and classical standard errors (NaN for aliased columns), {@code bread} =
   * {@code (X'WX)^-1} over the kept columns (NaN rows and columns for aliased ones), residual
   * variance {@code s^2}, residual degrees of freedom {@code n - rank}, RSS and TSS (weighted).
   */
  public record Fit(
      double[] beta,
      double[] se,
      boolean[] aliased,
      double sigma2,
      long df,
      long n,
      double[][] covariance,
      double[][] bread,
      int rank,
      double rss,
      double tss) {

    /** Weighted R² = 1 − RSS/TSS (NaN when y does not vary). */
    public double r2() {
      return tss > 0 ? 1 - rss / tss : Double.NaN;
    }
  }

  public GroupedOls(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("need at least one regressor, was: " + k);
    }
    this.k = k;
    this.xtx = new double[k][k];
    this.xty = new double[k];
  }

  /** Adds {@code count} unit-weight rows sharing regressors {@code x}, with sum of y and y². */
  public void add(double[] x, long count, double sumY, double sumY2) {
    addGroup(x, -1, count, count, sumY, sumY2, 0, 0, 0);
  }

  /**
   * Adds {@code count} rows sharing every regressor but column {@code cont}, whose value varies by
   * row ({@code x[cont]} must be 0; {@code cont = -1} when there is no such column).
   *
   * @param sw sum of weights
   * @param swy sum of w·y
   * @param swy2 sum of w·y²
   * @param swb sum of w·b for the continuous column's values b
   * @param swb2 sum of w·b²
   * @param swyb sum of w·y·b
   */
  public void addGroup(
      double[] x,
      int cont,
      long count,
      double sw,
      double swy,
      double swy2,
      double swb,
      double swb2,
      double swyb) {
    if (x.length != k) {
      throw new IllegalArgumentException("expected " + k + " regressors, got: " + x.length);
    }
    if (cont >= 0 && x[cont] != 0) {
      throw new IllegalArgumentException("the continuous column must be 0 in x, was: " + x[cont]);
    }
    for (int i = 0; i < k; i++) {
      if (x[i] == 0) {
        continue;
      }
      for (int j = 0; j < k; j++) {
        xtx[i][j] += sw * x[i] * x[j];
      }
      xty[i] += x[i] * swy;
      if (cont >= 0) {
        xtx[i][cont] += x[i] * swb;
        xtx[cont][i] += x[i] * swb;
      }
    }
    if (cont >= 0) {
      xtx[cont][cont] += swb2;
      xty[cont] += swyb;
    }
    yty += swy2;
    sumW += sw;
    sumWy += swy;
    n += count;
  }

  /** Solves the normal equations over the non-aliased columns. */
  public Fit fit() {
    boolean[] aliased = findAliased();
    int[] keep = new int[k];
    int r = 0;
    for (int i = 0; i < k; i++) {
      if (!aliased[i]) {
        keep[r++] = i;
      }
    }
    if (r == 0) {
      throw new IllegalStateException("no estimable coefficient (n = " + n + ")");
    }
    double[][] a = new double[r][r];
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < r; j++) {
        a[i][j] = xtx[keep[i]][keep[j]];
      }
    }
    RealMatrix inv =
        new CholeskyDecomposition(new Array2DRowRealMatrix(a, false), 1e-15, 1e-14)
            .getSolver()
            .getInverse();
    double[] b = new double[r];
    for (int i = 0; i < r; i++) {
      double s = 0;
      for (int j = 0; j < r; j++) {
        s += inv.getEntry(i, j) * xty[keep[j]];
      }
      b[i] = s;
    }
    // RSS = y'Wy - 2 b'X'Wy + b'X'WX b, written out rather than y'Wy - b'X'Wy for accuracy
    double bxy = 0;
    double bab = 0;
    for (int i = 0; i < r; i++) {
      bxy += b[i] * xty[keep[i]];
      for (int j = 0; j < r; j++) {
        bab += b[i] * a[i][j] * b[j];
      }
    }
    double rss = Math.max(0.0, yty - 2 * bxy + bab);
    double tss = sumW > 0 ? Math.max(0.0, yty - sumWy * sumWy / sumW) : Double.NaN;
    long df = n - r;
    double sigma2 = df > 0 ? rss / df : Double.NaN;
    double[] beta = new double[k];
    double[] se = new double[k];
    double[][] cov = new double[k][k];
    double[][] bread = new double[k][k];
    for (int i = 0; i < k; i++) {
      Arrays.fill(cov[i], Double.NaN);
      Arrays.fill(bread[i], Double.NaN);
    }
    Arrays.fill(beta, Double.NaN);
    Arrays.fill(se, Double.NaN);
    for (int i = 0; i < r; i++) {
      beta[keep[i]] = b[i];
      se[keep[i]] = Math.sqrt(sigma2 * inv.getEntry(i, i));
      for (int j = 0; j < r; j++) {
        cov[keep[i]][keep[j]] = sigma2 * inv.getEntry(i, j);
        bread[keep[i]][keep[j]] = inv.getEntry(i, j);
      }
    }
    return new Fit(beta, se, aliased, sigma2, df, n, cov, bread, r, rss, tss);
  }

  /** In-order Cholesky sweep: column j is aliased if its pivot is ~0 given kept earlier columns. */
  private boolean[] findAliased() {
    boolean[] aliased = new boolean[k];
    double[][] l = new double[k][k];
    for (int j = 0; j < k; j++) {
      double d = xtx[j][j];
      for (int m = 0; m < j; m++) {
        if (!aliased[m]) {
          d -= l[j][m] * l[j][m];
        }
      }
      if (xtx[j][j] <= 0 || d <= ALIAS_TOLERANCE * xtx[j][j]) {
        aliased[j] = true;
        continue;
      }
      double ljj = Math.sqrt(d);
      l[j][j] = ljj;
      for (int i = j + 1; i < k; i++) {
        double s = xtx[i][j];
        for (int m = 0; m < j; m++) {
          if (!aliased[m]) {
            s -= l[i][m] * l[j][m];
          }
        }
        l[i][j] = s / ljj;
      }
    }
    return aliased;
  }
}
