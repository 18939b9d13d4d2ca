package org.leakmarket.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakmarket.testing.SparkTestBase;

/**
 * {@link Warehouse#rowsMerged} gives the number of rows handed to the last merge, the number a
 * stage used to count with a second job: checked against the size of each hand-built input (3 rows
 * creating the table, 2 rows of which 1 new, no rows), whether the merge created the table, changed
 * it, or made no commit at all.
 */
class RowsMergedTest extends SparkTestBase {
  @TempDir Path tmp;

  private static final StructType SCHEMA =
      new StructType()
          .add("quarantine_id", DataTypes.StringType)
          .add("reason", DataTypes.StringType);

  private Dataset<Row> rows(String... ids) {
    List<Row> out = new java.util.ArrayList<>();
    for (String id : ids) {
      out.add(RowFactory.create(id, "no_price"));
    }
    return spark.createDataFrame(out, SCHEMA);
  }

  @Test
  void rowsMergedIsTheInputSizeOfEachMerge() {
    Warehouse w = new Warehouse(spark, tmp);
    Table t = Table.QUARANTINE_LISTINGS;

    w.upsert(t, rows("a", "b", "c")); // creates the table: a write, numOutputRows
    assertThat(w.rowsMerged(t)).isEqualTo(3);

    w.upsert(t, rows("c", "d")); // one matched, one inserted: a MERGE, numSourceRows
    assertThat(w.rowsMerged(t)).isEqualTo(2);
    assertThat(w.read(t).count()).isEqualTo(4); // and the table holds a, b, c, d

    w.mergeInsert(t, rows()); // nothing given
    assertThat(w.rowsMerged(t)).isEqualTo(0);
  }

  @Test
  void rowsMergedBeforeAnyMergeIsAnError() {
    Warehouse w = new Warehouse(spark, tmp);
    assertThatThrownBy(() -> w.rowsMerged(Table.QUARANTINE_LISTINGS))
        .isInstanceOf(IllegalStateException.class);
  }
}
