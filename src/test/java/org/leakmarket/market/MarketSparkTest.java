package org.leakmarket.market;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percentile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.leakmarket.market.MarketFixtures.*;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.leakmarket.config.ConfigResolver;
import org.leakmarket.config.LeakmarketConfig;
import org.leakmarket.stats.market.Hedonic;
import org.leakmarket.stats.market.Jevons;
import org.leakmarket.stats.market.QuoteWeight;
import org.leakmarket.testing.SparkTestBase;

/**
 * The market transformations on one local session: the hand example of {@code
 * stats/market/hand_example.py} through Spark, agreement with Spark's own exact {@code percentile},
 * determinism across shuffle partitions and input partitioning, reposts, copy groups, volume and
 * period labels.
 */
class MarketSparkTest extends SparkTestBase {
  static final double EPS = 1e-9;

  @Test
  void cellsOfTheHandExample() {
    Dataset<Row> offers = df(spark, handExample());
    List<Row> cells =
        MarketCells.compute(offers, MarketCells.Options.of(List.of())).collectAsList();
    assertThat(cells).hasSize(12);
    Row c =
        cells.stream()
            .filter(
                r ->
                    r.getString(0).equals("2015-01")
                        && r.<String>getAs("tier").equals("standard")
                        && r.<String>getAs("freshness").equals("new"))
            .findFirst()
            .get();
    assertThat(c.<String>getAs("cell_key"))
        .isEqualTo(
            "period=2015-01|product=personal_records|category=credit_card|tier=standard"
                + "|freshness=new");
    assertThat(c.<String>getAs("weight")).isEqualTo("seller");
    assertThat(c.<Long>getAs("n_quotes")).isEqualTo(5L);
    assertThat(c.<Long>getAs("n_offers")).isEqualTo(5L);
    assertThat(c.<Long>getAs("n_sellers")).isEqualTo(5L);
    assertThat(c.<Double>getAs("min_cny")).isEqualTo(0.02);
    assertThat(c.<Double>getAs("p10_cny")).isCloseTo(0.152, within(EPS));
    assertThat(c.<Double>getAs("p25_cny")).isCloseTo(0.35, within(EPS));
    assertThat(c.<Double>getAs("median_cny")).isCloseTo(0.45, within(EPS));
    assertThat(c.<Double>getAs("p75_cny")).isCloseTo(0.5, within(EPS));
    assertThat(c.<Double>getAs("p90_cny")).isCloseTo(0.92, within(EPS));
    assertThat(c.<Double>getAs("max_cny")).isEqualTo(1.2);
    assertThat(c.<Double>getAs("mean_cny")).isCloseTo(0.504, within(EPS));
    assertThat(c.<Double>getAs("geomean_cny")).isCloseTo(0.2852938178386769, within(EPS));
    // five quotes: no 95% interval exists, the range is given with its coverage 1 - 2/2^5
    assertThat(c.<String>getAs("ci_method")).isEqualTo("range");
    assertThat(c.<Double>getAs("median_ci_low")).isEqualTo(0.02);
    assertThat(c.<Double>getAs("median_ci_high")).isEqualTo(1.2);
    assertThat(c.<Double>getAs("median_ci_level")).isCloseTo(15.0 / 16, within(EPS));
    assertThat(c.getList(c.fieldIndex("quotes_cny"))).containsExactly(0.02, 0.35, 0.45, 0.5, 1.2);
    assertThat(c.<Boolean>getAs("suppressed")).isFalse();
    assertThat(cells.stream().filter(r -> r.<Boolean>getAs("suppressed")).count()).isEqualTo(11);
    assertThat(MarketCells.compute(offers, MarketCells.Options.of(List.of())).schema())
        .isEqualTo(MarketCells.SCHEMA);
  }

