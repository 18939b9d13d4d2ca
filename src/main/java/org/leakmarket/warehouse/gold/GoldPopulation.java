package org.leakmarket.warehouse.gold;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.StructType;

/**
 * One row of {@code gold/population}: one capture-recapture estimate (two-list, log-linear model,
 * model average or heterogeneity model) with its fit and whether it is the selected model. The
 * table's schema is {@link #SCHEMA}, which the writer uses and {@link
 * org.leakmarket.warehouse.Table} names; {@link #from(Row)} and {@link #toRow()} are the only
 * places its columns are read or written by name. Profile and averaging columns read as null from
 * tables written before them. Constant cost per row.
 */
public record GoldPopulation(
    String listsBy,
    List<String> lists,
    Long observed,
    String method,
    String model,
    String modelLabels,
    Double nHat,
    Double se,
    Double ciLow,
    Double ciHigh,
    Double ciLowNormal,
    Double ciHighNormal,
    Double aic,
    Double bic,
    Double deviance,
    Integer df,
    Boolean converged,
    Boolean mleExists,
    Boolean selected,
    String searchMethod,
    String note,
    Double profileNHat,
    Double profileCiLow,
    Double profileCiHigh,
    String profileNote,
    Double weight,
    Integer modelsAveraged) {
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

  /** The row read by column name; a column the table lacks reads as null. */
  public static GoldPopulation from(Row r) {
    return new GoldPopulation(
        GoldRows.get(r, "lists_by"),
        GoldRows.list(r, "lists"),
        GoldRows.get(r, "observed"),
        GoldRows.get(r, "method"),
        GoldRows.get(r, "model"),
        GoldRows.get(r, "model_labels"),
        GoldRows.get(r, "n_hat"),
        GoldRows.get(r, "se"),
        GoldRows.get(r, "ci_low"),
        GoldRows.get(r, "ci_high"),
        GoldRows.get(r, "ci_low_normal"),
        GoldRows.get(r, "ci_high_normal"),
        GoldRows.get(r, "aic"),
        GoldRows.get(r, "bic"),
        GoldRows.get(r, "deviance"),
        GoldRows.get(r, "df"),
        GoldRows.get(r, "converged"),
        GoldRows.get(r, "mle_exists"),
        GoldRows.get(r, "selected"),
        GoldRows.get(r, "search_method"),
        GoldRows.get(r, "note"),
        GoldRows.get(r, "profile_n_hat"),
        GoldRows.get(r, "profile_ci_low"),
        GoldRows.get(r, "profile_ci_high"),
        GoldRows.get(r, "profile_note"),
        GoldRows.get(r, "weight"),
        GoldRows.get(r, "models_averaged"));
  }

  /** The row in {@link #SCHEMA} order, carrying the schema (so {@link #from} reads it back). */
  public Row toRow() {
    return new GenericRowWithSchema(
        new Object[] {
          listsBy,
          lists,
          observed,
          method,
          model,
          modelLabels,
          nHat,
          se,
          ciLow,
          ciHigh,
          ciLowNormal,
          ciHighNormal,
          aic,
          bic,
          deviance,
          df,
          converged,
          mleExists,
          selected,
          searchMethod,
          note,
          profileNHat,
          profileCiLow,
          profileCiHigh,
          profileNote,
          weight,
          modelsAveraged
        },
        SCHEMA);
  }
}
