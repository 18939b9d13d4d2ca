package org.leakmarket.market;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.leakmarket.warehouse.gold.GoldMarketVolume;

/**
 * Market volume per period from offers that carry {@code dup_group} and {@code first_post} ({@link
 * OfferDedup#assign}, i.e. {@code silver/offers}): listings posted, offer rows, unique offers
 * (counted in the period of their first post), distinct sellers (non-null keys), and advertised
 * quantity (sum of {@code quantity}) over unique offers and over all posts. Integer aggregates
 * only, so exact and partition-independent. Cost: one shuffle, small output.
 */
public final class MarketVolume {
  /** The table's schema, kept beside its record ({@link GoldMarketVolume}). */
  public static final StructType SCHEMA = GoldMarketVolume.SCHEMA;

  private MarketVolume() {}

  /** Volume rows sorted by period. */
  public static Dataset<Row> compute(Dataset<Row> assignedOffers) {
    return unsorted(assignedOffers).orderBy(col("period").asc_nulls_first());
  }

  /** The rows of {@link #compute} in no particular order: what the stage writes. */
  static Dataset<Row> unsorted(Dataset<Row> assignedOffers) {
    return assignedOffers
        .groupBy(col("period"))
        .agg(
            count_distinct(col("listing_id")).as("listings"),
            count(lit(1)).as("offers"),
            sum(when(col("first_post"), 1L).otherwise(0L)).as("unique_offers"),
            count_distinct(col("seller_key")).as("sellers"),
            sum(when(col("first_post"), col("quantity"))).as("advertised_quantity"),
            sum(col("quantity")).as("advertised_quantity_all_posts"));
  }
}