  @Test
  void analysisOfTheHandExample() {
    LeakmarketConfig cfg =
        ConfigResolver.resolve(
            Map.of(
                "extra_dimensions",
                List.of("region"),
                "bootstrap_replicates",
                200,
                "suppression_k",
                2),
            null);
    MarketAnalysis.Result res =
        MarketAnalysis.run(OfferDedup.assign(df(spark, handExample())), cfg);
    assertThat(res.cells().count()).isEqualTo(24);
    List<Row> cells =
        res.cells()
            .filter(col("dimensions").equalTo(""))
            .orderBy("period", "product", "category", "tier", "freshness")
            .collectAsList();
    assertThat(cells).hasSize(12);
    Row c = cells.get(3); // 2015-01 credit_card standard new
    assertThat(c.<String>getAs("period")).isEqualTo("2015-01");
    assertThat(c.<String>getAs("tier")).isEqualTo("standard");
    assertThat(c.<String>getAs("freshness")).isEqualTo("new");
    assertThat(c.<Long>getAs("n_quotes")).isEqualTo(5L);
    assertThat(c.<Boolean>getAs("suppressed")).isFalse();
    assertThat(c.<Double>getAs("median_cny")).isCloseTo(0.45, within(EPS));
    assertThat(c.<Double>getAs("p25_cny")).isCloseTo(0.35, within(EPS));
    assertThat(cells.get(0).<Boolean>getAs("suppressed")).isTrue(); // 2015-01 gold aged: one offer
    // the published rules break the hand example's chain twice (one matched cell each time)
    List<Row> jevons =
        res.priceIndex()
            .filter(col("method").equalTo(PriceIndex.JEVONS))
            .orderBy("period")
            .collectAsList();
    assertThat(jevons)
        .extracting(r -> r.<String>getAs("note"))
        .containsExactly("base", "chain_break", "chain_break");
    assertThat(jevons).extracting(r -> r.<Double>getAs("index")).containsOnly(100.0);
    List<Row> hedonic =
        res.priceIndex()
            .filter(col("method").equalTo(PriceIndex.HEDONIC))
            .orderBy("period")
            .collectAsList();
    assertThat(hedonic).hasSize(3);
    // product, category, language, lot size and region have one level each here: only tier and
    // freshness enter, as in hand_example.py, with unit weights (one offer per seller and cell)
    assertThat(hedonic.get(2).<Double>getAs("index")).isCloseTo(160.57939825801853, within(EPS));
    assertThat(hedonic.get(2).<Long>getAs("fit_n")).isEqualTo(21L);
    assertThat(hedonic.get(2).<Long>getAs("fit_sellers")).isEqualTo(21L);
    assertThat(hedonic.get(2).<String>getAs("ci_method")).isEqualTo(PriceIndex.CI_CR1);
  }

  /** Our percentiles are bit-identical to Spark's exact built-in {@code percentile}. */
  @Test
  void percentilesEqualSparksExactPercentile() {
    Dataset<Row> offers = df(spark, randomMarket(600, 3));
    // one vote per offer and no copies: the quotes are the offers, as Spark's percentile sees them
    MarketCells.Options byOffer = new MarketCells.Options(List.of(), QuoteWeight.OFFER, 0.05, 5, 2);
    List<Row> ours = MarketCells.compute(offers, byOffer).collectAsList();
    List<Row> spark =
        offers
            .groupBy("period", "product", "category", "tier", "freshness")
            .agg(
                percentile(col("price_per_record_cny"), lit(0.1)).as("p10"),
                percentile(col("price_per_record_cny"), lit(0.25)).as("p25"),
                percentile(col("price_per_record_cny"), lit(0.5)).as("p50"),
                percentile(col("price_per_record_cny"), lit(0.75)).as("p75"),
                percentile(col("price_per_record_cny"), lit(0.9)).as("p90"))
            .orderBy("period", "product", "category", "tier", "freshness")
            .collectAsList();
    assertThat(ours).hasSameSizeAs(spark);
    for (int i = 0; i < ours.size(); i++) {
      Row a = ours.get(i);
      Row b = spark.get(i);
      assertThat(List.of(a.get(0), a.get(1), a.get(2), a.get(3), a.get(4)))
          .isEqualTo(List.of(b.get(0), b.get(1), b.get(2), b.get(3), b.get(4)));
      assertThat(a.<Double>getAs("p10_cny")).isEqualTo(b.getDouble(5));
      assertThat(a.<Double>getAs("p25_cny")).isEqualTo(b.getDouble(6));
      assertThat(a.<Double>getAs("median_cny")).isEqualTo(b.getDouble(7));
      assertThat(a.<Double>getAs("p75_cny")).isEqualTo(b.getDouble(8));
      assertThat(a.<Double>getAs("p90_cny")).isEqualTo(b.getDouble(9));
    }
  }

