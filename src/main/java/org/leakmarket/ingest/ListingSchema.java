package org.leakmarket.ingest;

import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createMapType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Schemas of the listing side, declared once. Every input field is read as a string so that a
 * non-numeric price is a rejection with a reason, not a read failure.
 */
public final class ListingSchema {

  /** Input fields of contracts section 2, in order. */
  public static final List<String> FIELDS =
      List.of(
          "listing_id",
          "source",
          "channel",
          "seller",
          "posted_at",
          "text",
          "price",
          "currency",
          "quantity",
          "tier",
          "freshness",
          "category",
          "region",
          "issuer");

  public static final String CORRUPT = "_corrupt_record";

  /** What {@code from_json} parses each JSONL line into. */
  public static final StructType INPUT = inputSchema();

  /**
   * {@code bronze/listings}: the input fields (seller replaced by its keyed token) plus provenance.
   * {@code listing_id} is always filled (SHA-256 default).
   */
  public static final StructType BRONZE =
      createStructType(
          List.of(
              createStructField("listing_id", StringType, false),
              createStructField("source", StringType, true),
              createStructField("channel", StringType, true),
              createStructField("seller_key", StringType, true),
              createStructField("posted_at", StringType, true),
              createStructField("text", StringType, true),
              createStructField("price", StringType, true),
              createStructField("currency", StringType, true),
              createStructField("quantity", StringType, true),
              createStructField("tier", StringType, true),
              createStructField("freshness", StringType, true),
              createStructField("category", StringType, true),
              createStructField("region", StringType, true),
              createStructField("issuer", StringType, true),
              createStructField("extra", createMapType(StringType, StringType), true),
              createStructField("source_file", StringType, true),
              createStructField("ingest_run", StringType, true)));

  /** {@code quarantine/listings}: one row per rejected input row or rejected listing. */
  public static final StructType QUARANTINE =
      createStructType(
          List.of(
              createStructField("quarantine_id", StringType, false),
              createStructField("listing_id", StringType, true),
              createStructField("stage", StringType, false),
              createStructField("reason", StringType, false),
              createStructField("detail", StringType, true),
              createStructField("raw", StringType, true),
              createStructField("source_file", StringType, true),
              createStructField("ingest_run", StringType, true)));

  private ListingSchema() {}

  private static StructType inputSchema() {
    List<StructField> f = new ArrayList<>();
    for (String name : FIELDS) {
      f.add(createStructField(name, StringType, true));
    }
    f.add(createStructField(CORRUPT, StringType, true));
    return createStructType(f);
  }
}
