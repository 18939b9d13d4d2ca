package org.leakmarket.market;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Scaling measurement of {@link CopyGroups} (a measurement, not a test: surefire does not run it;
 * its correctness check is {@link CopyGroupsExactTest}, which surefire runs). Times {@code
 * pairs(...)} written out as a count and {@code groups(...)} on the test's template-like adverts
 * for each size given. Run after {@code ./mvnw -o -q test-compile} with the test classpath: {@code
 * java $OPENS -cp target/classes:target/test-classes:$CP org.leakmarket.market.CopyGroupsScaling
 * 10000 40000 exact=3000}. Prints one line per size; {@code exact=n} prints the test's comparison
 * with the brute-force exact groups at n adverts.
 */
public final class CopyGroupsScaling {

  private CopyGroupsScaling() {}

  public static void main(String[] args) {
    SparkSession spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("CopyGroupsScaling")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "4")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    try {
      // warm-up: code generation and class loading would otherwise be charged to the first size
      CopyGroups.pairs(
              spark.createDataFrame(
                  CopyGroupsExactTest.adverts(2000, 1L), CopyGroupsExactTest.SCHEMA),
              CopyGroups.DEFAULT_MAX_DISTANCE,
              1L)
          .count();
      for (String a : args) {
        if (a.startsWith("exact=")) {
          System.out.println(
              CopyGroupsExactTest.compare(spark, Integer.parseInt(a.substring(6)), 42L));
          continue;
        }
        int n = Integer.parseInt(a);
        Dataset<Row> in =
            spark
                .createDataFrame(CopyGroupsExactTest.adverts(n, 42L), CopyGroupsExactTest.SCHEMA)
                .repartition(4)
                .cache();
        in.count();
        long t0 = System.nanoTime();
        Dataset<Row> pairs =
            CopyGroups.pairs(in, CopyGroups.DEFAULT_MAX_DISTANCE, 42L).localCheckpoint();
        long edges = pairs.count();
        long t1 = System.nanoTime();
        long groups = CopyGroups.groups(pairs).count();
        long t2 = System.nanoTime();
        System.out.printf(
            "n=%d edges=%d groups=%d pairs_s=%.1f groups_s=%.1f total_s=%.1f%n",
            n, edges, groups, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t2 - t0) / 1e9);
        in.unpersist();
      }
    } finally {
      spark.stop();
    }
  }
}