  @Test
  void priceIndicesOfTheHandExample() {
    Dataset<Row> offers = df(spark, handExample());
    // the script's chain matches every common cell (rules 1 seller, 1 cell)
    PriceIndex.Options loose =
        new PriceIndex.Options(
            QuoteWeight.SELLER,
            100,
            3L,
            new Jevons.Rules(1, 1, 0.05),
            List.of("tier", "freshness"));
    List<Row> j = PriceIndex.jevons(offers, loose).collectAsList();
    assertThat(j).extracting(r -> r.getString(0)).containsExactly("2015-01", "2015-02", "2015-03");
    assertThat(j.get(0).<Double>getAs("index")).isEqualTo(100.0);
    assertThat(j.get(1).<Double>getAs("index")).isCloseTo(114.02789331787014, within(EPS));
    assertThat(j.get(2).<Double>getAs("index")).isCloseTo(134.63634527201188, within(EPS));
    assertThat(j.get(2).<Double>getAs("link")).isCloseTo(1.1807316732292208, within(EPS));
    assertThat(j.get(2).<Integer>getAs("n_cells")).isEqualTo(4);
    assertThat(j.get(2).getList(j.get(2).fieldIndex("cells")))
        .containsExactly(
            "personal_records|credit_card|gold|aged|-",
            "personal_records|credit_card|gold|new|-",
            "personal_records|credit_card|standard|aged|-",
            "personal_records|credit_card|standard|new|-");
    // cells of one seller have no between-seller variation: every replicate is the estimate
    assertThat(j.get(2).<Double>getAs("ci_low")).isLessThanOrEqualTo(134.63634527201188);
    assertThat(j.get(2).<Double>getAs("ci_high")).isGreaterThanOrEqualTo(134.63634527201188);

    List<Row> h = PriceIndex.hedonic(offers, loose).collectAsList();
    assertThat(h.get(0).<Double>getAs("index")).isEqualTo(100.0);
    assertThat(h.get(1).<Double>getAs("index")).isCloseTo(128.14130265112993, within(EPS));
    assertThat(h.get(2).<Double>getAs("index")).isCloseTo(160.57939825801853, within(EPS));
    assertThat(h.get(2).<Long>getAs("n_obs")).isEqualTo(6L);
    assertThat(PriceIndex.compute(offers, loose).count()).isEqualTo(6);
  }

