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

  /** CNY per one unit of {@code currency} on {@code date} under the as-of rule, if any. */
  public OptionalDouble cnyPerUnit(String currency, LocalDate date) {
    String cur = upper(currency);
    if (cur.equals("CNY")) {
      return OptionalDouble.of(1.0);
    }
    TreeMap<LocalDate, Double> series = rates.get(cur);
    if (series == null || date == null) {
      return OptionalDouble.empty();
    }
    Map.Entry<LocalDate, Double> e = series.floorEntry(date);
    if (e == null || e.getKey().plusDays(maxAgeDays).isBefore(date)) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(e.getValue());
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
