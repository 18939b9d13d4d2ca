package org.leakmarket.reference;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * The dated FX table ({@code date,currency,cny_per_unit}) and its as-of rule: a price is
 * converted with the latest row dated on or before the listing date for its currency, at
 * most {@code maxAgeDays} older; otherwise there is no rate ({@code fx_missing}). CNY is
 * always 1. Small (one row per currency per day), so it is broadcast whole to executors.
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
    try (InputStream in = FxTable.class.getResourceAsStream(SHIPPED)) {
      if (in == null) {
        throw new IllegalStateException("shipped FX table missing from the jar: " + SHIPPED);
      }
      return parse(in, maxAgeDays, "shipped:" + SHIPPED);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A user-supplied file, or the shipped table when {@code file} is null. */
  public static FxTable load(Path file, int maxAgeDays) {
    if (file == null) {
      return shipped(maxAgeDays);
    }
    try (InputStream in = Files.newInputStream(file)) {
      return parse(in, maxAgeDays, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read FX table " + file, e);
    }
  }

  static FxTable parse(InputStream in, int maxAgeDays, String source) throws IOException {
    Map<String, TreeMap<LocalDate, Double>> rates = new HashMap<>();
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String header = r.readLine();
    if (header == null || !header.replace("\uFEFF", "").trim().equals("date,currency,cny_per_unit")) {
      throw new IllegalArgumentException("FX table " + source + " must start with the header date,currency,cny_per_unit");
    }
    String line;
    int lineNo = 1;
    while ((line = r.readLine()) != null) {
      lineNo++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split(",", -1);
      try {
        LocalDate d = LocalDate.parse(f[0].trim());
        String cur = f[1].trim().toUpperCase(Locale.ROOT);
        double v = Double.parseDouble(f[2].trim());
        if (!(v > 0)) {
          throw new NumberFormatException("rate must be positive");
        }
        rates.computeIfAbsent(cur, k -> new TreeMap<>()).put(d, v);
      } catch (DateTimeParseException | NumberFormatException | ArrayIndexOutOfBoundsException e) {
        throw new IllegalArgumentException("FX table " + source + " line " + lineNo + " is not date,currency,rate: " + line);
      }
    }
    return new FxTable(rates, maxAgeDays, source);
  }

  /** CNY per one unit of {@code currency} on {@code date} under the as-of rule, if any. */
  public OptionalDouble cnyPerUnit(String currency, LocalDate date) {
    String cur = currency.toUpperCase(Locale.ROOT);
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
    String cur = currency.toUpperCase(Locale.ROOT);
    return cur.equals("CNY") || rates.containsKey(cur);
  }

  public String source() {
    return source;
  }

  public int maxAgeDays() {
    return maxAgeDays;
  }
}
