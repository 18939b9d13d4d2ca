package org.leakmarket.warehouse.gold;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.StructType;

/**
 * One row of {@code gold/legal_thresholds}: one unit (advert, sample or seller) against one line of
 * the 2017 interpretation, Art. 5: items found and counted, their multiple of the line and the tier
 * they reach. The table's schema is {@link #SCHEMA}, which the writer uses and {@link
 * org.leakmarket.warehouse.Table} names; {@link #from(Row)} and {@link #toRow()} are the only
 * places its columns are read or written by name. Constant cost per row.
 */
public record GoldLegalThreshold(
    String unit,
    String key,
    String sellerKey,
    String measure,
    String itemClass,
    Double threshold,
    Double found,
    Double counted,
    Double multipleFound,
    Double multipleCounted,
    String tierFound,
    String tierCounted,
    Long records,
    String rulesVersion) {
  public static final StructType SCHEMA =
      createStructType(
          List.of(
              createStructField("unit", StringType, false),
              createStructField("key", StringType, false),
              createStructField("seller_key", StringType, true),
              createStructField("measure", StringType, false),
              createStructField("item_class", StringType, true),
              createStructField("threshold", DoubleType, true),
              createStructField("found", DoubleType, true),
              createStructField("counted", DoubleType, true),
              createStructField("multiple_found", DoubleType, true),
              createStructField("multiple_counted", DoubleType, true),
              createStructField("tier_found", StringType, true),
              createStructField("tier_counted", StringType, true),
              createStructField("records", LongType, true),
              createStructField("rules_version", StringType, false)));

  /** The row read by column name; a column the table lacks reads as null. */
  public static GoldLegalThreshold from(Row r) {
    return new GoldLegalThreshold(
        GoldRows.get(r, "unit"),
        GoldRows.get(r, "key"),
        GoldRows.get(r, "seller_key"),
        GoldRows.get(r, "measure"),
        GoldRows.get(r, "item_class"),
        GoldRows.get(r, "threshold"),
        GoldRows.get(r, "found"),
        GoldRows.get(r, "counted"),
        GoldRows.get(r, "multiple_found"),
        GoldRows.get(r, "multiple_counted"),
        GoldRows.get(r, "tier_found"),
        GoldRows.get(r, "tier_counted"),
        GoldRows.get(r, "records"),
        GoldRows.get(r, "rules_version"));
  }

  /** The row in {@link #SCHEMA} order, carrying the schema (so {@link #from} reads it back). */
  public Row toRow() {
    return new GenericRowWithSchema(
        new Object[] {
          unit,
          key,
          sellerKey,
          measure,
          itemClass,
          threshold,
          found,
          counted,
          multipleFound,
          multipleCounted,
          tierFound,
          tierCounted,
          records,
          rulesVersion
        },
        SCHEMA);
  }
}
