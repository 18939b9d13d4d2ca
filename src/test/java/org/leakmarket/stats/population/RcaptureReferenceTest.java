package org.leakmarket.stats.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.leakmarket.stats.population.PublishedDataTest.fromHistpos;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Profile-likelihood intervals and heterogeneity (Mh, Mth) models against the numbers Rcapture
 * prints (Baillargeon and Rivest 2007, J. Stat. Software 19(5); the package's own record of its
 * example output, cran/Rcapture 1.3-1 {@code tests/Examples/Rcapture-Ex.Rout.save}, and its test of
 * published results {@code inst/tests/testPapersResults.R}). Counts are in Rcapture's histpos order
 * (list 1 the leading binary digit, from 11..1 down to 0..01); the HIV, hare and mvole counts were
 * tabulated from the package's data sets ({@code data/HIV.rda}, {@code data/hare.rda}: 68 animals,
 * 6 occasions; {@code data/mvole.rda}, columns 11–15 as {@code period3}).
 *
 * <p>Rcapture evaluates the profile at whole numbers of unseen people and interpolates linearly;
 * ours is continuous, so limits are compared to the printed precision (0.1 or 1).
 */
class RcaptureReferenceTest {

  /** Abeni et al. (1994) HIV data, four reporting centres in Rome; n = 1896. */
  static final CaptureHistories HIV =
      fromHistpos(4, 0, 3, 1, 33, 0, 20, 6, 403, 3, 35, 10, 545, 11, 621, 205);

  /** Snowshoe hares (Cormack 1989; Agresti 1994), six occasions, n = 68. */
  static final CaptureHistories HARE =
      fromHistpos(
          6, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 1, 0, 1, 0, 1, 1, 0, 0, 2, 0,
          2, 1, 3, 1, 0, 2, 0, 1, 0, 2, 0, 1, 0, 3, 3, 1, 3, 1, 6, 0, 0, 1, 0, 1, 0, 2, 5, 1, 1, 4,
          3, 2, 4, 4);

  /** Meadow voles, Rcapture's {@code mvole[, 11:15]} ("period3"), five occasions, n = 49. */
  static final CaptureHistories MVOLE =
      fromHistpos(
          5, 7, 3, 3, 1, 1, 0, 2, 1, 0, 1, 0, 1, 2, 1, 1, 2, 0, 0, 0, 1, 2, 2, 0, 7, 0, 0, 0, 3, 0,
          6, 2);

  /** Cormack, Chang and Smith (2000) Table 3b, three lists. */
  static final CaptureHistories CORMACK3 = fromHistpos(3, 72, 5, 29, 54, 24, 3, 14);

  private static final CaptureRecapture.Options O = CaptureRecapture.Options.defaults();

  private static ModelFit profiled(CaptureHistories d, String model) {
    LogLinearModel m = LogLinearModel.parse(model, d.lists());
    return CaptureRecapture.withProfile(
        d, CaptureRecapture.fit(d, m, O), CaptureRecapture.design(m, d.lists()), O);
  }

  /**
   * Rcapture-Ex.Rout.save, {@code closedpCI.t(HIV, dfreq=TRUE, mX= ~ . + c1:c2)}: Poisson abundance
   * 12318.5, stderr 1188.7, deviance 7.614 on 9 df; multinomial abundance 12308, profile interval
   * 10266 – 14992.3.
   */
  @Test
  void hivInteraction12() {
    ModelFit f = profiled(HIV, "[12,3,4]");
    assertThat(f.nHat()).isCloseTo(12318.5, within(0.05));
    assertThat(f.se()).isCloseTo(1188.7, within(0.05));
    assertThat(f.deviance()).isCloseTo(7.614, within(0.0005));
    assertThat(f.df()).isEqualTo(9);
    assertThat(f.profile().nHat()).isCloseTo(12308, within(0.5));
    assertThat(f.profileCiLow()).isCloseTo(10266, within(0.5));
    assertThat(f.profileCiHigh()).isCloseTo(14992.3, within(0.05));
  }

  /**
   * Rcapture-Ex.Rout.save, {@code closedpCI.t(HIV, dfreq=TRUE, mX= ~ (c1+c2+c3+c4)^2)}: 23443.5
   * (9594.9), deviance 3.037 on 4 df; multinomial 23269.8, profile 10027.6 – 50046.3.
   */
  @Test
  void hivAllTwoWayInteractions() {
    ModelFit f = profiled(HIV, "[12,13,14,23,24,34]");
    assertThat(f.nHat()).isCloseTo(23443.5, within(0.05));
    assertThat(f.se()).isCloseTo(9594.9, within(0.05));
    assertThat(f.deviance()).isCloseTo(3.037, within(0.0005));
    assertThat(f.profile().nHat()).isCloseTo(23269.8, within(0.5));
    assertThat(f.profileCiLow()).isCloseTo(10027.6, within(0.05));
    assertThat(f.profileCiHigh()).isCloseTo(50046.3, within(0.05));
  }

