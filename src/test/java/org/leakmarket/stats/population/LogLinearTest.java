package org.leakmarket.stats.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogLinearTest {

  private static final List<String> ABC = List.of("s-2015-001", "s-2015-002", "s-2015-003");

  // Own three-list counts, classical notation n(list1 list2 list3): list 1 is bit 0 of the mask.
  private static final long N100 = 60,
      N010 = 50,
      N001 = 40,
      N110 = 20,
      N101 = 15,
      N011 = 12,
      N111 = 8;

  static CaptureHistories three(
      long n100, long n010, long n001, long n110, long n101, long n011, long n111) {
    Map<Integer, Long> c = new HashMap<>();
    c.put(0b001, n100);
    c.put(0b010, n010);
    c.put(0b100, n001);
    c.put(0b011, n110);
    c.put(0b101, n101);
    c.put(0b110, n011);
    c.put(0b111, n111);
    return CaptureHistories.of(ABC, c);
  }

  private static final CaptureHistories OWN = three(N100, N010, N001, N110, N101, N011, N111);
  private static final long OBS = N100 + N010 + N001 + N110 + N101 + N011 + N111;

  private static ModelFit fit(CaptureHistories d, String model) {
    return CaptureRecapture.fit(d, LogLinearModel.parse(model, d.lists()));
  }

  @Test
  void model12_23MatchesClosedForm() {
    ModelFit f = fit(OWN, "[12,23]");
    double f0 = (double) N100 * N001 / N101;
    assertThat(f.mleExists()).isTrue();
    assertThat(f.f0()).isCloseTo(f0, within(1e-6));
    assertThat(f.nHat()).isCloseTo(OBS + f0, within(1e-6));
    assertThat(f.df()).isEqualTo(1);
  }

  @Test
  void model12_3MatchesClosedForm() {
    ModelFit f = fit(OWN, "[12,3]");
    double f0 = (double) N001 * (N100 + N010 + N110) / (N101 + N011 + N111);
    assertThat(f.f0()).isCloseTo(f0, within(1e-6));
    assertThat(f.nHat()).isCloseTo(OBS + f0, within(1e-6));
    assertThat(f.df()).isEqualTo(2);
  }

  /** [12,13,23] fits the 7 observed cells exactly: f0 = n100·n010·n001·n111/(n110·n101·n011). */
  @Test
  void allTwoWayModelMatchesClosedForm() {
    ModelFit f = fit(OWN, "[12,13,23]");
    double f0 = (double) N100 * N010 * N001 * N111 / ((double) N110 * N101 * N011);
    assertThat(f.f0()).isCloseTo(f0, within(1e-6));
    assertThat(f.df()).isZero();
    assertThat(f.deviance()).isCloseTo(0.0, within(1e-8));
  }

  /**
   * Independence of t lists: the MLE N̂ solves 1 − n_obs/N = Π (1 − n_j/N) (Darroch 1958, model
   * Mt). Solved here by bisection, a route independent of the GLM.
   */
  @Test
  void independenceMatchesDarrochEquation() {
    double n1 = OWN.listSize(0), n2 = OWN.listSize(1), n3 = OWN.listSize(2);
    double lo = OBS + 1e-9, hi = 1e7;
    for (int i = 0; i < 200; i++) {
      double mid = (lo + hi) / 2;
      double g = (1 - OBS / mid) - (1 - n1 / mid) * (1 - n2 / mid) * (1 - n3 / mid);
      if (g > 0) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    ModelFit f = fit(OWN, "[1,2,3]");
    assertThat(f.nHat()).isCloseTo((lo + hi) / 2, within(1e-6));
  }

  /**
   * Two lists: the independence log-linear model is Lincoln–Petersen exactly, and its SE is Seber's
   * symmetric variance n1·n2·(n1−m)(n2−m)/m³ (delta method on f0 = n10·n01/n11).
   */
  @Test
  void twoListIndependenceIsLincolnPetersen() {
    long n1 = 421, n2 = 332, m = 88;
    CaptureHistories d = CaptureHistories.of(List.of("a", "b"), Map.of(1, n1 - m, 2, n2 - m, 3, m));
    PopulationResult r = CaptureRecapture.estimate(d);
    ModelFit f = r.model("[1,2]").orElseThrow();
    assertThat(f.nHat()).isCloseTo((double) n1 * n2 / m, within(1e-9));
    double seber = (double) n1 * n2 * (n1 - m) * (n2 - m) / ((double) m * m * m);
    assertThat(f.se()).isCloseTo(Math.sqrt(seber), within(1e-6));
    assertThat(r.twoList().lincolnPetersen().nHat()).isCloseTo(f.nHat(), within(1e-9));
    assertThat(r.twoList().chapman().nHat()).isCloseTo(1577.94, within(0.01));
    assertThat(r.selected()).isEqualTo("[1,2]");
  }

  /**
   * SE formula of methods.md on the closed form of [12,3]: cross-checked by a finite-difference
   * delta method on f0 = n001·(n100+n010+n110)/(n101+n011+n111) with Poisson cell variances.
   */
  @Test
  void standardErrorMatchesDeltaMethodOnClosedForm() {
    ModelFit f = fit(OWN, "[12,3]");
    double a = N001, b = N100 + N010 + N110, c = N101 + N011 + N111;
    double f0 = a * b / c;
    // Var(log f0) = 1/a + 1/b + 1/c under independent Poisson counts.
    double varF0 = f0 * f0 * (1 / a + 1 / b + 1 / c);
    // N̂ = n_obs + f0 with n_obs random too; the unconditional variance the GLM gives is
    // f0 + f0²·Var(α0), with Var(α0) = Var(log f0) here.
    assertThat(f.se()).isCloseTo(Math.sqrt(f0 + varF0), within(1e-6));
  }

  @Test
  void exhaustiveSearchOverThreeListsFitsEightModelsAndSelectsByBic() {
    PopulationResult r = CaptureRecapture.estimate(OWN);
    assertThat(r.searchMethod()).isEqualTo("exhaustive");
    assertThat(r.models())
        .extracting(ModelFit::model)
        .containsExactly(
            "[1,2,3]", "[12,3]", "[13,2]", "[1,23]", "[12,13]", "[12,23]", "[13,23]", "[12,13,23]");
    ModelFit best =
        r.models().stream()
            .filter(ModelFit::mleExists)
            .min((x, y) -> Double.compare(x.bic(), y.bic()))
            .orElseThrow();
    assertThat(r.selected()).isEqualTo(best.model());
    assertThat(r.criterion()).isEqualTo(Criterion.BIC);
    ModelFit ind = r.model("[1,2,3]").orElseThrow();
    // BIC − AIC = k (ln n_obs − 2) for every model.
    assertThat(ind.bic() - ind.aic()).isCloseTo(4 * (Math.log(OBS) - 2), within(1e-9));
    assertThat(r.model("[12,3]").orElseThrow().labels())
        .isEqualTo("[s-2015-001*s-2015-002, s-2015-003]");
  }

  @Test
  void aicSelectionCanBeChosen() {
    PopulationResult r =
        CaptureRecapture.estimate(
            OWN, CaptureRecapture.Options.defaults().withCriterion(Criterion.AIC));
    ModelFit best =
        r.models().stream()
            .filter(ModelFit::mleExists)
            .min((x, y) -> Double.compare(x.aic(), y.aic()))
            .orElseThrow();
    assertThat(r.selected()).isEqualTo(best.model());
  }

  @Test
  void namesFollowTheUsualNotation() {
    assertThat(LogLinearModel.independence(3).name()).isEqualTo("[1,2,3]");
    assertThat(LogLinearModel.parse("[12,3]", 3).name()).isEqualTo("[12,3]");
    assertThat(LogLinearModel.parse("[23,12]", 3).name()).isEqualTo("[12,23]");
    assertThat(LogLinearModel.parse("[13,2]", 3).interactions())
        .containsExactly(new LogLinearModel.Pair(0, 2));
    assertThat(LogLinearModel.parse("[1:12,3]", 12).name())
        .isEqualTo("[1:12,2,3,4,5,6,7,8,9,10,11]");
    // names round-trip from ten lists on, where a main effect is a two-digit number
    assertThat(LogLinearModel.parse("[1:2,3,4,5,6,7,8,9,10]", 10).interactions())
        .containsExactly(new LogLinearModel.Pair(0, 1));
    assertThat(LogLinearModel.parse("[1:2,3,4,5,6,7,8,9,10]", 10).name())
        .isEqualTo("[1:2,3,4,5,6,7,8,9,10]");
    assertThat(LogLinearModel.parse("[1,2,3]", 3).labelName(ABC))
        .isEqualTo("[s-2015-001, s-2015-002, s-2015-003]");
    assertThatThrownBy(() -> LogLinearModel.parse("[123]", 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two-way");
  }

  @Test
  void zeroCellThatDrivesAnInteractionToInfinityIsFlagged() {
    // n110 = 0: under [12,13,23], f0 = n100·n010·n001·n111/(n110·n101·n011) = ∞.
    CaptureHistories d = three(60, 50, 40, 0, 15, 12, 8);
    ModelFit f = fit(d, "[12,13,23]");
    assertThat(f.mleExists()).isFalse();
    assertThat(f.nHat()).isNull();
    assertThat(f.se()).isNull();
    assertThat(f.ciLow()).isNull();
    assertThat(f.bic()).isNull();
    assertThat(f.note()).contains("110");
    PopulationResult r = CaptureRecapture.estimate(d);
    assertThat(r.selected()).isNotEqualTo("[12,13,23]").isNotNull();
    // [13,23] makes lists 1 and 2 independent given 3: f0·n110 = n100·n010, infinite too.
    assertThat(r.model("[13,23]").orElseThrow().mleExists()).isFalse();
    // [12,3] and independence pool the cells and stay finite.
    double f0 = 40.0 * (60 + 50 + 0) / (15 + 12 + 8);
    assertThat(r.model("[12,3]").orElseThrow().f0()).isCloseTo(f0, within(1e-6));
    assertThat(r.model("[1,2,3]").orElseThrow().mleExists()).isTrue();
  }

  @Test
  void zeroCellsThatLeaveTheMleFiniteAreFine() {
    // n111 = 0 and n011 = 0 with independence: the margins still identify everything.
    CaptureHistories d = three(60, 50, 40, 20, 15, 0, 0);
    ModelFit f = fit(d, "[1,2,3]");
    assertThat(f.mleExists()).isTrue();
    assertThat(f.nHat()).isGreaterThan((double) d.observed());
  }

  @Test
  void aListHoldingEveryoneHasNoLogLinearEstimate() {
    // Everyone observed is on list 1: cells 010, 001, 011 are empty; the unseen cell's fit
    // tends to 0 (N̂ → n_obs on the boundary), so no model has an interior MLE.
    CaptureHistories d = three(60, 0, 0, 20, 15, 0, 8);
    PopulationResult r = CaptureRecapture.estimate(d);
    assertThat(r.models())
        .allSatisfy(
            m -> {
              assertThat(m.mleExists()).isFalse();
              assertThat(m.nHat()).isNull();
            });
    assertThat(r.selected()).isNull();
    assertThat(r.note()).contains("no model");
  }

  @Test
  void everyoneOnAllListsHasNoLogLinearEstimate() {
    CaptureHistories d = three(0, 0, 0, 0, 0, 0, 25);
    PopulationResult r = CaptureRecapture.estimate(d);
    assertThat(r.models()).noneMatch(ModelFit::mleExists);
    assertThat(r.selected()).isNull();
    // The two-list view of the same situation is well defined: N̂ = 25 with no uncertainty.
    CaptureHistories two = CaptureHistories.of(List.of("a", "b"), Map.of(3, 25L));
    assertThat(CaptureRecapture.estimate(two).twoList().chapman().nHat()).isEqualTo(25.0);
  }

  @Test
  void twoListsWithoutOverlapHaveNoEstimateAnywhere() {
    CaptureHistories d = CaptureHistories.of(List.of("a", "b"), Map.of(1, 30L, 2, 20L));
    PopulationResult r = CaptureRecapture.estimate(d);
    assertThat(r.twoList().exists()).isFalse();
    assertThat(r.models())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.mleExists()).isFalse();
              assertThat(m.nHat()).isNull();
            });
    assertThat(r.selected()).isNull();
  }

  @Test
  void nonConvergenceIsFlagged() {
    ModelFit f =
        CaptureRecapture.fit(
            OWN,
            LogLinearModel.parse("[12,3]", 3),
            new CaptureRecapture.Options(Criterion.BIC, 5, 1));
    assertThat(f.converged()).isFalse();
    assertThat(f.mleExists()).isFalse();
    assertThat(f.nHat()).isNull();
    assertThat(f.note()).contains("did not converge");
  }

  @Test
  void oneListHasNoEstimate() {
    PopulationResult r =
        CaptureRecapture.estimate(CaptureHistories.of(List.of("a"), Map.of(1, 10L)));
    assertThat(r.models()).isEmpty();
    assertThat(r.selected()).isNull();
    assertThat(r.searchMethod()).isEqualTo("none");
  }

  @Test
  void rejectsBadInput() {
    assertThatThrownBy(() -> CaptureHistories.of(ABC, Map.of(0, 5L)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mask");
    assertThatThrownBy(() -> CaptureHistories.of(ABC, Map.of(8, 5L)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1..7");
    assertThatThrownBy(() -> CaptureHistories.of(ABC, Map.of(1, -5L)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("non-negative");
    assertThatThrownBy(() -> CaptureHistories.of(List.of("a", "a"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duplicate");
    assertThatThrownBy(() -> CaptureRecapture.fit(OWN, LogLinearModel.independence(4)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @SuppressWarnings("unchecked")
  void summaryHasTheContractKeys() {
    CaptureHistories d = CaptureHistories.of(List.of("a", "b"), Map.of(1, 333L, 2, 244L, 3, 88L));
    Map<String, Object> s = CaptureRecapture.estimate(d).toSummary();
    assertThat(s).containsKeys("lists", "lincoln_petersen", "chapman", "models", "selected");
    assertThat(s.get("lists")).isEqualTo(List.of("a", "b"));
    assertThat((Map<String, Object>) s.get("lincoln_petersen")).containsOnlyKeys("n_hat", "se");
    Map<String, Object> ch = (Map<String, Object>) s.get("chapman");
    assertThat(ch).containsKeys("n_hat", "se", "ci_low", "ci_high");
    assertThat(Math.round((Double) ch.get("n_hat"))).isEqualTo(1578);
    List<Map<String, Object>> models = (List<Map<String, Object>>) s.get("models");
    assertThat(models.get(0))
        .containsKeys("model", "n_hat", "se", "ci_low", "ci_high", "aic", "bic", "converged");
    assertThat(s.get("selected")).isEqualTo("[1,2]");

    CaptureHistories none = CaptureHistories.of(List.of("a", "b"), Map.of(1, 3L, 2, 4L));
    Map<String, Object> n = CaptureRecapture.estimate(none).toSummary();
    assertThat(n.get("chapman")).isNull();
    assertThat(n.get("lincoln_petersen")).isNull();
    assertThat(n.get("two_list_note")).asString().contains("m = 0");
    assertThat(((List<Map<String, Object>>) n.get("models")).get(0).get("n_hat")).isNull();
  }
}
