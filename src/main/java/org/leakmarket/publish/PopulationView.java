package org.leakmarket.publish;

import java.util.List;
import java.util.Map;
import org.leakmarket.publish.PublicationModel.LogLinearModel;
import org.leakmarket.publish.PublicationModel.ModelAverage;
import org.leakmarket.publish.PublicationModel.Population;
import org.leakmarket.publish.PublicationModel.SensitivityModel;
import org.leakmarket.publish.PublicationView.DisplayTable;

/**
 * The population part of a publication: the sentence a policy reader gets (selected model, model
 * average and the spread across models in one sentence, heterogeneity in a second), the table of
 * models and the table of model uncertainty, and the methods paragraph. Reads only the suppressed
 * model's published numbers. Pure; costs one pass over the models.
 */
final class PopulationView {
  private final Population p;

  PopulationView(Population p) {
    this.p = p;
  }

  /** The section's text and headline; empty without a population. */
  String text() {
    if (p == null) {
      return "";
    }
    // The estimate counts persons with an identifier that passes its check (fabricated padding
    // left out), so it is set against those, not against every person-like record seen.
    String seen =
        p.observed() != null
            ? "; "
                + Formats.count(p.observed())
                + " such persons were actually seen (records with a valid"
                + " card, mobile number or ID number)"
            : "";
    var selected = p.selectedModel();
    if (selected.isPresent()) {
      return modelsSentence(selected.get()) + seen + "." + heterogeneitySentence();
    }
    if (p.chapman() != null) {
      return "Capture–recapture across two lists (Chapman estimator) implies about "
          + Formats.estimate(p.chapman().nHat())
          + " exposed persons (95% CI "
          + Formats.estimate(p.chapman().ciLow())
          + "–"
          + Formats.estimate(p.chapman().ciHigh())
          + ")"
          + seen
          + ".";
    }
    return p.lists() < 2
        ? "With fewer than two lists no capture–recapture estimate is possible."
        : "No capture–recapture model has an estimate: the lists overlap too little or in a"
            + " pattern the models cannot fit.";
  }

  /**
   * One sentence: the best-fitting model with its profile interval, the BIC-weighted average with
   * its interval, and the range of the models' estimates.
   */
  private String modelsSentence(LogLinearModel lm) {
    StringBuilder sb =
        new StringBuilder("Capture–recapture across ")
            .append(p.lists())
            .append(" lists implies about ")
            .append(Formats.estimate(lm.nHat()))
            .append(" exposed persons under the best-fitting model (")
            .append(lm.model())
            .append(", chosen by BIC; 95% ")
            .append(interval(lm))
            .append(')');
    ModelAverage a = p.modelAverage();
    List<LogLinearModel> estimated =
        p.models().stream().filter(m -> m.converged() && m.nHat() != null).toList();
    if (a != null && a.nHat() != null && a.models() != null && a.models() > 1) {
      sb.append("; averaging over all ")
          .append(a.models())
          .append(" models by how well they fit (BIC weights) gives ")
          .append(Formats.estimate(a.nHat()))
          .append(" (95% CI ")
          .append(Formats.estimate(a.ciLow()))
          .append("–")
          .append(Formats.estimate(a.ciHigh()))
          .append(")");
    }
    if (estimated.size() > 1) {
      double min = estimated.stream().mapToDouble(LogLinearModel::nHat).min().orElseThrow();
      double max = estimated.stream().mapToDouble(LogLinearModel::nHat).max().orElseThrow();
      sb.append(", and the individual models range from ")
          .append(Formats.estimate(min))
          .append(" to ")
          .append(Formats.estimate(max));
    }
    return sb.toString();
  }

  /** The profile-likelihood interval where there is one, else the log-normal one, labelled. */
  private static String interval(LogLinearModel lm) {
    if (lm.profileCiLow() != null && lm.profileCiHigh() != null) {
      return "profile-likelihood CI "
          + Formats.estimate(lm.profileCiLow())
          + "–"
          + Formats.estimate(lm.profileCiHigh());
    }
    if (lm.profileCiLow() != null) {
      return "profile-likelihood CI from "
          + Formats.estimate(lm.profileCiLow())
          + ", no upper limit";
    }
    return "CI " + Formats.estimate(lm.ciLow()) + "–" + Formats.estimate(lm.ciHigh());
  }

  /** Heterogeneity rows in one sentence, or empty without them. */
  private String heterogeneitySentence() {
    List<SensitivityModel> est =
        p.sensitivity().stream().filter(s -> s.converged() && s.nHat() != null).toList();
    if (est.isEmpty()) {
      return "";
    }
    double min = est.stream().mapToDouble(SensitivityModel::nHat).min().orElseThrow();
    double max = est.stream().mapToDouble(SensitivityModel::nHat).max().orElseThrow();
    return " If some people are much more likely than others to turn up in a sample, models that"
        + " allow for it (Chao's lower bound, Darroch, Poisson2) put the number at "
        + (Math.round(min) == Math.round(max)
            ? "about " + Formats.estimate(min)
            : "between " + Formats.estimate(min) + " and " + Formats.estimate(max))
        + ".";
  }

