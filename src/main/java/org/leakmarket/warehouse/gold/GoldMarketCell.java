package org.leakmarket.warehouse.gold;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.StructType;

/**
 * One row of {@code gold/market_cells}: one market cell of a period (product, category, tier,
 * freshness and any extra dimensions), its independent quotes, price distribution, median interval
 * and whether the primary small-cell rule hides it. The table's schema is {@link #SCHEMA}, which
 * the writer uses and {@link org.leakmarket.warehouse.Table} names; {@link #from(Row)} and {@link
 * #toRow()} are the only places its columns are read or written by name. A table written before
 * {@code product}, {@code n_quotes} or {@code suppressed} existed reads them as null. Constant cost
 * per row.
 */
public record GoldMarketCell(
    String period,
    String product,
    String category,
    String tier,
    String freshness,
    String regionCode,
    String source,
    String issuer,
    String language,
    String dimensions,
    String cellKey,
    String weight,
    Long nQuotes,
    Long nOffers,
    Long nSellers,
    Double minCny,
    Double p10Cny,
    Double p25Cny,
    Double medianCny,
    Double p75Cny,
    Double p90Cny,
    Double maxCny,
    Double meanCny,
    Double geomeanCny,
    Double medianCiLow,
    Double medianCiHigh,
    Double medianCiLevel,
    String ciMethod,
    List<Double> quotesCny,
    Boolean suppressed) {
  public static final StructType SCHEMA =
      createStructType(
          List.of(
              createStructField("period", StringType, true),
              createStructField("product", StringType, true),
              createStructField("category", StringType, true),
              createStructField("tier", StringType, true),
              createStructField("freshness", StringType, true),
              createStructField("region_code", StringType, true),
              createStructField("source", StringType, true),
              createStructField("issuer", StringType, true),
              createStructField("language", StringType, true),
              // which extra dimensions this row is broken down by ("" or e.g. "region,issuer"):
              // tells a null region_code that means "all regions" from one that means "region not
              // stated"
              createStructField("dimensions", StringType, false),
              createStructField("cell_key", StringType, false),
              createStructField("weight", StringType, false),
              createStructField("n_quotes", LongType, false),
              createStructField("n_offers", LongType, false),
              createStructField("n_sellers", LongType, false),
              createStructField("min_cny", DoubleType, false),
              createStructField("p10_cny", DoubleType, false),
              createStructField("p25_cny", DoubleType, false),
              createStructField("median_cny", DoubleType, false),
              createStructField("p75_cny", DoubleType, false),
              createStructField("p90_cny", DoubleType, false),
              createStructField("max_cny", DoubleType, false),
              createStructField("mean_cny", DoubleType, false),
              createStructField("geomean_cny", DoubleType, true),
              createStructField("median_ci_low", DoubleType, false),
              createStructField("median_ci_high", DoubleType, false),
              createStructField("median_ci_level", DoubleType, false),
              createStructField("ci_method", StringType, false),
              createStructField("quotes_cny", createArrayType(DoubleType, false), false),
              createStructField("suppressed", BooleanType, false)));

  /** The row read by column name; a column the table lacks reads as null. */
  public static GoldMarketCell from(Row r) {
    return new GoldMarketCell(
        GoldRows.get(r, "period"),
        GoldRows.get(r, "product"),
        GoldRows.get(r, "category"),
        GoldRows.get(r, "tier"),
        GoldRows.get(r, "freshness"),
        GoldRows.get(r, "region_code"),
        GoldRows.get(r, "source"),
        GoldRows.get(r, "issuer"),
        GoldRows.get(r, "language"),
        GoldRows.get(r, "dimensions"),
        GoldRows.get(r, "cell_key"),
        GoldRows.get(r, "weight"),
        GoldRows.get(r, "n_quotes"),
        GoldRows.get(r, "n_offers"),
        GoldRows.get(r, "n_sellers"),
        GoldRows.get(r, "min_cny"),
        GoldRows.get(r, "p10_cny"),
        GoldRows.get(r, "p25_cny"),
        GoldRows.get(r, "median_cny"),
        GoldRows.get(r, "p75_cny"),
        GoldRows.get(r, "p90_cny"),
        GoldRows.get(r, "max_cny"),
        GoldRows.get(r, "mean_cny"),
        GoldRows.get(r, "geomean_cny"),
        GoldRows.get(r, "median_ci_low"),
        GoldRows.get(r, "median_ci_high"),
        GoldRows.get(r, "median_ci_level"),
        GoldRows.get(r, "ci_method"),
        GoldRows.list(r, "quotes_cny"),
        GoldRows.get(r, "suppressed"));
  }

  /** The row in {@link #SCHEMA} order, carrying the schema (so {@link #from} reads it back). */
  public Row toRow() {
    return new GenericRowWithSchema(
        new Object[] {
          period,
          product,
          category,
          tier,
          freshness,
          regionCode,
          source,
          issuer,
          language,
          dimensions,
          cellKey,
          weight,
          nQuotes,
          nOffers,
          nSellers,
          minCny,
          p10Cny,
          p25Cny,
          medianCny,
          p75Cny,
          p90Cny,
          maxCny,
          meanCny,
          geomeanCny,
          medianCiLow,
          medianCiHigh,
          medianCiLevel,
          ciMethod,
          quotesCny,
          suppressed
        },
        SCHEMA);
  }
}
