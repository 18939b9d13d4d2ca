package org.leakmarket.stats.population;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.leakmarket.config.Defaults;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Capture–recapture estimators of a closed population's size (methods.md, Population): two-list
 * Lincoln–Petersen and Chapman, and Poisson log-linear models for two or more lists.
 *
 * <p>Beside each model's N̂ it reports the model's profile-likelihood interval ({@link
 * ProfileLikelihood}), the BIC-weighted model average ({@link ModelAverage}) and, for three or more
 * lists, heterogeneity models as sensitivity rows ({@link Heterogeneity}).
 *
 * <p>Plain Java on the driver; Spark only supplies the capture-history counts. Cost: a two-list
 * estimate is O(1). A profile interval costs some 60–100 warm-started refits of its model. With t
 * lists each log-linear fit is IRLS on 2^t − 1 cells with at most 1 + t + t(t−1)/2 parameters; up
 * to {@link Options#maxExhaustiveLists()} lists (default 5) every subset of the t(t−1)/2 two-way
 * interactions is fitted (8 models at t = 3, 64 at 4, 1024 at 5: well under a second), beyond that
 * a stepwise search fits about t(t−1)/2 models per step (t = 10: 45 fits of 1023 cells per step, a
 * second or so per step). {@link CaptureHistories} holds at most {@link Defaults#MAX_LISTS} lists,
 * the one limit on lists.
 */
public final class CaptureRecapture {

  private static final Logger LOG = LoggerFactory.getLogger(CaptureRecapture.class);

  /** Up to this many fitted models every one gets a profile interval (64: four lists). */
  static final int PROFILE_ALL_UP_TO = 64;

  /**
   * Beyond {@link #PROFILE_ALL_UP_TO} models, only those within this criterion distance of the best
   * get a profile interval: a model 10 BIC above the best has less than 1% of its weight.
   */
  static final double PROFILE_MAX_DELTA = 10.0;

  /** Fitted cells below this are treated as driven to zero: the MLE lies on the boundary. */
  static final double BOUNDARY_FITTED = 1e-6;

  /** |coefficient| beyond this (e^30 ≈ 1e13) means a parameter is running off to infinity. */
  static final double DIVERGED_COEFFICIENT = 30.0;

  /**
   * Tuning of the model search.
   *
   * @param criterion selection criterion (BIC by default)
   * @param maxExhaustiveLists up to this many lists every two-way model is fitted; beyond it the
   *     search is stepwise (default 5: 1024 models)
   * @param maxIterations IRLS iteration limit; a fit that needs more is flagged as not converged
   */
  public record Options(Criterion criterion, int maxExhaustiveLists, int maxIterations) {
    public Options {
      if (criterion == null) {
        throw new IllegalArgumentException("criterion must not be null");
      }
      if (maxExhaustiveLists < 2 || maxExhaustiveLists > 6) {
        throw new IllegalArgumentException(
            "maxExhaustiveLists must be in 2..6 (2^15 models at 6), was: " + maxExhaustiveLists);
      }
      if (maxIterations < 1) {
        throw new IllegalArgumentException("maxIterations must be >= 1, was: " + maxIterations);
      }
    }

    public static Options defaults() {
      return new Options(Criterion.BIC, Defaults.MAX_EXACT_LISTS, 100);
    }

    public Options withCriterion(Criterion c) {
      return new Options(c, maxExhaustiveLists, maxIterations);
    }
  }

  private CaptureRecapture() {}

  /**
   * Lincoln–Petersen and Chapman estimates from two lists.
   *
   * <p>Lincoln–Petersen: N = n1·n2/m, Var = n1²·n2·(n2−m)/m³. Chapman: N = (n1+1)(n2+1)/(m+1) − 1,
   * Var = (n1+1)(n2+1)(n1−m)(n2−m)/((m+1)²(m+2)). Both get the normal and the Chao (1987)
   * log-transformed 95% intervals. With m = 0 neither is reported (see {@link TwoListEstimate}).
   *
   * @throws IllegalArgumentException when a count is negative or m &gt; min(n1, n2)
   */
  public static TwoListEstimate twoList(long n1, long n2, long m) {
    if (n1 < 0 || n2 < 0 || m < 0) {
      throw new IllegalArgumentException(
          "list sizes and overlap must be non-negative, were: n1="
              + n1
              + ", n2="
              + n2
              + ", m="
              + m);
    }
    if (m > Math.min(n1, n2)) {
      throw new IllegalArgumentException(
          "overlap m cannot exceed either list, was: m=" + m + " with n1=" + n1 + ", n2=" + n2);
    }
    long nObs = n1 + n2 - m;
    if (m == 0) {
      return new TwoListEstimate(
          n1,
          n2,
          m,
          nObs,
          null,
          null,
          "no estimate: the two lists share nobody (m = 0), so the overlap says nothing about"
              + " the population size");
    }
    double a = n1;
    double b = n2;
    double c = m;
    double lp = a * b / c;
    double lpVar = a * a * b * (b - c) / (c * c * c);
    double ch = (a + 1) * (b + 1) / (c + 1) - 1;
    double chVar = (a + 1) * (b + 1) * (a - c) * (b - c) / ((c + 1) * (c + 1) * (c + 2));
    return new TwoListEstimate(
        n1, n2, m, nObs, Estimate.of(lp, lpVar, nObs), Estimate.of(ch, chVar, nObs), null);
  }

  /** {@link #estimate(CaptureHistories, Options)} with the default options (BIC). */
  public static PopulationResult estimate(CaptureHistories data) {
    return estimate(data, Options.defaults());
  }

  /**
   * Estimates the population size from t lists: two-list estimates when t = 2, and log-linear
   * models (independence for t = 2; all two-way hierarchical models, or a stepwise search, for t ≥
   * 3), selecting the model with the lowest criterion among those whose MLE exists.
   */
  public static PopulationResult estimate(CaptureHistories data, Options options) {
    int t = data.lists();
    long nObs = data.observed();
    if (t == 1) {
      return new PopulationResult(
          data.labels(),
          nObs,
          null,
          List.of(),
          null,
          options.criterion(),
          "none",
          "one list: capture–recapture needs at least two lists, no estimate");
    }
    TwoListEstimate two = null;
    Map<String, ModelFit> fits = new LinkedHashMap<>();
    String method;
    if (t == 2) {
      two = twoList(data.listSize(0), data.listSize(1), data.count(3));
      // With two lists only independence is identifiable (3 cells, 3 parameters); its fit
      // reproduces Lincoln–Petersen exactly.
      put(fits, fit(data, LogLinearModel.independence(2), options));
      method = "exhaustive";
    } else if (t <= options.maxExhaustiveLists()) {
      for (LogLinearModel model : allTwoWayModels(t)) {
        put(fits, fit(data, model, options));
      }
      method = "exhaustive";
    } else {
      stepwise(data, options, fits);
      method = "stepwise";
    }
    String selected = select(new ArrayList<>(fits.values()), options.criterion());
    List<ModelFit> models =
        profiles(data, fits.values(), selected, options, method.equals("stepwise"));
    String note = null;
    if (selected == null) {
      note = "no model has a finite maximum-likelihood estimate: no log-linear estimate";
    } else if (method.equals("stepwise")) {
      note =
          "stepwise "
              + options.criterion()
              + " search from independence over two-way"
              + " interactions ("
              + t
              + " lists exceed the exhaustive limit of "
              + options.maxExhaustiveLists()
              + "); "
              + models.size()
              + " models fitted";
    }
    LOG.info(
        "capture-recapture: {} lists, {} observed, {} models fitted ({}), selected {}",
        t,
        nObs,
        models.size(),
        method,
        selected);
    return new PopulationResult(
        data.labels(),
        nObs,
        two,
        models,
        selected,
        options.criterion(),
        method,
        note,
        ModelAverage.of(models, options.criterion(), nObs),
        Heterogeneity.sensitivity(data, options));
  }

  /**
   * The fits with their profile-likelihood intervals: every model when at most {@link
   * #PROFILE_ALL_UP_TO} were fitted (up to four lists), else the models within {@link
   * #PROFILE_MAX_DELTA} of the best criterion value, which hold all but a negligible share of the
   * model-average weight, and after a stepwise search (six lists or more, 63 to 1023 cells per
   * refit) the selected model only; the others get a note instead (at five lists 1024 profiles
   * would cost seconds, and beyond five lists minutes).
   */
  private static List<ModelFit> profiles(
      CaptureHistories data,
      Iterable<ModelFit> fits,
      String selected,
      Options options,
      boolean stepwise) {
    int t = data.lists();
    List<ModelFit> all = new ArrayList<>();
    fits.forEach(all::add);
    Criterion c = options.criterion();
    double best =
        all.stream()
            .filter(ModelFit::mleExists)
            .mapToDouble(f -> f.criterion(c))
            .min()
            .orElse(Double.NaN);
    List<ModelFit> out = new ArrayList<>(all.size());
    for (ModelFit f : all) {
      boolean wanted =
          all.size() <= PROFILE_ALL_UP_TO
              || f.model().equals(selected)
              || (!stepwise && f.mleExists() && f.criterion(c) - best <= PROFILE_MAX_DELTA);
      if (!f.mleExists()) {
        out.add(f);
      } else if (wanted) {
        out.add(withProfile(data, f, design(LogLinearModel.parse(f.model(), t), t), options));
      } else {
        out.add(
            f.withProfile(
                ProfileInterval.failed(
                    stepwise
                        ? "profile interval not computed: after a stepwise search only the"
                            + " selected model's is"
                        : "profile interval not computed: "
                            + c
                            + " more than "
                            + (int) PROFILE_MAX_DELTA
                            + " above the best model's")));
      }
    }
    return out;
  }

  /** Fits one log-linear model with the default iteration limit. */
  public static ModelFit fit(CaptureHistories data, LogLinearModel model) {
    return fit(data, model, Options.defaults());
  }

  /**
   * Fits one log-linear model on the 2^t − 1 observed cells and derives N̂, SE and intervals. Never
   * throws for data that make the MLE not exist: such a fit comes back with {@code mleExists =
   * false}, null numbers and a note. The profile-likelihood interval is not attached here (see
   * {@link #withProfile}); {@link #estimate} attaches it to every model.
   */
  public static ModelFit fit(CaptureHistories data, LogLinearModel model, Options options) {
    int t = data.lists();
    if (model.lists() != t) {
      throw new IllegalArgumentException(
          "model " + model.name() + " is for " + model.lists() + " lists, data have " + t);
    }
    return fitDesign(data, model.name(), model.labelName(data.labels()), design(model, t), options);
  }

  /**
   * Fits a Poisson log-linear model given by its design (rows: capture histories 1..2^t−1, first
   * column the intercept) and derives N̂ = n_obs + exp(α̂0), its SE and intervals, AIC and BIC. Any
   * design of that shape works: the two-way models and the heterogeneity models of {@link
   * Heterogeneity} share it.
   */
  static ModelFit fitDesign(
      CaptureHistories data, String name, String labels, double[][] x, Options options) {
    int t = data.lists();
    int cells = (1 << t) - 1;
    int p = x[0].length;
    int df = cells - p;
    if (df < 0) {
      return failed(
          name,
          labels,
          df,
          p,
          false,
          "model has more parameters (" + p + ") than observed cells (" + cells + ")");
    }
    long nObs = data.observed();
    if (nObs == 0) {
      return failed(name, labels, df, p, false, "no one observed on any list");
    }
    double[] y = cells(data);
    PoissonGlm.Fit f = PoissonGlm.fit(x, y, options.maxIterations());
    if (f.beta() == null || f.problem() != null) {
      // A cell running to zero makes X'WX numerically singular before the deviance settles:
      // report the cause (the boundary) rather than the symptom.
      String cause = tinyFittedCell(f.fitted(), t);
      return failed(name, labels, df, p, f.converged(), cause != null ? cause : f.problem());
    }
    if (!f.converged()) {
      return failed(
          name, labels, df, p, false, "IRLS did not converge in " + f.iterations() + " iterations");
    }
    String boundary = boundary(f, t);
    if (boundary != null) {
      return failed(name, labels, df, p, true, boundary);
    }
    double alpha0 = f.beta()[0];
    double var0 = f.covariance()[0][0];
    double f0 = Math.exp(alpha0);
    double nHat = nObs + f0;
    double variance = f0 + f0 * f0 * var0;
    if (!Double.isFinite(nHat) || !Double.isFinite(variance) || var0 < 0) {
      return failed(
          name, labels, df, p, true, "unseen-cell estimate is not finite (exp(α0) diverges)");
    }
    Estimate e = Estimate.of(nHat, variance, nObs);
    double minus2LogL = -2 * f.logLik();
    double aic = minus2LogL + 2.0 * p;
    double bic = minus2LogL + p * Math.log(nObs);
    return new ModelFit(
        name,
        labels,
        nHat,
        e.se(),
        e.ciLow(),
        e.ciHigh(),
        e.ciLowNormal(),
        e.ciHighNormal(),
        f0,
        aic,
        bic,
        f.deviance(),
        df,
        p,
        true,
        true,
        null,
        null);
  }

  /**
   * The fit with its profile-likelihood interval ({@link ProfileLikelihood}) for a fixed design; a
   * fit without an MLE is returned unchanged.
   */
  static ModelFit withProfile(CaptureHistories data, ModelFit fit, double[][] x, Options options) {
    if (!fit.mleExists()) {
      return fit;
    }
    return withProfile(
        data, fit, ProfileLikelihood.devianceOf(x, cells(data), options.maxIterations()));
  }

  /** The fit with the profile interval of the given deviance function n0 → D(n0). */
  static ModelFit withProfile(
      CaptureHistories data, ModelFit fit, java.util.function.DoubleUnaryOperator deviance) {
    if (!fit.mleExists()) {
      return fit;
    }
    return fit.withProfile(
        ProfileLikelihood.interval(deviance, data.observed(), fit.f0(), fit.se()));
  }

  /** The observed counts in mask order: y[mask − 1]. */
  static double[] cells(CaptureHistories data) {
    int cells = (1 << data.lists()) - 1;
    double[] y = new double[cells];
    for (int mask = 1; mask <= cells; mask++) {
      y[mask - 1] = data.count(mask);
    }
    return y;
  }

  /** Every hierarchical model with main effects and any subset of the two-way interactions. */
  static List<LogLinearModel> allTwoWayModels(int t) {
    List<LogLinearModel.Pair> pairs = LogLinearModel.allPairs(t);
    int n = pairs.size();
    List<Integer> subsets = new ArrayList<>();
    for (int s = 0; s < (1 << n); s++) {
      subsets.add(s);
    }
    // Simpler models first, so that ties in the criterion go to the simpler model.
    subsets.sort(Comparator.comparingInt(Integer::bitCount).thenComparingInt(s -> s));
    List<LogLinearModel> models = new ArrayList<>(subsets.size());
    for (int s : subsets) {
      List<LogLinearModel.Pair> chosen = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if ((s & (1 << i)) != 0) {
          chosen.add(pairs.get(i));
        }
      }
      models.add(new LogLinearModel(t, chosen));
    }
    return models;
  }

  /**
   * Forward/backward search from independence: at each step try adding every absent interaction and
   * removing every present one; move to the best model with an MLE if it lowers the criterion, stop
   * otherwise. Strict improvement guarantees termination.
   */
  private static void stepwise(CaptureHistories data, Options options, Map<String, ModelFit> fits) {
    int t = data.lists();
    Criterion c = options.criterion();
    LogLinearModel current = LogLinearModel.independence(t);
    ModelFit currentFit = put(fits, fit(data, current, options));
    double currentValue =
        currentFit.mleExists() ? currentFit.criterion(c) : Double.POSITIVE_INFINITY;
    while (true) {
      LogLinearModel best = null;
      double bestValue = currentValue;
      for (LogLinearModel.Pair pair : LogLinearModel.allPairs(t)) {
        LogLinearModel candidate = current.has(pair) ? current.without(pair) : current.with(pair);
        ModelFit cf = fits.get(candidate.name());
        if (cf == null) {
          cf = put(fits, fit(data, candidate, options));
        }
        if (cf.mleExists() && cf.criterion(c) < bestValue - 1e-9) {
          best = candidate;
          bestValue = cf.criterion(c);
        }
      }
      if (best == null) {
        return;
      }
      current = best;
      currentValue = bestValue;
    }
  }

  private static String select(List<ModelFit> models, Criterion c) {
    ModelFit best = null;
    for (ModelFit m : models) {
      if (m.mleExists() && (best == null || m.criterion(c) < best.criterion(c))) {
        best = m;
      }
    }
    return best == null ? null : best.model();
  }

  private static ModelFit put(Map<String, ModelFit> fits, ModelFit f) {
    fits.put(f.model(), f);
    return f;
  }

  /** Rows: capture histories 1..2^t−1; columns: intercept, main effects, interactions. */
  static double[][] design(LogLinearModel model, int t) {
    int cells = (1 << t) - 1;
    List<LogLinearModel.Pair> pairs = model.interactions();
    double[][] x = new double[cells][model.parameterCount()];
    for (int mask = 1; mask <= cells; mask++) {
      double[] row = x[mask - 1];
      row[0] = 1.0;
      for (int j = 0; j < t; j++) {
        row[1 + j] = (mask >> j) & 1;
      }
      for (int k = 0; k < pairs.size(); k++) {
        LogLinearModel.Pair pr = pairs.get(k);
        row[1 + t + k] = ((mask >> pr.a()) & 1) * ((mask >> pr.b()) & 1);
      }
    }
    return x;
  }

  /** Why the fit sits on the boundary of the parameter space, or null when it does not. */
  private static String boundary(PoissonGlm.Fit f, int t) {
    String tiny = tinyFittedCell(f.fitted(), t);
    if (tiny != null) {
      return tiny;
    }
    for (double b : f.beta()) {
      if (!(Math.abs(b) <= DIVERGED_COEFFICIENT)) {
        return "MLE does not exist: a coefficient diverges (|β| > " + DIVERGED_COEFFICIENT + ")";
      }
    }
    return null;
  }

  private static String tinyFittedCell(double[] mu, int t) {
    for (int i = 0; i < mu.length; i++) {
      if (!(mu[i] >= BOUNDARY_FITTED)) {
        return "MLE does not exist: fitted count of capture history "
            + history(i + 1, t)
            + " tends to 0 (zero cells drive a parameter to ±∞)";
      }
    }
    return null;
  }

  /** Capture history as the classical 0/1 string, list 1 first: mask 5 of 3 lists is "101". */
  static String history(int mask, int t) {
    StringBuilder sb = new StringBuilder(t);
    for (int j = 0; j < t; j++) {
      sb.append((mask >> j) & 1);
    }
    return sb.toString();
  }

  private static ModelFit failed(
      String name, String labels, int df, int p, boolean converged, String note) {
    return new ModelFit(
        name, labels, null, null, null, null, null, null, null, null, null, null, df, p, converged,
        false, note, null);
  }
}
