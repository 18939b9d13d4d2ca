package org.leakmarket.exposure;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Value of the exposure at market prices (methods.md): exposed records x the median price of the
 * matching market cell (period of the sample, category, tier, freshness), with the bounds carried
 * from the median's bootstrap CI. A record group with no exact cell falls back to the cell of the
 * same period, category and freshness with tier {@code unknown}; a group with neither stays
 * unvalued and is counted as such. Cost: one aggregation of records into groups, then joins with
 * the (small, broadcast) market cells.
 */
public final class MarketValue {
  private MarketValue() {}

  /**
   * @param records linked records with {@code period}, {@code tier}, {@code inferred_freshness}
   * @param cells gold/market_cells (period, category, tier, freshness, median_cny, median_ci_low,
   *     median_ci_high)
   * @return one row per (period, category, tier, freshness) group with records and value bounds
   */
  public static Dataset<Row> compute(Dataset<Row> records, Dataset<Row> cells) {
    Dataset<Row> groups =
        records
            .groupBy(
                col("period"),
                col("category"),
                coalesce(col("tier"), lit("unknown")).as("tier"),
                col("inferred_freshness").as("freshness"))
            .agg(count(lit(1)).as("records"));
    Dataset<Row> exact =
        cells.select(
            col("period"),
            col("category"),
            col("tier"),
            col("freshness"),
            col("median_cny").as("m1"),
            col("median_ci_low").as("l1"),
            col("median_ci_high").as("h1"));
    Dataset<Row> fallback =
        cells
            .filter(col("tier").equalTo("unknown"))
            .select(
                col("period"),
                col("category"),
                col("freshness"),
                col("median_cny").as("m2"),
                col("median_ci_low").as("l2"),
                col("median_ci_high").as("h2"));
    Dataset<Row> j =
        groups
            .join(
                org.apache.spark.sql.functions.broadcast(exact),
                new String[] {"period", "category", "tier", "freshness"},
                "left")
            .join(
                org.apache.spark.sql.functions.broadcast(fallback),
                new String[] {"period", "category", "freshness"},
                "left");
    Column matched =
        when(col("m1").isNotNull(), lit("exact"))
            .when(col("m2").isNotNull(), lit("tier_unknown"))
            .otherwise(lit("none"));
    Column median = coalesce(col("m1"), col("m2"));
    return j.select(
            concat_ws("|", col("period"), col("category"), col("tier"), col("freshness")).as("key"),
            col("period"),
            col("category"),
            col("tier"),
            col("freshness"),
            col("records"),
            matched.as("cell_match"),
            median.as("median_cny"),
            col("records").multiply(median).as("value_cny"),
            col("records").multiply(coalesce(col("l1"), col("l2"))).as("value_ci_low"),
            col("records").multiply(coalesce(col("h1"), col("h2"))).as("value_ci_high"))
        .orderBy("key");
  }
}
