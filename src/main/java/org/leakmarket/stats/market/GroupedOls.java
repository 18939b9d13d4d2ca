package org.leakmarket.stats.market;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Ordinary least squares from sufficient statistics. Rows sharing a regressor vector (all
 * regressors of a dummy-variable model are categorical) are added as one group with their count,
 * sum of y and sum of y squared, so millions of rows reduce to a k x k matrix {@code X'X}, a vector
 * {@code X'y} and {@code y'y}; the fit is then exactly that of the row-level regression, with the
 * classical (homoskedastic) standard errors {@code se_j = sqrt(s^2 [(X'X)^-1]_jj)}, {@code s^2 =
 * RSS / (n - rank)}, as Spark MLlib's {@code LinearRegression} with the normal solver reports.
 *
 * <p>Aliased columns (a dummy that is a linear combination of earlier columns, e.g. a category seen
 * only in one period) are detected in column order by a Cholesky sweep and dropped, as R's {@code
 * lm} does (their coefficient is NaN): put the columns you care about first.
 *
 * <p>Cost: O(k^2) per group added, O(k^3) for the fit; no Spark types.
 */
public final class GroupedOls {
  /** Relative pivot below which a column counts as aliased. */
  static final double ALIAS_TOLERANCE = 1e-10;

  private final int k;
  private final double[][] xtx;
  private final double[] xty;
  private double yty;
  private long n;

  /**
   * A fit: coefficients and standard errors (NaN for aliased columns), residual variance {@code
   * s^2}, residual degrees of freedom {@code n - rank}.
   */
  public record Fit(
      double[] beta,
      double[] se,
      boolean[] aliased,
      double sigma2,
      long df,
      long n,
      double[][] covariance) {}

  public GroupedOls(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("need at least one regressor, was: " + k);
    }
    this.k = k;
    this.xtx = new double[k][k];
    this.xty = new double[k];
  }

  /** Adds {@code count} rows sharing regressors {@code x}, with sum of y and of y squared. */
  public void add(double[] x, long count, double sumY, double sumY2) {
    if (x.length != k) {
      throw new IllegalArgumentException("expected " + k + " regressors, got: " + x.length);
    }
    for (int i = 0; i < k; i++) {
      if (x[i] == 0) {
        continue;
      }
      for (int j = 0; j < k; j++) {
        xtx[i][j] += count * x[i] * x[j];
      }
      xty[i] += x[i] * sumY;
    }
    yty += sumY2;
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
    // RSS = y'y - 2 b'X'y + b'X'X b, written out rather than y'y - b'X'y for accuracy
    double bxy = 0;
    double bab = 0;
    for (int i = 0; i < r; i++) {
      bxy += b[i] * xty[keep[i]];
      for (int j = 0; j < r; j++) {
        bab += b[i] * a[i][j] * b[j];
      }
    }
    double rss = Math.max(0.0, yty - 2 * bxy + bab);
    long df = n - r;
    double sigma2 = df > 0 ? rss / df : Double.NaN;
    double[] beta = new double[k];
    double[] se = new double[k];
    double[][] cov = new double[k][k];
    for (double[] row : cov) {
      java.util.Arrays.fill(row, Double.NaN);
    }
    java.util.Arrays.fill(beta, Double.NaN);
    java.util.Arrays.fill(se, Double.NaN);
    for (int i = 0; i < r; i++) {
      beta[keep[i]] = b[i];
      se[keep[i]] = Math.sqrt(sigma2 * inv.getEntry(i, i));
      for (int j = 0; j < r; j++) {
        cov[keep[i]][keep[j]] = sigma2 * inv.getEntry(i, j);
      }
    }
    return new Fit(beta, se, aliased, sigma2, df, n, cov);
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
