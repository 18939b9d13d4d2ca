package org.leakmarket.market;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.explode_outer;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.leakmarket.config.Defaults;
import org.leakmarket.stats.market.Bootstrap;
import org.leakmarket.stats.market.CellSummary;
import org.leakmarket.stats.market.SplitMix64;

/**
 * {@code gold/market_cells}: the price distribution of each market cell, period x category x tier x
 * freshness, optionally also by region ({@code region_code}), source and issuer (an offer naming
 * three issuers counts in each of the three issuer cells; no issuer gives a null issuer cell).
 *
 * <p>Per cell: n_offers, n_sellers (distinct non-null seller keys), min, p10, p25, median, p75,
 * p90, max, mean, geometric mean of {@code price_per_record_cny}, all exact (R type 7, identical to
 * Spark's {@code percentile}) and computed in plain Java from the cell's sorted prices, and the
 * median's percentile-bootstrap interval ({@link Bootstrap}) with a generator seeded from (seed,
 * {@code cell_key}). Because every number is a function of the cell's sorted values and key only,
 * the table is identical whatever the partitioning or core count. Cells over {@link
 * Bootstrap#MAX_BOOTSTRAP_N} offers get the order-statistic interval ({@code ci_method}).
 *
 * <p>Input: unique offers (after {@link OfferDedup#collapse}) with {@code period}. Cost: one
 * shuffle (group by cell, {@code collect_list} of the prices: a cell must fit in one task's memory,
 * which for a market of adverts it does by orders of magnitude), O(B n) per cell for the bootstrap,
 * one small sort of the output. Nothing is collected to the driver.
 */
public final class MarketCells {
  public static final String DIM_REGION = "region";
  public static final String DIM_SOURCE = "source";
  public static final String DIM_ISSUER = "issuer";
  public static final List<String> EXTRA_DIMENSIONS = List.of(DIM_REGION, DIM_SOURCE, DIM_ISSUER);

  /** Grouping columns in output order; region_code, source, issuer are null unless chosen. */
  public static final List<String> KEY_COLUMNS =
      List.of("period", "category", "tier", "freshness", "region_code", "source", "issuer");

  public static final StructType SCHEMA =
      createStructType(
          List.of(
              createStructField("period", StringType, true),
              createStructField("category", StringType, true),
              createStructField("tier", StringType, true),
              createStructField("freshness", StringType, true),
              createStructField("region_code", StringType, true),
              createStructField("source", StringType, true),
              createStructField("issuer", StringType, true),
              // which extra dimensions this row is broken down by ("" or e.g. "region,issuer"):
              // tells a
              // null region_code that means "all regions" from one that means "region not stated"
              createStructField("dimensions", StringType, false),
              createStructField("cell_key", StringType, false),
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
              createStructField("ci_method", StringType, false),
              createStructField("ci_level", DoubleType, false),
              createStructField("bootstrap_replicates", IntegerType, false),
              createStructField("seed", LongType, false),
              createStructField("suppressed", BooleanType, false)));

  /**
   * Options of one computation.
   *
   * @param extraDims any of {@link #EXTRA_DIMENSIONS}
   * @param replicates bootstrap replicates B (config {@code bootstrapReplicates})
   * @param alpha 1 - confidence level of the median interval
   * @param seed run seed
   * @param minOffers a cell with fewer offers is {@code suppressed} (privacy.md rule 4)
   * @param minSellers a cell with fewer distinct sellers is {@code suppressed}
   */
  public record Options(
      List<String> extraDims,
      int replicates,
      double alpha,
      long seed,
      int minOffers,
      int minSellers)
      implements Serializable {
    public Options {
      List<String> given = extraDims == null ? List.of() : extraDims;
      for (String d : given) {
        if (!EXTRA_DIMENSIONS.contains(d)) {
          throw new IllegalArgumentException(
              "extra dimension must be one of " + EXTRA_DIMENSIONS + ", was: " + d);
        }
      }
      // canonical order, so that the same dimensions given in another order give the same keys
      extraDims = EXTRA_DIMENSIONS.stream().filter(given::contains).toList();
      if (replicates < 1) {
        throw new IllegalArgumentException("bootstrap replicates must be >= 1, was: " + replicates);
      }
      if (!(alpha > 0 && alpha < 1)) {
        throw new IllegalArgumentException("alpha must be in (0, 1), was: " + alpha);
      }
    }

    /** Defaults of everything but the dimensions, replicates and seed. */
    public static Options of(List<String> extraDims, int replicates, long seed) {
      return new Options(
          extraDims,
          replicates,
          0.05,
          seed,
          Defaults.SUPPRESSION_K,
          Defaults.SUPPRESSION_MIN_SELLERS);
    }
  }

