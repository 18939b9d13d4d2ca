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

  /**
   * Collects {@code small} (a gold table, already filtered, not ordered) once and orders its rows
   * on the driver by {@code orderBy}, ascending with nulls first as Spark's {@code orderBy} does
   * (strings in Spark's binary UTF-8 order). A global {@code orderBy} costs a sampling job and a
   * shuffle per query; the rows of a gold table are few by construction (one per cell, period,
   * breakdown key or model), so sorting them here costs nothing. Rows equal on every column keep
   * the order they were read in (a stable sort).
   */
  public static List<Row> collectSorted(Dataset<Row> small, String... orderBy) {
    return sorted(small.collectAsList(), orderBy);
  }

  /** {@code rows} ordered on the driver as {@link #collectSorted} orders them. */
  public static List<Row> sorted(List<Row> rows, String... orderBy) {
    List<Row> out = new ArrayList<>(rows);
    if (out.isEmpty()) {
      return out;
    }
    int[] idx = new int[orderBy.length];
    for (int i = 0; i < orderBy.length; i++) {
      idx[i] = out.get(0).fieldIndex(orderBy[i]);
    }
    out.sort(
        (a, b) -> {
          for (int i : idx) {
            int c = compareValues(a.isNullAt(i) ? null : a.get(i), b.isNullAt(i) ? null : b.get(i));
            if (c != 0) {
              return c;
            }
          }
          return 0;
        });
    return out;
  }

  /** Records of already collected (and ordered) rows. */
  public static <T> List<T> from(List<Row> rows, Function<Row, T> from) {
    List<T> out = new ArrayList<>(rows.size());
    for (Row r : rows) {
      out.add(from.apply(r));
    }
    return out;
  }

  /**
   * Spark's ascending order of two values of one column: nulls first, strings by their UTF-8 bytes
   * (Spark's binary collation, which differs from {@link String#compareTo} above U+FFFF), doubles
   * with NaN greatest and -0.0 equal to 0.0, anything else by its natural order.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static int compareValues(Object a, Object b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    if (a instanceof String x && b instanceof String y) {
      return org.apache.spark.unsafe.types.UTF8String.fromString(x)
          .binaryCompare(org.apache.spark.unsafe.types.UTF8String.fromString(y));
    }
    if (a instanceof Double x && b instanceof Double y) {
      if (x.isNaN() || y.isNaN()) {
        return x.isNaN() ? (y.isNaN() ? 0 : 1) : -1;
      }
      return x.doubleValue() == y.doubleValue() ? 0 : (x < y ? -1 : 1);
    }
    if (a instanceof Comparable c) {
      return c.compareTo(b);
    }
    throw new IllegalArgumentException("cannot order values of " + a.getClass());
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
