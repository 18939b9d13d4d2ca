package org.leakmarket.reference;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * The dated FX table ({@code date,currency,cny_per_unit}) and its as-of rule: a price is converted
 * with the latest row dated on or before the listing date for its currency, at most {@code
 * maxAgeDays} older; otherwise there is no rate ({@code fx_missing}). CNY is always 1. Small (one
 * row per currency per day), so it is broadcast whole to executors.
 */
public final class FxTable implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final String SHIPPED = "/reference/fx.csv";

  private final Map<String, TreeMap<LocalDate, Double>> rates;
  private final int maxAgeDays;
  private final String source;

  private FxTable(Map<String, TreeMap<LocalDate, Double>> rates, int maxAgeDays, String source) {
    this.rates = rates;
    this.maxAgeDays = maxAgeDays;
    this.source = source;
  }

  /** The table shipped in the jar (built from data-samples/reference/fx.csv). */
  public static FxTable shipped(int maxAgeDays) {
    return load(null, maxAgeDays);
  }

  /**
   * A user-supplied file, or the shipped table when {@code file} is null. A row that is not {@code
   * date,currency,rate} with a positive rate is a bad-input error naming the row.
   */
  public static FxTable load(Path file, int maxAgeDays) {
    String source = file == null ? "shipped:" + SHIPPED : file.toString();
    Map<String, TreeMap<LocalDate, Double>> rates = new HashMap<>();
    for (String[] f : CsvTable.read(file, SHIPPED, "date,currency,cny_per_unit")) {
      String row = String.join(",", f);
      LocalDate d;
      double v;
      try {
        d = LocalDate.parse(f[0]);
        v = Double.parseDouble(f[2]);
      } catch (DateTimeParseException | NumberFormatException e) {
        throw CsvTable.bad(source, "row " + row + ": not a date and a number");
      }
      // 1e309 parses as Infinity and NaN as NaN: neither converts a price.
      if (!(v > 0) || Double.isInfinite(v)) {
        throw CsvTable.bad(source, "row " + row + ": cny_per_unit must be positive and finite");
      }
      if (f[1].isEmpty()) {
        throw CsvTable.bad(source, "row " + row + ": currency missing");
      }
      Double before =
          rates.computeIfAbsent(f[1].toUpperCase(Locale.ROOT), k -> new TreeMap<>()).put(d, v);
      if (before != null && before != v) {
        throw CsvTable.bad(
            source, "row " + row + ": a second, different rate for " + f[1] + " on " + f[0]);
      }
    }
    return new FxTable(rates, maxAgeDays, source);
  }

  /**
   * CNY per one unit of {@code currency} on {@code date} under the as-of rule, if any. One array
   * look-up: the rule is applied to every day of each currency's span once, on first use (the
   * normaliser asks once per offer, and the tree search with its date arithmetic was 5% of its
   * time).
   */
  public OptionalDouble cnyPerUnit(String currency, LocalDate date) {
    String cur = upper(currency);
    if (cur.equals("CNY")) {
      return ONE;
    }
    if (date == null) {
      return OptionalDouble.empty();
    }
    Daily d = daily().get(cur);
    if (d == null) {
      return OptionalDouble.empty();
    }
    return d.byDay() == null ? asOf(rates.get(cur), date) : d.at(date.toEpochDay());
  }

  /** The as-of rule applied by tree search: what {@link Daily} tabulates. */
  private OptionalDouble asOf(TreeMap<LocalDate, Double> series, LocalDate date) {
    Map.Entry<LocalDate, Double> e = series.floorEntry(date);
    if (e == null || e.getKey().plusDays(maxAgeDays).isBefore(date)) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(e.getValue());
  }

  private static final OptionalDouble ONE = OptionalDouble.of(1.0);

  /**
   * One currency's rate under the as-of rule for every day from its first row to its last row plus
   * the maximum age (outside that span there is none). Consecutive days that take the same row
   * share one object, so the table costs a reference per day (about 40 KB per currency per 13
   * years). A span over {@link #MAX_DAYS} (a table or a maximum age of centuries) is searched in
   * the tree.
   */
  private record Daily(long firstDay, OptionalDouble[] byDay) {
    OptionalDouble at(long day) {
      long k = day - firstDay;
      return k < 0 || k >= byDay.length ? OptionalDouble.empty() : byDay[(int) k];
    }
  }

  private static final long MAX_DAYS = 400_000;

  private transient volatile Map<String, Daily> daily;

  private Map<String, Daily> daily() {
    Map<String, Daily> d = daily;
    if (d == null) {
      d = new HashMap<>();
      for (Map.Entry<String, TreeMap<LocalDate, Double>> e : rates.entrySet()) {
        TreeMap<LocalDate, Double> series = e.getValue();
        LocalDate first = series.firstKey();
        long days = series.lastKey().toEpochDay() + maxAgeDays - first.toEpochDay() + 1;
        if (days > MAX_DAYS) {
          d.put(e.getKey(), new Daily(first.toEpochDay(), null));
          continue;
        }
        OptionalDouble[] byDay = new OptionalDouble[(int) days];
        OptionalDouble previous = null;
        for (int k = 0; k < byDay.length; k++) {
          OptionalDouble v = asOf(series, first.plusDays(k));
          // one object per run of days that read the same row
          byDay[k] = previous != null && previous.equals(v) ? previous : v;
          previous = byDay[k];
        }
        d.put(e.getKey(), new Daily(first.toEpochDay(), byDay));
      }
      daily = d;
    }
    return d;
  }

  /** Whether the table knows the currency at all (unknown vs missing-for-date). */
  public boolean knows(String currency) {
    String cur = upper(currency);
    return cur.equals("CNY") || rates.containsKey(cur);
  }

  /** The code in upper case; codes arrive upper-cased already, so this skips the copy then. */
  private static String upper(String currency) {
    for (int i = 0; i < currency.length(); i++) {
      char c = currency.charAt(i);
      if (c >= 'a' && c <= 'z' || c > 127) {
        return currency.toUpperCase(Locale.ROOT);
      }
    }
    return currency;
  }

  public String source() {
    return source;
  }

  public int maxAgeDays() {
    return maxAgeDays;
  }
}
