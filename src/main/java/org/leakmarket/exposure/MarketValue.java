package org.leakmarket.exposure;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.StructType;
import org.leakmarket.stats.valuation.OwnPrice;
import org.leakmarket.stats.valuation.PriceCell;
import org.leakmarket.stats.valuation.Pricing;
import org.leakmarket.stats.valuation.PricingLadder;
import org.leakmarket.stats.valuation.PricingRule;
import org.leakmarket.stats.valuation.Quotes;
import org.leakmarket.stats.valuation.ValueSimulation;
import org.leakmarket.warehouse.gold.GoldRows;

/**
 * Value of the exposure at asking prices (methods.md, Value at market prices), as rows of {@code
 * gold/exposure}:
 *
 * <ul>
 *   <li>{@code breakdown = value}: one row per group of valued records (sample, period, category,
 *       tier, freshness) with the rule that priced it ({@link PricingRule}), the cell it was priced
 *       from, its quotes (for the publication's simulation of any period), the price, the value and
 *       the group's own 95% interval; unpriced groups carry their records and no value;
 *   <li>{@code value_excluded}: records left out, {@code key} {@code fabricated|period} (no
 *       identifier passes its check) or {@code repeat|period} (the person was valued already);
 *   <li>{@code value_total}: the total over all samples with its joint 95% interval.
 * </ul>
 *
 * <p>Each valid person counts once, at its first appearance (earliest {@code obtained_at}, then
 * sample id, then record id); records with no identifier passing its check (fabricated padding) and
 * later appearances (recycled repeats) are excluded and counted. A group is priced by {@link
 * PricingLadder}; the interval comes from {@link ValueSimulation} with the run seed.
 *
 * <p>Cost: one window over persons (a shuffle by {@code person_id}) and two small aggregations;
 * then the driver collects the groups (samples × categories × tiers: small by construction), the
 * offers of the samples' own listings, the metadata of the matching cells and the quotes of the
 * cells actually used, and runs the ladder and the simulation (O(R · groups)).
 */
public final class MarketValue {
  public static final StructType SCHEMA =
      createStructType(
          List.of(
              createStructField("breakdown", StringType, false),
              createStructField("key", StringType, false),
              createStructField("sample_id", StringType, true),
              createStructField("listing_id", StringType, true),
              createStructField("period", StringType, true),
              createStructField("category", StringType, true),
              createStructField("tier", StringType, true),
              createStructField("freshness", StringType, true),
              createStructField("records", LongType, true),
              createStructField("rule", StringType, true),
              // the rule code again, under the column name the old valuation used
              createStructField("cell_match", StringType, true),
              createStructField("priced_from", StringType, true),
              createStructField("n_quotes", LongType, true),
              createStructField("quotes_cny", createArrayType(DoubleType, false), true),
              createStructField("median_cny", DoubleType, true),
              createStructField("value_cny", DoubleType, true),
              createStructField("value_ci_low", DoubleType, true),
              createStructField("value_ci_high", DoubleType, true)));

  private MarketValue() {}

