package org.leakmarket.pipeline;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.leakmarket.faults.PausePoints;
import org.leakmarket.faults.PausingLogStore;

/**
 * Builds the one SparkSession of a run. The master is never hard-coded: spark-submit sets {@code
 * spark.master}; the launcher passes {@code --master}; with neither, {@code local[*]}. Delta's
 * extension and catalog are always configured, and the session time zone is UTC so periods and
 * timestamps do not depend on the machine.
 */
public final class SparkSessions {

  private SparkSessions() {}

  /** A session and whether this process created it (and so must stop it). */
  public record Handle(SparkSession spark, boolean owned) implements AutoCloseable {
    @Override
    public void close() {
      if (owned) {
        spark.stop();
      }
    }
  }

  /**
   * The session already running in this JVM (a test's, a notebook's), left running afterwards, or a
   * new one that the caller stops by closing the handle.
   */
  public static Handle acquire(String appName, String master) {
    scala.Option<SparkSession> active = SparkSession.getDefaultSession();
    if (active.isDefined() && !active.get().sparkContext().isStopped()) {
      return new Handle(active.get(), false);
    }
    return new Handle(create(appName, master), true);
  }

  /**
   * Shuffle partitions of a local session for inputs up to {@link #BYTES_PER_PARTITION} times as
   * many bytes.
   */
  static final int MIN_LOCAL_SHUFFLE_PARTITIONS = 8;

  /** Input bytes per shuffle partition when a local session's count is scaled to the input. */
  static final long BYTES_PER_PARTITION = 32L << 20;

  private static final String SCALE_PARTITIONS = "spark.leakmarket.scaleShufflePartitions";

  /** Objects a Java serialization stream writes before it forgets them (Spark's default 100). */
  static final String OBJECT_STREAM_RESET = "spark.serializer.objectStreamReset";

  /**
   * A local session's shuffle partitions for {@code inputBytes} of input: 8 up to 256 MiB (a
   * laptop's inputs: more partitions would be pure overhead), then one per 32 MiB, at most 2000.
   * Measured: at 10^7 listings (2.1 GB) the 8 partitions of 270 MB each, cached by ingest, ran a 4
   * GB driver out of heap. Above 256 MiB file splits are cut to 32 MiB too. Leaves a count the user
   * set (spark-submit --conf, a test's session) alone.
   */
  public static void scaleShufflePartitions(SparkSession spark, long inputBytes) {
    if (!"true".equals(spark.conf().get(SCALE_PARTITIONS, "false"))) {
      return;
    }
    int n = shufflePartitionsFor(inputBytes);
    spark.conf().set("spark.sql.shuffle.partitions", Integer.toString(n));
    if (n > MIN_LOCAL_SHUFFLE_PARTITIONS
        && !spark.sparkContext().getConf().contains("spark.sql.files.maxPartitionBytes")) {
      // and file reads in splits of the same size: at 10^7 listings, 128 MB splits of bronze
      // became 400 MB cached blocks in normalize, two at a time, and ran 4 GB out of heap
      spark.conf().set("spark.sql.files.maxPartitionBytes", Long.toString(BYTES_PER_PARTITION));
    }
  }

  static int shufflePartitionsFor(long inputBytes) {
    long n = (Math.max(0, inputBytes) + BYTES_PER_PARTITION - 1) / BYTES_PER_PARTITION;
    return (int) Math.max(MIN_LOCAL_SHUFFLE_PARTITIONS, Math.min(2000, n));
  }

  public static SparkSession create(String appName, String master) {
    return SparkSession.builder().config(conf(appName, master)).getOrCreate();
  }

  /** The configuration {@link #create} starts a session with (spark.* system properties first). */
  static SparkConf conf(String appName, String master) {
    SparkConf conf = new SparkConf();
    boolean local;
    if (master != null && !master.isBlank()) {
      conf.setMaster(master);
      local = master.startsWith("local");
    } else if (!conf.contains("spark.master")) {
      conf.setMaster("local[*]");
      local = true;
    } else {
      local = conf.get("spark.master").startsWith("local");
    }
    if (PausePoints.active() && !conf.contains("spark.delta.logStore.file.impl")) {
      // a pause point before every Delta commit, for the crash and concurrency tests
      conf.set("spark.delta.logStore.file.impl", PausingLogStore.class.getName());
    }
    conf.setAppName(appName)
        .set("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .set("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .set("spark.sql.session.timeZone", "UTC")
        .set("spark.databricks.delta.snapshotPartitions", "2")
        .set("spark.sql.sources.parallelPartitionDiscovery.parallelism", "4");
    // the pipeline prints its own progress lines (ProgressLines); Spark's bar would garble them
    setIfAbsent(conf, "spark.ui.showConsoleProgress", "false");
    // Persisted Dataset blocks are written with Java serialization, whose stream keeps every
    // object written (for back-references) until it is reset, by default every 100 objects. The
    // objects are column batches of 10,000 rows each, so a task held its whole partition's
    // batches in the heap even at DISK_ONLY: at 10^6 listings normalize ran a 700 MB heap out.
    // Reset after each batch: a task then holds the batch it is building and writing.
    setIfAbsent(conf, OBJECT_STREAM_RESET, "1");
    if (local) {
      // A laptop run handles thousands to millions of rows: 200 shuffle partitions is pure
      // overhead.
      if (!conf.contains("spark.sql.shuffle.partitions")) {
        conf.set("spark.sql.shuffle.partitions", Integer.toString(MIN_LOCAL_SHUFFLE_PARTITIONS));
        conf.set(SCALE_PARTITIONS, "true"); // ours to scale with the input (scaleShufflePartitions)
      }
      setIfAbsent(conf, "spark.ui.enabled", "false");
      setIfAbsent(conf, "spark.driver.host", "127.0.0.1");
    }
    return conf;
  }

  private static void setIfAbsent(SparkConf conf, String key, String value) {
    if (!conf.contains(key)) {
      conf.set(key, value);
    }
  }
}