  /**
   * The Spark hedonic (pattern groups, then seller scores summed as exact decimals) equals the
   * in-memory fit of the same observations, standard errors included, with seller weights,
   * balances, products and languages in play.
   */
  @Test
  void sparkHedonicEqualsTheInMemoryFit() {
    Dataset<Row> in = QuoteInputs.of(df(spark, randomMarket(1500, 6)));
    PriceIndex.Options o = PriceIndex.Options.of(50, 7L);
    List<Row> rows = PriceIndex.hedonic(in, o).orderBy("period").collectAsList();
    List<Hedonic.Obs> obs = new ArrayList<>();
    for (Row r :
        PriceIndex.observations(
                in.where(col("price_per_record_cny").gt(0)), o.controls(), o.weight())
            .collectAsList()) {
      boolean hb = r.<Boolean>getAs("has_balance");
      obs.add(
          new Hedonic.Obs(
              r.getAs("seller_id"),
              r.getAs("period"),
              r.getList(r.fieldIndex("levels")),
              r.getAs("w"),
              r.getAs("y"),
              hb ? r.<Double>getAs("b") : null));
    }
    Hedonic.Result mem = Hedonic.fit(obs, o.controls(), 0.05);
    assertThat(mem.names()).contains("product=personal_records", "language=zh", "ln_balance");
    assertThat(rows).hasSize(6);
    for (int t = 0; t < rows.size(); t++) {
      Hedonic.Point p = mem.points().get(t);
      Row r = rows.get(t);
      assertThat(r.<Double>getAs("index")).isCloseTo(p.index(), within(1e-9));
      if (t > 0) {
        assertThat(r.<Double>getAs("se")).isCloseTo(p.se(), within(1e-9));
        assertThat(r.<Double>getAs("ci_low")).isCloseTo(p.ciLow(), within(1e-9));
      }
      assertThat(r.<Long>getAs("fit_sellers")).isEqualTo(40L);
      assertThat(r.<Double>getAs("r2")).isCloseTo(mem.r2(), within(1e-12));
    }
  }

  /**
   * Same tables whatever the shuffle partitions and the input partitioning: 1, 2, 7 and 8
   * partitions, Jevons bootstrap interval included.
   */
  @Test
  void cellsAndIndicesDoNotDependOnPartitioning() {
    Dataset<Row> base = df(spark, randomMarket(1500, 6));
    String saved = spark.conf().get("spark.sql.shuffle.partitions");
    List<List<Row>> cells = new ArrayList<>();
    List<List<Row>> index = new ArrayList<>();
    try {
      int[][] settings = {{1, 1}, {2, 3}, {7, 5}, {8, 8}};
      for (int[] s : settings) {
        spark.conf().set("spark.sql.shuffle.partitions", String.valueOf(s[0]));
        Dataset<Row> in = base.repartition(s[1], col("listing_id"));
        cells.add(randomMarketCells(in).collectAsList());
        index.add(randomMarketIndex(in).collectAsList());
      }
    } finally {
      spark.conf().set("spark.sql.shuffle.partitions", saved);
    }
    assertThat(cells.get(0)).isNotEmpty();
    assertThat(index.get(0)).hasSize(12);
    assertThat(index.get(0).stream().filter(r -> r.getAs("ci_low") != null).count())
        .as("Jevons and hedonic intervals present")
        .isGreaterThanOrEqualTo(5);
    for (int i = 1; i < cells.size(); i++) {
      assertThat(cells.get(i)).isEqualTo(cells.get(0));
      assertThat(index.get(i)).isEqualTo(index.get(0));
    }
    // local[1] against local[2]: MarketLocalOneCoreTest, row by row
  }

