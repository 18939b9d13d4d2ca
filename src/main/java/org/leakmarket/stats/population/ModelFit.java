package org.leakmarket.stats.population;

/**
 * One fitted log-linear model: the estimate it implies and how well it fits.
 *
 * <p>When {@code mleExists} is false (no convergence, a fitted cell driven to zero by a zero count
 * so that an interaction runs to ±∞, a singular information matrix, or an unseen-cell estimate that
 * is not finite) every number is null: a divergent fit never prints an estimate and is never
 * selected; {@code note} says what went wrong.
 *
 * <p>Likelihood convention: {@code aic} = −2 ln L + 2k and {@code bic} = −2 ln L + k ln n_obs, with
 * ln L the full Poisson log-likelihood of the 2^t − 1 observed cells including the −ln(y!) term (as
 * R's glm does), k the number of parameters and n_obs the number of distinct people observed
 * (methods.md). Differences between models, which is all selection uses, do not depend on the
 * −ln(y!) term. Pure value object; no cost.
 *
 * @param model generator notation with list numbers, e.g. {@code [12,3]}
 * @param labels generator notation with list labels, e.g. {@code [s-1*s-2, s-3]}
 * @param nHat N̂ = n_obs + exp(α̂0)
 * @param se sqrt(exp(α̂0) + exp(2α̂0)·Var(α̂0))
 * @param ciLow log-transformed 95% interval (Chao 1987), the reported one
 * @param ciHigh see ciLow
 * @param ciLowNormal N̂ − 1.96·SE
 * @param ciHighNormal N̂ + 1.96·SE
 * @param f0 estimated number of unseen people exp(α̂0)
 * @param aic Akaike information criterion
 * @param bic Bayesian information criterion
 * @param deviance residual deviance against the saturated model of the observed cells
 * @param df residual degrees of freedom (2^t − 1 − k)
 * @param parameters k
 * @param converged IRLS converged within the iteration limit
 * @param mleExists the maximum-likelihood estimate exists and is finite
 * @param note why there is no estimate, or null
 * @param profile the profile-likelihood interval for N (Rcapture's), or null when the MLE does not
 *     exist or the profile was not computed
 */
public record ModelFit(
    String model,
    String labels,
    Double nHat,
    Double se,
    Double ciLow,
    Double ciHigh,
    Double ciLowNormal,
    Double ciHighNormal,
    Double f0,
    Double aic,
    Double bic,
    Double deviance,
    int df,
    int parameters,
    boolean converged,
    boolean mleExists,
    String note,
    ProfileInterval profile) {

  /** This fit with its profile-likelihood interval attached. */
  public ModelFit withProfile(ProfileInterval p) {
    return new ModelFit(
        model,
        labels,
        nHat,
        se,
        ciLow,
        ciHigh,
        ciLowNormal,
        ciHighNormal,
        f0,
        aic,
        bic,
        deviance,
        df,
        parameters,
        converged,
        mleExists,
        note,
        p);
  }

  /** Lower profile-likelihood limit, or null. */
  public Double profileCiLow() {
    return profile == null ? null : profile.low();
  }

  /** Upper profile-likelihood limit, or null (no fit, or no finite upper limit). */
  public Double profileCiHigh() {
    return profile == null ? null : profile.high();
  }

  /** Value of the given criterion, or null without an MLE. */
  public Double criterion(Criterion c) {
    return c == Criterion.AIC ? aic : bic;
  }
}
