package org.leakmarket.warehouse.gold;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The driver-side sort that replaced the publication's global {@code orderBy}s, against Spark's
 * ascending order written out by hand: nulls first, strings by their UTF-8 bytes (a character above
 * U+FFFF sorts after U+FFFF there, before it in {@link String#compareTo}), NaN greatest and -0.0
 * equal to 0.0, later columns breaking ties, equal rows in the order they were read.
 */
class GoldRowsSortTest {

  private static final StructType SCHEMA =
      new StructType()
          .add("name", DataTypes.StringType)
          .add("value", DataTypes.DoubleType)
          .add("tag", DataTypes.IntegerType);

  private static Row row(String name, Double value, Integer tag) {
    return new GenericRowWithSchema(new Object[] {name, value, tag}, SCHEMA);
  }

  private static List<Integer> tags(List<Row> rows) {
    List<Integer> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(r.getInt(2));
    }
    return out;
  }

  @Test
  void stringsFollowUtf8BytesWithNullsFirst() {
    List<Row> rows =
        Arrays.asList(
            row("\uD83D\uDE00", 0.0, 1), // U+1F600: F0 9F 98 80
            row("\uFFFF", 0.0, 2), // EF BF BF
            row("b", 0.0, 3),
            row(null, 0.0, 4),
            row("a", 0.0, 5),
            row("é", 0.0, 6)); // C3 A9
    assertThat(tags(GoldRows.sorted(rows, "name"))).containsExactly(4, 5, 3, 6, 2, 1);
    // String.compareTo would put the surrogate pair (D83D) before U+FFFF: the case that matters
    assertThat("\uD83D\uDE00".compareTo("\uFFFF")).isNegative();
  }

  @Test
  void doublesPutNanLastAndNegativeZeroWithZero() {
    List<Row> rows =
        Arrays.asList(
            row("x", Double.NaN, 1),
            row("x", 0.0, 2),
            row("x", -1.5, 3),
            row("x", -0.0, 4),
            row("x", null, 5),
            row("x", Double.POSITIVE_INFINITY, 6));
    // 0.0 and -0.0 are equal: they keep their read order (2 before 4)
    assertThat(tags(GoldRows.sorted(rows, "value"))).containsExactly(5, 3, 2, 4, 6, 1);
  }

  @Test
  void laterColumnsBreakTiesAndEqualRowsKeepTheirOrder() {
    List<Row> rows =
        Arrays.asList(
            row("b", 1.0, 1),
            row("a", 2.0, 2),
            row("a", 1.0, 3),
            row("b", 1.0, 4),
            row("a", 1.0, 5));
    assertThat(tags(GoldRows.sorted(rows, "name", "value"))).containsExactly(3, 5, 2, 1, 4);
    assertThat(GoldRows.sorted(List.of(), "name")).isEmpty();
  }
}
