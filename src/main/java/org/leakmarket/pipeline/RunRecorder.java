package org.leakmarket.pipeline;

import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createMapType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.leakmarket.common.Version;
import org.leakmarket.config.LeakmarketConfig;
import org.leakmarket.stage.StageResult;
import org.leakmarket.warehouse.Table;
import org.leakmarket.warehouse.Warehouse;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Records one row per run in {@code gold/runs}: the command's stages, its outcome, the resolved
 * parameters, SHA-256 of every input file, counts, and the Delta version of every table written.
 * Input hashing streams each file once on the driver (no Spark job).
 *
 * <p>The row is written when the run starts ({@code outcome} {@value #RUNNING}, no {@code
 * finished_at}) and replaced when it ends ({@code ok} or {@code failed}), so a run killed half-way
 * stays visible as not finished; the next run on the warehouse, finding its stale lock, marks it
 * {@value #INTERRUPTED}.
 */
public final class RunRecorder {
  public static final StructType SCHEMA =
      createStructType(
          List.of(
              createStructField("run_id", StringType, false),
              createStructField("started_at", TimestampType, false),
              createStructField("finished_at", TimestampType, true),
              createStructField("stages", StringType, false),
              createStructField("outcome", StringType, false),
              createStructField("code_version", StringType, true),
              createStructField("parameters", StringType, true),
              createStructField("input_hashes", createMapType(StringType, StringType), true),
              createStructField("counts", createMapType(StringType, StringType), true),
              createStructField("versions_written", createMapType(StringType, StringType), true)));

  /** Outcome of a run that has started and not ended. */
  public static final String RUNNING = "running";

  /** Outcome of a run whose process died before it ended. */
  public static final String INTERRUPTED = "interrupted";

  private final Warehouse warehouse;
  private final LeakmarketConfig cfg;
  private final String runId;
  private final Instant started = Instant.now();
  private final Map<String, String> inputHashes = new TreeMap<>();
  private final Map<String, String> counts = new LinkedHashMap<>();

  RunRecorder(Warehouse warehouse, LeakmarketConfig cfg, String runId) {
    this.warehouse = warehouse;
    this.cfg = cfg;
    this.runId = runId;
  }

  public String runId() {
    return runId;
  }

  /** The fingerprint (never the key) of the pseudonymisation key used by this run. */
  public void keyFingerprint(String fingerprint) {
    counts.put("key_fingerprint", fingerprint);
  }

  /**
   * A stage's counts, by their {@code gold/runs} names, and the hashes of inputs it read itself.
   */
  public void counts(StageResult result) {
    counts.putAll(result.recordedCounts());
    inputHashes.putAll(result.inputHashes());
  }

  /** Further counts by their {@code gold/runs} names (the pipeline's work per stage). */
  public void counts(Map<String, String> more) {
    counts.putAll(more);
  }

  /** SHA-256 of each input file (each file of a folder). */
  public void hashInputs(List<Path> paths) {
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.walk(p)) {
          s.filter(Files::isRegularFile)
              .sorted()
              .forEach(f -> inputHashes.put(f.toString(), sha256(f)));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      } else if (Files.isRegularFile(p)) {
        inputHashes.put(p.toString(), sha256(p));
      }
    }
  }

  public String fingerprint() {
    return counts.get("key_fingerprint");
  }

  /**
   * SHA-256 of every input the warehouse was built from: the inputs of earlier successful runs
   * (from {@code gold/runs}) and of this one. Small: one map per run.
   */
  public Map<String, String> buildInputs() {
    Map<String, String> all = new TreeMap<>();
    if (warehouse.exists(Table.GOLD_RUNS)) {
      for (Row r :
          warehouse
              .read(Table.GOLD_RUNS)
              .filter("outcome = 'ok'")
              .select("input_hashes")
              .collectAsList()) {
        if (!r.isNullAt(0)) {
          all.putAll(CollectionConverters.asJava(r.<scala.collection.Map<String, String>>getAs(0)));
        }
      }
    }
    all.putAll(inputHashes);
    return all;
  }

  public static String sha256(Path f) {
    try (InputStream in =
        new DigestInputStream(Files.newInputStream(f), MessageDigest.getInstance("SHA-256"))) {
      byte[] buf = new byte[1 << 16];
      while (in.read(buf) >= 0) {
        // digesting
      }
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot hash " + f, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes the run's row with outcome {@value #RUNNING}, before any other table is written. */
  void started(Set<Phase> stages) {
    allowUnfinished();
    warehouse.upsert(Table.GOLD_RUNS, row(stages, RUNNING, null));
  }

  /** Marks a run whose lock was found stale (its process is gone) as interrupted. */
  void interrupted(String otherRunId) {
    if (!warehouse.exists(Table.GOLD_RUNS)) {
      return;
    }
    io.delta.tables.DeltaTable.forPath(warehouse.spark(), warehouse.location(Table.GOLD_RUNS))
        .update(
            org.apache
                .spark
                .sql
                .functions
                .col("run_id")
                .equalTo(otherRunId)
                .and(org.apache.spark.sql.functions.col("outcome").equalTo(RUNNING)),
            Map.of("outcome", org.apache.spark.sql.functions.lit(INTERRUPTED)));
  }

  /**
   * Tables made before runs were recorded at their start declare {@code finished_at} NOT NULL;
   * relaxed once, so a started row can be written.
   */
  private void allowUnfinished() {
    if (!warehouse.exists(Table.GOLD_RUNS)) {
      return;
    }
    org.apache.spark.sql.types.StructField f =
        warehouse.read(Table.GOLD_RUNS).schema().apply("finished_at");
    if (!f.nullable()) {
      io.delta.tables.DeltaTable.forPath(warehouse.spark(), warehouse.location(Table.GOLD_RUNS))
          .toDF()
          .sparkSession()
          .sql(
              "ALTER TABLE delta.`"
                  + warehouse.location(Table.GOLD_RUNS).replace("`", "``")
                  + "` ALTER COLUMN finished_at DROP NOT NULL");
    }
  }

  void record(Set<Phase> stages, String outcome) {
    warehouse.upsert(Table.GOLD_RUNS, row(stages, outcome, Instant.now()));
  }

  private org.apache.spark.sql.Dataset<Row> row(
      Set<Phase> stages, String outcome, Instant finished) {
    Map<String, String> versions = new TreeMap<>();
    warehouse.versionsWritten().forEach((k, v) -> versions.put(k, Long.toString(v)));
    String params;
    try {
      params = new ObjectMapper().writeValueAsString(cfg.describe());
    } catch (JsonProcessingException e) {
      params = cfg.describe().toString();
    }
    Row row =
        RowFactory.create(
            runId,
            Timestamp.from(started),
            finished == null ? null : Timestamp.from(finished),
            stages.toString(),
            outcome,
            Version.get(),
            params,
            CollectionConverters.asScala(inputHashes),
            CollectionConverters.asScala(counts),
            CollectionConverters.asScala(versions));
    return warehouse.spark().createDataFrame(List.of(row), SCHEMA);
  }
}