  /** Every model: estimates, both intervals, criteria and weight. */
  Map<String, Object> modelTable() {
    DisplayTable t =
        new DisplayTable(
            "population_models",
            "Capture–recapture estimates by model",
            "Model",
            "Estimate",
            "SE",
            "95% CI (log-normal)",
            "95% CI (profile)",
            "AIC",
            "BIC",
            "Weight",
            "Note");
    if (p == null) {
      return t.map();
    }
    if (p.lincolnPetersen() != null) {
      t.row(
          "Lincoln–Petersen",
          Formats.estimate(p.lincolnPetersen().nHat()),
          Formats.estimate(p.lincolnPetersen().se()),
          "",
          "",
          "",
          "",
          "",
          "");
    }
    if (p.chapman() != null) {
      t.row(
          "Chapman",
          Formats.estimate(p.chapman().nHat()),
          Formats.estimate(p.chapman().se()),
          range(p.chapman().ciLow(), p.chapman().ciHigh()),
          "",
          "",
          "",
          "",
          "");
    }
    for (LogLinearModel lm : p.models()) {
      String note =
          !lm.converged()
              ? "MLE does not exist"
              : lm.model().equals(p.selected()) ? "selected (lowest BIC)" : "";
      t.row(
          lm.model(),
          Formats.estimate(lm.nHat()),
          Formats.estimate(lm.se()),
          range(lm.ciLow(), lm.ciHigh()),
          profile(lm.profileCiLow(), lm.profileCiHigh()),
          Formats.stat(lm.aic()),
          Formats.stat(lm.bic()),
          lm.weight() == null ? "" : Formats.percent(lm.weight()),
          note);
    }
    return t.map();
  }

  /** The selected model, the average and the heterogeneity rows side by side. */
  Map<String, Object> uncertaintyTable() {
    DisplayTable t =
        new DisplayTable(
            "population_sensitivity",
            "How much the choice of model matters",
            "Estimate of",
            "Persons",
            "SE",
            "95% CI",
            "Note");
    if (p == null) {
      return t.map();
    }
    p.selectedModel()
        .ifPresent(
            lm ->
                t.row(
                    "Selected model " + lm.model(),
                    Formats.estimate(lm.nHat()),
                    Formats.estimate(lm.se()),
                    lm.profileCiLow() != null
                        ? profile(lm.profileCiLow(), lm.profileCiHigh())
                        : range(lm.ciLow(), lm.ciHigh()),
                    lm.profileCiLow() != null ? "profile likelihood" : "log-normal"));
    ModelAverage a = p.modelAverage();
    if (a != null && a.nHat() != null) {
      t.row(
          "Average of " + a.models() + " models",
          Formats.estimate(a.nHat()),
          Formats.estimate(a.se()),
          range(a.ciLow(), a.ciHigh()),
          "BIC weights; SE of Buckland et al. (1997)");
    }
    for (SensitivityModel s : p.sensitivity()) {
      t.row(
          s.model(),
          Formats.estimate(s.nHat()),
          Formats.estimate(s.se()),
          s.profileCiLow() != null
              ? profile(s.profileCiLow(), s.profileCiHigh())
              : range(s.ciLow(), s.ciHigh()),
          !s.converged()
              ? "MLE does not exist"
              : s.model().contains("Chao") ? "heterogeneity; a lower bound" : "heterogeneity");
    }
    return t.map();
  }

  private static String range(Double lo, Double hi) {
    return lo == null || hi == null ? "" : Formats.estimate(lo) + "–" + Formats.estimate(hi);
  }

  private static String profile(Double lo, Double hi) {
    if (lo == null) {
      return "";
    }
    return hi == null ? Formats.estimate(lo) + "–∞" : range(lo, hi);
  }

  /** The methods paragraph. */
  static String method() {
    return "Each sample (or seller) is a list. With two lists the Chapman estimator "
        + "(n1+1)(n2+1)/(m+1) − 1 is used with a log-normal 95% interval; with three or more, "
        + "Poisson log-linear models of the capture histories (independence and models with "
        + "two-way interactions) are fitted, each reported with its log-normal interval (Chao "
        + "1987), its profile-likelihood interval (as the R package Rcapture computes it), AIC and "
        + "BIC; the model with the lowest BIC is selected. Because another model may fit almost "
        + "as well and give a different number, the estimates are also averaged with BIC weights, "
        + "with a standard error that adds the spread between models to each model's own "
        + "(Buckland, Burnham and Augustin 1997). People differ in how easily sellers reach "
        + "them; three heterogeneity models (Chao's lower bound, Darroch, Poisson2, each with "
        + "list effects) show how far that could move the estimate. A model whose estimate does "
        + "not exist is reported without numbers. Only records with an identifier that passes "
        + "its check count.";
  }
}
