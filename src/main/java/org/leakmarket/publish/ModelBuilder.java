package org.leakmarket.publish;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.leakmarket.config.LeakmarketConfig;
import org.leakmarket.market.Periods;
import org.leakmarket.market.PriceIndex;
import org.leakmarket.privacy.SmallCells;
import org.leakmarket.publish.PublicationModel.Chapman;
import org.leakmarket.publish.PublicationModel.DataAndMethods;
import org.leakmarket.publish.PublicationModel.Exposure;
import org.leakmarket.publish.PublicationModel.HedonicPoint;
import org.leakmarket.publish.PublicationModel.IndexPoint;
import org.leakmarket.publish.PublicationModel.IssuerCount;
import org.leakmarket.publish.PublicationModel.LincolnPetersen;
import org.leakmarket.publish.PublicationModel.Listings;
import org.leakmarket.publish.PublicationModel.LogLinearModel;
import org.leakmarket.publish.PublicationModel.Market;
import org.leakmarket.publish.PublicationModel.MarketCell;
import org.leakmarket.publish.PublicationModel.Population;
import org.leakmarket.publish.PublicationModel.RegionCount;
import org.leakmarket.publish.PublicationModel.SampleCheck;
import org.leakmarket.publish.PublicationModel.SampleCounts;
import org.leakmarket.publish.PublicationModel.Source;
import org.leakmarket.publish.PublicationModel.TierCount;
import org.leakmarket.publish.PublicationModel.ValueAtMarket;
import org.leakmarket.publish.PublicationModel.ValueCell;
import org.leakmarket.publish.PublicationModel.ValueRule;
import org.leakmarket.publish.PublicationModel.Volume;
import org.leakmarket.reference.Regions;
import org.leakmarket.stats.valuation.PricingRule;
import org.leakmarket.stats.valuation.ValueSimulation;
import org.leakmarket.warehouse.Table;
import org.leakmarket.warehouse.Warehouse;
import org.leakmarket.warehouse.gold.GoldExposure;
import org.leakmarket.warehouse.gold.GoldMarketCell;
import org.leakmarket.warehouse.gold.GoldMarketVolume;
import org.leakmarket.warehouse.gold.GoldPopulation;
import org.leakmarket.warehouse.gold.GoldPriceIndex;
import org.leakmarket.warehouse.gold.GoldRows;

/**
 * Builds the raw {@link PublicationModel} of one publication label from the gold tables (and counts
 * of bronze, silver and quarantine), read through a {@link Warehouse} that may pin table versions:
 * the same versions, configuration and seed give the same model. Market cells and indices are
 * restricted to the label's periods (indices up to its end); exposure and population cover every
 * sample in the pinned tables.
 *
 * <p>Cost: one small collect per gold table (gold tables are small by construction: one row per
 * cell, period, breakdown key or model) and a count of each bronze/silver/quarantine table.
 */
public final class ModelBuilder {
  private final Warehouse warehouse;
  private final LeakmarketConfig cfg;
  private final Map<Table, List<Row>> reasonCounts = new java.util.EnumMap<>(Table.class);
  private List<GoldExposureRow> exposureRows;
  private boolean exposureHasRule;

  public ModelBuilder(Warehouse warehouse, LeakmarketConfig cfg) {
    this.warehouse = warehouse;
    this.cfg = cfg;
  }

  public PublicationModel build(String label, String generatedAt) {
    Market market = market(label);
    Exposure exposure = warehouse.exists(Table.GOLD_EXPOSURE) ? exposure() : null;
    Population population = warehouse.exists(Table.GOLD_POPULATION) ? population() : null;
    ValueAtMarket value = warehouse.exists(Table.GOLD_EXPOSURE) ? value(label) : null;
    List<Volume> volume = volume(label);
    Listings listings = listings();
    SampleCounts samples = samples();
    Map<String, Long> rejections = rejections();
    List<String> footnotes = new ArrayList<>();
    footnotes.add(
        "Listing, offer and exposure counts cover all data in the warehouse at the table versions"
            + " listed under Data and methods; market cells and indices cover the publication period.");
    footnotes.add(
        "Capture-recapture counts only records with at least one identifier that passes its check"
            + " (Luhn-valid card, valid mobile number or ID check digit): fabricated padding would otherwise"
            + " appear as people seen once and inflate the estimate.");
    return new PublicationModel(
        label,
        generatedAt,
        listings,
        samples,
        market,
        exposure,
        population,
        rejections,
        value,
        volume,
        List.of(),
        List.of(),
        dataAndMethods(listings, samples, population),
        footnotes);
  }

