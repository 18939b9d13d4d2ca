package org.leakmarket.publish;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.leakmarket.config.Defaults;
import org.leakmarket.privacy.SmallCells;
import org.leakmarket.publish.PublicationModel.CaptureHistory;
import org.leakmarket.publish.PublicationModel.DataAndMethods;
import org.leakmarket.publish.PublicationModel.Exposure;
import org.leakmarket.publish.PublicationModel.HedonicPoint;
import org.leakmarket.publish.PublicationModel.IndexPoint;
import org.leakmarket.publish.PublicationModel.IssuerCount;
import org.leakmarket.publish.PublicationModel.Listings;
import org.leakmarket.publish.PublicationModel.LogLinearModel;
import org.leakmarket.publish.PublicationModel.Market;
import org.leakmarket.publish.PublicationModel.MarketCell;
import org.leakmarket.publish.PublicationModel.Population;
import org.leakmarket.publish.PublicationModel.RegionCount;
import org.leakmarket.publish.PublicationModel.Revision;
import org.leakmarket.publish.PublicationModel.SampleCheck;
import org.leakmarket.publish.PublicationModel.SampleCounts;
import org.leakmarket.publish.PublicationModel.Source;
import org.leakmarket.publish.PublicationModel.TierCount;
import org.leakmarket.publish.PublicationModel.ValueAtMarket;
import org.leakmarket.publish.PublicationModel.ValueCell;
import org.leakmarket.publish.PublicationModel.Volume;

/**
 * A hand-built, realistic raw model of three monthly periods in 2015 with the seed article's prices
 * (0.50 CNY fresh, 0.35 second-hand, up to 5 CNY platinum, 0.02 bulk) for customer records, card
 * credentials at about 95 CNY in the last two months, and small cells planted on purpose: a premium
 * market cell of 3 offers (median 7.31), issuer BOJS with 3 persons, tier premium with 4 persons,
 * region 65 with 3 persons, a sample of 4 records, a capture history of 2 persons. Each cell's
 * median interval is the order-statistic one of its quote count (levels from the binomial formula,
 * e.g. 46 quotes: ranks 16 and 31, 97.4%) or the range below 6 quotes.
 */
final class PublicationFixtures {
  /**
   * Numbers of the planted 3-offer cell: none of them may appear in any output. 479.73 is the value
   * of the pricing rule "cell", which holds the premium group: printed, it would give that group's
   * 21.93 away by subtracting the gold group's 457.8.
   */
  static final List<String> SMALL_CELL_VALUES =
      List.of("7.31", "6.93", "7.77", "6.55", "8.12", "21.93", "19.65", "24.36", "479.73");

  static final String PERSONAL = "personal_records";
  static final String CARDS = "card_credentials";

  private PublicationFixtures() {}

  static MarketCell cell(
      String period,
      String category,
      String tier,
      String fresh,
      long offers,
      long sellers,
      double median,
      double p25,
      double p75,
      double lo,
      double hi) {
    return cell(
        PERSONAL, period, category, tier, fresh, offers, offers, sellers, median, p25, p75, lo, hi);
  }

  /**
   * A cell whose interval is the order-statistic one at {@code quotes} (level from the binomial
   * formula) or, below 6 quotes, the range; min and max lie 10% beyond the interval.
   */
  static MarketCell cell(
      String product,
      String period,
      String category,
      String tier,
      String fresh,
      long quotes,
      long offers,
      long sellers,
      double median,
      double p25,
      double p75,
      double lo,
      double hi) {
    boolean range = quotes < 6;
    double level =
        range
            ? org.leakmarket.stats.market.MedianInterval.coverage((int) quotes, 1)
            : org.leakmarket.stats.market.MedianInterval.coverage(
                (int) quotes, org.leakmarket.stats.market.MedianInterval.rank((int) quotes, 0.05));
    return new MarketCell(
        period,
        product,
        category,
        tier,
        fresh,
        quotes,
        offers,
        sellers,
        median,
        p25,
        p75,
        range ? lo : r(lo * 0.9),
        range ? hi : r(hi * 1.1),
        lo,
        hi,
        level,
        range ? "range" : "order_statistic",
        // as gold/market_cells decides it, at the default thresholds
        SmallCells.marketCellHidden(
            quotes, sellers, Defaults.SUPPRESSION_K, Defaults.SUPPRESSION_MIN_SELLERS));
  }

