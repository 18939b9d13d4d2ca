package org.leakmarket.stats.population;

import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.analysis.UnivariateFunction;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;
import org.apache.commons.math3.optim.univariate.UnivariatePointValuePair;
import org.apache.commons.math3.special.Gamma;

/**
 * Profile-likelihood interval for the population size N of a Poisson log-linear capture-recapture
 * model (methods.md, Population; as Rcapture's {@code closedpCI.t} and {@code profileCI} compute
 * it).
 *
 * <p>For a candidate number of unseen people n0 the model is refitted to all 2^t cells with the
 * unseen cell set to n0 (its design row is the intercept alone). With N = n_obs + n0, the
 * multinomial log-likelihood, maximised over the model's parameters, is, up to a constant, {@code
 * ℓ(n0) = ln N! − ln n0! + n0 ln n0 − N ln N − D(n0)/2}, D the Poisson deviance of that fit
 * (Cormack 1992; Baillargeon and Rivest 2007, eq. 5). Rcapture evaluates ℓ at integers and
 * interpolates linearly, with Stirling's formula for the factorials above N = 100; here ℓ is a
 * smooth function of a real n0 (exact log-gamma), maximised by Brent's method, and the limits are
 * the roots of ℓ(n0) = ℓ_max − χ²₁(0.95)/2 found by Brent's root finder. The two agree to the
 * printed precision on Rcapture's examples (ProfileLikelihoodTest).
 *
 * <p>Cost: each evaluation of ℓ is one IRLS fit of 2^t cells, warm-started from the previous one (a
 * few iterations); an interval takes some 60–100 evaluations. Package-private: {@link
 * CaptureRecapture} attaches an interval to every model whose MLE exists.
 */
final class ProfileLikelihood {

  /** Half the 95% quantile of χ² with 1 df: the drop in ℓ that bounds the interval. */
  static final double HALF_CHI2 =
      new ChiSquaredDistribution(null, 1).inverseCumulativeProbability(0.95) / 2;

  /**
   * Largest number of unseen people searched for the upper limit: a profile still within 1.92 of
   * its maximum there leaves the upper limit unbounded (Rcapture prints "&gt;" such a number).
   */
  static final double MAX_UNSEEN = 1e9;

  // Limits are published to whole persons and compared with Rcapture to 0.05: 1e-6 is ample.
  private static final double REL = 1e-9;
  private static final double ABS = 1e-6;

  private ProfileLikelihood() {}

  /**
   * The interval.
   *
   * @param deviance n0 → Poisson deviance of the model refitted with the unseen cell = n0; NaN when
   *     that fit fails
   * @param nObs people observed
   * @param f0 the model's Poisson estimate of the unseen people, where the search starts
   * @param se the model's SE of N̂, which scales the first search bracket
   */
  static ProfileInterval interval(DoubleUnaryOperator deviance, long nObs, double f0, double se) {
    UnivariateFunction ell = n0 -> logLik(deviance, nObs, n0);
    try {
      // Bracket the maximum: widen until the profile falls on the right of the current peak.
      double hi = Math.max(10 * (f0 + 4 * se), 10);
      UnivariatePointValuePair best = maximise(ell, hi, f0);
      while (best.getPoint() > 0.9 * hi && hi < MAX_UNSEEN) {
        hi *= 10;
        best = maximise(ell, hi, best.getPoint());
      }
      double a = best.getPoint();
      double lmax = best.getValue();
      if (!Double.isFinite(lmax)) {
        return ProfileInterval.failed("profile likelihood could not be evaluated");
      }
      if (a > 0.9 * hi) {
        return new ProfileInterval(
            null, null, null, "the profile likelihood keeps rising: N has no finite maximum");
      }
      double threshold = lmax - HALF_CHI2;
      UnivariateFunction g = n0 -> ell.value(n0) - threshold;
      BrentSolver solver = new BrentSolver(REL, ABS);
      double low = g.value(0) >= 0 ? nObs : nObs + solver.solve(200, g, 0, a);
      double u = a + Math.max(se, 1);
      while (g.value(u) > 0 && u < MAX_UNSEEN) {
        u *= 2;
      }
      if (g.value(u) > 0) {
        return new ProfileInterval(
            nObs + a,
            low,
            null,
            "the profile likelihood stays within the 95% bound up to "
                + String.format(java.util.Locale.ROOT, "%.0e", MAX_UNSEEN)
                + " unseen people: no finite upper limit");
      }
      double high = nObs + solver.solve(200, g, a, u);
      return new ProfileInterval(nObs + a, low, high, null);
    } catch (MathIllegalStateException | IllegalArgumentException e) {
      return ProfileInterval.failed("profile likelihood search failed: " + e.getMessage());
    }
  }

  /** Brent's search on [0, hi] from {@code start} (the Poisson estimate lies close to the peak). */
  private static UnivariatePointValuePair maximise(
      UnivariateFunction ell, double hi, double start) {
    return new BrentOptimizer(REL, ABS)
        .optimize(
            new MaxEval(500),
            new UnivariateObjectiveFunction(ell),
            GoalType.MAXIMIZE,
            new SearchInterval(0, hi, Math.min(Math.max(start, 0), hi)));
  }

  /**
   * ℓ(n0) = ln N! − ln n0! + n0 ln n0 − N ln N − D(n0)/2 with N = nObs + n0 (the terms of the
   * multinomial log-likelihood that depend on n0; 0 ln 0 = 0). −∞ when the fit fails, so that a
   * search never settles there.
   */
  static double logLik(DoubleUnaryOperator deviance, long nObs, double n0) {
    double d = deviance.applyAsDouble(n0);
    if (!Double.isFinite(d)) {
      return Double.NEGATIVE_INFINITY;
    }
    double big = nObs + n0;
    double ct =
        Gamma.logGamma(big + 1)
            - Gamma.logGamma(n0 + 1)
            + (n0 > 0 ? n0 * Math.log(n0) : 0.0)
            - big * Math.log(big);
    return ct - d / 2;
  }

  /**
   * The deviance function of a fixed design: rows of the 2^t − 1 observed cells plus the unseen
   * cell (intercept only), refitted for each n0 and warm-started from the last fit.
   */
  static DoubleUnaryOperator devianceOf(double[][] xObserved, double[] y, int maxIterations) {
    int cells = y.length;
    int p = xObserved[0].length;
    double[][] x = new double[cells + 1][];
    System.arraycopy(xObserved, 0, x, 0, cells);
    x[cells] = new double[p];
    x[cells][0] = 1.0;
    double[] yy = java.util.Arrays.copyOf(y, cells + 1);
    double[][] last = {null};
    return n0 -> {
      yy[cells] = n0;
      double[] start = last[0];
      if (start != null) {
        start = start.clone();
        start[cells] = Math.max(start[cells], 0.5 * n0);
      }
      PoissonGlm.Fit f = PoissonGlm.fit(x, yy, maxIterations, start, false);
      if (f.beta() == null || !f.converged() || !Double.isFinite(f.deviance())) {
        // A warm start that went astray: one more try from the data before giving up.
        f = PoissonGlm.fit(x, yy, maxIterations, null, false);
        if (f.beta() == null || !f.converged()) {
          return Double.NaN;
        }
      }
      last[0] = f.fitted();
      return f.deviance();
    };
  }
}