  private Market market(String label) {
    List<MarketCell> cells = new ArrayList<>();
    String weight = null;
    Dataset<Row> table = warehouse.read(Table.GOLD_MARKET_CELLS);
    // a table written before cells had a product (reproducing an old publication) has none
    List<String> order =
        GoldRows.has(table, "product")
            ? List.of("period", "product", "category", "tier", "freshness")
            : List.of("period", "category", "tier", "freshness");
    // one collect of the base cells, ordered here (GoldRows.collectSorted): bounded, one row per
    // cell
    for (GoldMarketCell r :
        GoldRows.from(
            GoldRows.collectSorted(
                table
                    .filter(col("dimensions").equalTo(""))
                    .drop(
                        "quotes_cny"), // the quotes themselves are for the valuation, not the brief
                order.toArray(String[]::new)),
            GoldMarketCell::from)) {
      if (Periods.within(r.period(), label)) {
        weight = weight == null ? r.weight() : weight;
        cells.add(
            new MarketCell(
                r.period(),
                r.product(),
                r.category(),
                r.tier(),
                r.freshness(),
                r.nQuotes(),
                r.nOffers(),
                r.nSellers(),
                r.medianCny(),
                r.p25Cny(),
                r.p75Cny(),
                r.minCny(),
                r.maxCny(),
                r.medianCiLow(),
                r.medianCiHigh(),
                r.medianCiLevel(),
                r.ciMethod(),
                suppressed(r)));
      }
    }
    List<IndexPoint> jevons = new ArrayList<>();
    List<HedonicPoint> hedonic = new ArrayList<>();
    for (GoldPriceIndex r :
        GoldRows.from(
            // bounded: one row per method and period
            GoldRows.collectSorted(warehouse.read(Table.GOLD_PRICE_INDEX), "method", "period"),
            GoldPriceIndex::from)) {
      String period = r.period();
      if (!Periods.notAfter(period, label)) {
        continue;
      }
      if (PriceIndex.JEVONS.equals(r.method())) {
        jevons.add(
            new IndexPoint(
                period,
                r.index(),
                r.ciLow(),
                r.ciHigh(),
                r.nCells(),
                r.segment(),
                r.note(),
                false,
                link(r)));
      } else {
        hedonic.add(
            new HedonicPoint(
                period,
                r.index(),
                r.indexKennedy(),
                r.se(),
                r.ciLow(),
                r.ciHigh(),
                r.fitN(),
                r.fitSellers(),
                r.r2(),
                false,
                link(r)));
      }
    }
    return new Market(cells, jevons, hedonic, weight == null ? cfg.weight() : weight);
  }

  /** A row of gold/exposure with its breakdown, read once for the exposure and value sections. */
  private record GoldExposureRow(String breakdown, Row row) {}

  /**
   * gold/exposure, collected once and ordered by (breakdown, key) on the driver: the exposure
   * section and the value section both read it. Bounded: one row per breakdown key and per valued
   * group.
   */
  private List<GoldExposureRow> exposureRows() {
    if (exposureRows == null) {
      Dataset<Row> table = warehouse.read(Table.GOLD_EXPOSURE);
      exposureHasRule = GoldRows.has(table, "rule");
      exposureRows =
          GoldRows.collectSorted(table, "breakdown", "key").stream()
              .map(r -> new GoldExposureRow(GoldExposure.from(r).breakdown(), r))
              .toList();
    }
    return exposureRows;
  }

  /**
   * The primary rule as gold/market_cells decided it. The same rule ({@link SmallCells}) at this
   * run's thresholds also hides the cell: a table written before the column existed has no
   * decision, and a publish run given a larger {@code k} than the analyze run that wrote the table
   * must not print cells below it (the brief states this run's thresholds). With equal thresholds,
   * as in {@code run}, the two agree and gold's flag is the decision.
   */
  private boolean suppressed(GoldMarketCell r) {
    Long quotes = r.nQuotes() == null ? r.nOffers() : r.nQuotes();
    boolean atThisRun =
        quotes == null
            || r.nSellers() == null
            || SmallCells.marketCellHidden(
                quotes, r.nSellers(), cfg.suppressionK(), cfg.suppressionMinSellers());
    return Boolean.TRUE.equals(r.suppressed()) || atThisRun;
  }

  private List<Volume> volume(String label) {
    List<Volume> out = new ArrayList<>();
    if (!warehouse.exists(Table.GOLD_MARKET_VOLUME)) {
      return out;
    }
    for (GoldMarketVolume r :
        GoldRows.from(
            // bounded: one row per period
            GoldRows.collectSorted(
                warehouse.read(Table.GOLD_MARKET_VOLUME).filter(col("period").isNotNull()),
                "period"),
            GoldMarketVolume::from)) {
      if (Periods.notAfter(r.period(), label)) {
        out.add(new Volume(r.period(), r.uniqueOffers(), r.sellers(), false));
      }
    }
    return out;
  }

