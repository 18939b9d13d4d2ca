package org.leakmarket.stats.population;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.NonSymmetricMatrixException;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.apache.commons.math3.special.Gamma;

/**
 * Poisson GLM with log link fitted by iteratively reweighted least squares (Newton–Raphson, which
 * IRLS is for the canonical link). Each iteration solves the weighted normal equations X'WX β =
 * X'Wz by Cholesky; the covariance of β̂ is the inverse of the final X'WX.
 *
 * <p>Cost per iteration: O(n·p²) to form X'WX plus O(p³) to factor it, n cells and p parameters; a
 * 5-list model (31 cells, ≤ 16 parameters) fits in well under a millisecond. Package-private:
 * {@link CaptureRecapture} is the API.
 */
final class PoissonGlm {

  /** Relative deviance change that ends the iterations (R's glm uses 1e-8; we are stricter). */
  static final double TOLERANCE = 1e-12;

  private PoissonGlm() {}

  /**
   * Result of one fit.
   *
   * @param beta coefficients (null when a step could not be solved)
   * @param covariance inverse information matrix at β̂ (null when singular)
   * @param fitted fitted means μ̂ per row
   * @param converged the deviance settled within the iteration limit
   * @param iterations iterations used
   * @param deviance 2 Σ [y ln(y/μ) − (y − μ)]
   * @param logLik full Poisson log-likelihood Σ [y ln μ − μ − ln y!]
   * @param problem why the fit failed, or null
   */
  record Fit(
      double[] beta,
      double[][] covariance,
      double[] fitted,
      boolean converged,
      int iterations,
      double deviance,
      double logLik,
      String problem) {}

  static Fit fit(double[][] x, double[] y, int maxIterations) {
    return fit(x, y, maxIterations, null);
  }

  /**
   * Fits from given starting means (e.g. the fit of a neighbouring profile point, which saves most
   * iterations), or from the data when {@code startMu} is null.
   */
  static Fit fit(double[][] x, double[] y, int maxIterations, double[] startMu) {
    return fit(x, y, maxIterations, startMu, true);
  }

  /**
   * As {@link #fit(double[][], double[], int, double[])}; without {@code covariance} the final
   * inverse of X'WX is skipped (a profile needs only the deviance) and the result's covariance is
   * null.
   */
  static Fit fit(
      double[][] x, double[] y, int maxIterations, double[] startMu, boolean covariance) {
    int n = y.length;
    int p = x[0].length;
    double[] mu = new double[n];
    double[] eta = new double[n];
    for (int i = 0; i < n; i++) {
      // Start from the data, shifted off zero so the log exists (R's glm uses y + 0.1).
      mu[i] = startMu != null && startMu[i] > 0 ? startMu[i] : y[i] + 0.5;
      eta[i] = Math.log(mu[i]);
    }
    double dev = deviance(y, mu);
    double[] beta = null;
    boolean converged = false;
    int iter = 0;
    while (iter < maxIterations) {
      iter++;
      double[] z = new double[n];
      for (int i = 0; i < n; i++) {
        z[i] = eta[i] + (y[i] - mu[i]) / mu[i];
      }
      double[] newBeta;
      try {
        newBeta = solve(information(x, mu), xtwz(x, mu, z));
      } catch (SingularMatrixException
          | NonPositiveDefiniteMatrixException
          | NonSymmetricMatrixException e) {
        return new Fit(
            beta,
            null,
            mu,
            false,
            iter,
            dev,
            Double.NaN,
            "singular information matrix (a parameter is not identified by the observed cells)");
      }
      double[] newEta = multiply(x, newBeta);
      double[] newMu = exp(newEta);
      double newDev = deviance(y, newMu);
      // Step halving when the full Newton step overflows; the Poisson log-likelihood is
      // concave in β so a finite step always exists between the old and new β.
      int halvings = 0;
      while (!Double.isFinite(newDev) && beta != null && halvings < 30) {
        for (int j = 0; j < p; j++) {
          newBeta[j] = (newBeta[j] + beta[j]) / 2;
        }
        newEta = multiply(x, newBeta);
        newMu = exp(newEta);
        newDev = deviance(y, newMu);
        halvings++;
      }
      if (!Double.isFinite(newDev)) {
        return new Fit(
            newBeta, null, newMu, false, iter, newDev, Double.NaN, "fitted values overflowed");
      }
      double change = Math.abs(newDev - dev) / (Math.abs(newDev) + 0.1);
      beta = newBeta;
      eta = newEta;
      mu = newMu;
      dev = newDev;
      if (change < TOLERANCE) {
        converged = true;
        break;
      }
    }
    double[][] cov = null;
    String problem = null;
    if (!covariance) {
      return new Fit(beta, null, mu, converged, iter, dev, logLik(y, mu), null);
    }
    try {
      RealMatrix info = new Array2DRowRealMatrix(information(x, mu), false);
      RealMatrix inv = new CholeskyDecomposition(info).getSolver().getInverse();
      cov = inv.getData();
    } catch (SingularMatrixException
        | NonPositiveDefiniteMatrixException
        | NonSymmetricMatrixException e) {
      problem = "singular information matrix at the fitted values";
    }
    return new Fit(beta, cov, mu, converged, iter, dev, logLik(y, mu), problem);
  }

  private static double[][] information(double[][] x, double[] w) {
    int p = x[0].length;
    double[][] a = new double[p][p];
    for (int i = 0; i < x.length; i++) {
      double[] xi = x[i];
      double wi = w[i];
      for (int j = 0; j < p; j++) {
        if (xi[j] == 0.0) {
          continue;
        }
        double wxj = wi * xi[j];
        for (int k = j; k < p; k++) {
          a[j][k] += wxj * xi[k];
        }
      }
    }
    for (int j = 0; j < p; j++) {
      for (int k = 0; k < j; k++) {
        a[j][k] = a[k][j];
      }
    }
    return a;
  }

  private static double[] xtwz(double[][] x, double[] w, double[] z) {
    int p = x[0].length;
    double[] b = new double[p];
    for (int i = 0; i < x.length; i++) {
      double wz = w[i] * z[i];
      for (int j = 0; j < p; j++) {
        b[j] += x[i][j] * wz;
      }
    }
    return b;
  }

  private static double[] solve(double[][] a, double[] b) {
    DecompositionSolver s =
        new CholeskyDecomposition(new Array2DRowRealMatrix(a, false)).getSolver();
    return s.solve(new ArrayRealVector(b, false)).toArray();
  }

  private static double[] multiply(double[][] x, double[] beta) {
    double[] r = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double s = 0;
      for (int j = 0; j < beta.length; j++) {
        s += x[i][j] * beta[j];
      }
      r[i] = s;
    }
    return r;
  }

  private static double[] exp(double[] eta) {
    double[] r = new double[eta.length];
    for (int i = 0; i < eta.length; i++) {
      r[i] = Math.exp(eta[i]);
    }
    return r;
  }

  static double deviance(double[] y, double[] mu) {
    double d = 0;
    for (int i = 0; i < y.length; i++) {
      d += y[i] > 0 ? y[i] * Math.log(y[i] / mu[i]) - (y[i] - mu[i]) : mu[i];
    }
    return 2 * d;
  }

  static double logLik(double[] y, double[] mu) {
    double l = 0;
    for (int i = 0; i < y.length; i++) {
      l += (y[i] > 0 ? y[i] * Math.log(mu[i]) : 0.0) - mu[i] - Gamma.logGamma(y[i] + 1);
    }
    return l;
  }
}
