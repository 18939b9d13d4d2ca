package org.leakmarket.exposure;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code gold/sample_overlap}: every pair of samples with the persons they share, their Jaccard
 * index and the containment of each in the other. Pairs sharing nobody are listed with zeros, so
 * the matrix is complete. Cost: a self-join of distinct (sample, person) on person; the sample
 * cross-join is tiny (samples x samples).
 */
public final class SampleOverlap {
  private SampleOverlap() {}

  public static Dataset<Row> compute(Dataset<Row> records) {
    Dataset<Row> sp = records.select("sample_id", "person_id").distinct();
    Dataset<Row> sizes = sp.groupBy("sample_id").agg(count(lit(1)).as("persons"));
    Dataset<Row> shared =
        sp.as("a")
            .join(
                sp.as("b"),
                col("a.person_id")
                    .equalTo(col("b.person_id"))
                    .and(col("a.sample_id").lt(col("b.sample_id"))))
            .groupBy(col("a.sample_id").as("sample_a"), col("b.sample_id").as("sample_b"))
            .agg(count(lit(1)).as("shared_persons"));
    Dataset<Row> pairs =
        sizes
            .as("x")
            .crossJoin(sizes.as("y"))
            .filter(col("x.sample_id").lt(col("y.sample_id")))
            .select(
                col("x.sample_id").as("sample_a"),
                col("y.sample_id").as("sample_b"),
                col("x.persons").as("persons_a"),
                col("y.persons").as("persons_b"));
    return pairs
        .join(shared, new String[] {"sample_a", "sample_b"}, "left")
        .na()
        .fill(0L, new String[] {"shared_persons"})
        .withColumn(
            "jaccard",
            col("shared_persons")
                .divide(col("persons_a").plus(col("persons_b")).minus(col("shared_persons"))))
        .withColumn("containment_a_in_b", col("shared_persons").divide(col("persons_a")))
        .withColumn("containment_b_in_a", col("shared_persons").divide(col("persons_b")))
        .orderBy("sample_a", "sample_b");
  }
}
