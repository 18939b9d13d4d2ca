package org.leakmarket.warehouse.gold;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
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
 * One row of {@code gold/exposure}: one breakdown row of the exposure ({@code breakdown} total,
 * issuer, tier, region or sample, with its {@code key}), or one valued group ({@code value}:
 * sample, period, category, tier, freshness, the pricing rule, the quotes it was priced from and
 * its value) or left-out count ({@code value_excluded}). The table is the union of {@code
 * ExposureTables} and {@code MarketValue}, so every column is nullable. The table's schema is
 * {@link #SCHEMA}, which the writer uses and {@link org.leakmarket.warehouse.Table} names; {@link
 * #from(Row)} and {@link #toRow()} are the only places its columns are read or written by name.
 * Columns added later ({@code rule}, {@code quotes_cny}, ...) read as null from older tables.
 * Constant cost per row.
 */
public record GoldExposure(
    String breakdown,
    String key,
    Long records,
    Long persons,
    Long cards,
    Long recycledRecords,
    Double validCardShare,
    Double recycledShare,
    String inferredFreshness,
    String claimedFreshness,
    Boolean claimMismatch,
    String listingId,
    java.time.LocalDate obtainedAt,
    String sampleId,
    String period,
    String category,
    String tier,
    String freshness,
    String rule,
    String cellMatch,
    String pricedFrom,
    Long nQuotes,
    List<Double> quotesCny,
    Double medianCny,
    Double valueCny,
    Double valueCiLow,
    Double valueCiHigh) {
  public static final StructType SCHEMA =
      createStructType(
          List.of(
              createStructField("breakdown", StringType, true),
              createStructField("key", StringType, true),
              createStructField("records", LongType, true),
              createStructField("persons", LongType, true),
              createStructField("cards", LongType, true),
              createStructField("recycled_records", LongType, true),
              createStructField("valid_card_share", DoubleType, true),
              createStructField("recycled_share", DoubleType, true),
              createStructField("inferred_freshness", StringType, true),
              createStructField("claimed_freshness", StringType, true),
              createStructField("claim_mismatch", BooleanType, true),
              createStructField("listing_id", StringType, true),
              createStructField("obtained_at", DateType, true),
              createStructField("sample_id", StringType, true),
              createStructField("period", StringType, true),
              createStructField("category", StringType, true),
              createStructField("tier", StringType, true),
              createStructField("freshness", StringType, true),
              createStructField("rule", StringType, true),
              createStructField("cell_match", StringType, true),
              createStructField("priced_from", StringType, true),
              createStructField("n_quotes", LongType, true),
              createStructField("quotes_cny", createArrayType(DoubleType, true), true),
              createStructField("median_cny", DoubleType, true),
              createStructField("value_cny", DoubleType, true),
              createStructField("value_ci_low", DoubleType, true),
              createStructField("value_ci_high", DoubleType, true)));

  /** The row read by column name; a column the table lacks reads as null. */
  public static GoldExposure from(Row r) {
    return new GoldExposure(
        GoldRows.get(r, "breakdown"),
        GoldRows.get(r, "key"),
        GoldRows.get(r, "records"),
        GoldRows.get(r, "persons"),
        GoldRows.get(r, "cards"),
        GoldRows.get(r, "recycled_records"),
        GoldRows.get(r, "valid_card_share"),
        GoldRows.get(r, "recycled_share"),
        GoldRows.get(r, "inferred_freshness"),
        GoldRows.get(r, "claimed_freshness"),
        GoldRows.get(r, "claim_mismatch"),
        GoldRows.get(r, "listing_id"),
        GoldRows.date(r, "obtained_at"),
        GoldRows.get(r, "sample_id"),
        GoldRows.get(r, "period"),
        GoldRows.get(r, "category"),
        GoldRows.get(r, "tier"),
        GoldRows.get(r, "freshness"),
        GoldRows.get(r, "rule"),
        GoldRows.get(r, "cell_match"),
        GoldRows.get(r, "priced_from"),
        GoldRows.get(r, "n_quotes"),
        GoldRows.list(r, "quotes_cny"),
        GoldRows.get(r, "median_cny"),
        GoldRows.get(r, "value_cny"),
        GoldRows.get(r, "value_ci_low"),
        GoldRows.get(r, "value_ci_high"));
  }

  /** The row in {@link #SCHEMA} order, carrying the schema (so {@link #from} reads it back). */
  public Row toRow() {
    return new GenericRowWithSchema(
        new Object[] {
          breakdown,
          key,
          records,
          persons,
          cards,
          recycledRecords,
          validCardShare,
          recycledShare,
          inferredFreshness,
          claimedFreshness,
          claimMismatch,
          listingId,
          obtainedAt,
          sampleId,
          period,
          category,
          tier,
          freshness,
          rule,
          cellMatch,
          pricedFrom,
          nQuotes,
          quotesCny,
          medianCny,
          valueCny,
          valueCiLow,
          valueCiHigh
        },
        SCHEMA);
  }
}
