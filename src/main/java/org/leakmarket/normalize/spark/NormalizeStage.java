package org.leakmarket.normalize.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.leakmarket.config.LeakmarketConfig;
import org.leakmarket.market.OfferDedup;
import org.leakmarket.market.Periods;
import org.leakmarket.normalize.NormalizerSettings;
import org.leakmarket.normalize.Offer;
import org.leakmarket.normalize.OfferGuard;
import org.leakmarket.reference.FxTable;
import org.leakmarket.stage.Count;
import org.leakmarket.stage.Stage;
import org.leakmarket.stage.StageContext;
import org.leakmarket.stage.StageResult;
import org.leakmarket.warehouse.Table;
import org.leakmarket.warehouse.Warehouse;

/**
 * The listing side of {@code normalize}: {@code bronze/listings} through the normaliser ({@link
 * OfferNormalizeJob}) to {@code silver/offers} (with period and copy groups, {@link OfferDedup})
 * and the rejected listings to {@code quarantine/listings}. Runs when {@code bronze/listings}
 * exists (and stops the run when no bronze table does). Cost: one pass of the normaliser over
 * bronze, persisted on local disk (not the heap) for both writes; two Delta merges; one count of
 * {@code silver/offers} (the rejected listings come from the quarantine merge's commit metrics).
 */
public final class NormalizeStage implements Stage {

  @Override
  public String name() {
    return "normalize";
  }

  @Override
  public boolean applies(StageContext ctx) {
    Warehouse w = ctx.warehouse();
    if (!w.exists(Table.BRONZE_LISTINGS) && !w.exists(Table.BRONZE_SAMPLE_RECORDS)) {
      ctx.require(Table.BRONZE_LISTINGS, "normalize");
    }
    return w.exists(Table.BRONZE_LISTINGS);
  }

  @Override
  public StageResult run(StageContext ctx) {
    LeakmarketConfig cfg = ctx.cfg();
    Warehouse warehouse = ctx.warehouse();
    FxTable fx = FxTable.load(cfg.fx(), cfg.fxMaxAgeDays());
    Dataset<Row> normalized =
        OfferNormalizeJob.normalize(
                ctx.spark(),
                warehouse.read(Table.BRONZE_LISTINGS),
                fx,
                new NormalizerSettings(cfg.minPrice(), cfg.maxPrice()),
                // limits checked around the normaliser: too many offers, text too long, bad date
                new OfferGuard(
                    cfg.limits().maxOffersPerListing(),
                    cfg.limits().maxAdvertChars(),
                    cfg.limits().earliestDate(),
                    java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1)))
            // Read by both writes (and twice by the dedup), so kept; on disk, not in the heap, so
            // its blocks take no storage memory from the dedup's sorts and the Delta write. With
            // SparkSessions' objectStreamReset=1 a task holds only the column batch (10,000
            // offers) it is writing; MEMORY_AND_DISK ran a 700 MB heap out at 10^6 listings
            // (docs/performance.md, "What held the heap in normalize").
            .persist(StorageLevel.DISK_ONLY());
    try {
      Dataset<Row> ok =
          OfferDedup.assign(
              normalized
                  .filter(col("status").equalTo(Offer.OK))
                  .withColumn("period", Periods.column(col("posted_date"), cfg.periodUnit())));
      warehouse.upsert(Table.SILVER_OFFERS, ok);
      Dataset<Row> rejected =
          normalized
              .filter(col("status").equalTo(Offer.REJECTED))
              .select(
                  sha2(concat_ws("\u001f", lit("normalize"), col("listing_id")), 256)
                      .as("quarantine_id"),
                  col("listing_id"),
                  lit("normalize").as("stage"),
                  col("reason"),
                  col("detail"),
                  lit(null).cast("string").as("raw"),
                  lit(null).cast("string").as("source_file"),
                  lit(ctx.runId()).as("ingest_run"));
      warehouse.upsert(Table.QUARANTINE_LISTINGS, rejected);
      return StageResult.builder()
          .count(Count.OFFERS, warehouse.read(Table.SILVER_OFFERS).count())
          // the MERGE's numSourceRows: the same number as rejected.count(), without its job
          .count(
              Count.LISTINGS_REJECTED_AT_NORMALIZE, warehouse.rowsMerged(Table.QUARANTINE_LISTINGS))
          .build();
    } finally {
      normalized.unpersist();
    }
  }
}
