package org.leakmarket.stats.population;

/**
 * A population-size point estimate with its standard error and two 95% intervals.
 *
 * <p>{@code ciLow}/{@code ciHigh} are the log-transformed interval of Chao (1987), the one
 * publications report by default: it never falls below the number of people observed and it is
 * skewed to the right as the sampling distribution of N̂ is. {@code ciLowNormal}/{@code
 * ciHighNormal} are the symmetric Wald interval N̂ ± z·SE, kept for comparison with published
 * tables that print it. Pure value object; no cost.
 */
public record Estimate(
    double nHat, double se, double ciLow, double ciHigh, double ciLowNormal, double ciHighNormal) {

  /** 97.5% standard normal quantile, as printed in the references (1.96, not 1.959964). */
  public static final double Z = 1.96;

  /**
   * Builds an estimate from N̂, its variance and the number of distinct people observed.
   *
   * <p>Log CI (Chao 1987): f0 = N̂ − nObs, C = exp(z·sqrt(ln(1 + Var/f0²))), CI = (nObs + f0/C,
   * nObs + f0·C). When f0 ≤ 0 the transform is undefined: with Var = 0 the interval is the point
   * (nObs, nObs); otherwise the normal interval, floored at nObs, stands in for it.
   */
  static Estimate of(double nHat, double variance, long nObs) {
    double var = Math.max(0.0, variance);
    double se = Math.sqrt(var);
    double lowN = nHat - Z * se;
    double highN = nHat + Z * se;
    double f0 = nHat - nObs;
    double low;
    double high;
    if (f0 > 0) {
      double c = Math.exp(Z * Math.sqrt(Math.log1p(var / (f0 * f0))));
      low = nObs + f0 / c;
      high = nObs + f0 * c;
    } else if (var == 0.0) {
      low = nObs;
      high = nObs;
    } else {
      low = Math.max(nObs, lowN);
      high = Math.max(nObs, highN);
    }
    return new Estimate(nHat, se, low, high, lowN, highN);
  }
}
