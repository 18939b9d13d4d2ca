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
 * Period labels of market cells and indices, one definition for the driver and for Spark: {@code
 * month} gives {@code 2015-01}, {@code quarter} {@code 2015-Q1}, {@code year} {@code 2015}. Labels
 * of one unit sort chronologically as strings, which the indices rely on.
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
      case QUARTER ->
          String.format(
              Locale.ROOT, "%04d-Q%d", date.getYear(), (date.getMonthValue() - 1) / 3 + 1);
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

  /**
   * The first day of a period label and the first day after it: {@code 2015-01}, {@code 2015-Q1},
   * {@code 2015}; {@code all} covers every date.
   */
  public static LocalDate[] range(String label) {
    if (label.equals("all")) {
      return new LocalDate[] {LocalDate.MIN, LocalDate.MAX};
    }
    int year = Integer.parseInt(label.substring(0, 4));
    if (label.length() == 4) {
      return new LocalDate[] {LocalDate.of(year, 1, 1), LocalDate.of(year + 1, 1, 1)};
    }
    if (label.charAt(5) == 'Q') {
      LocalDate start = LocalDate.of(year, (label.charAt(6) - '1') * 3 + 1, 1);
      return new LocalDate[] {start, start.plusMonths(3)};
    }
    LocalDate start = LocalDate.of(year, Integer.parseInt(label.substring(5, 7)), 1);
    return new LocalDate[] {start, start.plusMonths(1)};
  }

  /**
   * Whether period {@code p} lies within publication label {@code label} (e.g. 2015-02 in 2015-Q1).
   */
  public static boolean within(String p, String label) {
    LocalDate[] outer = range(label);
    LocalDate[] inner = range(p);
    return !inner[0].isBefore(outer[0]) && !inner[1].isAfter(outer[1]);
  }

  /**
   * Whether period {@code p} starts before the end of {@code label}: a trend up to the publication.
   */
  public static boolean notAfter(String p, String label) {
    return range(p)[0].isBefore(range(label)[1]);
  }

  /** Returns the unit lower-cased, or throws naming the offending value. */
  public static String checkUnit(String unit) {
    String u = unit == null ? "" : unit.toLowerCase(Locale.ROOT);
    if (!UNITS.contains(u)) {
      throw new IllegalArgumentException("period unit must be one of " + UNITS + ", was: " + unit);
    }
    return u;
  }
}