  /**
   * testPapersResults.R, Cormack et al. (2000) Table 3b as Rcapture reproduces it: independence
   * (Mt) profile limits 203 and 217; [1,23] lower limit 210; [13,23] lower limit 204.
   */
  @Test
  void cormackTable3bProfileLimits() {
    ModelFit ind = profiled(CORMACK3, "[1,2,3]");
    assertThat(Math.round(ind.profileCiLow())).isEqualTo(203);
    assertThat(Math.round(ind.profileCiHigh())).isEqualTo(217);
    assertThat(Math.round(profiled(CORMACK3, "[1,23]").profileCiLow())).isEqualTo(210);
    assertThat(Math.round(profiled(CORMACK3, "[13,23]").profileCiLow())).isEqualTo(204);
  }

  /**
   * Rcapture-Ex.Rout.save, {@code closedp.t(hare)}: every heterogeneity row (abundance, stderr,
   * deviance, df) of the printed table; and {@code closedpCI.t(hare, m="Mth", h="Poisson")}:
   * profile abundance 80.1, interval 71.8 – 93.8. Mt (independence) 75.1 (3.4), deviance 58.314 on
   * 56 df.
   */
  @Test
  void hareHeterogeneityRows() {
    ModelFit mt = CaptureRecapture.fit(HARE, LogLinearModel.independence(6));
    expect(mt, 75.1, 3.4, 58.314, 56);
    expect(het(HARE, Heterogeneity.Kind.CHAO_LB, false), 79.8, 6.4, 58.023, 58);
    expect(het(HARE, Heterogeneity.Kind.POISSON2, false), 81.5, 5.7, 59.107, 60);
    expect(het(HARE, Heterogeneity.Kind.DARROCH, false), 90.4, 11.6, 61.600, 60);
    expect(het(HARE, Heterogeneity.Kind.CHAO_LB, true), 79.6, 6.3, 47.115, 52);
    expect(het(HARE, Heterogeneity.Kind.POISSON2, true), 81.1, 5.6, 48.137, 55);
    expect(het(HARE, Heterogeneity.Kind.DARROCH, true), 90.5, 11.7, 50.706, 55);
    ModelFit p2 = Heterogeneity.fit(HARE, Heterogeneity.Kind.POISSON2, true, O, true);
    assertThat(p2.profile().nHat()).isCloseTo(80.1, within(0.05));
    assertThat(p2.profileCiLow()).isCloseTo(71.8, within(0.05));
    assertThat(p2.profileCiHigh()).isCloseTo(93.8, within(0.05));
    // AIC as printed: Mth Poisson2 146.327
    assertThat(p2.aic()).isCloseTo(146.327, within(0.0005));
  }

  /**
   * Rcapture-Ex.Rout.save, {@code closedp.t(period3)} (meadow voles): Mt 50.9 (1.6) 61.208/25; Mh
   * Chao 71.9 (14.2) 33.556/26; Mth Chao 71.0 (13.7) 26.120/22; Mth Poisson2 60.5 (6.1) 30.652/24;
   * Mth Darroch 93.1 (26.6) 27.178/24.
   */
  @Test
  void meadowVoleHeterogeneityRows() {
    expect(CaptureRecapture.fit(MVOLE, LogLinearModel.independence(5)), 50.9, 1.6, 61.208, 25);
    expect(het(MVOLE, Heterogeneity.Kind.CHAO_LB, false), 71.9, 14.2, 33.556, 26);
    expect(het(MVOLE, Heterogeneity.Kind.CHAO_LB, true), 71.0, 13.7, 26.120, 22);
    expect(het(MVOLE, Heterogeneity.Kind.POISSON2, true), 60.5, 6.1, 30.652, 24);
    expect(het(MVOLE, Heterogeneity.Kind.DARROCH, true), 93.1, 26.6, 27.178, 24);
  }

  /** The estimate carries the three Mth rows, with profile intervals, for three or more lists. */
  @Test
  void estimateCarriesTheSensitivityRows() {
    PopulationResult r = CaptureRecapture.estimate(MVOLE);
    assertThat(r.sensitivity())
        .extracting(ModelFit::model)
        .containsExactly("Mth Chao (LB)", "Mth Darroch", "Mth Poisson2");
    assertThat(r.sensitivity()).allSatisfy(m -> assertThat(m.profileCiLow()).isNotNull());
    assertThat(r.sensitivity().get(0).nHat()).isCloseTo(71.0, within(0.05));
    // not candidates for selection
    assertThat(r.selected()).doesNotStartWith("M");
    CaptureHistories two = CaptureHistories.of(List.of("a", "b"), java.util.Map.of(1, 5L, 3, 4L));
    assertThat(CaptureRecapture.estimate(two).sensitivity()).isEmpty();
  }

  private static ModelFit het(CaptureHistories d, Heterogeneity.Kind k, boolean listEffects) {
    return Heterogeneity.fit(d, k, listEffects, O, false);
  }

  private static void expect(ModelFit f, double nHat, double se, double deviance, int df) {
    assertThat(f.mleExists()).as(f.model()).isTrue();
    assertThat(f.nHat()).as(f.model()).isCloseTo(nHat, within(0.05));
    assertThat(f.se()).as(f.model()).isCloseTo(se, within(0.05));
    assertThat(f.deviance()).as(f.model()).isCloseTo(deviance, within(0.0005));
    assertThat(f.df()).as(f.model()).isEqualTo(df);
  }
}
