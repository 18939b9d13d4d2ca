package org.leakmarket.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakmarket.testing.SparkTestBase;
import org.leakmarket.warehouse.Table;

/**
 * {@link GoldDiff} is the oracle of the cluster benchmark and the crash tests ("the tables are
 * equal"), so it must be able to say they are not: each case writes one table into two warehouses
 * and checks the verdict and the counts against what the rows were made to differ by.
 */
class GoldDiffTest extends SparkTestBase {
  @TempDir Path tmp;

  private static final StructType SCHEMA =
      new StructType()
          .add("cell", DataTypes.StringType)
          .add("median", DataTypes.DoubleType)
          .add("n", DataTypes.LongType)
          .add("shares", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType))
          .add("run_id", DataTypes.StringType);

  private static Row row(String cell, double median, long n, String run) {
    Map<String, Double> shares = new TreeMap<>(Map.of("a", 0.25, "b", 0.75));
    return RowFactory.create(cell, median, n, shares, run);
  }

  private static List<Row> base(String run) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      rows.add(row("cell-" + i, 0.35 + i / 7.0, 10 + i, run));
    }
    return rows;
  }

  private Path warehouse(String name, List<Row> rows, int partitions) {
    Path wh = tmp.resolve(name);
    spark
        .createDataFrame(rows, SCHEMA)
        .repartition(partitions)
        .write()
        .format("delta")
        .save(wh.resolve(Table.GOLD_MARKET_CELLS.path()).toString());
    return wh;
  }

  private JsonNode cells(ObjectNode result) {
    for (JsonNode t : result.get("tables")) {
      if (t.get("table").asText().equals(Table.GOLD_MARKET_CELLS.path())) {
        return t;
      }
    }
    throw new AssertionError("gold/market_cells not compared: " + result);
  }

  @Test
  void sameRowsInAnotherOrderAndRunAreEqual() {
    List<Row> reversed = new ArrayList<>(base("run-2"));
    java.util.Collections.reverse(reversed);
    Path a = warehouse("a", base("run-1"), 1);
    Path b = warehouse("b", reversed, 3);

    ObjectNode r = GoldDiff.compare(spark, a, b, false);

    JsonNode t = cells(r);
    assertThat(t.get("rows_a").asLong()).isEqualTo(20);
    assertThat(t.get("only_in_a").asLong()).isZero();
    assertThat(t.get("only_in_b").asLong()).isZero();
    assertThat(t.get("equal").asBoolean()).isTrue();
    assertThat(r.get("all_equal").asBoolean()).isTrue(); // run_id is provenance, not data
  }

  @Test
  void aLastBitDifferenceIsEqualToTwelveDigitsAndALargerOneIsNot() {
    List<Row> lastBit = base("run");
    double m = lastBit.get(3).getDouble(1);
    lastBit.set(3, row("cell-3", Math.nextUp(m), 13, "run"));
    List<Row> sixth = base("run");
    sixth.set(5, row("cell-5", sixth.get(5).getDouble(1) * (1 + 1e-6), 15, "run"));
    Path a = warehouse("a2", base("run"), 2);

    JsonNode bits = cells(GoldDiff.compare(spark, a, warehouse("bits", lastBit, 2), false));
    JsonNode far = cells(GoldDiff.compare(spark, a, warehouse("far", sixth, 2), false));

    // one row differs exactly, none to 12 significant digits: equal
    assertThat(bits.get("only_in_a").asLong()).isEqualTo(1);
    assertThat(bits.get("only_in_b").asLong()).isEqualTo(1);
    assertThat(bits.get("only_in_a_12_digits").asLong()).isZero();
    assertThat(bits.get("equal").asBoolean()).isTrue();
    // a change in the 7th digit is a real difference
    assertThat(far.get("only_in_a_12_digits").asLong()).isEqualTo(1);
    assertThat(far.get("only_in_b_12_digits").asLong()).isEqualTo(1);
    assertThat(far.get("equal").asBoolean()).isFalse();
  }

  @Test
  void aDuplicatedRowAndAMissingTableAreDifferences() {
    List<Row> doubled = base("run");
    doubled.add(doubled.get(0));
    Path a = warehouse("a3", base("run"), 2);

    ObjectNode dup = GoldDiff.compare(spark, a, warehouse("dup", doubled, 2), false);
    ObjectNode missing = GoldDiff.compare(spark, a, tmp.resolve("empty"), false);

    JsonNode t = cells(dup);
    assertThat(t.get("rows_b").asLong()).isEqualTo(21);
    assertThat(t.get("only_in_a").asLong()).isZero();
    assertThat(t.get("only_in_b").asLong()).isEqualTo(1); // exceptAll counts the copy
    assertThat(dup.get("all_equal").asBoolean()).isFalse();
    assertThat(cells(missing).get("present_in_b").asBoolean()).isFalse();
    assertThat(missing.get("all_equal").asBoolean()).isFalse();
  }
}
