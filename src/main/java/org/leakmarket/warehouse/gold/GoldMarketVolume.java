package org.leakmarket.warehouse.gold;

import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.StructType;

/**
 * One row of {@code gold/market_volume}: listings, offers, unique offers, sellers and advertised
 * quantity of one period. The table's schema is {@link #SCHEMA}, which the writer uses and {@link
 * org.leakmarket.warehouse.Table} names; {@link #from(Row)} and {@link #toRow()} are the only
 * places its columns are read or written by name. Constant cost per row.
 */
public record GoldMarketVolume(
    String period,
    Long listings,
    Long offers,
    Long uniqueOffers,
    Long sellers,
    Long advertisedQuantity,
    Long advertisedQuantityAllPosts) {
  public static final StructType SCHEMA =
      createStructType(
          List.of(
              createStructField("period", StringType, true),
              createStructField("listings", LongType, false),
              createStructField("offers", LongType, false),
              createStructField("unique_offers", LongType, false),
              createStructField("sellers", LongType, false),
              createStructField("advertised_quantity", LongType, true),
              createStructField("advertised_quantity_all_posts", LongType, true)));

  /** The row read by column name; a column the table lacks reads as null. */
  public static GoldMarketVolume from(Row r) {
    return new GoldMarketVolume(
        GoldRows.get(r, "period"),
        GoldRows.get(r, "listings"),
        GoldRows.get(r, "offers"),
        GoldRows.get(r, "unique_offers"),
        GoldRows.get(r, "sellers"),
        GoldRows.get(r, "advertised_quantity"),
        GoldRows.get(r, "advertised_quantity_all_posts"));
  }

  /** The row in {@link #SCHEMA} order, carrying the schema (so {@link #from} reads it back). */
  public Row toRow() {
    return new GenericRowWithSchema(
        new Object[] {
          period,
          listings,
          offers,
          uniqueOffers,
          sellers,
          advertisedQuantity,
          advertisedQuantityAllPosts
        },
        SCHEMA);
  }
}
