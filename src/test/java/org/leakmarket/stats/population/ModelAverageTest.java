package org.leakmarket.stats.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** BIC-weighted model averaging with Buckland et al.'s (1997) unconditional SE. */
class ModelAverageTest {

  private static ModelFit fit(String name, double nHat, double se, double bic) {
    return new ModelFit(
        name,
        name,
        nHat,
        se,
        null,
        null,
        null,
        null,
        nHat - 100,
        bic,
        bic,
        0.0,
        1,
        4,
        true,
        true,
        null,
        null);
  }

  /**
   * Two models by hand: BIC 10 and 12, so weights 1/(1+e^−1) = 0.731059 and 0.268941; N̄ =
   * 0.731059· 200 + 0.268941·260 = 216.1365; SE = 0.731059·sqrt(10² + 16.1365²) + 0.268941·sqrt(20²
   * + 43.8635²) = 0.731059·18.9838 + 0.268941·48.2080 = 26.8434. A model without an MLE is ignored.
   */
  @Test
  void twoModelsByHand() {
    ModelFit none =
        new ModelFit(
            "[12,13]", "x", null, null, null, null, null, null, null, null, null, null, 1, 5, false,
            false, "no MLE", null);
    ModelAverage a =
        ModelAverage.of(
            List.of(fit("[1,2,3]", 200, 10, 10), none, fit("[12,3]", 260, 20, 12)),
            Criterion.BIC,
            100);
    double w1 = 1 / (1 + Math.exp(-1));
    assertThat(a.weights()).containsOnlyKeys("[1,2,3]", "[12,3]");
    assertThat(a.weights().get("[1,2,3]")).isCloseTo(w1, within(1e-12));
    assertThat(a.nHat()).isCloseTo(216.1365, within(1e-4));
    assertThat(a.se()).isCloseTo(26.8434, within(1e-4));
    assertThat(a.models()).isEqualTo(2);
    // log-transformed interval on f0 = N̄ − n_obs = 116.1365
    double f0 = a.nHat() - 100;
    double c = Math.exp(1.96 * Math.sqrt(Math.log(1 + a.se() * a.se() / (f0 * f0))));
    assertThat(a.ciLow()).isCloseTo(100 + f0 / c, within(1e-9));
    assertThat(a.ciHigh()).isCloseTo(100 + f0 * c, within(1e-9));
  }

  /**
   * Cormack et al. (2000) Table 3b, all eight two-way models: the average computed independently (a
   * short numpy script with its own IRLS fit of each model, BIC = −2 ln L + k ln n, weights and
   * Buckland's SE as above) is N̄ = 223.3285, SE = 8.8537, 95% log interval 211.56 – 248.22. [1,23]
   * carries 84% of the weight, [12,23] 8%, [13,23] 7%.
   */
  @Test
  void cormackTable3bAgainstAnIndependentComputation() {
    PopulationResult r = CaptureRecapture.estimate(RcaptureReferenceTest.CORMACK3);
    ModelAverage a = r.modelAverage();
    assertThat(a.models()).isEqualTo(8);
    assertThat(a.nHat()).isCloseTo(223.3285, within(1e-3));
    assertThat(a.se()).isCloseTo(8.8537, within(1e-3));
    assertThat(a.ciLow()).isCloseTo(211.56, within(0.01));
    assertThat(a.ciHigh()).isCloseTo(248.22, within(0.01));
    assertThat(a.weights().get("[1,23]")).isCloseTo(0.839417, within(1e-5));
    assertThat(a.weights().get("[12,23]")).isCloseTo(0.081809, within(1e-5));
    assertThat(r.selected()).isEqualTo("[1,23]");
    assertThat(r.toSummary()).containsKeys("model_average", "sensitivity");
  }

  @Test
  void noModelWithAnMleMeansNoAverage() {
    PopulationResult r =
        CaptureRecapture.estimate(
            CaptureHistories.of(List.of("a", "b", "c"), java.util.Map.of(7, 25L)));
    assertThat(r.modelAverage()).isNull();
    assertThat(r.toSummary().get("model_average")).isNull();
  }
}
