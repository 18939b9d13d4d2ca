package org.leakmarket.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.leakmarket.cli.UserException;
import org.leakmarket.config.LeakmarketConfig;
import org.leakmarket.exposure.ExposureStage;
import org.leakmarket.faults.PausePoints;
import org.leakmarket.ingest.ListingFiles;
import org.leakmarket.ingest.ListingIngest;
import org.leakmarket.ingest.SellerTokens;
import org.leakmarket.market.MarketStage;
import org.leakmarket.market.OfferDedup;
import org.leakmarket.market.Periods;
import org.leakmarket.normalize.NormalizerSettings;
import org.leakmarket.normalize.Offer;
import org.leakmarket.normalize.OfferGuard;
import org.leakmarket.normalize.OfferNormalizeJob;
import org.leakmarket.privacy.PseudonymKey;
import org.leakmarket.publish.PublishStage;
import org.leakmarket.reference.FxTable;
import org.leakmarket.warehouse.Table;
import org.leakmarket.warehouse.Warehouse;
import org.leakmarket.warehouse.WarehouseKey;
import org.leakmarket.warehouse.WarehouseLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline: read, pseudonymise/normalise, silver, aggregate, gold, publish. One Spark session
 * for all stages of a command; every run is recorded in {@code gold/runs}.
 */
public final class Pipeline {
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

  private final SparkSession spark;
  private final LeakmarketConfig cfg;
  private final Warehouse warehouse;
  private final RunRecorder recorder;
  private PseudonymKey key;

  Pipeline(SparkSession spark, LeakmarketConfig cfg, String runId) {
    this.spark = spark;
    this.cfg = cfg;
    this.warehouse = new Warehouse(spark, cfg.warehouse());
    this.recorder = new RunRecorder(warehouse, cfg, runId);
  }

  /**
   * Takes the warehouse's lock (one run at a time: a second run refuses at once), builds the
   * session, runs the stages in order, records the run, stops the session, releases the lock.
   */
  public static void runStages(LeakmarketConfig cfg, Stage... stages) {
    checkInputs(cfg, stages);
    LOG.info("config {}", cfg.describe());
    String runId = UUID.randomUUID().toString();
    String command =
        stages.length == Stage.values().length
            ? "run"
            : stages[0].name().toLowerCase(java.util.Locale.ROOT);
    try (WarehouseLock lock =
            WarehouseLock.acquire(
                cfg.warehouse().toAbsolutePath().normalize(),
                runId,
                command,
                java.time.Duration.ofMinutes(cfg.limits().lockStaleMinutes()),
                LOG::warn);
        SparkSessions.Handle h = SparkSessions.acquire("leakmarket", cfg.master())) {
      if (h.owned()) {
        SparkSessions.scaleShufflePartitions(h.spark(), inputBytes(cfg));
      }
      new Pipeline(h.spark(), cfg, runId).run(EnumSet.of(stages[0], stages), lock.tookOverFrom());
    }
  }

  /**
   * Bytes of the listings named, or, when none are, of the warehouse's bronze tables (a later
   * command on the same data). Sample files are left out: each is streamed by one task.
   */
  static long inputBytes(LeakmarketConfig cfg) {
    long n = 0;
    for (java.nio.file.Path p : cfg.listings()) {
      n += bytes(p);
    }
    return n > 0 ? n : bytes(cfg.warehouse().resolve("bronze"));
  }

  private static long bytes(java.nio.file.Path p) {
    if (!java.nio.file.Files.exists(p)) {
      return 0;
    }
    try (var files = java.nio.file.Files.walk(p)) {
      return files
          .filter(java.nio.file.Files::isRegularFile)
          .mapToLong(f -> f.toFile().length())
          .sum();
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      return 0; // only a sizing hint
    }
  }

