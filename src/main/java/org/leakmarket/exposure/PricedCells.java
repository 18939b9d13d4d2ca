package org.leakmarket.exposure;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sort_array;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * The one place valuation reads {@code gold/market_cells}, defensively, so that it works with the
 * table as it is and as the market work is changing it (issue 13): cells of the base grain ({@code
 * dimensions = ''}) of product {@code personal_records}, with {@code n_quotes} (independent quotes)
 * and {@code quotes_cny} (their sorted values).
 *
 * <p>Where the table lacks a column: no {@code product} means every cell is {@code
 * personal_records} (the placeholder every offer carries until products are read from text); no
 * {@code n_quotes} means {@code n_offers}; no {@code quotes_cny} means the sorted prices of the
 * cell's unique offers ({@code first_post} rows of {@code silver/offers}), one quote per offer.
 * Once the market table carries all three, only the first lines of each method are used.
 *
 * <p>Cost: a filter and projection of the (small) cell table; without {@code quotes_cny}, one
 * aggregation of the unique offers of the cells asked for.
 */
final class PricedCells {
  static final String PRODUCT = "personal_records";

  private PricedCells() {}

  /**
   * Base-grain {@code personal_records} cells: period, category, tier, freshness, n_quotes (long),
   * suppressed (boolean), no quotes.
   */
  static Dataset<Row> meta(Dataset<Row> cells) {
    Dataset<Row> base = base(cells);
    Column n = has(base, "n_quotes") ? col("n_quotes") : col("n_offers");
    return base.select(
        col("period"),
        col("category"),
        col("tier"),
        col("freshness"),
        n.cast(DataTypes.LongType).as("n_quotes"),
        col("suppressed"));
  }

  /**
   * The same cells with {@code quotes_cny} (sorted array of doubles), restricted to {@code keys}
   * ({@code period|category|tier|freshness}).
   */
  static Dataset<Row> quotes(Dataset<Row> cells, Dataset<Row> offers, List<String> keys) {
    Dataset<Row> base = base(cells).withColumn("_key", key());
    Column wanted = col("_key").isin(keys.toArray());
    if (has(base, "quotes_cny")) {
      return base.filter(wanted).select(col("_key").as("key"), col("quotes_cny"));
    }
    Dataset<Row> unique = has(offers, "first_post") ? offers.filter(col("first_post")) : offers;
    if (has(unique, "product")) {
      unique = unique.filter(col("product").equalTo(PRODUCT));
    }
    return unique
        .filter(col("price_per_record_cny").isNotNull())
        .withColumn("_key", key())
        .filter(wanted)
        .groupBy(col("_key").as("key"))
        .agg(sort_array(collect_list(col("price_per_record_cny"))).as("quotes_cny"));
  }

  private static Dataset<Row> base(Dataset<Row> cells) {
    Dataset<Row> base = cells;
    if (has(base, "dimensions")) {
      base = base.filter(col("dimensions").equalTo(""));
    }
    if (has(base, "product")) {
      base = base.filter(col("product").equalTo(PRODUCT));
    }
    return base;
  }

  /**
   * {@code period|category|tier|freshness} exactly as {@link
   * org.leakmarket.stats.valuation.PriceCell#key} writes it (a null as {@code null}).
   */
  private static Column key() {
    Column[] parts =
        java.util.stream.Stream.of("period", "category", "tier", "freshness")
            .map(c -> coalesce(col(c), lit("null")))
            .toArray(Column[]::new);
    return concat_ws("|", parts);
  }

  private static boolean has(Dataset<Row> d, String column) {
    return Arrays.asList(d.columns()).contains(column);
  }
}
