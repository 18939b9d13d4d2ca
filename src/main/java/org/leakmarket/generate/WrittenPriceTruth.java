package org.leakmarket.generate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percentile;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.encoders.ExpressionEncoder;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The true median of the prices sellers <em>write</em>, per period × product × category × tier ×
 * freshness cell, found by simulation: the generator's own rows from an independent stream (same
 * settings, another seed), each offer's CNY per record as written and converted by the FX rule,
 * exact median per cell (type 7, as {@code gold/market_cells}).
 *
 * <p>Why a second truth: {@link PriceModel} gives the median of the continuous log-normal mixture,
 * but sellers write rounded prices (two significant digits, 0.35, 0.5, 1.2 元...), so the
 * distribution a market cell samples is discrete and its median sits on a rounding step, up to a
 * few per cent from the continuous median. A confidence interval for the median of the asking
 * prices (what a publication reports) narrows onto that step as N grows; judged against the
 * continuous median its coverage falls with N though nothing is wrong. This is the estimand the
 * publication's CIs are for. Reposts are left out (they copy an earlier advert and the pipeline
 * collapses them) and so are bad rows (the same draws, unreadable). Offers are put in the cell
 * their advert <em>states</em> ({@link GeneratedListing.Priced}): a drawn tier or freshness the
 * template has no word for is {@code unknown}, as it is to the normaliser, so both sides fill a
 * cell with the same kind of adverts.
 *
 * <p>Its Monte Carlo error: with {@code draws} rows the truth's sampling error is that of a cell
 * estimate from {@code draws} listings, i.e. {@code sqrt(N / draws)} of the error of an estimate
 * from N listings (0.22 at 20 N draws, which lowers a 95% CI's apparent coverage to about 94.4%).
 * Cost: about 9 µs of CPU per row, in Spark, no shuffle beyond one aggregate of (cell, price)
 * pairs; a few thousand cells reach the driver.
 */
public final class WrittenPriceTruth {
  /** A cell with a period. */
  public record Key(
      String period, String product, String category, String tier, String freshness) {}

  /** The simulated median and the number of simulated offers behind it. */
  public record Value(double median, long offers) {}

  static final StructType OFFER_PRICES =
      new StructType()
          .add("period", DataTypes.StringType, false)
          .add("product", DataTypes.StringType, false)
          .add("category", DataTypes.StringType, false)
          .add("tier", DataTypes.StringType, false)
          .add("freshness", DataTypes.StringType, false)
          .add("cny", DataTypes.DoubleType, false);

  private WrittenPriceTruth() {}

  /** Rows simulated for a run of N listings: 20 N, at least 200,000, at most 50,000,000. */
  public static long defaultDraws(long listings) {
    return Math.min(50_000_000L, Math.max(200_000L, 20 * listings));
  }

  /** The simulation's settings: the benchmark's, with a seed no listing file is drawn from. */
  public static GeneratorSettings stream(GeneratorSettings s) {
    long seed = s.seed() * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
    return new GeneratorSettings(
        seed,
        s.firstMonth(),
        s.months(),
        s.badShare(),
        s.repostShare(),
        s.sellerPool(),
        s.compositionShift());
  }

  /**
   * Medians per cell over {@code draws} simulated rows, in {@code partitions} Spark tasks (0:
   * default parallelism).
   */
  public static Map<Key, Value> compute(
      SparkSession spark, GeneratorSettings settings, long draws, int partitions) {
    int parts =
        partitions > 0
            ? partitions
            : (int)
                Math.max(
                    spark.sparkContext().defaultParallelism(), Math.min(1_000, draws / 500_000));
    GeneratorSettings sim = stream(settings);
    spark
        .sparkContext()
        .setJobDescription("generate: written-price truth from " + draws + " simulated listings");
    var prices =
        spark
            .range(0, draws, 1, parts)
            .flatMap(new OfferPrices(sim), ExpressionEncoder.apply(OFFER_PRICES));
    List<Row> rows =
        prices
            .groupBy("period", "product", "category", "tier", "freshness")
            .agg(percentile(col("cny"), lit(0.5)).as("median"), count(lit(1)).as("offers"))
            .orderBy("period", "product", "category", "tier", "freshness")
            .collectAsList(); // one row per cell: months x cells, a few thousand
    spark.sparkContext().setJobDescription(null);
    Map<Key, Value> out = new LinkedHashMap<>();
    for (Row r : rows) {
      out.put(
          new Key(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4)),
          new Value(r.getDouble(5), r.getLong(6)));
    }
    return out;
  }

  /** The offers of one simulated row that a market cell would count, as (cell, CNY per record). */
  static List<Row> offerPrices(GeneratedListing l) {
    List<Row> out = new ArrayList<>();
    if (!l.ok() || l.bad() != null || l.repostOf() != null || l.period() == null) {
      return out;
    }
    for (GeneratedListing.Priced p : l.offers()) {
      if (Double.isFinite(p.cny()) && p.cny() > 0) {
        TrueOffer o = p.offer();
        out.add(
            RowFactory.create(
                l.period(),
                o.product().code(),
                o.category(),
                p.statedTier(),
                p.statedFreshness(),
                p.cny()));
      }
    }
    return out;
  }

  /** Row ids to offer prices; one generator per partition. */
  static final class OfferPrices implements FlatMapFunction<Long, Row> {
    private static final long serialVersionUID = 1L;
    private final GeneratorSettings settings;
    private transient ListingGenerator generator;

    OfferPrices(GeneratorSettings settings) {
      this.settings = settings;
    }

    @Override
    public Iterator<Row> call(Long id) {
      if (generator == null) {
        generator = new ListingGenerator(settings);
      }
      return offerPrices(generator.row(id)).iterator();
    }
  }
}