  /**
   * A cell of five sellers at 0.30 0.32 0.35 0.40 0.45 and one seller posting ten different adverts
   * at 2.00: the median is 0.375 under seller weighting (six quotes) and 2.00 under offer weighting
   * (fifteen quotes), by hand as in {@code IndependentQuotesTest}, here through Spark.
   */
  @Test
  void oneSellerWithTenQuotesMovesTheMedianOnlyUnderOfferWeight() {
    List<O> in = new ArrayList<>();
    double[] others = {0.30, 0.32, 0.35, 0.40, 0.45};
    for (int i = 0; i < others.length; i++) {
      O o = new O("W" + i, others[i]);
      o.seller = "seller-" + i;
      o.text = "ad " + i;
      in.add(o);
    }
    for (int i = 0; i < 10; i++) {
      O o = new O("F" + i, 2.00);
      o.seller = "flooder";
      o.text = "flood variant " + i;
      in.add(o);
    }
    Dataset<Row> offers = OfferDedup.collapse(df(spark, in));
    Row bySeller =
        MarketCells.compute(offers, MarketCells.Options.of(List.of())).collectAsList().get(0);
    Row byOffer =
        MarketCells.compute(
                offers, new MarketCells.Options(List.of(), QuoteWeight.OFFER, 0.05, 5, 2))
            .collectAsList()
            .get(0);
    assertThat(bySeller.<Double>getAs("median_cny")).isCloseTo(0.375, within(EPS));
    assertThat(bySeller.<Long>getAs("n_quotes")).isEqualTo(6L);
    assertThat(bySeller.<String>getAs("ci_method")).isEqualTo("order_statistic");
    assertThat(bySeller.<Double>getAs("median_ci_high")).isEqualTo(2.0);
    assertThat(byOffer.<Double>getAs("median_cny")).isEqualTo(2.0);
    assertThat(byOffer.<Long>getAs("n_quotes")).isEqualTo(15L);
    assertThat(byOffer.<String>getAs("weight")).isEqualTo("offer");
    assertThat(bySeller.<Long>getAs("n_offers")).isEqualTo(15L);
    assertThat(byOffer.<Long>getAs("n_sellers")).isEqualTo(6L);
  }

  /**
   * Copies across sellers at one price count once: one advert copied word for word by three sellers
   * at 0.5 (one quote), a fourth copy at 0.6 (its own quote), and five unrelated adverts; through
   * the whole market stage, copy groups included.
   */
  @Test
  void copiedAdvertsAtOnePriceCountOnceInTheCell() {
    String text = "出售 工农中建交 银行 信用卡 客户 资料 新料 每条 0.5元 量大 从优 可按地区 定制";
    List<O> in = new ArrayList<>();
    String[] copiers = {"s-A", "s-B", "s-C"};
    for (int i = 0; i < copiers.length; i++) {
      O o = new O("K" + i, 0.5);
      o.seller = copiers[i];
      o.text = text;
      in.add(o);
    }
    O dearer = new O("K3", 0.6);
    dearer.seller = "s-D";
    dearer.text = text.replace("0.5元", "0.6元");
    in.add(dearer);
    String[] unrelated = {
      "fresh fullz uk with dob and mmn, escrow ok",
      "江苏 车主 数据 最新 可验 量大优惠",
      "platinum dumps track 1 and 2, replacement within 24h",
      "股民 资料 证券 开户 信息 一手 货源",
      "bank logs with email access, pm for price list"
    };
    for (int i = 0; i < unrelated.length; i++) {
      O o = new O("U" + i, 0.3 + 0.05 * i);
      o.seller = "s-u" + i;
      o.text = unrelated[i];
      in.add(o);
    }
    LeakmarketConfig cfg = ConfigResolver.resolve(Map.of(), null);
    MarketAnalysis.Result res = MarketAnalysis.run(OfferDedup.assign(df(spark, in)), cfg);
    Row c = res.cells().collectAsList().get(0);
    assertThat(c.<Long>getAs("n_offers")).isEqualTo(9L);
    assertThat(c.<Long>getAs("n_sellers")).isEqualTo(9L);
    assertThat(c.<Long>getAs("n_quotes")).isEqualTo(7L);
    assertThat(c.getList(c.fieldIndex("quotes_cny")))
        .containsExactly(0.3, 0.35, 0.4, 0.45, 0.5, 0.5, 0.6);
    assertThat(res.copyGroups().collectAsList()).hasSize(1);
  }

