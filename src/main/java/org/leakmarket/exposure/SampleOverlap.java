package org.leakmarket.exposure;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.leakmarket.warehouse.gold.GoldRows;

/**
 * {@code gold/sample_overlap}: every pair of samples with the persons they share, their Jaccard
 * index and the containment of each in the other. Pairs sharing nobody are listed with zeros, so
 * the matrix is complete. Cost: a self-join of distinct (sample, person) on person, and the matrix
 * of sample pairs on the driver (samples x samples, tiny).
 */
public final class SampleOverlap {
  private SampleOverlap() {}

  /** The table's columns (all nullable, as Delta stores them). */
  static final StructType SCHEMA =
      createStructType(
          List.of(
              createStructField("sample_a", StringType, true),
              createStructField("sample_b", StringType, true),
              createStructField("persons_a", LongType, true),
              createStructField("persons_b", LongType, true),
              createStructField("shared_persons", LongType, true),
              createStructField("jaccard", DoubleType, true),
              createStructField("containment_a_in_b", DoubleType, true),
              createStructField("containment_b_in_a", DoubleType, true)));

  /**
   * Two aggregations in Spark, collected (both bounded: one row per sample, one per pair of samples
   * sharing someone), and the complete matrix of pairs built on the driver, ordered by (sample_a,
   * sample_b): the same rows as the self-join, cross-join, outer join and global sort in Spark, at
   * a handful of jobs instead of one per query stage of that plan.
   */
  public static Dataset<Row> compute(Dataset<Row> records) {
    Dataset<Row> sp = records.select("sample_id", "person_id").distinct();
    List<Row> sizes =
        GoldRows.sorted(
            sp.groupBy("sample_id").agg(count(lit(1)).as("persons")).collectAsList(), "sample_id");
    Map<List<String>, Long> shared = new HashMap<>();
    for (Row r :
        sp.as("a")
            .join(
                sp.as("b"),
                col("a.person_id")
                    .equalTo(col("b.person_id"))
                    .and(col("a.sample_id").lt(col("b.sample_id"))))
            .groupBy(col("a.sample_id").as("sample_a"), col("b.sample_id").as("sample_b"))
            .agg(count(lit(1)).as("shared_persons"))
            .collectAsList()) {
      shared.put(Arrays.asList(r.getString(0), r.getString(1)), r.getLong(2));
    }
    List<Row> out = new ArrayList<>();
    for (Row x : sizes) {
      for (Row y : sizes) {
        // as filter(x.sample_id < y.sample_id): a null sample id pairs with nothing
        if (x.isNullAt(0)
            || y.isNullAt(0)
            || GoldRows.compareValues(x.getString(0), y.getString(0)) >= 0) {
          continue;
        }
        long a = x.getLong(1);
        long b = y.getLong(1);
        long s = shared.getOrDefault(Arrays.asList(x.getString(0), y.getString(0)), 0L);
        // Spark divides two longs as doubles; a and b are at least 1, so no division by zero
        out.add(
            RowFactory.create(
                x.getString(0),
                y.getString(0),
                a,
                b,
                s,
                (double) s / (double) (a + b - s),
                (double) s / (double) a,
                (double) s / (double) b));
      }
    }
    return records.sparkSession().createDataFrame(out, SCHEMA);
  }
}