  /**
   * @param records linked, recycling-marked records with {@code period}, {@code category} and
   *     {@code inferred_freshness} (see {@link ExposureStage})
   * @param offers silver/offers (the samples' own listings; unique offers for cells without quotes)
   * @param cells gold/market_cells
   * @param seed the run seed
   */
  public static Dataset<Row> compute(
      SparkSession spark,
      Dataset<Row> records,
      Dataset<Row> offers,
      Dataset<Row> cells,
      long seed) {
    Column valid =
        coalesce(col("card_luhn_valid"), lit(false))
            .or(coalesce(col("phone_valid"), lit(false)))
            .or(coalesce(col("id_valid"), lit(false)));
    Dataset<Row> marked =
        records
            .withColumn("_valid", valid)
            .withColumn(
                "_rank",
                row_number()
                    .over(
                        Window.partitionBy(col("person_id"), col("_valid"))
                            .orderBy(col("obtained_at"), col("sample_id"), col("record_id"))));
    // one aggregation gives both the records left out and the groups of first-seen valid persons:
    // marked (a window over the records joined to their samples and claims) is computed once
    List<Row> counted = counted(marked);
    List<Row> out = new ArrayList<>(excluded(counted));

    List<Group> groups = groups(counted);
    Map<String, List<OwnPrice.Offer>> own = ownOffers(offers, groups);
    PricingLadder ladder = new PricingLadder(priceCells(cells, groups));
    Map<Group, Pricing> pricing = new LinkedHashMap<>();
    Set<String> memberKeys = new TreeSet<>();
    for (Group g : groups) {
      Double ownPrice =
          g.listingId == null || !own.containsKey(g.listingId)
              ? null
              : OwnPrice.of(own.get(g.listingId), g.tier);
      Pricing p = ladder.price(g.period, g.category, g.tier, g.freshness, ownPrice, g.listingId);
      pricing.put(g, p);
      p.members().forEach(c -> memberKeys.add(c.key()));
    }
    Map<String, double[]> quotes = quotes(cells, offers, memberKeys);

    List<ValueSimulation.Group> sim = new ArrayList<>();
    Map<String, double[]> pooled = new HashMap<>();
    for (Map.Entry<Group, Pricing> e : pricing.entrySet()) {
      Group g = e.getKey();
      Pricing p = e.getValue();
      if (p.rule() == PricingRule.OWN_PRICE) {
        sim.add(new ValueSimulation.Group(g.key(), g.persons, p.ownPrice(), null, null));
      } else if (p.rule() != PricingRule.UNPRICED) {
        double[] q =
            pooled.computeIfAbsent(
                p.pricedFrom(),
                k -> Quotes.pool(p.members().stream().map(c -> quotes.get(c.key())).toList()));
        sim.add(new ValueSimulation.Group(g.key(), g.persons, null, p.pricedFrom(), q));
      }
    }
    ValueSimulation.Result result = ValueSimulation.run(sim, seed);
    for (Map.Entry<Group, Pricing> e : pricing.entrySet()) {
      Group g = e.getKey();
      Pricing p = e.getValue();
      ValueSimulation.Interval i = result.groups().get(g.key());
      double[] q = pooled.get(p.pricedFrom());
      Double price =
          p.rule() == PricingRule.OWN_PRICE
              ? p.ownPrice()
              : q == null ? null : Double.valueOf(Quotes.median(q));
      out.add(
          RowFactory.create(
              "value",
              g.key(),
              g.sampleId,
              g.listingId,
              g.period,
              g.category,
              g.tier,
              g.freshness,
              g.persons,
              p.rule().code(),
              p.rule().code(),
              p.pricedFrom(),
              p.rule() == PricingRule.OWN_PRICE || p.rule() == PricingRule.UNPRICED
                  ? null
                  : p.nQuotes(),
              q == null ? null : box(q),
              price,
              i == null ? null : i.value(),
              i == null ? null : i.low(),
              i == null ? null : i.high()));
    }
    long valued = 0;
    for (Map.Entry<Group, Pricing> e : pricing.entrySet()) {
      valued += e.getValue().rule() == PricingRule.UNPRICED ? 0 : e.getKey().persons;
    }
    ValueSimulation.Interval t = result.total();
    out.add(
        RowFactory.create(
            "value_total",
            "all",
            null,
            null,
            null,
            null,
            null,
            null,
            valued,
            null,
            null,
            null,
            null,
            null,
            null,
            sim.isEmpty() ? null : t.value(),
            sim.isEmpty() ? null : t.low(),
            sim.isEmpty() ? null : t.high()));
    return spark.createDataFrame(out, SCHEMA);
  }

  /** One group of valued records: a sample's first-seen valid persons of one cell key. */
  private record Group(
      String sampleId,
      String listingId,
      String period,
      String category,
      String tier,
      String freshness,
      long persons) {
    String key() {
      return String.join("|", sampleId, String.valueOf(period), category, tier, freshness);
    }
  }

  /**
   * The records counted in one aggregation, collected: a record is either left out ({@code _valid}
   * false or not the person's first record: {@code excluded} true, by reason and period) or the
   * first record of a valid person (by sample, listing, period, category, tier and freshness).
   * Bounded: a handful of excluded rows per period, and one group row per sample and cell key.
   * Columns: excluded, reason, sample_id, listing_id, period, category, tier, freshness, n.
   */
  private static List<Row> counted(Dataset<Row> marked) {
    Column out = col("_valid").equalTo(false).or(col("_rank").gt(1));
    Column in = col("_valid").and(col("_rank").equalTo(1));
    Column reason = when(col("_valid").equalTo(false), lit("fabricated")).otherwise(lit("repeat"));
    return marked
        .filter(out.or(in))
        .groupBy(
            out.as("excluded"),
            when(out, reason).as("reason"),
            when(in, col("sample_id")).as("sample_id"),
            when(in, col("listing_id")).as("listing_id"),
            col("period"),
            when(in, coalesce(col("category"), lit("other"))).as("category"),
            when(in, coalesce(col("tier"), lit("unknown"))).as("tier"),
            when(in, coalesce(col("inferred_freshness"), lit("unknown"))).as("freshness"))
        .agg(count(lit(1)).as("n"))
        .collectAsList();
  }

