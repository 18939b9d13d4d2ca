package org.leakmarket.exposure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Date;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.leakmarket.stats.valuation.Quotes;
import org.leakmarket.stats.valuation.ValueSimulation;
import org.leakmarket.testing.SparkTestBase;

/**
 * Valuation end to end in Spark on hand-built records, offers and market cells (the cells with the
 * columns the market work gives {@code gold/market_cells}: product, n_quotes, quotes_cny, ...).
 * Every expected price below is a median worked out by hand from the fixture's quotes.
 */
class MarketValueSparkTest extends SparkTestBase {
  private static final long SEED = 20150112L;

  private static final StructType RECORDS =
      new StructType()
          .add("record_id", DataTypes.StringType)
          .add("sample_id", DataTypes.StringType)
          .add("listing_id", DataTypes.StringType)
          .add("person_id", DataTypes.StringType)
          .add("obtained_at", DataTypes.DateType)
          .add("period", DataTypes.StringType)
          .add("category", DataTypes.StringType)
          .add("tier", DataTypes.StringType)
          .add("inferred_freshness", DataTypes.StringType)
          .add("card_luhn_valid", DataTypes.BooleanType)
          .add("phone_valid", DataTypes.BooleanType)
          .add("id_valid", DataTypes.BooleanType);

  private static final StructType OFFERS =
      new StructType()
          .add("listing_id", DataTypes.StringType)
          .add("offer_index", DataTypes.IntegerType)
          .add("tier", DataTypes.StringType)
          .add("price_per_record_cny", DataTypes.DoubleType);

  private static final StructType CELLS =
      new StructType()
          .add("period", DataTypes.StringType)
          .add("product", DataTypes.StringType)
          .add("category", DataTypes.StringType)
          .add("tier", DataTypes.StringType)
          .add("freshness", DataTypes.StringType)
          .add("dimensions", DataTypes.StringType)
          .add("n_quotes", DataTypes.LongType)
          .add("n_offers", DataTypes.LongType)
          .add("n_sellers", DataTypes.LongType)
          .add("median_cny", DataTypes.DoubleType)
          .add("median_ci_low", DataTypes.DoubleType)
          .add("median_ci_high", DataTypes.DoubleType)
          .add("median_ci_level", DataTypes.DoubleType)
          .add("ci_method", DataTypes.StringType)
          .add("suppressed", DataTypes.BooleanType)
          .add("quotes_cny", DataTypes.createArrayType(DataTypes.DoubleType, false));

  private final List<Row> records = new ArrayList<>();
  private Map<String, Row> value;
  private Map<String, Long> excluded;
  private Row total;

  private void persons(
      String sample,
      String listing,
      String date,
      String category,
      String tier,
      int n,
      String prefix,
      boolean valid) {
    for (int i = 0; i < n; i++) {
      records.add(
          RowFactory.create(
              sample + "-" + prefix + i,
              sample,
              listing,
              prefix + i,
              Date.valueOf(date),
              date.substring(0, 7),
              category,
              tier,
              "new",
              valid,
              valid ? Boolean.TRUE : null,
              false));
    }
  }

  private static Row cell(
      String period, String category, String tier, String fresh, boolean supp, double... q) {
    List<Double> quotes = new ArrayList<>();
    for (double x : q) {
      quotes.add(x);
    }
    java.util.Collections.sort(quotes);
    double[] sorted = quotes.stream().mapToDouble(Double::doubleValue).toArray();
    return RowFactory.create(
        period,
        "personal_records",
        category,
        tier,
        fresh,
        "",
        (long) q.length,
        (long) q.length,
        supp ? 1L : 3L,
        Quotes.median(sorted),
        sorted[0],
        sorted[sorted.length - 1],
        null,
        q.length < 6 ? "range" : "order_statistic",
        supp,
        quotes);
  }

  private Dataset<Row> cells() {
    List<Row> c = new ArrayList<>();
    // The hijack: January standard/new holds three quotes, two of them card-shop "fullz" prices.
    c.add(cell("2015-01", "credit_card", "standard", "new", false, 0.30, 99.36, 120.0));
    c.add(
        cell(
            "2015-01",
            "credit_card",
            "standard",
            "second_hand",
            false,
            0.22,
            0.25,
            0.28,
            0.30,
            0.35));
    // A plain cell with six quotes.
    c.add(cell("2015-01", "credit_card", "gold", "new", false, 1.0, 1.2, 1.5, 1.6, 2.0, 2.5));
    // February: gold/new is suppressed (one seller) however many quotes it has.
    double[] five = new double[30];
    java.util.Arrays.fill(five, 5.0);
    c.add(cell("2015-02", "credit_card", "gold", "new", true, five));
    c.add(
        cell(
            "2015-02",
            "credit_card",
            "standard",
            "new",
            false,
            0.40,
            0.42,
            0.45,
            0.50,
            0.55,
            0.60));
    // Loans: four quotes in January, three in February: only the quarter reaches six.
    c.add(cell("2015-01", "loan", "unknown", "new", false, 0.10, 0.12, 0.15, 0.20));
    c.add(cell("2015-02", "loan", "unknown", "new", false, 0.11, 0.14, 0.30));
    // A card-credentials cell of the same key must never price customer records.
    Row cvv = cell("2015-03", "insurance", "unknown", "new", false, 50, 60, 70, 80, 90, 100);
    Object[] v = new Object[cvv.length()];
    for (int i = 0; i < v.length; i++) {
      v[i] = cvv.get(i);
    }
    v[1] = "card_credentials";
    c.add(RowFactory.create(v));
    return spark.createDataFrame(c, CELLS);
  }

