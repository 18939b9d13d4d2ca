package org.leakmarket.stats.population;

/**
 * The profile-likelihood 95% interval for N of one model, as Rcapture's {@code closedpCI} reports
 * it (Baillargeon and Rivest 2007, section 2.3; Cormack 1992): the multinomial likelihood of the
 * 2^t cells, unseen cell included, maximised over the model's parameters for each candidate number
 * of unseen people n0; the interval holds every N = n_obs + n0 whose profile log-likelihood lies
 * within χ²₁(0.95)/2 = 1.92 of its maximum. Pure value object; no cost.
 *
 * @param nHat the multinomial maximum-likelihood estimate of N (Rcapture's "abundance" under
 *     "Multinomial estimation"), close to but not equal to the Poisson N̂ of the model
 * @param low lower limit; n_obs when the profile at n0 = 0 is still inside the interval
 * @param high upper limit, or null when the profile never falls far enough (the data put no upper
 *     bound on N below {@link ProfileLikelihood#MAX_UNSEEN} unseen people)
 * @param note why a limit is missing, or null
 */
public record ProfileInterval(Double nHat, Double low, Double high, String note) {

  /** A profile that could not be computed, with the reason. */
  static ProfileInterval failed(String note) {
    return new ProfileInterval(null, null, null, note);
  }
}
