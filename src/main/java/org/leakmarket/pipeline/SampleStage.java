package org.leakmarket.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.leakmarket.cli.UserException;
import org.leakmarket.config.LeakmarketConfig;
import org.leakmarket.exposure.Persons;
import org.leakmarket.ingest.samples.SampleIngestJob;
import org.leakmarket.ingest.samples.SampleReport;
import org.leakmarket.privacy.PseudonymKey;
import org.leakmarket.reference.BinTable;
import org.leakmarket.reference.PhoneSegments;
import org.leakmarket.warehouse.Table;
import org.leakmarket.warehouse.Warehouse;

/**
 * The leak-sample side of ingest and normalise: sample files to pseudonymised {@code
 * bronze/sample_records} (and masked quarantine rows, and one {@code bronze/sample_files} row per
 * file), then persons linked across every sample into {@code silver/records}.
 */
final class SampleStage {
  private final SparkSession spark;
  private final Warehouse warehouse;
  private final LeakmarketConfig cfg;
  private final PseudonymKey key;
  private final RunRecorder recorder;

  SampleStage(
      SparkSession spark,
      Warehouse warehouse,
      LeakmarketConfig cfg,
      PseudonymKey key,
      RunRecorder recorder) {
    this.spark = spark;
    this.warehouse = warehouse;
    this.cfg = cfg;
    this.key = key;
    this.recorder = recorder;
  }

  String ingest() {
    SampleIngestJob.Result r =
        SampleIngestJob.run(
            spark,
            cfg.samples(),
            key,
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
          Table.BRONZE_SAMPLE_RECORDS, r.records().withColumn("ingest_run", lit(recorder.runId())));
      warehouse.mergeInsert(
          Table.QUARANTINE_SAMPLE_RECORDS,
          r.quarantine().withColumn("ingest_run", lit(recorder.runId())));
      warehouse.upsert(Table.BRONZE_SAMPLE_FILES, files(r.reports()));
      long failed = r.reports().stream().filter(x -> !x.ok()).count();
      recorder.count("sample_records_read", read);
      recorder.count("sample_rows_rejected", rejected);
      recorder.count("sample_files_failed", failed);
      return String.format(
          "samples=%d failed=%d records=%d rejected_rows=%d",
          r.reports().size(), failed, read, rejected);
    } finally {
      r.release();
    }
  }

  /**
   * Links persons across all samples ingested so far; person ids follow the tokens, not the batch.
   */
  String link() {
    Dataset<Row> linked = Persons.link(warehouse.read(Table.BRONZE_SAMPLE_RECORDS));
    warehouse.upsert(Table.SILVER_RECORDS, linked);
    Dataset<Row> silver = warehouse.read(Table.SILVER_RECORDS);
    return String.format(
        "records=%d persons=%d",
        silver.count(), silver.select(col("person_id")).distinct().count());
  }

  private Dataset<Row> files(List<SampleReport> reports) {
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
        .withColumn("ingest_run", lit(recorder.runId()));
  }
}
