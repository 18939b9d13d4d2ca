package org.leakmarket.warehouse.gold;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Reading gold rows into their records: by column name, tolerant of columns a table written by an
 * older version lacks (they read as null), so that reproducing an old publication still works. Only
 * the records of this package call it. Cost: a field lookup per column and row.
 */
public final class GoldRows {
  private GoldRows() {}

  /**
   * Collects {@code small} (a gold table, already filtered and ordered) into records. Gold tables
   * are small by construction: one row per cell, period, breakdown key or model.
   */
  public static <T> List<T> collect(Dataset<Row> small, Function<Row, T> from) {
    List<T> out = new ArrayList<>();
    for (Row r : small.collectAsList()) {
      out.add(from.apply(r));
    }
    return out;
  }

  /** Whether the table (or row) has the column: tables written before it existed do not. */
  public static boolean has(Dataset<Row> table, String column) {
    return Arrays.asList(table.columns()).contains(column);
  }

  @SuppressWarnings("unchecked")
  static <T> T get(Row r, String column) {
    int i = index(r, column);
    return i < 0 || r.isNullAt(i) ? null : (T) r.get(i);
  }

  /** An array column as a Java list, whether the row holds a Scala sequence or a Java list. */
  @SuppressWarnings("unchecked")
  static <T> List<T> list(Row r, String column) {
    int i = index(r, column);
    if (i < 0 || r.isNullAt(i)) {
      return null;
    }
    Object v = r.get(i);
    List<T> l = v instanceof List<?> java ? (List<T>) java : r.<T>getList(i);
    return java.util.Collections.unmodifiableList(new ArrayList<>(l));
  }

  /** A date column, whether Spark returns {@code java.sql.Date} or (Java 8 API) a LocalDate. */
  static java.time.LocalDate date(Row r, String column) {
    Object v = get(r, column);
    if (v instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    return (java.time.LocalDate) v;
  }

  private static int index(Row r, String column) {
    if (r.schema() == null) {
      throw new IllegalArgumentException("a gold row is read by name and needs its schema");
    }
    return Arrays.asList(r.schema().fieldNames()).indexOf(column);
  }
}
