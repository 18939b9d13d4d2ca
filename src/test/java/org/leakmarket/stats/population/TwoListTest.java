package org.leakmarket.stats.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TwoListTest {

  /**
   * Seber (2002), The Estimation of Animal Abundance, Table 3.8 (as quoted in methods.md): n1 =
   * 1000, n2 = 243, m = 21 gives Chapman 11101, SE 2184, 95% CI (6820, 15382).
   */
  @Test
  void seberTable38Chapman() {
    TwoListEstimate e = CaptureRecapture.twoList(1000, 243, 21);
    Estimate c = e.chapman();
    assertThat(Math.round(c.nHat())).isEqualTo(11101);
    assertThat(Math.round(c.se())).isEqualTo(2184);
    // The printed interval is 11101 ± 1.96 × 2184, built from the rounded N̂ and SE; from the
    // unrounded SE (2183.70) the bounds are 6820.95 and 15381.05, within 1 of the printed ones.
    assertThat(Math.round(Math.round(c.nHat()) - 1.96 * Math.round(c.se()))).isEqualTo(6820);
    assertThat(Math.round(Math.round(c.nHat()) + 1.96 * Math.round(c.se()))).isEqualTo(15382);
    assertThat(c.ciLowNormal()).isCloseTo(6820, within(1.0));
    assertThat(c.ciHighNormal()).isCloseTo(15382, within(1.0));
    assertThat(e.nObs()).isEqualTo(1222);
  }

  /** Pine et al. (2013) (methods.md): 421, 332, 88 gives 1578, 95% CI (1330, 1826). */
  @Test
  void pineEtAl2013Chapman() {
    Estimate c = CaptureRecapture.twoList(421, 332, 88).chapman();
    assertThat(Math.round(c.nHat())).isEqualTo(1578);
    assertThat(Math.round(c.ciLowNormal())).isEqualTo(1330);
    assertThat(Math.round(c.ciHighNormal())).isEqualTo(1826);
  }

  /** Hand calculation: 100·80/20 = 400; Var = 100²·80·60/20³ = 6000. */
  @Test
  void lincolnPetersenByHand() {
    Estimate lp = CaptureRecapture.twoList(100, 80, 20).lincolnPetersen();
    assertThat(lp.nHat()).isEqualTo(400.0);
    assertThat(lp.se()).isCloseTo(Math.sqrt(6000.0), within(1e-12));
    assertThat(lp.ciLowNormal()).isCloseTo(400 - 1.96 * Math.sqrt(6000.0), within(1e-9));
  }

  /**
   * Chao (1987) log CI by hand for Pine et al.: f0 = N − n_obs, C = exp(1.96·sqrt(ln(1 +
   * Var/f0²))); the interval is asymmetric and never below n_obs.
   */
  @Test
  void logTransformedIntervalByHand() {
    TwoListEstimate e = CaptureRecapture.twoList(421, 332, 88);
    Estimate c = e.chapman();
    double n = 422.0 * 333 / 89 - 1;
    double var = 422.0 * 333 * 333 * 244 / (89.0 * 89 * 90);
    double f0 = n - 665;
    double cc = Math.exp(1.96 * Math.sqrt(Math.log(1 + var / (f0 * f0))));
    assertThat(c.ciLow()).isCloseTo(665 + f0 / cc, within(1e-9));
    assertThat(c.ciHigh()).isCloseTo(665 + f0 * cc, within(1e-9));
    assertThat(c.ciLow()).isGreaterThan(665.0);
    assertThat(c.ciHigh() - c.nHat()).isGreaterThan(c.nHat() - c.ciLow());
  }

  @Test
  void noOverlapMeansNoEstimate() {
    TwoListEstimate e = CaptureRecapture.twoList(50, 40, 0);
    assertThat(e.exists()).isFalse();
    assertThat(e.lincolnPetersen()).isNull();
    assertThat(e.chapman()).isNull();
    assertThat(e.note()).contains("m = 0");
    assertThat(e.nObs()).isEqualTo(90);
    assertThat(CaptureRecapture.twoList(0, 0, 0).exists()).isFalse();
  }

  @Test
  void everyoneOnBothListsGivesTheObservedCountWithNoUncertainty() {
    TwoListEstimate e = CaptureRecapture.twoList(30, 30, 30);
    for (Estimate x : new Estimate[] {e.lincolnPetersen(), e.chapman()}) {
      assertThat(x.nHat()).isEqualTo(30.0);
      assertThat(x.se()).isZero();
      assertThat(x.ciLow()).isEqualTo(30.0);
      assertThat(x.ciHigh()).isEqualTo(30.0);
    }
  }

  @Test
  void aListHoldingEveryoneGivesItsSize() {
    // List 1 holds all 50 people observed; list 2 is a subset of it.
    TwoListEstimate e = CaptureRecapture.twoList(50, 20, 20);
    assertThat(e.lincolnPetersen().nHat()).isEqualTo(50.0);
    assertThat(e.chapman().nHat()).isCloseTo(50.0, within(1e-12));
    assertThat(e.chapman().se()).isZero();
    assertThat(e.chapman().ciLow()).isEqualTo(50.0);
  }

  @Test
  void rejectsImpossibleCounts() {
    assertThatThrownBy(() -> CaptureRecapture.twoList(10, 5, 6))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("m=6");
    assertThatThrownBy(() -> CaptureRecapture.twoList(-1, 5, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("non-negative");
    assertThatThrownBy(() -> CaptureRecapture.twoList(5, 5, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
