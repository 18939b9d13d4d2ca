package org.leakmarket.exposure;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.leakmarket.config.Defaults;
import org.leakmarket.config.LeakmarketConfig;
import org.leakmarket.legal.LegalRules;
import org.leakmarket.legal.LegalThresholds;
import org.leakmarket.market.Periods;
import org.leakmarket.stage.Count;
import org.leakmarket.stage.Stage;
import org.leakmarket.stage.StageContext;
import org.leakmarket.stage.StageResult;
import org.leakmarket.stats.population.CaptureHistories;
import org.leakmarket.stats.population.CaptureRecapture;
import org.leakmarket.stats.population.Criterion;
import org.leakmarket.stats.population.PopulationResult;
import org.leakmarket.warehouse.Table;
import org.leakmarket.warehouse.Warehouse;

/**
 * The exposure side of {@code analyze}: silver/records (linked persons) to gold/exposure,
 * gold/sample_overlap and gold/population. The linked records are cached once and read by every
 * breakdown; capture-recapture runs on the driver over the history counts only. Runs when {@code
 * silver/records} exists.
 */
public final class ExposureStage implements Stage {

  @Override
  public String name() {
    return "exposure";
  }

  @Override
  public boolean applies(StageContext ctx) {
    return ctx.warehouse().exists(Table.SILVER_RECORDS);
  }

  /** Writes the gold exposure tables. */
  @Override
  public StageResult run(StageContext ctx) {
    SparkSession spark = ctx.spark();
    Warehouse warehouse = ctx.warehouse();
    LeakmarketConfig cfg = ctx.cfg();
    Dataset<Row> offers = warehouse.read(Table.SILVER_OFFERS);
    // The marking window leaves spark.sql.shuffle.partitions partitions (200 on a cluster), and AQE
    // does not coalesce a cached plan's output: every breakdown below would then run 200 tiny
    // tasks per aggregate (measured: exposure 118 s on the 2-worker cluster vs 15 s locally at
    // 10^4 records). One partition per core is enough for a table read several times.
    Dataset<Row> records =
        Recycling.mark(warehouse.read(Table.SILVER_RECORDS))
            .coalesce(Math.max(1, spark.sparkContext().defaultParallelism()))
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Dataset<Row> exposure =
          ExposureTables.compute(
              records, offers, warehouse.read(Table.BRONZE_SAMPLE_FILES), cfg.recycledThreshold());
      Dataset<Row> value =
          MarketValue.compute(
              spark,
              valued(records, exposure, offers, cfg),
              offers,
              warehouse.read(Table.GOLD_MARKET_CELLS),
              cfg.seed());
      warehouse.overwrite(
          Table.GOLD_EXPOSURE, exposure.unionByName(value, true).orderBy("breakdown", "key"));
      warehouse.overwrite(Table.GOLD_SAMPLE_OVERLAP, SampleOverlap.compute(records));
      warehouse.overwrite(
          Table.GOLD_LEGAL_THRESHOLDS,
          LegalThresholds.compute(spark, records, offers, LegalRules.load()));
      PopulationResult pop = population(records, cfg);
      warehouse.overwrite(
          Table.GOLD_POPULATION,
          spark.createDataFrame(PopulationTable.rows(cfg.listsBy(), pop), PopulationTable.SCHEMA));
      return StageResult.builder()
          .count(Count.RECORDS, records.count())
          .count(Count.CAPTURE_LISTS, pop.lists().size())
          .detail(StageResult.Detail.SELECTED_MODEL, pop.selected())
          .build();
    } finally {
      records.unpersist();
    }
  }

  /**
   * Records that can stand for a real person in capture-recapture: at least one identifier that
   * passes its check (Luhn card, valid mobile number, GB 11643 ID). Padding with fabricated,
   * check-failing cards would otherwise add "persons" seen in one list only and inflate N.
   */
  public static Dataset<Row> plausiblePersons(Dataset<Row> records) {
    return records.filter(
        col("card_luhn_valid")
            .equalTo(true)
            .or(col("phone_valid").equalTo(true))
            .or(col("id_valid").equalTo(true)));
  }

  private static PopulationResult population(Dataset<Row> all, LeakmarketConfig cfg) {
    Dataset<Row> records = plausiblePersons(all);
    List<String> labels = CaptureHistoryCounts.labels(records, cfg.listsBy());
    if (labels.size() < 2 || labels.size() > Defaults.MAX_LISTS) {
      String why =
          labels.size() < 2
              ? "capture-recapture needs at least two lists; got " + labels.size()
              : labels.size()
                  + " lists exceed "
                  + Defaults.MAX_LISTS
                  + "; group them with --lists-by seller or source";
      return new PopulationResult(
          labels,
          records.select("person_id").distinct().count(),
          null,
          List.of(),
          null,
          Criterion.BIC,
          "none",
          why);
    }
    CaptureHistories h = CaptureHistoryCounts.compute(records, cfg.listsBy(), labels);
    CaptureRecapture.Options o = CaptureRecapture.Options.defaults();
    return CaptureRecapture.estimate(
        h, new CaptureRecapture.Options(o.criterion(), cfg.maxExactLists(), o.maxIterations()));
  }

  /** Records with the period, category and inferred freshness their value is looked up by. */
  private static Dataset<Row> valued(
      Dataset<Row> records, Dataset<Row> exposure, Dataset<Row> offers, LeakmarketConfig cfg) {
    Dataset<Row> samples =
        exposure
            .filter(col("breakdown").equalTo("sample"))
            .select(col("key").as("sample_id"), col("inferred_freshness"));
    Dataset<Row> claimedCategory =
        offers
            .filter(col("offer_index").equalTo(0))
            .select(
                col("listing_id").as("claim_listing_id"), col("category").as("claimed_category"));
    return records
        .join(samples, "sample_id")
        .join(claimedCategory, col("listing_id").equalTo(col("claim_listing_id")), "left")
        .drop("claim_listing_id")
        .withColumn("period", Periods.column(col("obtained_at"), cfg.periodUnit()))
        .withColumn(
            "category",
            coalesce(
                col("claimed_category"),
                when(col("card_token").isNotNull(), lit("credit_card"))
                    .when(col("account_token").isNotNull(), lit("bank_account"))
                    .otherwise(lit("other"))));
  }
}
