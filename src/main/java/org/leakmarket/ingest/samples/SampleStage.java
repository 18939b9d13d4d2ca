package org.leakmarket.ingest.samples;

import static org.apache.spark.sql.functions.lit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.leakmarket.common.UserException;
import org.leakmarket.config.LeakmarketConfig;
import org.leakmarket.faults.PausePoints;
import org.leakmarket.reference.BinTable;
import org.leakmarket.reference.PhoneSegments;
import org.leakmarket.stage.Count;
import org.leakmarket.stage.Stage;
import org.leakmarket.stage.StageContext;
import org.leakmarket.stage.StageResult;
import org.leakmarket.warehouse.Table;
import org.leakmarket.warehouse.Warehouse;

/**
 * The leak-sample side of {@code ingest}: the manifest's sample files through {@link
 * SampleIngestJob} to pseudonymised {@code bronze/sample_records}, masked {@code
 * quarantine/sample_records} rows, and one {@code bronze/sample_files} row per file. Stops with
 * exit code 3, writing nothing, when more rows are rejected than the configured share. Runs when a
 * manifest is named; costs what {@link SampleIngestJob} costs plus three Delta merges.
 */
public final class SampleStage implements Stage {

  @Override
  public String name() {
    return "samples";
  }

  @Override
  public boolean applies(StageContext ctx) {
    return ctx.cfg().samples() != null;
  }

  @Override
  public List<Path> inputs(LeakmarketConfig cfg) {
    return List.of(cfg.samples());
  }

  @Override
  public StageResult run(StageContext ctx) {
    PausePoints.reach("ingest:samples");
    LeakmarketConfig cfg = ctx.cfg();
    Warehouse warehouse = ctx.warehouse();
    SampleIngestJob.Result r =
        SampleIngestJob.run(
            ctx.spark(),
            cfg.samples(),
            ctx.key(),
            BinTable.load(cfg.bins()),
            PhoneSegments.load(cfg.phoneSegments()),
            cfg.limits(),
            java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1));
    try {
      long read = r.recordCount();
      long rejected = r.rejectedCount();
      long total = read + rejected;
      if (total > 0 && (double) rejected / total > cfg.maxRejectRate()) {
        throw new UserException(
            UserException.BAD_INPUT,
            String.format(
                Locale.ROOT,
                "stopped: %d of %d sample rows rejected (%.1f%% > limit %.1f%%); nothing was written",
                rejected,
                total,
                100.0 * rejected / total,
                100 * cfg.maxRejectRate()));
      }
      warehouse.mergeInsert(
          Table.BRONZE_SAMPLE_RECORDS, r.records().withColumn("ingest_run", lit(ctx.runId())));
      warehouse.mergeInsert(
          Table.QUARANTINE_SAMPLE_RECORDS,
          r.quarantine().withColumn("ingest_run", lit(ctx.runId())));
      warehouse.upsert(Table.BRONZE_SAMPLE_FILES, files(ctx.spark(), r.reports(), ctx.runId()));
      long failed = r.reports().stream().filter(x -> !x.ok()).count();
      return StageResult.builder()
          .count(Count.SAMPLE_FILES, r.reports().size())
          .count(Count.SAMPLE_FILES_FAILED, failed)
          .count(Count.SAMPLE_RECORDS_READ, read)
          .count(Count.SAMPLE_ROWS_REJECTED, rejected)
          .build();
    } finally {
      r.release();
    }
  }

  private static Dataset<Row> files(SparkSession spark, List<SampleReport> reports, String runId) {
    List<Row> rows = new ArrayList<>();
    for (SampleReport s : reports) {
      rows.add(
          RowFactory.create(
              s.sampleId(),
              s.path(),
              s.status(),
              s.reason(),
              s.detail(),
              s.recordsRead(),
              s.recordsRejected(),
              s.blankLines(),
              s.cards(),
              s.cardsLuhnValid(),
              s.cardsBinKnown(),
              s.phones(),
              s.phonesValid(),
              s.ids(),
              s.idsValid(),
              s.emails(),
              s.emailsValid()));
    }
    return spark
        .createDataFrame(rows, SampleIngestJob.REPORT_SCHEMA)
        .withColumn("ingest_run", lit(runId));
  }
}