  private Exposure exposure() {
    Regions regions = Regions.shipped();
    Long records = null;
    Long persons = null;
    Long cards = null;
    Double recycledShare = null;
    List<IssuerCount> issuers = new ArrayList<>();
    List<TierCount> tiers = new ArrayList<>();
    List<RegionCount> byRegion = new ArrayList<>();
    List<SampleCheck> samples = new ArrayList<>();
    for (GoldExposure r :
        GoldRows.from(
            exposureRows().stream()
                .filter(r -> r.breakdown() != null && !"value".equals(r.breakdown()))
                .map(GoldExposureRow::row)
                .toList(),
            GoldExposure::from)) {
      String key = r.key();
      Long p = r.persons();
      switch (r.breakdown()) {
        case "total" -> {
          records = r.records();
          persons = p;
          cards = r.cards();
          long rec = r.records();
          recycledShare = rec == 0 ? null : r.recycledRecords() / (double) rec;
        }
        case "issuer" -> issuers.add(new IssuerCount(key, p, false));
        case "tier" -> tiers.add(new TierCount(key, p, false));
        case "region" ->
            byRegion.add(
                new RegionCount(
                    key, regions.byCode(key).map(Regions.Region::nameZh).orElse(key), p, false));
        case "sample" ->
            samples.add(
                new SampleCheck(
                    key,
                    r.records(),
                    r.validCardShare(),
                    r.recycledShare(),
                    r.inferredFreshness(),
                    r.claimedFreshness(),
                    false));
        default -> {}
      }
    }
    return new Exposure(records, persons, cards, issuers, tiers, byRegion, recycledShare, samples);
  }

  /**
   * The value at asking prices of the samples obtained in the label's periods, from the {@code
   * value} rows of gold/exposure: the groups' quotes are simulated again for just these groups
   * ({@link ValueSimulation}, seeded by the run seed, so a group's interval is the one analyze
   * wrote), which gives the label's total its own joint interval.
   */
  private ValueAtMarket value(String label) {
    List<Row> rows =
        exposureRows().stream()
            .filter(r -> "value".equals(r.breakdown()) || "value_excluded".equals(r.breakdown()))
            .map(GoldExposureRow::row)
            .toList();
    boolean current = exposureHasRule;
    List<ValueCell> cells = new ArrayList<>();
    List<String> keys = new ArrayList<>(); // each cell's key in gold/exposure, which sim uses
    List<ValueSimulation.Group> sim = new ArrayList<>();
    Map<String, long[]> perRule = new TreeMap<>();
    long valued = 0;
    long unpriced = 0;
    long fabricated = 0;
    long repeats = 0;
    for (GoldExposure r : GoldRows.from(rows, GoldExposure::from)) {
      String period = r.period();
      if (period == null || !Periods.within(period, label)) {
        continue;
      }
      Long records = r.records();
      if ("value_excluded".equals(r.breakdown())) {
        if ("fabricated".equals(r.rule())) {
          fabricated += records;
        } else {
          repeats += records;
        }
        continue;
      }
      String rule = current ? r.rule() : "cell";
      String key = r.key();
      Double price = r.medianCny();
      Double v = r.valueCny();
      valued += records;
      perRule.computeIfAbsent(rule, x -> new long[1])[0] += records;
      if (PricingRule.UNPRICED.code().equals(rule) || v == null) {
        unpriced += records;
      } else if (!current || PricingRule.OWN_PRICE.code().equals(rule)) {
        // an own price is fixed; a legacy row (no quotes) is carried at its value
        sim.add(new ValueSimulation.Group(key, records, v / Math.max(records, 1), null, null));
      } else {
        List<Double> q = r.quotesCny();
        sim.add(
            new ValueSimulation.Group(
                key,
                records,
                null,
                r.pricedFrom(),
                q.stream().mapToDouble(Double::doubleValue).toArray()));
      }
      keys.add(key);
      cells.add(
          new ValueCell(
              period,
              r.category(),
              r.tier(),
              r.freshness(),
              records,
              v,
              null,
              null,
              false,
              current ? r.sampleId() : null,
              rule,
              current ? r.pricedFrom() : null,
              price,
              current ? r.nQuotes() : null));
    }
    ValueSimulation.Result result = ValueSimulation.run(sim, cfg.seed());
    List<ValueCell> withIntervals = new ArrayList<>();
    Map<String, Double> ruleValue = new TreeMap<>();
    for (int i = 0; i < cells.size(); i++) {
      ValueCell c = cells.get(i);
      ValueSimulation.Interval iv = c.valueCny() == null ? null : result.groups().get(keys.get(i));
      withIntervals.add(
          new ValueCell(
              c.period(),
              c.category(),
              c.tier(),
              c.freshness(),
              c.records(),
              c.valueCny(),
              iv == null ? null : iv.low(),
              iv == null ? null : iv.high(),
              false,
              c.sampleId(),
              c.rule(),
              c.pricedFrom(),
              c.priceCny(),
              c.nQuotes()));
      if (c.valueCny() != null) {
        ruleValue.merge(c.rule(), c.valueCny(), Double::sum);
      }
    }
    List<ValueRule> byRule = new ArrayList<>();
    for (PricingRule pr : PricingRule.values()) {
      long[] n = perRule.get(pr.code());
      if (n != null) {
        byRule.add(new ValueRule(pr.code(), n[0], ruleValue.get(pr.code()), false));
      }
    }
    ValueSimulation.Interval t = result.total();
    boolean any = !sim.isEmpty();
    return new ValueAtMarket(
        any ? t.value() : null,
        any ? t.low() : null,
        any ? t.high() : null,
        withIntervals,
        byRule,
        valued,
        unpriced,
        fabricated,
        repeats,
        "seeded joint simulation of the cells' medians (order statistics), "
            + result.replicates()
            + " replicates",
        result.replicates());
  }

