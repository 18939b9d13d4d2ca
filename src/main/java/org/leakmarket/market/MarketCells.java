package org.leakmarket.market;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.explode_outer;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.types.DataTypes.StringType;

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
import org.leakmarket.privacy.SmallCells;
import org.leakmarket.stats.market.CellSummary;
import org.leakmarket.stats.market.IndependentQuotes;
import org.leakmarket.stats.market.MedianInterval;
import org.leakmarket.stats.market.QuoteWeight;
import org.leakmarket.warehouse.gold.GoldMarketCell;

/**
 * {@code gold/market_cells}: the asking-price distribution of each market cell, period x product x
 * category x tier x freshness, optionally also by region ({@code region_code}), source, issuer and
 * language (an offer naming three issuers counts in each of the three issuer cells; no issuer gives
 * a null issuer cell).
 *
 * <p>The unit of count is the independent quote ({@link IndependentQuotes}): copies of one advert
 * at one price count once, and under {@link QuoteWeight#SELLER} (the default) a seller's quotes in
 * the cell count once at their median. Per cell: {@code n_quotes}, {@code n_offers} (unique
 * offers), {@code n_sellers} (distinct known sellers); min, p10, p25, median, p75, p90, max, mean
 * and geometric mean of the quotes, all exact (R type 7, identical to Spark's {@code percentile});
 * the median's distribution-free order-statistic interval with its achieved level ({@link
 * MedianInterval}; the range below 6 quotes, {@code ci_method = range}); and {@code quotes_cny},
 * the sorted quote values themselves (what a valuation simulation draws from). No bootstrap and no
 * random number: every number is a function of the cell's offers only, so the table is identical
 * whatever the partitioning or core count.
 *
 * <p>Percentiles are always exact: no switch to {@code percentile_approx}. Each cell is collected
 * whole into one task (as Spark's own exact {@code percentile} does), which bounds a cell by a
 * task's memory (about 100 bytes an offer: 10^6 offers in one cell take some 100 MB); under seller
 * weighting a cell holds at most one quote per seller.
 *
 * <p>Input: {@link QuoteInputs} rows. Cost: one shuffle (group by cell, {@code collect_list} of the
 * offers), O(n log n) per cell, and for {@link #compute} one small sort of the output. Nothing is
 * collected to the driver.
 */
public final class MarketCells {
  public static final String DIM_REGION = "region";
  public static final String DIM_SOURCE = "source";
  public static final String DIM_ISSUER = "issuer";
  public static final String DIM_LANGUAGE = "language";
  public static final List<String> EXTRA_DIMENSIONS =
      List.of(DIM_REGION, DIM_SOURCE, DIM_ISSUER, DIM_LANGUAGE);

  /** Grouping columns in output order; region_code, source, issuer, language null unless chosen. */
  public static final List<String> KEY_COLUMNS =
      List.of(
          "period",
          "product",
          "category",
          "tier",
          "freshness",
          "region_code",
          "source",
          "issuer",
          "language");

  private static final int N_KEYS = 9;

  /** The table's schema, kept beside its record ({@link GoldMarketCell}). */
  public static final StructType SCHEMA = GoldMarketCell.SCHEMA;

  /** The struct collected per cell: what {@link IndependentQuotes} needs of an offer. */
  private static final String OFFER = "offer";

