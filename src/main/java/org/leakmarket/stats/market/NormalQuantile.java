package org.leakmarket.stats.market;

import org.apache.commons.math3.distribution.NormalDistribution;

/** Standard normal quantiles (commons-math3), for intervals. */
final class NormalQuantile {
  private static final NormalDistribution STANDARD = new NormalDistribution(null, 0.0, 1.0);

  private NormalQuantile() {}

  /** z with P(Z > z) = tail, e.g. 1.959963984540054 for tail 0.025. */
  static double upper(double tail) {
    return STANDARD.inverseCumulativeProbability(1.0 - tail);
  }
}