  private Population population() {
    List<GoldPopulation> rows =
        GoldRows.from(
            // bounded: one row per method and model
            GoldRows.collectSorted(warehouse.read(Table.GOLD_POPULATION), "method", "model"),
            GoldPopulation::from);
    if (rows.isEmpty()) {
      return null;
    }
    GoldPopulation first = rows.get(0);
    LincolnPetersen lp = null;
    Chapman chapman = null;
    String selected = null;
    PublicationModel.ModelAverage average = null;
    List<LogLinearModel> models = new ArrayList<>();
    List<PublicationModel.SensitivityModel> sensitivity = new ArrayList<>();
    for (GoldPopulation r : rows) {
      Double n = r.nHat();
      boolean ok = Boolean.TRUE.equals(r.mleExists()) && Boolean.TRUE.equals(r.converged());
      switch (r.method()) {
        case "lincoln_petersen" -> lp = n == null ? null : new LincolnPetersen(n, r.se());
        case "chapman" ->
            chapman = n == null ? null : new Chapman(n, r.se(), r.ciLow(), r.ciHigh());
        case "loglinear" -> {
          models.add(
              new LogLinearModel(
                  r.model(),
                  n,
                  r.se(),
                  r.ciLow(),
                  r.ciHigh(),
                  r.aic(),
                  r.bic(),
                  ok,
                  r.profileCiLow(),
                  r.profileCiHigh(),
                  r.weight()));
          // the selection is the one analyze made (gold's column), never re-derived here
          if (Boolean.TRUE.equals(r.selected())) {
            selected = r.model();
          }
        }
        case "model_average" ->
            average =
                new PublicationModel.ModelAverage(
                    n, r.se(), r.ciLow(), r.ciHigh(), r.modelsAveraged(), "BIC");
        case "heterogeneity" ->
            sensitivity.add(
                new PublicationModel.SensitivityModel(
                    r.model(),
                    n,
                    r.se(),
                    r.ciLow(),
                    r.ciHigh(),
                    r.profileCiLow(),
                    r.profileCiHigh(),
                    ok,
                    r.note()));
        default -> {}
      }
    }
    // The table holds models in name order; the publication lists them simplest first as fitted
    // (by number of interactions, then name), so "[1,2,3]" leads.
    int lists = first.lists().size();
    models.sort(
        java.util.Comparator.comparingInt(
                (LogLinearModel lm) ->
                    org.leakmarket.stats.population.LogLinearModel.parse(lm.model(), lists)
                        .interactions()
                        .size())
            .thenComparing(LogLinearModel::model));
    sensitivity.sort(java.util.Comparator.comparing(PublicationModel.SensitivityModel::model));
    return new Population(
        lists,
        first.listsBy(),
        lp,
        chapman,
        models,
        selected,
        List.of(),
        first.observed(),
        average,
        sensitivity);
  }

