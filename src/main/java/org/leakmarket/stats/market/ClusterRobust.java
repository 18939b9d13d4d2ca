package org.leakmarket.stats.market;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Cluster-robust (sandwich) covariance of least-squares coefficients, CR1 (Liang and Zeger 1986;
 * the finite-sample factor of Stata's {@code regress, vce(cluster)}; Cameron and Miller 2015, "A
 * Practitioner's Guide to Cluster-Robust Inference", J. Human Resources 50(2), §2.4):
 *
 * <pre>
 *   V = c · B M B,   B = (X'WX)^-1,   M = Σ_g s_g s_g',   s_g = Σ_{i in g} w_i x_i û_i,
 *   c = G/(G − 1) · (N − 1)/(N − K)
 * </pre>
 *
 * with G clusters, N observations and K estimated (non-aliased) coefficients. Aliased columns (NaN
 * in the bread) stay NaN. Matrix products by commons-math3; cost O(k^3).
 */
public final class ClusterRobust {
  private ClusterRobust() {}

  /**
   * The CR1 covariance of {@code fit}'s coefficients given the summed outer products of the cluster
   * scores ({@code meat}, k x k, entries of aliased columns ignored).
   *
   * @param clusters G; with fewer than 2 the covariance is NaN (no between-cluster variation)
   */
  public static double[][] cr1(GroupedOls.Fit fit, double[][] meat, long clusters) {
    int k = fit.beta().length;
    double[][] out = new double[k][k];
    for (double[] row : out) {
      java.util.Arrays.fill(row, Double.NaN);
    }
    long n = fit.n();
    int rank = fit.rank();
    if (clusters < 2 || n - rank <= 0) {
      return out;
    }
    int[] keep = new int[rank];
    int r = 0;
    for (int i = 0; i < k; i++) {
      if (!fit.aliased()[i]) {
        keep[r++] = i;
      }
    }
    double[][] b = new double[rank][rank];
    double[][] m = new double[rank][rank];
    for (int i = 0; i < rank; i++) {
      for (int j = 0; j < rank; j++) {
        b[i][j] = fit.bread()[keep[i]][keep[j]];
        m[i][j] = meat[keep[i]][keep[j]];
      }
    }
    RealMatrix bm = new Array2DRowRealMatrix(b, false);
    RealMatrix v = bm.multiply(new Array2DRowRealMatrix(m, false)).multiply(bm);
    double c = (clusters / (clusters - 1.0)) * ((n - 1.0) / (n - rank));
    for (int i = 0; i < rank; i++) {
      for (int j = 0; j < rank; j++) {
        out[keep[i]][keep[j]] = c * v.getEntry(i, j);
      }
    }
    return out;
  }
}
