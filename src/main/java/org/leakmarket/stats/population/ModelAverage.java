package org.leakmarket.stats.population;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The criterion-weighted average of N̂ over the fitted log-linear models, with the unconditional
 * standard error of Buckland, Burnham and Augustin (1997, Biometrics 53:603, eq. 9) that adds the
 * spread between models to each model's own sampling variance:
 *
 * <pre>
 *   w_i = exp(−Δ_i/2) / Σ_j exp(−Δ_j/2),   Δ_i = BIC_i − min BIC
 *   N̄   = Σ w_i N̂_i
 *   SE  = Σ w_i sqrt(SE_i² + (N̂_i − N̄)²)
 * </pre>
 *
 * Only models whose MLE exists take part. The 95% interval is the log-transformed one of Chao
 * (1987) used for every model ({@link Estimate}), with N̄ − n_obs as the unseen count and SE² as
 * its variance, so that it never falls below the people observed. With one model the average is
 * that model. Pure Java; cost linear in the number of models.
 *
 * @param nHat N̄
 * @param se unconditional SE
 * @param ciLow log-transformed 95% interval
 * @param ciHigh see ciLow
 * @param models how many models were averaged
 * @param criterion the criterion the weights come from
 * @param weights model name to weight, in fit order (models without an MLE are absent)
 */
public record ModelAverage(
    double nHat,
    double se,
    double ciLow,
    double ciHigh,
    int models,
    Criterion criterion,
    Map<String, Double> weights) {

  public ModelAverage {
    weights = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(weights));
  }

  /** The average of the fits with an MLE, or null when there is none. */
  public static ModelAverage of(List<ModelFit> fits, Criterion c, long nObs) {
    List<ModelFit> ok = new ArrayList<>();
    for (ModelFit f : fits) {
      if (f.mleExists() && f.criterion(c) != null && f.nHat() != null && f.se() != null) {
        ok.add(f);
      }
    }
    if (ok.isEmpty()) {
      return null;
    }
    double min = Double.POSITIVE_INFINITY;
    for (ModelFit f : ok) {
      min = Math.min(min, f.criterion(c));
    }
    double[] w = new double[ok.size()];
    double sum = 0;
    for (int i = 0; i < w.length; i++) {
      // relative to the best model, so exp() cannot underflow to 0 for all of them
      w[i] = Math.exp(-(ok.get(i).criterion(c) - min) / 2);
      sum += w[i];
    }
    double nBar = 0;
    for (int i = 0; i < w.length; i++) {
      w[i] /= sum;
      nBar += w[i] * ok.get(i).nHat();
    }
    double se = 0;
    Map<String, Double> weights = new LinkedHashMap<>();
    for (int i = 0; i < w.length; i++) {
      ModelFit f = ok.get(i);
      double d = f.nHat() - nBar;
      se += w[i] * Math.sqrt(f.se() * f.se() + d * d);
      weights.put(f.model(), w[i]);
    }
    Estimate e = Estimate.of(nBar, se * se, nObs);
    return new ModelAverage(nBar, se, e.ciLow(), e.ciHigh(), ok.size(), c, weights);
  }
}
