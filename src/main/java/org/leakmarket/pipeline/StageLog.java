package org.leakmarket.pipeline;

import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One short line per stage with its row counts and wall time, and a Spark job description so the
 * Spark UI reads like the pipeline. Use with try-with-resources.
 */
public final class StageLog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("org.leakmarket.stage");

  private final SparkSession spark;
  private final String stage;
  private final long start = System.nanoTime();
  private String counts = "";

  private StageLog(SparkSession spark, String stage) {
    this.spark = spark;
    this.stage = stage;
    if (spark != null) {
      spark.sparkContext().setJobDescription("leakmarket " + stage);
    }
  }

  public static StageLog start(SparkSession spark, String stage) {
    return new StageLog(spark, stage);
  }

  /** Counts to print when the stage ends, e.g. {@code "listings=412 offers=530 rejected=17"}. */
  public void counts(String counts) {
    this.counts = counts;
  }

  @Override
  public void close() {
    double secs = (System.nanoTime() - start) / 1e9;
    LOG.info("{} {} in {}s", String.format("%-10s", stage), counts, String.format("%.1f", secs));
    if (spark != null) {
      spark.sparkContext().setJobDescription(null);
    }
  }
}