  /** One seller posts the same advert to five groups on three days: one offer, 15 posts. */
  @Test
  void repostsCollapseToOneOffer() {
    List<O> in = new ArrayList<>();
    int n = 0;
    for (int day = 0; day < 3; day++) {
      for (int g = 1; g <= 5; g++) {
        for (int idx = 0; idx < 2; idx++) { // a menu advert: two price points per listing
          O o = new O(String.format("R%02d", n), idx == 0 ? 0.5 : 0.35);
          o.index = idx;
          o.posted = LocalDateTime.of(2015, 1, 10 + day, 9, g);
          o.channel = "group-" + g;
          o.seller = "seller-A";
          o.text = "工农中建交 信用卡 新料 0.5元 二手 0.35元";
          in.add(o);
        }
        n++;
      }
    }
    O late = new O("R90", 0.5); // same advert 45 days after the last post: a new offer
    late.posted = LocalDateTime.of(2015, 2, 26, 9, 0);
    late.seller = "seller-A";
    late.text = "工农中建交 信用卡 新料 0.5元 二手 0.35元";
    O anon = new O("R91", 0.5); // no seller key: never merged
    anon.text = late.text;
    anon.posted = late.posted;
    O anon2 = new O("R92", 0.5);
    anon2.text = late.text;
    anon2.posted = late.posted.plusHours(1);
    in.addAll(List.of(late, anon, anon2));

    Dataset<Row> assigned = OfferDedup.assign(df(spark, in));
    assertThat(assigned.columns()).endsWith("period", "dup_group", "first_post");
    assertThat(assigned.schema()).isEqualTo(OfferDedup.assignedSchema(OFFERS));
    List<Row> unique =
        OfferDedup.collapse(assigned).orderBy("listing_id", "offer_index").collectAsList();
    assertThat(unique).hasSize(5);
    Row first = unique.get(0);
    assertThat(first.<String>getAs("listing_id")).isEqualTo("R00");
    assertThat(first.<String>getAs("dup_group")).isEqualTo("R00");
    assertThat(first.<Integer>getAs("offer_index")).isEqualTo(0);
    assertThat(first.<Long>getAs("n_posts")).isEqualTo(15L);
    assertThat(first.<Timestamp>getAs("first_seen"))
        .isEqualTo(Timestamp.valueOf(LocalDateTime.of(2015, 1, 10, 9, 1)));
    assertThat(first.<Timestamp>getAs("last_seen"))
        .isEqualTo(Timestamp.valueOf(LocalDateTime.of(2015, 1, 12, 9, 5)));
    assertThat(first.getList(first.fieldIndex("channels")))
        .containsExactly("group-1", "group-2", "group-3", "group-4", "group-5");
    assertThat(unique.get(1).<Long>getAs("n_posts")).isEqualTo(15L);
    assertThat(unique.get(1).<Integer>getAs("offer_index")).isEqualTo(1);
    assertThat(unique.subList(2, 5))
        .extracting(r -> r.<String>getAs("dup_group"))
        .containsExactly("R90", "R91", "R92");
    assertThat(unique.subList(2, 5))
        .extracting(r -> r.<Long>getAs("n_posts"))
        .containsExactly(1L, 1L, 1L);
    assertThat(OfferDedup.collapse(df(spark, in)).schema())
        .isEqualTo(OfferDedup.collapsedSchema(OFFERS));

    List<Row> volume = MarketVolume.compute(assigned).collectAsList();
    assertThat(volume).hasSize(2);
    Row jan = volume.get(0);
    assertThat(jan.<String>getAs("period")).isEqualTo("2015-01");
    assertThat(jan.<Long>getAs("listings")).isEqualTo(15L);
    assertThat(jan.<Long>getAs("offers")).isEqualTo(30L);
    assertThat(jan.<Long>getAs("unique_offers")).isEqualTo(2L);
    assertThat(jan.<Long>getAs("sellers")).isEqualTo(1L);
    assertThat(jan.<Long>getAs("advertised_quantity")).isEqualTo(200L);
    assertThat(jan.<Long>getAs("advertised_quantity_all_posts")).isEqualTo(3000L);
    Row feb = volume.get(1);
    assertThat(feb.<Long>getAs("listings")).isEqualTo(3L);
    assertThat(feb.<Long>getAs("unique_offers")).isEqualTo(3L);
    assertThat(feb.<Long>getAs("sellers")).isEqualTo(1L);
  }