  /**
   * Preconditions before any Spark work: every input named exists (exit 3, one line, otherwise).
   */
  static void checkInputs(LeakmarketConfig cfg, Stage... stages) {
    if (!List.of(stages).contains(Stage.INGEST)) {
      return;
    }
    if (cfg.listings().isEmpty() && cfg.samples() == null) {
      throw new UserException(
          UserException.USAGE, "ingest needs --listings PATH... and/or --samples MANIFEST");
    }
    for (java.nio.file.Path p : cfg.listings()) {
      if (!java.nio.file.Files.exists(p)) {
        throw new UserException(UserException.BAD_INPUT, "listings not found: " + p);
      }
    }
    if (cfg.samples() != null && !java.nio.file.Files.isRegularFile(cfg.samples())) {
      throw new UserException(
          UserException.BAD_INPUT, "sample manifest not found: " + cfg.samples());
    }
    for (java.nio.file.Path p :
        java.util.Arrays.asList(cfg.fx(), cfg.bins(), cfg.phoneSegments(), cfg.keyFile())) {
      if (p != null && !java.nio.file.Files.isRegularFile(p)) {
        throw new UserException(UserException.BAD_INPUT, "file not found: " + p);
      }
    }
  }

  /**
   * Runs the stages; the run's row in {@code gold/runs} is written first (running) and completed
   * last, and runs whose stale locks were taken over are marked interrupted.
   */
  void run(Set<Stage> stages, List<String> interruptedRuns) {
    recorder.started(stages);
    for (String other : interruptedRuns) {
      recorder.interrupted(other);
    }
    PausePoints.reach("run:started");
    String outcome = "failed";
    try {
      if (stages.contains(Stage.INGEST)) {
        PausePoints.reach("stage:ingest");
        ingest();
      }
      if (stages.contains(Stage.NORMALIZE)) {
        PausePoints.reach("stage:normalize");
        normalize();
      }
      if (stages.contains(Stage.ANALYZE)) {
        PausePoints.reach("stage:analyze");
        analyze();
      }
      if (stages.contains(Stage.PUBLISH)) {
        PausePoints.reach("stage:publish");
        publish();
      }
      PausePoints.reach("run:before-finished");
      outcome = "ok";
    } finally {
      recorder.record(stages, outcome);
    }
  }

  private void ingest() {
    if (!cfg.listings().isEmpty()) {
      // One pass over each file on the driver: hash, gzip integrity, lines too long to read.
      List<ListingFiles.Scan> scans = new java.util.ArrayList<>();
      for (java.nio.file.Path f : ListingFiles.expand(cfg.listings())) {
        ListingFiles.Scan scan = ListingFiles.scan(f, cfg.limits().maxLineBytes());
        recorder.inputHash(f.toString(), scan.sha256());
        scans.add(scan);
      }
      PausePoints.reach("ingest:scanned");
      try (StageLog s = StageLog.start(spark, "ingest")) {
        ListingIngest.Result r =
            new ListingIngest(spark, warehouse, new SellerTokens(key()))
                .run(scans, recorder.runId(), cfg.maxRejectRate(), cfg.limits().maxLineBytes());
        recorder.count("listings_read", r.read());
        recorder.count("listings_rejected_at_ingest", r.rejected());
        for (ListingIngest.FileCounts f : r.files().values()) {
          recorder.fileCounts(f);
          LOG.info(
              "listings file {}: lines={} blank={} read={} accepted={} quarantined={} {}",
              f.file(),
              f.lines(),
              f.blank(),
              f.read(),
              f.accepted(),
              f.quarantined(),
              f.byReason());
        }
        s.counts(
            String.format(
                "listings read=%d accepted=%d rejected=%d blank_lines=%d repeated_ids=%d %s",
                r.read(),
                r.accepted(),
                r.rejected(),
                r.blankLines(),
                r.repeatedIds(),
                r.rejectedByReason()));
      }
    }
    if (cfg.samples() != null) {
      PausePoints.reach("ingest:samples");
      recorder.hashInputs(List.of(cfg.samples()));
      try (StageLog s = StageLog.start(spark, "samples")) {
        s.counts(new SampleStage(spark, warehouse, cfg, key(), recorder).ingest());
      }
    }
  }