  @BeforeAll
  void value() {
    // S1: 100 persons, its listing has no price; S2: 150 at its own price 0.6 (one shared with S4)
    persons("S1", "L-unpriced", "2015-01-05", "credit_card", "standard", 100, "a", true);
    persons("S2", "L-priced", "2015-01-20", "credit_card", "standard", 150, "b", true);
    persons("S7", null, "2015-01-25", "credit_card", "gold", 8, "g", true);
    persons("S3", null, "2015-02-03", "credit_card", "gold", 20, "c", true);
    persons("S4", null, "2015-02-10", "credit_card", "standard", 10, "d", true);
    persons("S4", null, "2015-02-10", "credit_card", "standard", 30, "fake", false);
    records.add( // b0 again, recycled: a repeat
        RowFactory.create(
            "S4-b0",
            "S4",
            null,
            "b0",
            Date.valueOf("2015-02-10"),
            "2015-02",
            "credit_card",
            "standard",
            "new",
            true,
            true,
            false));
    persons("S5", null, "2015-03-02", "loan", "unknown", 7, "e", true);
    persons("S6", null, "2015-03-09", "insurance", "unknown", 5, "f", true);
    Dataset<Row> offers =
        spark.createDataFrame(
            List.of(
                RowFactory.create("L-priced", 0, "standard", 0.6),
                RowFactory.create("L-other", 0, "standard", 9.0)),
            OFFERS);
    Dataset<Row> out =
        MarketValue.compute(
            spark, spark.createDataFrame(records, RECORDS).repartition(3), offers, cells(), SEED);
    value = new TreeMap<>();
    excluded = new TreeMap<>();
    for (Row r : out.collectAsList()) {
      switch (r.<String>getAs("breakdown")) {
        case "value" -> value.put(r.getAs("sample_id"), r);
        case "value_excluded" -> excluded.put(r.getAs("key"), r.getAs("records"));
        default -> total = r;
      }
    }
  }

  private double price(String sample) {
    return value.get(sample).<Double>getAs("median_cny");
  }

  /**
   * S1's exact cell has 3 quotes (median 99.36, a card-shop price): under 6, so it drops freshness
   * and pools January standard new + second-hand: 0.22 0.25 0.28 0.30 0.30 0.35 99.36 120 → median
   * (0.30 + 0.30)/2 = 0.30; 100 persons are worth 30 CNY, not 9,936.
   */
  @Test
  void theHijackedSmallCellNoLongerDominates() {
    Row s1 = value.get("S1");
    assertThat(s1.<String>getAs("rule")).isEqualTo("cell_any_freshness");
    assertThat(s1.<String>getAs("priced_from")).isEqualTo("2015-01|credit_card|standard|*");
    assertThat(s1.<Long>getAs("n_quotes")).isEqualTo(8);
    assertThat(price("S1")).isCloseTo(0.30, within(1e-12));
    assertThat(s1.<Double>getAs("value_cny")).isCloseTo(30.0, within(1e-9));
    assertThat(s1.<Double>getAs("value_cny") / total.<Double>getAs("value_cny")).isLessThan(0.25);
  }

  /**
   * S3 (February gold/new): the exact cell is suppressed, gold has no other cell, so the ladder
   * reaches February's credit-card cells without the suppressed one: standard/new's six quotes,
   * median (0.45 + 0.50)/2 = 0.475, never 5.0.
   */
  @Test
  void suppressedCellsAreNeverUsed() {
    Row s3 = value.get("S3");
    assertThat(s3.<String>getAs("rule")).isEqualTo("cell_any_tier");
    assertThat(s3.<String>getAs("priced_from")).isEqualTo("2015-02|credit_card|*|*");
    assertThat(price("S3")).isCloseTo(0.475, within(1e-12));
    assertThat(s3.getList(s3.fieldIndex("quotes_cny"))).doesNotContain(5.0);
  }

  /** S4's 30 fabricated records and the repeat of b0 (first seen in S2) are left out, counted. */
  @Test
  void fabricatedRecordsAndRepeatsAreNotValued() {
    assertThat(value.get("S4").<Long>getAs("records")).isEqualTo(10);
    assertThat(excluded)
        .containsEntry("fabricated|2015-02", 30L)
        .containsEntry("repeat|2015-02", 1L);
    assertThat(value.get("S2").<Long>getAs("records")).isEqualTo(150);
  }