  @Test
  void copiedAdvertsAcrossSellersAreGroupedNotMerged() {
    String text = "出售 工农中建交 银行 信用卡 客户 资料 新料 每条 0.5元 量大 从优 可按地区 定制";
    List<O> in = new ArrayList<>();
    O a = new O("C1", 0.5);
    a.seller = "s-A";
    a.text = text;
    O b = new O("C2", 0.5);
    b.seller = "s-B";
    b.text = text.replace("量大 从优", "量大从优");
    O c = new O("C3", 0.5);
    c.seller = "s-C";
    c.text = text + " 联系 qq";
    O sameSeller = new O("C4", 0.5); // A's own near-copy: a repost variant, not a cross-seller copy
    sameSeller.seller = "s-A";
    sameSeller.text = text + "!";
    sameSeller.posted = a.posted.plusDays(1);
    O other = new O("C5", 2.0);
    other.seller = "s-D";
    other.text = "platinum cards high limit fresh dumps escrow accepted";
    O tiny = new O("C6", 2.0);
    tiny.seller = "s-E";
    tiny.text = "ab";
    in.addAll(List.of(a, b, c, sameSeller, other, tiny));
    Dataset<Row> pairs = CopyGroups.pairs(df(spark, in), CopyGroups.DEFAULT_MAX_DISTANCE, 2015L);
    List<Row> p = pairs.collectAsList();
    // verified edges, not all pairs: the stars C2-C1, C3-C1 and C4-C2 (C4 shares C1's seller)
    // at least, any other listed edge among the true cross-seller pairs; never C1-C4 (same
    // seller), never the unrelated C5 or the too-short C6
    List<String> names = p.stream().map(r -> r.getString(0) + "-" + r.getString(2)).toList();
    assertThat(names)
        .contains("C1-C2", "C1-C3", "C2-C4")
        .isSubsetOf("C1-C2", "C1-C3", "C2-C3", "C2-C4", "C3-C4")
        .doesNotHaveDuplicates();
    Map<String, String> texts =
        Map.of("C1", a.text, "C2", b.text, "C3", c.text, "C4", sameSeller.text);
    for (Row r : p) {
      double expected = jaccardDistance(texts.get(r.getString(0)), texts.get(r.getString(2)));
      assertThat(r.getDouble(4))
          .isCloseTo(expected, within(EPS))
          .isBetween(0.0, CopyGroups.DEFAULT_MAX_DISTANCE);
    }
    assertThat(pairs.schema().fieldNames()).containsExactly(CopyGroups.PAIRS_SCHEMA.fieldNames());
    for (int i = 0; i < CopyGroups.PAIRS_SCHEMA.size(); i++) {
      assertThat(pairs.schema().fields()[i].dataType())
          .isEqualTo(CopyGroups.PAIRS_SCHEMA.fields()[i].dataType());
    }
    // same result whatever the input partitioning
    assertThat(
            CopyGroups.pairs(df(spark, in).repartition(5), CopyGroups.DEFAULT_MAX_DISTANCE, 2015L)
                .collectAsList())
        .isEqualTo(p);
    List<Row> groups = CopyGroups.groups(pairs).collectAsList();
    assertThat(groups).hasSize(1);
    Row g = groups.get(0);
    assertThat(g.<String>getAs("copy_group")).isEqualTo("C1");
    assertThat(g.getList(g.fieldIndex("listing_ids"))).containsExactly("C1", "C2", "C3", "C4");
    assertThat(g.<Integer>getAs("n_sellers")).isEqualTo(3);
  }

