package org.leakmarket.exposure;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code gold/exposure} in long form: one row per (breakdown, key) with records, persons and cards,
 * for breakdowns {@code total}, {@code issuer}, {@code tier}, {@code region}, {@code fields} (the
 * combination of fields exposed, e.g. {@code address+card_number+name+phone}) and {@code sample};
 * sample rows also carry valid-card share, recycled share, inferred and claimed freshness and
 * whether the claim is contradicted. Cost: one aggregation per breakdown over the (cached) linked
 * records, plus a small join with the seller's offers.
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
    List<Dataset<Row>> parts = new ArrayList<>();
    parts.add(breakdown(records, "total", lit("all")));
    parts.add(
        breakdown(
            records.filter(col("card_token").isNotNull()),
            "issuer",
            coalesce(col("issuer"), lit("unknown"))));
    parts.add(
        breakdown(
            records.filter(col("card_token").isNotNull()),
            "tier",
            coalesce(col("tier"), lit("unknown"))));
    parts.add(breakdown(records, "region", coalesce(col("region_code"), lit("unknown"))));
    parts.add(breakdown(records, "fields", array_join(col("fields_present"), "+")));
    Dataset<Row> out = parts.get(0);
    for (int i = 1; i < parts.size(); i++) {
      out = out.unionByName(parts.get(i));
    }
    return out.unionByName(samples(records, offers, sampleFiles, recycledThreshold), true)
        .orderBy("breakdown", "key");
  }

  private static Dataset<Row> breakdown(Dataset<Row> records, String name, Column key) {
    Column[] a = aggregates();
    return records
        .groupBy(key.as("key"))
        .agg(a[0], java.util.Arrays.copyOfRange(a, 1, a.length))
        .select(
            lit(name).as("breakdown"),
            col("key"),
            col("records"),
            col("persons"),
            col("cards"),
            col("recycled_records"));
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
