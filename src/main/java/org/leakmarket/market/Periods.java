package org.leakmarket.market;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.quarter;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;

/**
 * Period labels of market cells and indices, one definition for the driver and for Spark:
 * {@code month} gives {@code 2015-01}, {@code quarter} {@code 2015-Q1}, {@code year}
 * {@code 2015}. Labels of one unit sort chronologically as strings, which the indices rely on.
 */
public final class Periods {
  public static final String MONTH = "month";
  public static final String QUARTER = "quarter";
  public static final String YEAR = "year";
  public static final List<String> UNITS = List.of(MONTH, QUARTER, YEAR);

  private Periods() {}

  /** The label of {@code date} in {@code unit}. */
  public static String label(LocalDate date, String unit) {
    return switch (checkUnit(unit)) {
      case MONTH -> String.format(Locale.ROOT, "%04d-%02d", date.getYear(), date.getMonthValue());
      case QUARTER -> String.format(Locale.ROOT, "%04d-Q%d", date.getYear(),
          (date.getMonthValue() - 1) / 3 + 1);
      default -> String.format(Locale.ROOT, "%04d", date.getYear());
    };
  }

  /** The same label as a Spark column over a date (or timestamp) column; null stays null. */
  public static Column column(Column date, String unit) {
    return switch (checkUnit(unit)) {
      case MONTH -> date_format(date, "yyyy-MM");
      case QUARTER -> concat(date_format(date, "yyyy"), lit("-Q"), quarter(date).cast("string"));
      default -> date_format(date, "yyyy");
    };
  }

  /** Returns the unit lower-cased, or throws naming the offending value. */
  public static String checkUnit(String unit) {
    String u = unit == null ? "" : unit.toLowerCase(Locale.ROOT);
    if (!UNITS.contains(u)) {
      throw new IllegalArgumentException(
          "period unit must be one of " + UNITS + ", was: " + unit);
    }
    return u;
  }
}
