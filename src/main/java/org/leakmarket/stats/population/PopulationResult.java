package org.leakmarket.stats.population;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the capture–recapture step says about one set of lists.
 *
 * @param lists list labels in list order (list 1 first)
 * @param observed distinct people on at least one list (n_obs)
 * @param twoList Lincoln–Petersen and Chapman when there are exactly two lists, else null
 * @param models every fitted log-linear model, in the order fitted
 * @param selected name of the model with the lowest criterion among those whose MLE exists, or null
 *     when none exists
 * @param criterion the criterion used for selection
 * @param searchMethod {@code "exhaustive"} (all two-way models up to {@link
 *     CaptureRecapture.Options#maxExhaustiveLists()} lists), {@code "stepwise"} (forward/backward
 *     on the criterion from independence beyond that, up to {@link
 *     org.leakmarket.config.Defaults#MAX_LISTS}), or {@code "none"} (one list, or too many lists)
 * @param note caveat for readers, or null
 * @param modelAverage the criterion-weighted average over the models with an MLE (Buckland et al.
 *     1997), or null when no model has one
 * @param sensitivity heterogeneity models ({@link Heterogeneity}: Mth Chao (LB), Darroch, Poisson2)
 *     for three or more lists, else empty; never selected, never averaged
 */
public record PopulationResult(
    List<String> lists,
    long observed,
    TwoListEstimate twoList,
    List<ModelFit> models,
    String selected,
    Criterion criterion,
    String searchMethod,
    String note,
    ModelAverage modelAverage,
    List<ModelFit> sensitivity) {

  public PopulationResult {
    lists = List.copyOf(lists);
    models = List.copyOf(models);
    sensitivity = sensitivity == null ? List.of() : List.copyOf(sensitivity);
  }

  /** A result without a model average or sensitivity rows (no estimate, or two lists). */
  public PopulationResult(
      List<String> lists,
      long observed,
      TwoListEstimate twoList,
      List<ModelFit> models,
      String selected,
      Criterion criterion,
      String searchMethod,
      String note) {
    this(
        lists, observed, twoList, models, selected, criterion, searchMethod, note, null, List.of());
  }

  /** The selected model's fit, if any model has an MLE. */
  public Optional<ModelFit> selectedFit() {
    return models.stream().filter(m -> m.model().equals(selected)).findFirst();
  }

  /** The fit of the named model (e.g. {@code "[12,3]"}), if it was fitted. */
  public Optional<ModelFit> model(String name) {
    return models.stream().filter(m -> m.model().equals(name)).findFirst();
  }

  /**
   * The {@code population} object of summary.json (contracts §5) with the contract's keys, plus
   * extra keys (labels, mle_exists, deviance, df, normal intervals, search_method, note). {@code
   * ci_low}/{@code ci_high} are the log-transformed intervals. Absent estimates are null, never
   * NaN. Insertion-ordered maps so the JSON is byte-stable.
   */
  public Map<String, Object> toSummary() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("lists", lists);
    out.put("observed", observed);
    Estimate lp = twoList == null ? null : twoList.lincolnPetersen();
    Estimate ch = twoList == null ? null : twoList.chapman();
    out.put("lincoln_petersen", lp == null ? null : estimateMap(lp, false));
    out.put("chapman", ch == null ? null : estimateMap(ch, true));
    if (twoList != null && twoList.note() != null) {
      out.put("two_list_note", twoList.note());
    }
    List<Map<String, Object>> ms = new ArrayList<>();
    for (ModelFit m : models) {
      Map<String, Object> mm = modelMap(m);
      mm.put("weight", modelAverage == null ? null : modelAverage.weights().get(m.model()));
      ms.add(mm);
    }
    out.put("models", ms);
    out.put("selected", selected);
    out.put("criterion", criterion.name());
    out.put("search_method", searchMethod);
    out.put("note", note);
    if (modelAverage == null) {
      out.put("model_average", null);
    } else {
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("n_hat", modelAverage.nHat());
      a.put("se", modelAverage.se());
      a.put("ci_low", modelAverage.ciLow());
      a.put("ci_high", modelAverage.ciHigh());
      a.put("models", modelAverage.models());
      a.put("criterion", modelAverage.criterion().name());
      out.put("model_average", a);
    }
    List<Map<String, Object>> sens = new ArrayList<>();
    for (ModelFit m : sensitivity) {
      sens.add(modelMap(m));
    }
    out.put("sensitivity", sens);
    return out;
  }

  private static Map<String, Object> modelMap(ModelFit m) {
    Map<String, Object> mm = new LinkedHashMap<>();
    mm.put("model", m.model());
    mm.put("n_hat", m.nHat());
    mm.put("se", m.se());
    mm.put("ci_low", m.ciLow());
    mm.put("ci_high", m.ciHigh());
    mm.put("aic", m.aic());
    mm.put("bic", m.bic());
    mm.put("converged", m.converged());
    mm.put("labels", m.labels());
    mm.put("mle_exists", m.mleExists());
    mm.put("ci_low_normal", m.ciLowNormal());
    mm.put("ci_high_normal", m.ciHighNormal());
    mm.put("deviance", m.deviance());
    mm.put("df", m.df());
    mm.put("note", m.note());
    mm.put("profile_n_hat", m.profile() == null ? null : m.profile().nHat());
    mm.put("profile_ci_low", m.profileCiLow());
    mm.put("profile_ci_high", m.profileCiHigh());
    return mm;
  }

  private static Map<String, Object> estimateMap(Estimate e, boolean withIntervals) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("n_hat", e.nHat());
    m.put("se", e.se());
    if (withIntervals) {
      m.put("ci_low", e.ciLow());
      m.put("ci_high", e.ciHigh());
      m.put("ci_low_normal", e.ciLowNormal());
      m.put("ci_high_normal", e.ciHighNormal());
    }
    return m;
  }
}
