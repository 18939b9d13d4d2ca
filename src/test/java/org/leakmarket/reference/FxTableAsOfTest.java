package org.leakmarket.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tabulated as-of rule ({@link FxTable#cnyPerUnit}, one array read per look-up) against the
 * rule applied directly to the rows by a linear scan, for every currency of the shipped table on
 * every day from a year before its first row to a year after its last, and for a maximum age so
 * large that the table falls back to its tree search.
 */
class FxTableAsOfTest {
  private record Row(LocalDate date, String currency, double rate) {}

  private static List<Row> shippedRows() throws Exception {
    List<Row> rows = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                FxTable.class.getResourceAsStream(FxTable.SHIPPED), StandardCharsets.UTF_8))) {
      r.readLine(); // header
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split(",");
        rows.add(new Row(LocalDate.parse(f[0]), f[1], Double.parseDouble(f[2])));
      }
    }
    return rows;
  }

  /** The rule as contracts section 2 states it: the latest row on or before, at most N days old. */
  private static OptionalDouble scan(List<Row> rows, String cur, LocalDate date, int maxAge) {
    Row best = null;
    for (Row r : rows) {
      if (r.currency().equals(cur)
          && !r.date().isAfter(date)
          && (best == null || r.date().isAfter(best.date()))) {
        best = r;
      }
    }
    if (best == null || best.date().plusDays(maxAge).isBefore(date)) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(best.rate());
  }

  @Test
  void everyDayOfTheShippedTableAgreesWithTheRuleAppliedToTheRows() throws Exception {
    List<Row> rows = shippedRows();
    assertThat(rows).hasSizeGreaterThan(10);
    FxTable fx = FxTable.shipped(45);
    Set<String> currencies = new TreeSet<>();
    rows.forEach(r -> currencies.add(r.currency()));
    LocalDate from = rows.stream().map(Row::date).min(LocalDate::compareTo).get().minusDays(365);
    LocalDate to = rows.stream().map(Row::date).max(LocalDate::compareTo).get().plusDays(365);
    int checked = 0;
    int present = 0;
    for (String cur : currencies) {
      List<Row> own = rows.stream().filter(r -> r.currency().equals(cur)).toList();
      for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
        OptionalDouble want = scan(own, cur, d, 45);
        assertThat(fx.cnyPerUnit(cur, d)).as("%s on %s", cur, d).isEqualTo(want);
        assertThat(fx.cnyPerUnit(cur.toLowerCase(java.util.Locale.ROOT), d)).isEqualTo(want);
        checked++;
        present += want.isPresent() ? 1 : 0;
      }
    }
    // both outcomes occur many times: the comparison is not vacuous
    assertThat(present).isGreaterThan(1000);
    assertThat(checked - present).isGreaterThan(365 * currencies.size());
  }

  @Test
  void aMaximumAgeOfCenturiesFallsBackToTheTreeAndAgrees(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("fx.csv");
    Files.writeString(
        f,
        "date,currency,cny_per_unit\n2015-01-01,USD,6.0\n2015-02-01,USD,6.5\n2016-01-01,EUR,7\n");
    FxTable fx = FxTable.load(f, 2_000_000);
    assertThat(fx.cnyPerUnit("USD", LocalDate.of(2014, 12, 31))).isEmpty();
    assertThat(fx.cnyPerUnit("USD", LocalDate.of(2015, 1, 31))).hasValue(6.0);
    assertThat(fx.cnyPerUnit("USD", LocalDate.of(3015, 1, 31))).hasValue(6.5);
    assertThat(fx.cnyPerUnit("EUR", LocalDate.of(2015, 12, 31))).isEmpty();
    assertThat(fx.cnyPerUnit("GBP", LocalDate.of(2016, 1, 1))).isEmpty();
    assertThat(fx.cnyPerUnit("CNY", null)).hasValue(1.0);
    assertThat(fx.cnyPerUnit("USD", null)).isEmpty();
  }
}
