package org.leakmarket.exposure;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code gold/exposure} in long form: one row per (breakdown, key) with records, persons and cards,
 * for breakdowns {@code total}, {@code issuer}, {@code tier}, {@code region}, {@code fields} (the
 * combination of fields exposed, e.g. {@code address+card_number+name+phone}) and {@code sample};
 * sample rows also carry valid-card share, recycled share, inferred and claimed freshness and
 * whether the claim is contradicted. Cost: two aggregations over the (cached) linked records, one
 * for the five plain breakdowns together (records tagged and exploded, five rows per record at
 * most) and one by sample, plus a small join with the seller's offers.
 */
public final class ExposureTables {
  private ExposureTables() {}

  /**
   * @param records linked, recycling-marked records (person_id, recycled, sample_id, ...)
   * @param offers silver/offers (listing_id, freshness), for the freshness a seller claimed
   * @param sampleFiles bronze/sample_files: card counts per sample as read, including card numbers
   *     too damaged to tokenise, which count as invalid
   * @param recycledThreshold share above which a sample is inferred second-hand
   */
  public static Dataset<Row> compute(
      Dataset<Row> records,
      Dataset<Row> offers,
      Dataset<Row> sampleFiles,
      double recycledThreshold) {
    return breakdowns(records)
        .unionByName(samples(records, offers, sampleFiles, recycledThreshold), true)
        .orderBy("breakdown", "key");
  }

  /**
   * The five plain breakdowns in one aggregation: each record is tagged with its (breakdown, key)
   * pairs (issuer and tier only for records with a card) and exploded, and one {@code groupBy} over
   * (breakdown, key) counts them all: one scan and one shuffle instead of one job per breakdown.
   * The counts are those of a separate {@code groupBy} per breakdown, since every group is one
   * (breakdown, key) pair.
   */
  static Dataset<Row> breakdowns(Dataset<Row> records) {
    Column card = col("card_token").isNotNull();
    Column tags =
        filter(
            array(
                tag("total", lit(true), lit("all")),
                tag("issuer", card, coalesce(col("issuer"), lit("unknown"))),
                tag("tier", card, coalesce(col("tier"), lit("unknown"))),
                tag("region", lit(true), coalesce(col("region_code"), lit("unknown"))),
                tag("fields", lit(true), array_join(col("fields_present"), "+"))),
            t -> t.isNotNull());
    Column[] a = aggregates();
    return records
        .select(explode(tags).as("t"), col("person_id"), col("card_token"), col("recycled"))
        .groupBy(col("t.breakdown").as("breakdown"), col("t.key").as("key"))
        .agg(a[0], java.util.Arrays.copyOfRange(a, 1, a.length))
        .select(
            col("breakdown"),
            col("key"),
            col("records"),
            col("persons"),
            col("cards"),
            col("recycled_records"));
  }

  /** A (breakdown, key) tag, or null when the record is not in that breakdown. */
  private static Column tag(String breakdown, Column in, Column key) {
    return when(in, struct(lit(breakdown).as("breakdown"), key.as("key")));
  }

  private static Column[] aggregates() {
    return new Column[] {
      count(lit(1)).as("records"),
      countDistinct(col("person_id")).as("persons"),
      countDistinct(col("card_token")).as("cards"),
      count(when(col("recycled"), lit(1))).as("recycled_records")
    };
  }

  private static Dataset<Row> samples(
      Dataset<Row> records, Dataset<Row> offers, Dataset<Row> sampleFiles, double threshold) {
    Dataset<Row> claimed =
        offers
            .filter(col("offer_index").equalTo(0))
            .select(
                col("listing_id").as("claim_listing_id"), col("freshness").as("claimed_freshness"));
    Dataset<Row> agg =
        records
            .groupBy(col("sample_id").as("key"))
            .agg(
                count(lit(1)).as("records"),
                countDistinct(col("person_id")).as("persons"),
                countDistinct(col("card_token")).as("cards"),
                count(when(col("recycled"), lit(1))).as("recycled_records"),
                avg(col("recycled").cast("double")).as("recycled_share"),
                first(col("listing_id"), true).as("listing_id"),
                first(col("obtained_at"), true).as("obtained_at"));
    Column inferred =
        when(col("recycled_share").gt(threshold), lit("second_hand")).otherwise(lit("new"));
    Dataset<Row> validity =
        sampleFiles.select(
            col("sample_id").as("key"),
            when(col("cards").gt(0), col("cards_luhn_valid").divide(col("cards")))
                .as("valid_card_share"));
    return agg.join(validity, "key")
        .join(claimed, agg.col("listing_id").equalTo(claimed.col("claim_listing_id")), "left")
        .withColumn("inferred_freshness", inferred)
        .withColumn("claimed_freshness", coalesce(col("claimed_freshness"), lit("unknown")))
        .withColumn(
            "claim_mismatch",
            col("claimed_freshness")
                .equalTo("new")
                .and(col("inferred_freshness").equalTo("second_hand")))
        .select(
            lit("sample").as("breakdown"),
            col("key"),
            col("records"),
            col("persons"),
            col("cards"),
            col("recycled_records"),
            col("valid_card_share"),
            col("recycled_share"),
            col("inferred_freshness"),
            col("claimed_freshness"),
            col("claim_mismatch"),
            col("listing_id"),
            col("obtained_at"));
  }
}