  /** Records left out, by reason and period (counts only: a handful of rows). */
  private static List<Row> excluded(List<Row> counted) {
    List<Row> out = new ArrayList<>();
    for (Row r :
        GoldRows.sorted(
            counted.stream().filter(x -> x.getBoolean(0)).toList(), "reason", "period")) {
      String reasonCode = r.getString(1);
      String period = r.getString(4);
      out.add(
          RowFactory.create(
              "value_excluded",
              reasonCode + "|" + period,
              null,
              null,
              period,
              null,
              null,
              null,
              r.getLong(8),
              reasonCode,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null));
    }
    return out;
  }

  /** Groups of first-seen valid persons (samples × categories × tiers rows). */
  private static List<Group> groups(List<Row> counted) {
    List<Group> out = new ArrayList<>();
    for (Row r :
        GoldRows.sorted(
            counted.stream().filter(x -> !x.getBoolean(0)).toList(),
            "sample_id",
            "period",
            "category",
            "tier",
            "freshness")) {
      out.add(
          new Group(
              r.getString(2),
              r.getString(3),
              r.getString(4),
              r.getString(5),
              r.getString(6),
              r.getString(7),
              r.getLong(8)));
    }
    return out;
  }

  /** Offers of the samples' own listings, by listing (a few rows per sample). */
  private static Map<String, List<OwnPrice.Offer>> ownOffers(
      Dataset<Row> offers, List<Group> groups) {
    Set<String> ids = new TreeSet<>();
    groups.forEach(
        g -> {
          if (g.listingId != null) {
            ids.add(g.listingId);
          }
        });
    Map<String, List<OwnPrice.Offer>> out = new TreeMap<>();
    if (ids.isEmpty()) {
      return out;
    }
    for (Row r :
        offers
            .filter(col("listing_id").isin(ids.toArray()))
            .filter(col("price_per_record_cny").isNotNull())
            .select(col("listing_id"), col("tier"), col("price_per_record_cny"))
            .collectAsList()) {
      out.computeIfAbsent(r.getString(0), k -> new ArrayList<>())
          .add(new OwnPrice.Offer(r.getString(1), r.getDouble(2)));
    }
    return out;
  }

  /** Metadata of the published cells of the groups' categories. */
  private static List<PriceCell> priceCells(Dataset<Row> cells, List<Group> groups) {
    Set<String> categories = new TreeSet<>();
    groups.forEach(g -> categories.add(g.category));
    List<PriceCell> out = new ArrayList<>();
    if (categories.isEmpty()) {
      return out;
    }
    // ordered here, as the table was once written: gold/market_cells is written in no particular
    // order, and the ladder's pooled cells keep this order (bounded: one row per base cell)
    for (Row r :
        GoldRows.sorted(
            PricedCells.meta(cells)
                .filter(col("category").isin(categories.toArray()))
                .collectAsList(),
            "period",
            "category",
            "tier",
            "freshness")) {
      out.add(
          new PriceCell(
              r.getString(0),
              r.getString(1),
              r.getString(2),
              r.getString(3),
              r.isNullAt(4) ? 0 : r.getLong(4),
              !r.isNullAt(5) && r.getBoolean(5)));
    }
    return out;
  }

  /** Sorted quotes of the cells the ladder used, by cell key. */
  private static Map<String, double[]> quotes(
      Dataset<Row> cells, Dataset<Row> offers, Set<String> keys) {
    Map<String, double[]> out = new HashMap<>();
    if (keys.isEmpty()) {
      return out;
    }
    for (Row r : PricedCells.quotes(cells, offers, List.copyOf(keys)).collectAsList()) {
      List<Double> q = r.getList(1);
      double[] v = q.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      out.put(r.getString(0), v);
    }
    return out;
  }

  private static List<Double> box(double[] v) {
    List<Double> out = new ArrayList<>(v.length);
    for (double x : v) {
      out.add(x);
    }
    return out;
  }
}