  /**
   * The pseudonymisation key, resolved once per run (created on first use) and checked against the
   * key that made the warehouse's tokens.
   */
  private PseudonymKey key() {
    if (key == null) {
      PseudonymKey k = PseudonymKey.resolve(cfg.keyFile(), cfg.warehouse());
      WarehouseKey.check(warehouse, k);
      key = k;
      recorder.keyFingerprint(key.fingerprint());
    }
    return key;
  }

  private void normalize() {
    if (!warehouse.exists(Table.BRONZE_LISTINGS)
        && !warehouse.exists(Table.BRONZE_SAMPLE_RECORDS)) {
      requireTable(Table.BRONZE_LISTINGS, "normalize");
    }
    if (warehouse.exists(Table.BRONZE_LISTINGS)) {
      normalizeListings();
    }
    if (warehouse.exists(Table.BRONZE_SAMPLE_RECORDS)) {
      try (StageLog s = StageLog.start(spark, "persons")) {
        s.counts(new SampleStage(spark, warehouse, cfg, null, recorder).link());
      }
    }
  }

  private void normalizeListings() {
    try (StageLog s = StageLog.start(spark, "normalize")) {
      FxTable fx = FxTable.load(cfg.fx(), cfg.fxMaxAgeDays());
      Dataset<Row> normalized =
          OfferNormalizeJob.normalize(
                  spark,
                  warehouse.read(Table.BRONZE_LISTINGS),
                  fx,
                  new NormalizerSettings(cfg.minPrice(), cfg.maxPrice()),
                  new OfferGuard(
                      cfg.limits().maxOffersPerListing(),
                      cfg.limits().maxAdvertChars(),
                      cfg.limits().earliestDate(),
                      java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1)))
              .persist(StorageLevel.MEMORY_AND_DISK());
      try {
        Dataset<Row> ok =
            OfferDedup.assign(
                normalized
                    .filter(col("status").equalTo(Offer.OK))
                    .withColumn("period", period(col("posted_date"), cfg.periodUnit())));
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
                    lit(recorder.runId()).as("ingest_run"));
        warehouse.upsert(Table.QUARANTINE_LISTINGS, rejected);
        long nOk = warehouse.read(Table.SILVER_OFFERS).count();
        long nRej = rejected.count();
        s.counts(String.format("offers=%d rejected_listings=%d", nOk, nRej));
      } finally {
        normalized.unpersist();
      }
    }
  }

  private void analyze() {
    requireTable(Table.SILVER_OFFERS, "analyze");
    try (StageLog s = StageLog.start(spark, "analyze")) {
      s.counts(new MarketStage(warehouse, cfg).run());
    }
    if (warehouse.exists(Table.SILVER_RECORDS)) {
      try (StageLog s = StageLog.start(spark, "exposure")) {
        s.counts(new ExposureStage(spark, warehouse, cfg).run());
      }
    }
  }

  private void publish() {
    requireTable(Table.GOLD_MARKET_CELLS, "publish");
    try (StageLog s = StageLog.start(spark, "publish")) {
      s.counts(
          new PublishStage(
                  spark, warehouse.root(), cfg, recorder.buildInputs(), recorder.fingerprint())
              .run());
    }
  }

  private void requireTable(Table t, String stage) {
    if (!warehouse.exists(t)) {
      throw new UserException(
          UserException.BAD_INPUT,
          stage
              + " needs "
              + t.path()
              + " under "
              + warehouse.root()
              + ": run the earlier stages first");
    }
  }

  /** The period label of a date: 2015-01, 2015-Q1 or 2015. */
  public static Column period(Column date, String unit) {
    return Periods.column(date, unit);
  }
}