  @Test
  void identicalAdvertsOfManySellersGiveAStarNotAllPairs() {
    int n = 40;
    String text = "fresh fullz with ssn and dob, bulk discount, escrow ok, contact on jabber";
    List<O> in = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      O o = new O(String.format("S%02d", i), 1.0);
      o.seller = i < 2 ? "s-same" : "s" + i; // S00 and S01 are one seller's two listings
      o.text = text;
      if (i == 1) {
        o.posted = o.posted.plusDays(400); // a new chain of the same seller, not a repost
      }
      in.add(o);
    }
    O same = new O("T1", 1.0); // a seller reposting its own variant only: not a copy
    same.seller = "s-solo";
    same.text = "solo seller text that nobody else posts, variant one";
    O same2 = new O("T2", 1.0);
    same2.seller = "s-solo";
    same2.text = "solo seller text that nobody else posts, variant one!";
    same2.posted = same.posted.plusDays(40);
    in.add(same);
    in.add(same2);
    List<Row> p =
        CopyGroups.pairs(df(spark, in), CopyGroups.DEFAULT_MAX_DISTANCE, 7L).collectAsList();
    // every listing of another seller links to S00; S01 (S00's seller) links to S02 instead:
    // n - 1 edges where all pairs would be (n(n-1)/2 - 1) = 779
    assertThat(p).hasSize(n - 1);
    assertThat(p).allSatisfy(r -> assertThat(r.getDouble(4)).isEqualTo(0.0));
    assertThat(p)
        .extracting(r -> r.getString(0) + "-" + r.getString(2))
        .contains("S00-S02", "S01-S02", "S00-S39")
        .doesNotContain("S00-S01");
    List<Row> groups =
        CopyGroups.groups(CopyGroups.pairs(df(spark, in), CopyGroups.DEFAULT_MAX_DISTANCE, 7L))
            .collectAsList();
    assertThat(groups).hasSize(1);
    assertThat(groups.get(0).<Integer>getAs("n_listings")).isEqualTo(n);
    assertThat(groups.get(0).<Integer>getAs("n_sellers")).isEqualTo(n - 1);
  }

  /** Jaccard distance of the character-3-gram sets, computed on the driver. */
  static double jaccardDistance(String x, String y) {
    java.util.Set<String> a = new java.util.HashSet<>();
    java.util.Set<String> b = new java.util.HashSet<>();
    for (int i = 0; i + 3 <= x.length(); i++) {
      a.add(x.substring(i, i + 3));
    }
    for (int i = 0; i + 3 <= y.length(); i++) {
      b.add(y.substring(i, i + 3));
    }
    java.util.Set<String> inter = new java.util.HashSet<>(a);
    inter.retainAll(b);
    java.util.Set<String> union = new java.util.HashSet<>(a);
    union.addAll(b);
    return 1.0 - (double) inter.size() / union.size();
  }

  @Test
  void periodColumnMatchesTheDriverLabel() {
    List<O> in = new ArrayList<>();
    LocalDate[] dates = {
      LocalDate.of(2015, 1, 1),
      LocalDate.of(2015, 3, 31),
      LocalDate.of(2015, 4, 1),
      LocalDate.of(2016, 12, 31)
    };
    for (LocalDate d : dates) {
      O o = new O("P" + d, 1);
      o.posted = d.atTime(23, 59);
      in.add(o);
    }
    Dataset<Row> ds = df(spark, in);
    for (String unit : Periods.UNITS) {
      List<String> spark =
          ds.select(Periods.column(col("posted_date"), unit))
              .orderBy(col("posted_date"))
              .as(org.apache.spark.sql.Encoders.STRING())
              .collectAsList();
      List<String> driver = Arrays.stream(dates).map(d -> Periods.label(d, unit)).toList();
      assertThat(spark).isEqualTo(driver);
    }
    assertThat(Periods.label(LocalDate.of(2015, 8, 3), "quarter")).isEqualTo("2015-Q3");
    assertThat(Periods.label(LocalDate.of(2015, 8, 3), "YEAR")).isEqualTo("2015");
  }
}