  private Listings listings() {
    long bronze = countOf(Table.BRONZE_LISTINGS);
    long ingestRejected = 0;
    long rejected = 0;
    for (Row r : reasons(Table.QUARANTINE_LISTINGS)) {
      rejected += r.getLong(2);
      if ("ingest".equals(r.getString(0))) {
        ingestRejected += r.getLong(2);
      }
    }
    long offers = 0;
    long unique = 0;
    if (warehouse.exists(Table.SILVER_OFFERS)) {
      // the offers and the first posts among them in one aggregation (one job, not two counts)
      Row r =
          warehouse
              .read(Table.SILVER_OFFERS)
              .agg(count(lit(1)), count(when(col("first_post"), lit(1))))
              .first();
      offers = r.getLong(0);
      unique = r.getLong(1);
    }
    return new Listings(bronze + ingestRejected, offers, rejected, offers - unique);
  }

  private SampleCounts samples() {
    if (!warehouse.exists(Table.BRONZE_SAMPLE_FILES)) {
      return new SampleCounts(0, 0L, 0);
    }
    long files = 0;
    for (Row r : reasons(Table.BRONZE_SAMPLE_FILES)) {
      files += r.getLong(2);
    }
    long rejectedRecords = 0;
    for (Row r : reasons(Table.QUARANTINE_SAMPLE_RECORDS)) {
      rejectedRecords += r.getLong(2);
    }
    return new SampleCounts(files, countOf(Table.BRONZE_SAMPLE_RECORDS), rejectedRecords);
  }

  private Map<String, Long> rejections() {
    Map<String, Long> out = new TreeMap<>();
    for (Row r : reasons(Table.QUARANTINE_LISTINGS)) {
      out.merge("" + r.getString(1), r.getLong(2), Long::sum);
    }
    for (Row r : reasons(Table.QUARANTINE_SAMPLE_RECORDS)) {
      out.merge("sample_" + r.getString(1), r.getLong(2), Long::sum);
    }
    for (Row r : reasons(Table.BRONZE_SAMPLE_FILES)) {
      String status = r.getString(0);
      if (status != null && !status.equals("ok")) { // as filter(status != 'ok'): null is not
        out.merge("sample_file_" + r.getString(1), r.getLong(2), Long::sum);
      }
    }
    return out;
  }

  /**
   * Rows (stage or status, reason, rows) of a quarantine table or of bronze/sample_files, counted
   * once per builder and shared by the listing, sample and rejection counts: one aggregation per
   * table instead of a count, a filtered count and a group-by. Bounded: one row per stage (or file
   * status) and reason code. Empty when the table does not exist.
   */
  private List<Row> reasons(Table t) {
    return reasonCounts.computeIfAbsent(
        t,
        x -> {
          if (!warehouse.exists(x)) {
            return List.of();
          }
          Dataset<Row> d = warehouse.read(x);
          Column by =
              x == Table.BRONZE_SAMPLE_FILES
                  ? col("status")
                  : GoldRows.has(d, "stage") ? col("stage") : lit(null).cast("string");
          return collect(d.groupBy(by.as("by"), col("reason")).agg(count(lit(1))));
        });
  }

  private DataAndMethods dataAndMethods(
      Listings listings, SampleCounts samples, Population population) {
    List<Source> sources =
        List.of(
            new Source("listings", "scraped adverts (JSON Lines / CSV)", listings.read()),
            new Source(
                "leak samples",
                "trial samples, pseudonymised on ingest",
                samples.records() == null ? 0 : samples.records()));
    Map<String, String> params = new LinkedHashMap<>();
    cfg.describe()
        .forEach(
            (k, v) -> {
              if (!List.of("listings", "samples", "warehouse", "reports", "master", "key_file")
                  .contains(k)) {
                params.put(k, String.valueOf(v));
              }
            });
    Map<String, Long> versions = new TreeMap<>(warehouse.versionsRead());
    return new DataAndMethods(
        sources,
        cfg.fx() == null
            ? "shipped reference table (data-samples/reference/fx.csv)"
            : cfg.fx().getFileName().toString(),
        params,
        versions,
        population == null ? null : population.selected(),
        cfg.seed(),
        org.leakmarket.common.Version.get());
  }

  private long countOf(Table t) {
    return warehouse.exists(t) ? warehouse.read(t).count() : 0;
  }

  /** Gold tables are small by construction (cells, periods, breakdown keys, models). */
  /** The change into the row's period, when the row has one (a chained or fitted period). */
  private static PublicationModel.Link link(GoldPriceIndex r) {
    return r.linkFrom() == null || r.link() == null
        ? null
        : new PublicationModel.Link(r.linkFrom(), r.link(), r.linkCiLow(), r.linkCiHigh());
  }

  private static List<Row> collect(Dataset<Row> small) {
    return small.collectAsList();
  }
}
