package org.leakmarket.exposure;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.min;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Marks recycled records (methods.md, Recycling): a record is recycled when its person was already
 * in a sample obtained earlier. Cost: one window over persons (a shuffle by {@code person_id}).
 */
public final class Recycling {
  private Recycling() {}

  /** Adds boolean {@code recycled} to linked records (needs person_id, obtained_at). */
  public static Dataset<Row> mark(Dataset<Row> records) {
    return records
        .withColumn("_first_seen", min(col("obtained_at")).over(Window.partitionBy("person_id")))
        .withColumn("recycled", col("obtained_at").gt(col("_first_seen")))
        .drop("_first_seen");
  }
}
