package org.leakmarket.stats.population;

import java.util.List;
import java.util.Optional;

/**
 * Everything the capture–recapture step says about one set of lists.
 *
 * @param lists list labels in list order (list 1 first)
 * @param observed distinct people on at least one list (n_obs)
 * @param twoList Lincoln–Petersen and Chapman when there are exactly two lists, else null
 * @param models every fitted log-linear model, in the order fitted
 * @param selected name of the model with the lowest criterion among those whose MLE exists,
 *     or null when none exists
 * @param criterion the criterion used for selection
 * @param searchMethod {@code "exhaustive"} (all two-way models up to {@link
 *     CaptureRecapture.Options#maxExhaustiveLists()} lists), {@code "stepwise"} (forward/backward
 *     on the criterion from independence beyond that, up to {@link
 *     CaptureRecapture#MAX_MODEL_LISTS}), or {@code "none"} (one list, or too many lists)
 * @param note caveat for readers, or null
 */
public record PopulationResult(
    List<String> lists,
    long observed,
    TwoListEstimate twoList,
    List<ModelFit> models,
    String selected,
    Criterion criterion,
    String searchMethod,
    String note) {

  public PopulationResult {
    lists = List.copyOf(lists);
    models = List.copyOf(models);
  }

  /** The selected model's fit, if any model has an MLE. */
  public Optional<ModelFit> selectedFit() {
    return models.stream().filter(m -> m.model().equals(selected)).findFirst();
  }

  /** The fit of the named model (e.g. {@code "[12,3]"}), if it was fitted. */
  public Optional<ModelFit> model(String name) {
    return models.stream().filter(m -> m.model().equals(name)).findFirst();
  }
}
