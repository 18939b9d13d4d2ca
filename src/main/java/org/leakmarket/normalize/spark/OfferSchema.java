package org.leakmarket.normalize.spark;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * Spark schemas of normaliser output, declared once. {@link #NORMALIZED} is what the {@code
 * mapPartitions} over {@link Normalizer} emits (contracts section 4 fields plus listing context);
 * {@code silver/offers} is its {@code ok} rows plus {@code period} and {@code dup_group}.
 */
public final class OfferSchema {

  public static final StructType EVIDENCE =
      createStructType(
          List.of(
              createStructField("field", StringType, true),
              createStructField("span", StringType, true),
              createStructField("rule", StringType, true)));

  /** One row per offer or rejected listing, as the normaliser produced it. */
  public static final StructType NORMALIZED =
      createStructType(
          List.of(
              createStructField("listing_id", StringType, false),
              createStructField("offer_index", IntegerType, true),
              createStructField("status", StringType, false),
              createStructField("reason", StringType, true),
              createStructField("detail", StringType, true),
              createStructField("price_per_record_cny", DoubleType, true),
              createStructField("price_per_record_low_cny", DoubleType, true),
              createStructField("price_per_record_high_cny", DoubleType, true),
              createStructField("price_per_record_usd", DoubleType, true),
              createStructField("amount", DoubleType, true),
              createStructField("currency", StringType, true),
              createStructField("quantity", LongType, true),
              createStructField("product", StringType, true),
              createStructField("balance_low_cny", DoubleType, true),
              createStructField("balance_high_cny", DoubleType, true),
              createStructField("qualifier", StringType, true),
              createStructField("language", StringType, true),
              createStructField("tier", StringType, true),
              createStructField("freshness", StringType, true),
              createStructField("category", StringType, true),
              createStructField("issuers", createArrayType(StringType, false), true),
              createStructField("region_code", StringType, true),
              createStructField("evidence", createArrayType(EVIDENCE, false), true),
              createStructField("confidence", DoubleType, true),
              createStructField("posted_at", TimestampType, true),
              createStructField("posted_date", DateType, true),
              // listing context carried for the market stage
              createStructField("source", StringType, true),
              createStructField("channel", StringType, true),
              createStructField("seller_key", StringType, true),
              createStructField("text_norm", StringType, true),
              createStructField("is_structured", BooleanType, true)));

  private OfferSchema() {}
}
