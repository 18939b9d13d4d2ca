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
import org.leakmarket.stats.population.ModelFit;
import org.leakmarket.stats.population.PopulationResult;
import scala.jdk.javaapi.CollectionConverters;

/**
 * {@code gold/population}: one row per estimate (Lincoln-Petersen, Chapman, each log-linear model),
 * with the lists it was computed from. Built on the driver from a {@link PopulationResult}; a
 * handful of rows.
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
              createStructField("note", StringType, true)));

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
      out.add(
          RowFactory.create(
              listsBy,
              lists,
              r.observed(),
              "loglinear",
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
              m.model().equals(r.selected()),
              r.searchMethod(),
              m.note()));
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
              r.note()));
    }
    return out;
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
        e == null ? note : null);
  }
}