  /** The model with another market and other changes since the previous period. */
  static PublicationModel with(
      PublicationModel m, Market market, List<PublicationModel.Change> changes) {
    return new PublicationModel(
        m.label(),
        m.generatedAt(),
        m.listings(),
        m.samples(),
        market,
        m.exposure(),
        m.population(),
        m.rejectionsByReason(),
        m.valueAtMarketPrices(),
        m.volume(),
        changes,
        m.revisions(),
        m.dataAndMethods(),
        m.footnotes());
  }

  static PublicationModel model(List<Revision> revisions) {
    List<MarketCell> cells = new ArrayList<>();
    String[] periods = {"2015-01", "2015-02", "2015-03"};
    double[] drift = {1.0, 1.04, 1.09};
    for (int i = 0; i < periods.length; i++) {
      String p = periods[i];
      double d = drift[i];
      cells.add(
          cell(
              p,
              "bank_account",
              "unknown",
              "new",
              24 + i,
              9,
              r(0.30 * d),
              r(0.25 * d),
              r(0.38 * d),
              r(0.27 * d),
              r(0.33 * d)));
      cells.add(
          cell(
              p,
              "credit_card",
              "gold",
              "new",
              18 + 2 * i,
              7,
              r(1.20 * d),
              r(1.00 * d),
              r(1.50 * d),
              r(1.05 * d),
              r(1.36 * d)));
      cells.add(
          cell(
              p,
              "credit_card",
              "gold",
              "second_hand",
              6,
              3,
              r(0.87 * d),
              r(0.80 * d),
              r(0.95 * d),
              r(0.78 * d),
              r(0.98 * d)));
      cells.add(
          cell(
              p,
              "credit_card",
              "platinum",
              "new",
              11 + i,
              5,
              r(4.80 * d),
              r(4.00 * d),
              r(5.00 * d),
              r(4.20 * d),
              r(5.00 * d)));
      cells.add(
          cell(
              PERSONAL,
              p,
              "credit_card",
              "standard",
              "new",
              40 + 3 * i,
              42 + 3 * i,
              15,
              r(0.50 * d),
              r(0.45 * d),
              r(0.58 * d),
              r(0.45 * d),
              r(0.55 * d)));
      cells.add(
          cell(
              p,
              "credit_card",
              "standard",
              "second_hand",
              31 + i,
              12,
              r(0.35 * d),
              r(0.30 * d),
              r(0.40 * d),
              r(0.32 * d),
              r(0.38 * d)));
      cells.add(
          cell(
              p,
              "credit_card",
              "unknown",
              "aged",
              15,
              6,
              r(0.021 * d),
              r(0.019 * d),
              r(0.025 * d),
              r(0.019 * d),
              r(0.024 * d)));
    }
    // Card credentials, a second product: 12 and 13 quotes.
    cells.add(
        cell(
            CARDS,
            "2015-02",
            "credit_card",
            "unknown",
            "unknown",
            12,
            14,
            9,
            93.0,
            80.0,
            110.0,
            78.0,
            115.0));
    cells.add(
        cell(
            CARDS,
            "2015-03",
            "credit_card",
            "unknown",
            "unknown",
            13,
            13,
            9,
            95.0,
            82.0,
            112.0,
            80.0,
            118.0));
    // The planted small cell: 3 offers by 2 sellers.
    cells.add(cell("2015-03", "credit_card", "premium", "new", 3, 2, 7.31, 6.93, 7.77, 6.55, 8.12));

    List<Volume> volume = new ArrayList<>();
    for (String p : periods) {
      long offers =
          cells.stream().filter(c -> c.period().equals(p)).mapToLong(MarketCell::nOffers).sum();
      volume.add(new Volume(p, offers, 31L, false));
    }
    List<IndexPoint> jevons =
        List.of(
            new IndexPoint("2015-01", 100.0, null, null, 0, 1, "base", false, null),
            new IndexPoint("2015-02", 103.8, 99.1, 108.6, 6, 1, "chained", false, null),
            new IndexPoint("2015-03", 109.4, 103.0, 115.9, 7, 1, "chained", false, null));
    List<HedonicPoint> hedonic =
        List.of(
            new HedonicPoint(
                "2015-01", 100.0, 100.0, 0.0, 100.0, 100.0, 412L, 58L, 0.87, false, null),
            new HedonicPoint(
                "2015-02", 104.2, 103.9, 0.071, 90.7, 119.7, 412L, 58L, 0.87, false, null),
            new HedonicPoint(
                "2015-03", 108.9, 108.5, 0.069, 95.1, 124.7, 412L, 58L, 0.87, false, null));

    Exposure exposure =
        new Exposure(
            1840L,
            1523L,
            1490L,
            List.of(
                new IssuerCount("ICBC", 412L, false),
                new IssuerCount("ABC", 301L, false),
                new IssuerCount("BOC", 250L, false),
                new IssuerCount("CCB", 233L, false),
                new IssuerCount("BOCOM", 198L, false),
                new IssuerCount("CMB", 87L, false),
                new IssuerCount("CITIC", 41L, false),
                new IssuerCount("BOJS", 3L, false)),
            List.of(
                new TierCount("standard", 900L, false),
                new TierCount("gold", 350L, false),
                new TierCount("platinum", 180L, false),
                new TierCount("premium", 4L, false),
                new TierCount("unknown", 89L, false)),
            List.of(
                new RegionCount("31", "Shanghai", 600L, false),
                new RegionCount("32", "Jiangsu", 512L, false),
                new RegionCount("34", "Anhui", 240L, false),
                new RegionCount("44", "Guangdong", 168L, false),
                new RegionCount("65", "Xinjiang", 3L, false)),
            0.184,
            List.of(
                new SampleCheck("S-2015-01-a", 200L, 0.985, 0.0, "new", "new", false),
                new SampleCheck("S-2015-01-b", 450L, 0.962, 0.04, "new", "new", false),
                new SampleCheck("S-2015-02-a", 380L, 0.971, 0.31, "second_hand", "new", false),
                new SampleCheck("S-2015-02-b", 306L, 0.55, 0.12, "new", "unknown", false),
                new SampleCheck(
                    "S-2015-03-a", 500L, 0.958, 0.45, "second_hand", "second_hand", false),
                new SampleCheck("S-2015-03-b", 4L, 1.0, 0.25, "second_hand", "new", false)));
    SampleCounts sampleCounts = new SampleCounts(6, 1840L, 17);

    // Profile limits, weights, the average and the heterogeneity rows are fixture values (the
    // weights follow from the BICs: exp(−ΔBIC/2) normalised).
    Population population =
        new Population(
            3,
            "sample",
            null,
            null,
            List.of(
                new LogLinearModel(
                    "[1,2,3]", 2710.4, 160.2, 2396.4, 3024.4, 61.2, 63.9, true, 2412.0, 3049.9,
                    1.04e-5),
                new LogLinearModel(
                    "[12,3]", 2931.7, 214.9, 2510.5, 3352.9, 38.5, 41.7, true, 2540.2, 3410.8,
                    0.68981),
                new LogLinearModel(
                    "[13,2]", 2802.2, 190.1, 2429.6, 3174.8, 55.0, 58.2, true, 2450.3, 3201.0,
                    1.8e-4),
                new LogLinearModel(
                    "[23,1]", 2765.3, 185.0, 2402.7, 3127.9, 57.3, 60.5, true, 2421.9, 3150.2,
                    5.7e-5),
                new LogLinearModel(
                    "[12,13]", 3104.9, 305.5, 2506.1, 3703.7, 39.6, 43.3, true, 2571.4, 3826.3,
                    0.30996),
                new LogLinearModel("[12,23]", null, null, null, null, null, null, false)),
            "[12,3]",
            List.of(
                new CaptureHistory("100", 820L, false),
                new CaptureHistory("010", 390L, false),
                new CaptureHistory("001", 212L, false),
                new CaptureHistory("110", 61L, false),
                new CaptureHistory("101", 24L, false),
                new CaptureHistory("011", 14L, false),
                new CaptureHistory("111", 2L, false)),
            1523L,
            new PublicationModel.ModelAverage(2985.8, 249.6, 2553.0, 3525.0, 5, "BIC"),
            List.of(
                new PublicationModel.SensitivityModel(
                    "Mth Chao (LB)", 3310.2, 402.0, 2650.8, 4242.1, 2688.0, 4301.5, true, null),
                new PublicationModel.SensitivityModel(
                    "Mth Darroch", 3902.5, 610.4, 2956.2, 5319.0, 3001.2, null, true, null),
                new PublicationModel.SensitivityModel(
                    "Mth Poisson2", null, null, null, null, null, null, false, "no MLE")));

    // Valued groups: own price, cell, pooled cell, a premium group of 3 persons priced from the
    // 3-offer premium cell (both suppressed), and an unpriced loan group. The total's interval is a
    // fixture value inside the sum of the groups' bounds, as a joint simulation gives.
    List<ValueCell> valueCells =
        List.of(
            new ValueCell(
                "2015-03",
                "credit_card",
                "standard",
                "new",
                900L,
                490.5,
                490.5,
                490.5,
                false,
                "S-2015-03-a",
                "own_price",
                "L-1",
                0.545,
                null),
            new ValueCell(
                "2015-03",
                "credit_card",
                "gold",
                "new",
                350L,
                457.8,
                400.6,
                518.8,
                false,
                "S-2015-03-a",
                "cell",
                "2015-03|credit_card|gold|new",
                1.308,
                12L),
            new ValueCell(
                "2015-03",
                "credit_card",
                "platinum",
                "new",
                180L,
                941.8,
                824.0,
                981.0,
                false,
                "S-2015-03-b",
                "cell_any_freshness",
                "2015-03|credit_card|platinum|*",
                5.232,
                9L),
            new ValueCell(
                "2015-03",
                "credit_card",
                "premium",
                "new",
                3L,
                21.93,
                19.65,
                24.36,
                false,
                "S-2015-03-b",
                "cell",
                "2015-03|credit_card|premium|new",
                7.31,
                3L),
            new ValueCell(
                "2015-03",
                "loan",
                "unknown",
                "new",
                12L,
                null,
                null,
                null,
                false,
                "S-2015-03-b",
                "unpriced",
                null,
                null,
                null));
    double total = 490.5 + 457.8 + 941.8 + 21.93;
    ValueAtMarket value =
        new ValueAtMarket(
            total,
            1790.2,
            2010.4,
            valueCells,
            List.of(
                new PublicationModel.ValueRule("own_price", 900L, 490.5, false),
                new PublicationModel.ValueRule("cell", 353L, 479.73, false),
                new PublicationModel.ValueRule("cell_any_freshness", 180L, 941.8, false),
                new PublicationModel.ValueRule("unpriced", 12L, null, false)),
            1445L,
            12L,
            240L,
            118L,
            "seeded joint simulation of the cells' medians (order statistics), 4000 replicates",
            4000);

    Map<String, Long> rejections = new LinkedHashMap<>();
    rejections.put("no_price", 212L);
    rejections.put("not_an_offer", 96L);
    rejections.put("fx_missing", 7L);
    rejections.put("price_out_of_range", 4L);
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("bootstrap_replicates", "1000");
    parameters.put("alpha", "0.05");
    parameters.put("recycled_threshold", "0.2");
    parameters.put("period", "month");
    parameters.put("lists_by", "sample");
    Map<String, Long> versions = new LinkedHashMap<>();
    versions.put("gold_market_cells", 4L);
    versions.put("gold_exposure", 3L);
    versions.put("silver_offers", 7L);
    DataAndMethods dm =
        new DataAndMethods(
            List.of(
                new Source(
                    "listings", "scraped adverts from QQ and WeChat groups (synthetic)", 1143),
                new Source("samples", "leak samples handed out as trials (synthetic)", 6)),
            "data-samples/reference/fx.csv (monthly averages)",
            parameters,
            versions,
            "[12,3]",
            20150101L,
            "0.1.0");
    return new PublicationModel(
        "all",
        "2026-11-28T13:00:00Z",
        new Listings(1143, 308, 319, 41),
        sampleCounts,
        new Market(cells, jevons, hedonic, "seller"),
        exposure,
        population,
        rejections,
        value,
        volume,
        null,
        revisions,
        dm,
        List.of("All data in this fixture are synthetic."));
  }

  static List<Revision> revisions() {
    return List.of(
        new Revision(
            FigureNames.marketCell(FigureNames.MEDIAN, PERSONAL, "credit_card", "standard", "new"),
            "2015-02",
            0.51,
            0.52),
        new Revision(FigureNames.HEDONIC, "2015-02", 103.7, 104.2));
  }

  private static double r(double x) {
    return Math.round(x * 1000) / 1000.0;
  }
}
