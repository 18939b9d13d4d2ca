package org.leakmarket.warehouse.gold;

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
 * One row of {@code gold/price_index}: one point of a price index (Jevons or hedonic) in one
 * period. The table's schema is {@link #SCHEMA}, which the writer uses and {@link
 * org.leakmarket.warehouse.Table} names; {@link #from(Row)} and {@link #toRow()} are the only
 * places its columns are read or written by name. Columns added later ({@code segment}, {@code
 * fit_n}, ...) read as null from older tables. Constant cost per row.
 */
public record GoldPriceIndex(
    String period,
    String method,
    String weight,
    Double index,
    Double se,
    Double ciLow,
    Double ciHigh,
    String ciMethod,
    Double indexKennedy,
    Double link,
    Double logCoefficient,
    Integer nCells,
    Long nObs,
    Integer segment,
    Long fitN,
    Long fitSellers,
    Double r2,
    List<String> cells,
    String note,
    String linkFrom,
    Double linkCiLow,
    Double linkCiHigh) {
  public static final StructType SCHEMA =
      createStructType(
          List.of(
              createStructField("period", StringType, false),
              createStructField("method", StringType, false),
              createStructField("weight", StringType, false),
              createStructField("index", DoubleType, false),
              createStructField("se", DoubleType, true),
              createStructField("ci_low", DoubleType, true),
              createStructField("ci_high", DoubleType, true),
              createStructField("ci_method", StringType, true),
              createStructField("index_kennedy", DoubleType, true),
              createStructField("link", DoubleType, true),
              createStructField("log_coefficient", DoubleType, true),
              createStructField("n_cells", IntegerType, true),
              createStructField("n_obs", LongType, false),
              createStructField("segment", IntegerType, true),
              createStructField("fit_n", LongType, true),
              createStructField("fit_sellers", LongType, true),
              createStructField("r2", DoubleType, true),
              createStructField("cells", createArrayType(StringType, false), true),
              createStructField("note", StringType, false),
              // the change since the previous period: link is index(t)/index(link_from) within
              // a chain, and its own interval (the two index intervals do not give it)
              createStructField("link_from", StringType, true),
              createStructField("link_ci_low", DoubleType, true),
              createStructField("link_ci_high", DoubleType, true)));

  /** The row read by column name; a column the table lacks reads as null. */
  public static GoldPriceIndex from(Row r) {
    return new GoldPriceIndex(
        GoldRows.get(r, "period"),
        GoldRows.get(r, "method"),
        GoldRows.get(r, "weight"),
        GoldRows.get(r, "index"),
        GoldRows.get(r, "se"),
        GoldRows.get(r, "ci_low"),
        GoldRows.get(r, "ci_high"),
        GoldRows.get(r, "ci_method"),
        GoldRows.get(r, "index_kennedy"),
        GoldRows.get(r, "link"),
        GoldRows.get(r, "log_coefficient"),
        GoldRows.get(r, "n_cells"),
        GoldRows.get(r, "n_obs"),
        GoldRows.get(r, "segment"),
        GoldRows.get(r, "fit_n"),
        GoldRows.get(r, "fit_sellers"),
        GoldRows.get(r, "r2"),
        GoldRows.list(r, "cells"),
        GoldRows.get(r, "note"),
        GoldRows.get(r, "link_from"),
        GoldRows.get(r, "link_ci_low"),
        GoldRows.get(r, "link_ci_high"));
  }

  /** The row in {@link #SCHEMA} order, carrying the schema (so {@link #from} reads it back). */
  public Row toRow() {
    return new GenericRowWithSchema(
        new Object[] {
          period,
          method,
          weight,
          index,
          se,
          ciLow,
          ciHigh,
          ciMethod,
          indexKennedy,
          link,
          logCoefficient,
          nCells,
          nObs,
          segment,
          fitN,
          fitSellers,
          r2,
          cells,
          note,
          linkFrom,
          linkCiLow,
          linkCiHigh
        },
        SCHEMA);
  }
}
