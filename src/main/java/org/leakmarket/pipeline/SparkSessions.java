package org.leakmarket.pipeline;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the one SparkSession of a run. The master is never hard-coded: spark-submit sets
 * {@code spark.master}; the launcher passes {@code --master}; with neither, {@code local[*]}.
 * Delta's extension and catalog are always configured, and the session time zone is UTC so
 * periods and timestamps do not depend on the machine.
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
   * The session already running in this JVM (a test's, a notebook's), left running afterwards,
   * or a new one that the caller stops by closing the handle.
   */
  public static Handle acquire(String appName, String master) {
    scala.Option<SparkSession> active = SparkSession.getDefaultSession();
    if (active.isDefined() && !active.get().sparkContext().isStopped()) {
      return new Handle(active.get(), false);
    }
    return new Handle(create(appName, master), true);
  }

  public static SparkSession create(String appName, String master) {
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
    conf.setAppName(appName)
        .set("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .set("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .set("spark.sql.session.timeZone", "UTC")
        .set("spark.databricks.delta.snapshotPartitions", "2")
        .set("spark.sql.sources.parallelPartitionDiscovery.parallelism", "4");
    if (local) {
      // A laptop run handles thousands to millions of rows: 200 shuffle partitions is pure overhead.
      setIfAbsent(conf, "spark.sql.shuffle.partitions", "8");
      setIfAbsent(conf, "spark.ui.enabled", "false");
      setIfAbsent(conf, "spark.driver.host", "127.0.0.1");
    }
    return SparkSession.builder().config(conf).getOrCreate();
  }

  private static void setIfAbsent(SparkConf conf, String key, String value) {
    if (!conf.contains(key)) {
      conf.set(key, value);
    }
  }
}