  /**
   * Options of one computation.
   *
   * @param extraDims any of {@link #EXTRA_DIMENSIONS}
   * @param weight how offers vote ({@link QuoteWeight#SELLER} by default)
   * @param alpha 1 - target confidence level of the median interval
   * @param minQuotes a cell with fewer independent quotes is {@code suppressed} (privacy.md rule 4;
   *     quotes never outnumber offers, so this also holds the offers rule)
   * @param minSellers a cell with fewer distinct known sellers is {@code suppressed}
   */
  public record Options(
      List<String> extraDims, QuoteWeight weight, double alpha, int minQuotes, int minSellers)
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
      if (weight == null) {
        throw new IllegalArgumentException("weight must be given (seller or offer)");
      }
      if (!(alpha > 0 && alpha < 1)) {
        throw new IllegalArgumentException("alpha must be in (0, 1), was: " + alpha);
      }
    }

    /** Seller weighting, 95% intervals and the default suppression thresholds. */
    public static Options of(List<String> extraDims) {
      return new Options(
          extraDims,
          QuoteWeight.SELLER,
          Defaults.ALPHA,
          Defaults.SUPPRESSION_K,
          Defaults.SUPPRESSION_MIN_SELLERS);
    }
  }

  private MarketCells() {}

  /**
   * The cells of {@code inputs} ({@link QuoteInputs} rows; plain unique offers are prepared first),
   * sorted by key.
   */
  public static Dataset<Row> compute(Dataset<Row> inputs, Options options) {
    return unsorted(inputs, options)
        .orderBy(KEY_COLUMNS.stream().map(c -> col(c).asc_nulls_first()).toArray(Column[]::new));
  }

  /**
   * The cells of {@link #compute} in no particular order: what the stage writes (a global sort
   * before the write cost a sampling job and a shuffle, and no reader depends on the table's order:
   * publish and the valuation order the rows they collect).
   */
  static Dataset<Row> unsorted(Dataset<Row> inputs, Options options) {
    Dataset<Row> in =
        java.util.Arrays.asList(inputs.columns()).contains("copy_key")
            ? inputs
            : QuoteInputs.of(inputs);
    List<String> dims = options.extraDims();
    Column issuer =
        dims.contains(DIM_ISSUER) ? explode_outer(col("issuers")) : lit(null).cast(StringType);
    Dataset<Row> keyed =
        in.where(col("price_per_record_cny").isNotNull())
            .select(
                col("period"),
                col("product"),
                col("category"),
                col("tier"),
                col("freshness"),
                chosen(dims, DIM_REGION, "region_code"),
                chosen(dims, DIM_SOURCE, "source"),
                issuer.as("issuer"),
                chosen(dims, DIM_LANGUAGE, "language"),
                struct(
                        col("seller_id"),
                        col("seller_known"),
                        col("copy_key"),
                        col("price_per_record_cny").as("price"),
                        col("origin"))
                    .as(OFFER));
    Column[] keys = KEY_COLUMNS.stream().map(c -> col(c)).toArray(Column[]::new);
    return keyed
        .groupBy(keys)
        .agg(collect_list(col(OFFER)).as("offers"))
        .map(new CellStats(options), Encoders.row(SCHEMA));
  }

  private static Column chosen(List<String> dims, String dim, String column) {
    return dims.contains(dim) ? col(column) : lit(null).cast(StringType).as(column);
  }

  /**
   * The cell's key: {@code name=value} of the period, product, category, tier, freshness and the
   * chosen extra columns, joined by {@code |}, null as {@code null}.
   */
  public static String cellKey(Row r, List<String> extraDims) {
    List<String> parts = new ArrayList<>();
    for (String c : KEY_COLUMNS) {
      String dim = c.equals("region_code") ? DIM_REGION : c;
      boolean extra = EXTRA_DIMENSIONS.contains(dim);
      if (!extra || extraDims.contains(dim)) {
        Object v = r.get(r.fieldIndex(c));
        parts.add(c + "=" + (v == null ? "null" : v.toString()));
      }
    }
    return String.join("|", parts);
  }

  /** The offers of a collected cell as {@link IndependentQuotes.Offer}s. */
  static List<IndependentQuotes.Offer> offers(Row r, String field) {
    List<Row> rows = r.getList(r.fieldIndex(field));
    List<IndependentQuotes.Offer> out = new ArrayList<>(rows.size());
    for (Row o : rows) {
      out.add(
          new IndependentQuotes.Offer(
              o.getString(0), o.getBoolean(1), o.getString(2), o.getDouble(3)));
    }
    return out;
  }

  /** Typed map from a grouped cell (keys, offers) to its output row. */
  private static final class CellStats implements MapFunction<Row, Row> {
    private final Options o;

    CellStats(Options o) {
      this.o = o;
    }

    @Override
    public Row call(Row r) {
      IndependentQuotes.Result q = IndependentQuotes.of(offers(r, "offers"), o.weight());
      double[] v = q.values();
      CellSummary s = CellSummary.of(v);
      MedianInterval ci = MedianInterval.of(v, o.alpha());
      boolean suppressed =
          SmallCells.marketCellHidden(v.length, q.nSellers(), o.minQuotes(), o.minSellers());
      Object[] out = new Object[SCHEMA.size()];
      for (int i = 0; i < N_KEYS; i++) {
        out[i] = r.get(i);
      }
      Double[] quotes = new Double[v.length];
      for (int i = 0; i < v.length; i++) {
        quotes[i] = v[i];
      }
      Object[] rest = {
        String.join(",", o.extraDims()),
        cellKey(r, o.extraDims()),
        o.weight().code(),
        (long) v.length,
        q.nOffers(),
        q.nSellers(),
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
        ci.level(),
        ci.method(),
        quotes,
        suppressed
      };
      System.arraycopy(rest, 0, out, N_KEYS, rest.length);
      return RowFactory.create(out);
    }
  }
}
