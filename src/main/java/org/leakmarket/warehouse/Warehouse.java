package org.leakmarket.warehouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.tables.DeltaTable;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes the Delta tables of one warehouse folder. Appends are idempotent MERGEs on
 * {@link Table#mergeKeys()}; gold aggregates are overwritten whole. Every write records the version
 * it produced, so a run can pin what it wrote ({@link #versionsWritten()}).
 *
 * <p>Cost: a merge is a join of the incoming rows with the table (one shuffle, or a broadcast when
 * the incoming side is small); an overwrite is one write job.
 */
public final class Warehouse {
  /** Reads commit files' JSON lines (thread-safe once configured). */
  private static final ObjectMapper COMMIT_JSON = new ObjectMapper();

  private static final Logger LOG = LoggerFactory.getLogger(Warehouse.class);

  private final SparkSession spark;
  private final Path root;
  private final Map<String, Long> versionsWritten = new LinkedHashMap<>();
  private final Map<String, Long> versionsRead = new LinkedHashMap<>();
  private final Map<String, Long> versionBeforeMerge = new LinkedHashMap<>();
  private final Map<String, Long> pinned;

  public Warehouse(SparkSession spark, Path root) {
    this(spark, root, Map.of());
  }

  /**
   * @param pinned table path to Delta version: reads of these tables time-travel to that version
   *     (used by {@code reproduce} and revisions)
   */
  public Warehouse(SparkSession spark, Path root, Map<String, Long> pinned) {
    this.spark = spark;
    this.root = root.toAbsolutePath().normalize();
    this.pinned = Map.copyOf(pinned);
  }

  public Path root() {
    return root;
  }

  public SparkSession spark() {
    return spark;
  }

  public String location(Table t) {
    return root.resolve(t.path()).toString();
  }

  public boolean exists(Table t) {
    return DeltaTable.isDeltaTable(spark, location(t));
  }

  /** The table at its pinned version, or its latest; records the version read. */
  public Dataset<Row> read(Table t) {
    Long v = pinned.get(t.path());
    long version =
        v != null
            ? v
            : latestVersion(t)
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            "table " + t.path() + " does not exist under " + root));
    versionsRead.put(t.path(), version);
    return spark.read().format("delta").option("versionAsOf", version).load(location(t));
  }

  /** The table at a given version (Delta time travel). */
  public Dataset<Row> readVersion(Table t, long version) {
    return spark.read().format("delta").option("versionAsOf", version).load(location(t));
  }

  public OptionalLong latestVersion(Table t) {
    if (!exists(t)) {
      return OptionalLong.empty();
    }
    // The newest commit file in _delta_log names the version: a listing, not a Spark job.
    org.apache.hadoop.fs.Path log = new org.apache.hadoop.fs.Path(location(t), "_delta_log");
    try {
      org.apache.hadoop.fs.FileSystem fs =
          log.getFileSystem(spark.sparkContext().hadoopConfiguration());
      long max = -1;
      for (org.apache.hadoop.fs.FileStatus st : fs.listStatus(log)) {
        String n = st.getPath().getName();
        if (n.matches("\\d{20}\\.json")) {
          max = Math.max(max, Long.parseLong(n.substring(0, 20)));
        }
      }
      return max < 0 ? OptionalLong.empty() : OptionalLong.of(max);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot list " + log, e);
    }
  }

  /**
   * Inserts the rows whose merge keys are not yet in the table; rows already present are left as
   * they are, so re-ingesting the same input adds nothing. Creates the table on first use.
   */
  public void mergeInsert(Table t, Dataset<Row> rows) {
    merge(t, rows, false);
  }

  /** Like {@link #mergeInsert} but rows already present are replaced by the incoming ones. */
  public void upsert(Table t, Dataset<Row> rows) {
    merge(t, rows, true);
  }

  private void merge(Table t, Dataset<Row> rows, boolean update) {
    List<String> keys = t.mergeKeys();
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("table " + t.path() + " has no merge keys; overwrite it");
    }
    versionBeforeMerge.put(t.path(), latestVersion(t).orElse(-1));
    if (!exists(t)) {
      rows.write().format("delta").mode(SaveMode.ErrorIfExists).save(location(t));
    } else {
      String cond =
          keys.stream()
              .map(k -> "t.`" + k + "` <=> s.`" + k + "`")
              .collect(Collectors.joining(" AND "));
      var builder = DeltaTable.forPath(spark, location(t)).as("t").merge(rows.as("s"), cond);
      if (update) {
        builder = builder.whenMatched().updateAll();
      }
      builder.whenNotMatched().insertAll().execute();
    }
    recordWrite(t);
  }

  /** Replaces the table's content (gold aggregates); the schema may change between runs. */
  public void overwrite(Table t, Dataset<Row> rows) {
    rows.write()
        .format("delta")
        .mode(SaveMode.Overwrite)
        .option("overwriteSchema", "true")
        .save(location(t));
    recordWrite(t);
  }

  /** Appends rows (the run log). */
  public void append(Table t, Dataset<Row> rows) {
    rows.write()
        .format("delta")
        .mode(SaveMode.Append)
        .option("mergeSchema", "true")
        .save(location(t));
    recordWrite(t);
  }

  private void recordWrite(Table t) {
    long v = latestVersion(t).orElse(-1);
    versionsWritten.put(t.path(), v);
    LOG.debug("wrote {} version {}", t.path(), v);
  }

  /**
   * The number of rows the last commit to {@code t} wrote, from Delta's commit metrics ({@code
   * operationMetrics.numOutputRows} of a write): what a stage logs after overwriting a table,
   * without a Spark job to count the table again. Reads the newest commit file only (the history is
   * a local relation); -1 when the commit recorded no such metric.
   */
  public long rowsWritten(Table t) {
    return lastCommitMetric(t, "numOutputRows");
  }

  /**
   * The rows given to the last {@link #mergeInsert}/{@link #upsert} of {@code t}: a MERGE's {@code
   * numSourceRows}, or, when that call created the table, the write's {@code numOutputRows}. The
   * number a stage would otherwise count with a second Spark job over the merged rows; 0 when that
   * merge made no commit; -1 when the commit recorded neither metric.
   *
   * @throws IllegalStateException if this warehouse object has not merged into {@code t}
   */
  public long rowsMerged(Table t) {
    Long before = versionBeforeMerge.get(t.path());
    if (before == null) {
      throw new IllegalStateException("no merge into " + t.path() + " by this process");
    }
    if (latestVersion(t).orElse(-1) == before) {
      return 0; // no new version, so no commit metrics: nothing was merged
    }
    return lastCommitMetric(t, "numSourceRows", "numOutputRows");
  }

  /**
   * The first of {@code metrics} that the newest commit of {@code t} recorded in its {@code
   * operationMetrics}, or -1. Reads the newest commit file itself (its {@code commitInfo} action,
   * one JSON line): {@code DeltaTable.forPath(...).history(1)} cost a Spark job per call to load
   * the table's snapshot.
   */
  long lastCommitMetric(Table t, String... metrics) {
    OptionalLong version = latestVersion(t);
    if (version.isEmpty()) {
      return -1;
    }
    org.apache.hadoop.fs.Path commit =
        new org.apache.hadoop.fs.Path(
            new org.apache.hadoop.fs.Path(location(t), "_delta_log"),
            String.format("%020d.json", version.getAsLong()));
    try {
      FileSystem fs = commit.getFileSystem(spark.sparkContext().hadoopConfiguration());
      try (BufferedReader in =
          new BufferedReader(new InputStreamReader(fs.open(commit), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          JsonNode m = COMMIT_JSON.readTree(line).path("commitInfo").path("operationMetrics");
          if (m.isMissingNode() || m.isNull()) {
            continue;
          }
          for (String name : metrics) {
            JsonNode v = m.get(name);
            if (v != null && !v.isNull()) {
              return Long.parseLong(v.asText());
            }
          }
          return -1;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + commit, e);
    }
    return -1;
  }

  /** Table path to the version this process last wrote. */
  public Map<String, Long> versionsWritten() {
    return Map.copyOf(versionsWritten);
  }

  /** Table path to the version this process last read. */
  public Map<String, Long> versionsRead() {
    return Map.copyOf(versionsRead);
  }
}
