package org.leakmarket.market;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.percentile;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.leakmarket.config.LeakmarketConfig;
import org.leakmarket.warehouse.Table;
import org.leakmarket.warehouse.Warehouse;

/**
 * The market side of {@code analyze}: silver/offers to gold/market_cells (n and exact
 * median/quartiles per period x category x tier x freshness). One shuffle (the group-by).
 */
public final class MarketStage {
  private final SparkSession spark;
  private final Warehouse warehouse;
  private final LeakmarketConfig cfg;

  public MarketStage(SparkSession spark, Warehouse warehouse, LeakmarketConfig cfg) {
    this.spark = spark;
    this.warehouse = warehouse;
    this.cfg = cfg;
  }

  /** Writes the gold market tables; returns the stage's count line. */
  public String run() {
    Dataset<Row> offers = warehouse.read(Table.SILVER_OFFERS);
    Dataset<Row> cells = offers.groupBy("period", "category", "tier", "freshness").agg(
        count(lit(1)).as("n_offers"),
        countDistinct(col("seller_key")).as("n_sellers"),
        percentile(col("price_per_record_cny"), lit(0.5)).as("median_cny"),
        percentile(col("price_per_record_cny"), lit(0.25)).as("p25_cny"),
        percentile(col("price_per_record_cny"), lit(0.75)).as("p75_cny"))
        .orderBy("period", "category", "tier", "freshness");
    warehouse.overwrite(Table.GOLD_MARKET_CELLS, cells);
    return "market_cells=" + warehouse.read(Table.GOLD_MARKET_CELLS).count();
  }
}