  private MarketCells() {}

  /** Cells with default alpha 0.05 and suppression thresholds. */
  public static Dataset<Row> compute(
      Dataset<Row> offers, List<String> extraDims, int replicates, long seed) {
    return compute(offers, Options.of(extraDims, replicates, seed));
  }

  /** The cells of {@code offers} (columns of silver/offers incl. period), sorted by key. */
  public static Dataset<Row> compute(Dataset<Row> offers, Options options) {
    List<String> dims = options.extraDims();
    Column issuer =
        dims.contains(DIM_ISSUER) ? explode_outer(col("issuers")) : lit(null).cast(StringType);
    Dataset<Row> keyed =
        offers.select(
            col("period"),
            col("category"),
            col("tier"),
            col("freshness"),
            dims.contains(DIM_REGION)
                ? col("region_code")
                : lit(null).cast(StringType).as("region_code"),
            dims.contains(DIM_SOURCE) ? col("source") : lit(null).cast(StringType).as("source"),
            issuer.as("issuer"),
            col("seller_key"),
            col("price_per_record_cny"));
    Column[] keys = KEY_COLUMNS.stream().map(c -> col(c)).toArray(Column[]::new);
    Dataset<Row> grouped =
        keyed
            .where(col("price_per_record_cny").isNotNull())
            .groupBy(keys)
            .agg(
                count(lit(1)).as("n_offers"),
                count_distinct(col("seller_key")).as("n_sellers"),
                sort_array(collect_list(col("price_per_record_cny"))).as("prices"));
    return grouped
        .map(new CellStats(options), Encoders.row(SCHEMA))
        .orderBy(KEY_COLUMNS.stream().map(c -> col(c).asc_nulls_first()).toArray(Column[]::new));
  }

  /**
   * The key a cell's bootstrap is seeded from: {@code name=value} of the period, category, tier,
   * freshness and chosen extra columns, joined by {@code |}, null as {@code null}.
   */
  public static String cellKey(Row r, List<String> extraDims) {
    List<String> parts = new ArrayList<>();
    for (String c : KEY_COLUMNS) {
      boolean extra = c.equals("region_code") || c.equals("source") || c.equals("issuer");
      String dim = c.equals("region_code") ? DIM_REGION : c;
      if (!extra || extraDims.contains(dim)) {
        Object v = r.get(r.fieldIndex(c));
        parts.add(c + "=" + (v == null ? "null" : v.toString()));
      }
    }
    return String.join("|", parts);
  }

  /** Typed map from a grouped cell (keys, counts, sorted prices) to its output row. */
  private static final class CellStats implements MapFunction<Row, Row> {
    private final Options o;

    CellStats(Options o) {
      this.o = o;
    }

    @Override
    public Row call(Row r) {
      List<Double> list = r.getList(r.fieldIndex("prices"));
      double[] v = new double[list.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = list.get(i);
      }
      java.util.Arrays.sort(v); // already sorted by sort_array; cheap insurance
      CellSummary s = CellSummary.of(v);
      String key = cellKey(r, o.extraDims());
      Bootstrap.Interval ci =
          Bootstrap.medianCi(v, o.replicates(), o.alpha(), SplitMix64.forKey(o.seed(), key));
      long nOffers = r.getLong(r.fieldIndex("n_offers"));
      long nSellers = r.getLong(r.fieldIndex("n_sellers"));
      boolean suppressed = nOffers < o.minOffers() || nSellers < o.minSellers();
      return RowFactory.create(
          r.get(0),
          r.get(1),
          r.get(2),
          r.get(3),
          r.get(4),
          r.get(5),
          r.get(6),
          String.join(",", o.extraDims()),
          key,
          nOffers,
          nSellers,
          s.min(),
          s.p10(),
          s.p25(),
          s.median(),
          s.p75(),
          s.p90(),
          s.max(),
          s.mean(),
          Double.isNaN(s.geometricMean()) ? null : s.geometricMean(),
          ci.low(),
          ci.high(),
          ci.method(),
          1 - o.alpha(),
          o.replicates(),
          o.seed(),
          suppressed);
    }
  }
}
