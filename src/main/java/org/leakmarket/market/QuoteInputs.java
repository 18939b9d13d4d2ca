package org.leakmarket.market;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.leakmarket.stats.market.LotSize;

/**
 * The market analyses' input: unique offers (reposts collapsed, {@link OfferDedup#collapse}) with
 * the columns the unit-of-count rules and the hedonic controls need (methods.md, Market):
 *
 * <ul>
 *   <li>{@code seller_id}: the seller key, or for an offer without one an id of its own ({@value
 *       #ANONYMOUS} + dup group + offer index), so that unknown sellers are never merged on a
 *       guess; {@code seller_known} tells them apart;
 *   <li>{@code copy_key}: the offer's copy group (a {@link CopyGroups} group of adverts copied
 *       across sellers, else its own dup group) and its offer index: offers sharing it at the same
 *       price are one quote;
 *   <li>{@code origin}: first post time and listing id, which orders the copies of one advert (the
 *       earliest keeps the quote; never the seller key, whose order changes with the
 *       pseudonymisation key);
 *   <li>{@code lot_size}: the {@link LotSize} class of {@code quantity};
 *   <li>{@code ln_balance}: ln of the balance the goods carry (the geometric mean of the bounds
 *       when both are given), null without one.
 * </ul>
 *
 * <p>Cost: a broadcast join with the copy membership (one row per copied listing), no shuffle.
 */
public final class QuoteInputs {
  /** Prefix of the seller id of an offer whose seller is unknown. */
  public static final String ANONYMOUS = "~anon:";

  /** The columns the cells and indices read: what {@link #narrow} keeps. */
  public static final List<String> COLUMNS =
      List.of(
          "listing_id",
          "offer_index",
          "period",
          "product",
          "category",
          "tier",
          "freshness",
          "region_code",
          "source",
          "issuers",
          "language",
          "price_per_record_cny",
          "seller_id",
          "seller_known",
          "copy_key",
          "origin",
          "lot_size",
          "ln_balance");

  private QuoteInputs() {}

  /** The first post's time: {@code first_seen} of collapsed offers, else {@code posted_at}. */
  private static Column posted(List<String> cols) {
    return cols.contains("first_seen")
        ? coalesce(col("first_seen"), col("posted_at"))
        : col("posted_at");
  }

  /** Only the {@link #COLUMNS} of {@link #of} rows: what is worth keeping in memory. */
  public static Dataset<Row> narrow(Dataset<Row> inputs) {
    return inputs.select(COLUMNS.stream().map(c -> col(c)).toArray(Column[]::new));
  }

  /** Inputs without copy groups: every offer is its own copy group. */
  public static Dataset<Row> of(Dataset<Row> unique) {
    return of(unique, null);
  }

  /**
   * @param unique unique offers (silver/offers columns with {@code period}; {@code dup_group} if
   *     present, else the listing is its own group)
   * @param copyMembership {@code listing_id, copy_group} ({@link CopyGroups#membership}), or null
   */
  public static Dataset<Row> of(Dataset<Row> unique, Dataset<Row> copyMembership) {
    List<String> cols = Arrays.asList(unique.columns());
    Column group = cols.contains("dup_group") ? col("dup_group") : col("listing_id");
    Dataset<Row> in = unique.withColumn("_group", coalesce(group, col("listing_id")));
    Column copyGroup;
    if (copyMembership == null) {
      copyGroup = col("_group");
    } else {
      Dataset<Row> members =
          copyMembership.select(col("listing_id").as("_member"), col("copy_group").as("_copy"));
      // the membership has one row per copied listing: small next to the offers
      in = in.join(broadcast(members), col("_group").equalTo(col("_member")), "left");
      copyGroup = coalesce(col("_copy"), col("_group"));
    }
    Column offerIndex = coalesce(col("offer_index").cast(StringType), lit("-"));
    Column lnLow = when(col("balance_low_cny").gt(0), log(col("balance_low_cny")));
    Column lnHigh = when(col("balance_high_cny").gt(0), log(col("balance_high_cny")));
    Column lnBalance =
        when(lnLow.isNotNull().and(lnHigh.isNotNull()), lnLow.plus(lnHigh).divide(2))
            .otherwise(coalesce(lnLow, lnHigh));
    Column q = coalesce(col("quantity"), lit(1L));
    Column lot =
        when(q.leq(1), lit(LotSize.SINGLE))
            .when(q.leq(LotSize.SMALL_MAX), lit(LotSize.SMALL))
            .when(q.leq(LotSize.MEDIUM_MAX), lit(LotSize.MEDIUM))
            .otherwise(lit(LotSize.LARGE));
    Dataset<Row> out =
        in.withColumn("seller_known", col("seller_key").isNotNull())
            .withColumn(
                "seller_id",
                coalesce(
                    col("seller_key"), concat(lit(ANONYMOUS), col("_group"), lit("#"), offerIndex)))
            .withColumn("copy_key", concat(copyGroup, lit("#"), offerIndex))
            .withColumn(
                "origin",
                concat(
                    coalesce(date_format(posted(cols), "yyyy-MM-dd'T'HH:mm:ss.SSSSSS"), lit("~")),
                    lit("|"),
                    col("listing_id")))
            .withColumn("lot_size", lot)
            .withColumn("ln_balance", lnBalance);
    return copyMembership == null ? out.drop("_group") : out.drop("_group", "_member", "_copy");
  }
}