  /**
   * Rule by rule, persons: own price S2 (150, at 0.6); cell S7 (8: gold/new's six quotes, median
   * (1.5 + 1.6)/2 = 1.55) and S4 (10: February standard/new, median 0.475); without freshness S1
   * (100); without tier S3 (20); quarter S5 (7 loans: 4 + 3 quotes, median of 0.10 0.11 0.12 0.14
   * 0.15 0.20 0.30 = 0.14); unpriced S6 (5 insurance records: the only insurance cell sells card
   * credentials, not customer records).
   */
  @Test
  void theLadderRuleCounts() {
    Map<String, Long> byRule = new TreeMap<>();
    value.values().forEach(r -> byRule.merge(r.getAs("rule"), r.<Long>getAs("records"), Long::sum));
    assertThat(byRule)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "own_price", 150L,
                "cell", 18L,
                "cell_any_freshness", 100L,
                "cell_any_tier", 20L,
                "quarter", 7L,
                "unpriced", 5L));
    assertThat(price("S2")).isEqualTo(0.6);
    assertThat(price("S7")).isCloseTo(1.55, within(1e-12));
    assertThat(price("S4")).isCloseTo(0.475, within(1e-12));
    assertThat(price("S5")).isCloseTo(0.14, within(1e-12));
    assertThat(value.get("S5").<String>getAs("priced_from")).isEqualTo("2015-Q1|loan|*|*");
    assertThat(value.get("S6").<Double>getAs("value_cny")).isNull();
    assertThat(total.<Long>getAs("records")).isEqualTo(150 + 18 + 100 + 20 + 7);
  }

  /**
   * The total is the sum of the groups, and its interval is the joint simulation's, recomputed here
   * from the groups' own rows: inside the sum of the groups' bounds, never equal to it.
   */
  @Test
  void theTotalsIntervalIsTheJointSimulation() {
    List<ValueSimulation.Group> groups = new ArrayList<>();
    double sum = 0;
    double sumLow = 0;
    double sumHigh = 0;
    Map<String, Double> byCell = new HashMap<>();
    for (Row r : value.values()) {
      Double v = r.getAs("value_cny");
      if (v == null) {
        continue;
      }
      sum += v;
      sumLow += r.<Double>getAs("value_ci_low");
      sumHigh += r.<Double>getAs("value_ci_high");
      String key = r.getAs("key");
      long n = r.getAs("records");
      if ("own_price".equals(r.getAs("rule"))) {
        groups.add(new ValueSimulation.Group(key, n, r.getAs("median_cny"), null, null));
      } else {
        List<Double> q = r.getList(r.fieldIndex("quotes_cny"));
        groups.add(
            new ValueSimulation.Group(
                key,
                n,
                null,
                r.getAs("priced_from"),
                q.stream().mapToDouble(Double::doubleValue).toArray()));
        byCell.put(r.getAs("priced_from"), v);
      }
    }
    ValueSimulation.Interval t = ValueSimulation.run(groups, SEED).total();
    assertThat(total.<Double>getAs("value_cny")).isCloseTo(sum, within(1e-9));
    assertThat(total.<Double>getAs("value_ci_low")).isEqualTo(t.low());
    assertThat(total.<Double>getAs("value_ci_high")).isEqualTo(t.high());
    assertThat(t.low()).isGreaterThan(sumLow);
    assertThat(t.high()).isLessThan(sumHigh);
    // S7 and S4 share no cell; S4 and S3 are priced from different February cells
    assertThat(byCell).hasSize(5);
  }

  /** Without quotes_cny (the table as it was), quotes come from the unique offers of silver. */
  @Test
  void aCellTableWithoutQuotesFallsBackToTheOffers() {
    Dataset<Row> oldCells =
        cells().drop("quotes_cny", "n_quotes", "product").filter("category = 'credit_card'");
    StructType offerSchema =
        new StructType()
            .add("listing_id", DataTypes.StringType)
            .add("offer_index", DataTypes.IntegerType)
            .add("period", DataTypes.StringType)
            .add("category", DataTypes.StringType)
            .add("tier", DataTypes.StringType)
            .add("freshness", DataTypes.StringType)
            .add("first_post", DataTypes.BooleanType)
            .add("price_per_record_cny", DataTypes.DoubleType);
    List<Row> offers = new ArrayList<>();
    double[] q = {1.0, 1.2, 1.5, 1.6, 2.0, 2.5};
    for (int i = 0; i < q.length; i++) {
      offers.add(
          RowFactory.create("x" + i, 0, "2015-01", "credit_card", "gold", "new", true, q[i]));
    }
    offers.add(RowFactory.create("rep", 0, "2015-01", "credit_card", "gold", "new", false, 90.0));
    Dataset<Row> out =
        MarketValue.compute(
            spark,
            spark.createDataFrame(records, RECORDS).filter("sample_id = 'S7'"),
            spark.createDataFrame(offers, offerSchema),
            oldCells,
            SEED);
    Row s7 = out.filter("breakdown = 'value'").head();
    assertThat(s7.<String>getAs("rule")).isEqualTo("cell");
    assertThat(s7.<Double>getAs("median_cny")).isCloseTo(1.55, within(1e-12));
    assertThat(s7.getList(s7.fieldIndex("quotes_cny"))).doesNotContain(90.0); // a repost
  }
}
