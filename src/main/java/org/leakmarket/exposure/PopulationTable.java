package org.leakmarket.exposure;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.leakmarket.stats.population.Estimate;
import org.leakmarket.stats.population.ModelAverage;
import org.leakmarket.stats.population.ModelFit;
import org.leakmarket.stats.population.PopulationResult;
import org.leakmarket.stats.population.ProfileInterval;
import scala.jdk.javaapi.CollectionConverters;

/**
 * {@code gold/population}: one row per estimate, with the lists it was computed from: {@code
 * method} is {@code lincoln_petersen}, {@code chapman}, {@code loglinear} (each two-way model, with
 * its profile-likelihood interval and its weight in the average), {@code model_average} (the
 * BIC-weighted average over the log-linear models) or {@code heterogeneity} (the Mth sensitivity
 * models, {@code model} e.g. {@code Mth Chao (LB)}). Built on the driver from a {@link
 * PopulationResult}; a handful of rows (at most a few hundred models).
 */
public final class PopulationTable {
  public static final StructType SCHEMA =
      createStructType(
          List.of(
              createStructField("lists_by", StringType, false),
              createStructField("lists", createArrayType(StringType, false), false),
              createStructField("observed", LongType, false),
              createStructField("method", StringType, false),
              createStructField("model", StringType, true),
              createStructField("model_labels", StringType, true),
              createStructField("n_hat", DoubleType, true),
              createStructField("se", DoubleType, true),
              createStructField("ci_low", DoubleType, true),
              createStructField("ci_high", DoubleType, true),
              createStructField("ci_low_normal", DoubleType, true),
              createStructField("ci_high_normal", DoubleType, true),
              createStructField("aic", DoubleType, true),
              createStructField("bic", DoubleType, true),
              createStructField("deviance", DoubleType, true),
              createStructField("df", IntegerType, true),
              createStructField("converged", BooleanType, true),
              createStructField("mle_exists", BooleanType, true),
              createStructField("selected", BooleanType, false),
              createStructField("search_method", StringType, true),
              createStructField("note", StringType, true),
              createStructField("profile_n_hat", DoubleType, true),
              createStructField("profile_ci_low", DoubleType, true),
              createStructField("profile_ci_high", DoubleType, true),
              createStructField("profile_note", StringType, true),
              createStructField("weight", DoubleType, true),
              createStructField("models_averaged", IntegerType, true)));

  private PopulationTable() {}

  public static List<Row> rows(String listsBy, PopulationResult r) {
    List<Row> out = new ArrayList<>();
    Object lists = CollectionConverters.asScala(r.lists()).toSeq();
    if (r.twoList() != null) {
      out.add(
          estimate(
              listsBy,
              lists,
              r,
              "lincoln_petersen",
              r.twoList().lincolnPetersen(),
              r.twoList().note()));
      out.add(estimate(listsBy, lists, r, "chapman", r.twoList().chapman(), r.twoList().note()));
    }
    for (ModelFit m : r.models()) {
      Double weight = r.modelAverage() == null ? null : r.modelAverage().weights().get(m.model());
      out.add(fitRow(listsBy, lists, r, "loglinear", m, m.model().equals(r.selected()), weight));
    }
    ModelAverage a = r.modelAverage();
    if (a != null) {
      out.add(
          RowFactory.create(
              listsBy,
              lists,
              r.observed(),
              "model_average",
              "average",
              null,
              a.nHat(),
              a.se(),
              a.ciLow(),
              a.ciHigh(),
              null,
              null,
              null,
              null,
              null,
              null,
              true,
              true,
              false,
              r.searchMethod(),
              a.criterion() + "-weighted average of " + a.models() + " log-linear models",
              null,
              null,
              null,
              null,
              null,
              a.models()));
    }
    for (ModelFit m : r.sensitivity()) {
      out.add(fitRow(listsBy, lists, r, "heterogeneity", m, false, null));
    }
    if (out.isEmpty()) {
      out.add(
          RowFactory.create(
              listsBy,
              lists,
              r.observed(),
              "none",
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              false,
              r.searchMethod(),
              r.note(),
              null,
              null,
              null,
              null,
              null,
              null));
    }
    return out;
  }

  private static Row fitRow(
      String listsBy,
      Object lists,
      PopulationResult r,
      String method,
      ModelFit m,
      boolean selected,
      Double weight) {
    ProfileInterval p = m.profile();
    return RowFactory.create(
        listsBy,
        lists,
        r.observed(),
        method,
        m.model(),
        m.labels(),
        m.nHat(),
        m.se(),
        m.ciLow(),
        m.ciHigh(),
        m.ciLowNormal(),
        m.ciHighNormal(),
        m.aic(),
        m.bic(),
        m.deviance(),
        m.df(),
        m.converged(),
        m.mleExists(),
        selected,
        r.searchMethod(),
        m.note(),
        p == null ? null : p.nHat(),
        p == null ? null : p.low(),
        p == null ? null : p.high(),
        p == null ? null : p.note(),
        weight,
        null);
  }

  private static Row estimate(
      String listsBy, Object lists, PopulationResult r, String method, Estimate e, String note) {
    return RowFactory.create(
        listsBy,
        lists,
        r.observed(),
        method,
        null,
        null,
        e == null ? null : e.nHat(),
        e == null ? null : e.se(),
        e == null ? null : e.ciLow(),
        e == null ? null : e.ciHigh(),
        e == null ? null : e.ciLowNormal(),
        e == null ? null : e.ciHighNormal(),
        null,
        null,
        null,
        null,
        null,
        null,
        false,
        r.searchMethod(),
        e == null ? note : null,
        null,
        null,
        null,
        null,
        null,
        null);
  }
}
