package org.leakmarket.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import org.leakmarket.common.UserException;
import org.leakmarket.config.LeakmarketConfig;
import org.leakmarket.exposure.ExposureStage;
import org.leakmarket.exposure.PersonsStage;
import org.leakmarket.faults.PausePoints;
import org.leakmarket.ingest.IngestStage;
import org.leakmarket.ingest.samples.SampleStage;
import org.leakmarket.market.MarketStage;
import org.leakmarket.normalize.spark.NormalizeStage;
import org.leakmarket.privacy.PseudonymKey;
import org.leakmarket.publish.PublishStage;
import org.leakmarket.stage.Stage;
import org.leakmarket.stage.StageContext;
import org.leakmarket.stage.StageResult;
import org.leakmarket.warehouse.Warehouse;
import org.leakmarket.warehouse.WarehouseKey;
import org.leakmarket.warehouse.WarehouseLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline: read, pseudonymise/normalise, silver, aggregate, gold, publish. The loop over the
 * stages of the phases a command asks for: each stage that {@linkplain Stage#applies applies} is
 * timed and logged in one line from its typed counts ({@link StageLog}), and its counts are
 * recorded with the run in {@code gold/runs} ({@link RunRecorder}), whatever the outcome. One Spark
 * session for all stages of a command.
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

  /** {@link #run(LeakmarketConfig, boolean, Phase...)} with progress lines. */
  public static void run(LeakmarketConfig cfg, Phase... phases) {
    run(cfg, true, phases);
  }

  /**
   * Takes the warehouse's lock (one run at a time: a second run refuses at once), builds the
   * session, runs the phases' stages in order, records the run, stops the session, releases the
   * lock.
   *
   * @param progress whether stages running longer than 10 s print progress lines ({@code --quiet}
   *     turns them off)
   */
  public static void run(LeakmarketConfig cfg, boolean progress, Phase... phases) {
    checkInputs(cfg, phases);
    LOG.info("config {}", cfg.describe());
    String runId = UUID.randomUUID().toString();
    String command =
        phases.length == Phase.values().length
            ? "run"
            : phases[0].name().toLowerCase(java.util.Locale.ROOT);
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
      new Pipeline(h.spark(), cfg, runId)
          .run(EnumSet.copyOf(Arrays.asList(phases)), progress, lock.tookOverFrom());
    }
  }

  /** The stages of a phase, in the order they run. */
  static List<Stage> stagesOf(Phase phase) {
    return switch (phase) {
      case INGEST -> List.of(new IngestStage(), new SampleStage());
      case NORMALIZE -> List.of(new NormalizeStage(), new PersonsStage());
      case ANALYZE -> List.of(new MarketStage(), new ExposureStage());
      case PUBLISH -> List.of(new PublishStage());
    };
  }

  /**
   * Runs the phases' stages; the run's row in {@code gold/runs} is written first (running) and
   * completed last, and runs whose stale locks were taken over are marked interrupted. Each stage
   * start is a {@link PausePoints} point ({@code stage:<name>}) for the crash tests.
   */
  void run(Set<Phase> phases, boolean showProgress, List<String> interruptedRuns) {
    recorder.started(phases);
    for (String other : interruptedRuns) {
      recorder.interrupted(other);
    }
    PausePoints.reach("run:started");
    String outcome = "failed";
    StageContext ctx = new RunContext();
    WorkListener listener = new WorkListener();
    SparkContext sc = spark.sparkContext();
    sc.addSparkListener(listener);
    try (ProgressLines progress = showProgress ? ProgressLines.start(listener) : null) {
      for (Phase phase : phases) {
        for (Stage stage : stagesOf(phase)) {
          if (stage.applies(ctx)) {
            PausePoints.reach("stage:" + stage.name());
            recorder.hashInputs(stage.inputs(cfg));
            runStage(stage, ctx, listener, progress);
          }
        }
      }
      PausePoints.reach("run:before-finished");
      outcome = "ok";
    } finally {
      try {
        recorder.record(phases, outcome);
      } finally {
        sc.removeSparkListener(listener);
      }
    }
  }

  /**
   * Runs one stage, its jobs tagged with its name, and logs and records its counts and its work
   * (also when it fails: the work done until then).
   */
  private void runStage(
      Stage stage, StageContext ctx, WorkListener listener, ProgressLines progress) {
    SparkContext sc = spark.sparkContext();
    DeltaCommits commits = DeltaCommits.start(warehouse);
    listener.current(stage.name());
    sc.setLocalProperty(WorkListener.STAGE_PROPERTY, stage.name());
    if (progress != null) {
      progress.stageStarted(stage.name());
    }
    StageResult result = null;
    try (StageLog log = StageLog.start(spark, stage.name())) {
      try {
        result = stage.run(ctx);
      } finally {
        if (progress != null) {
          progress.stageEnded();
        }
        sc.setLocalProperty(WorkListener.STAGE_PROPERTY, null);
        WorkListener.settle(sc, SETTLE_MILLIS);
        listener.current(null);
        Work work = listener.work(stage.name()).withDeltaCommits(commits.total());
        LOG.debug("{}: Delta commits by table {}", stage.name(), commits.byTable());
        log.counts(result == null ? work.logLine() : result.logLine() + " " + work.logLine());
        recorder.counts(work.recordedCounts(stage.name()));
      }
    }
    recorder.counts(result);
  }

  /** How long a stage's end waits for Spark to deliver its last listener events. */
  private static final long SETTLE_MILLIS = 10_000;

  /** What the stages see of this run. */
  private final class RunContext implements StageContext {
    @Override
    public SparkSession spark() {
      return spark;
    }

    @Override
    public Warehouse warehouse() {
      return warehouse;
    }

    @Override
    public LeakmarketConfig cfg() {
      return cfg;
    }

    @Override
    public String runId() {
      return recorder.runId();
    }

    @Override
    public PseudonymKey key() {
      if (key == null) {
        // checked against the key that made the warehouse's tokens before any use
        PseudonymKey k = PseudonymKey.resolve(cfg.keyFile(), cfg.warehouse());
        WarehouseKey.check(warehouse, k);
        key = k;
        recorder.keyFingerprint(key.fingerprint());
      }
      return key;
    }

    @Override
    public String keyFingerprint() {
      return recorder.fingerprint();
    }

    @Override
    public Map<String, String> buildInputs() {
      return recorder.buildInputs();
    }
  }

  /**
   * Bytes of the listings named, or, when none are, of the warehouse's bronze tables (a later
   * command on the same data). Sample files are left out: each is streamed by one task.
   */
  static long inputBytes(LeakmarketConfig cfg) {
    long n = 0;
    for (Path p : cfg.listings()) {
      n += bytes(p);
    }
    return n > 0 ? n : bytes(cfg.warehouse().resolve("bronze"));
  }

  private static long bytes(Path p) {
    if (!Files.exists(p)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(p)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    } catch (IOException | UncheckedIOException e) {
      return 0; // only a sizing hint
    }
  }

  /**
   * Preconditions before any Spark work: every input named exists (exit 3, one line, otherwise).
   */
  static void checkInputs(LeakmarketConfig cfg, Phase... phases) {
    if (!List.of(phases).contains(Phase.INGEST)) {
      return;
    }
    if (cfg.listings().isEmpty() && cfg.samples() == null) {
      throw new UserException(
          UserException.USAGE, "ingest needs --listings PATH... and/or --samples MANIFEST");
    }
    for (Path p : cfg.listings()) {
      if (!Files.exists(p)) {
        throw new UserException(UserException.BAD_INPUT, "listings not found: " + p);
      }
    }
    if (cfg.samples() != null && !Files.isRegularFile(cfg.samples())) {
      throw new UserException(
          UserException.BAD_INPUT, "sample manifest not found: " + cfg.samples());
    }
    for (Path p : Arrays.asList(cfg.fx(), cfg.bins(), cfg.phoneSegments(), cfg.keyFile())) {
      if (p != null && !Files.isRegularFile(p)) {
        throw new UserException(UserException.BAD_INPUT, "file not found: " + p);
      }
    }
  }
}
