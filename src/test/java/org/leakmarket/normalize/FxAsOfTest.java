package org.leakmarket.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakmarket.reference.FxTable;

/** The FX as-of rule (contracts section 2) as the normaliser applies it. */
class FxAsOfTest {
  private static FxTable table(Path dir) throws Exception {
    Path f = dir.resolve("fx.csv");
    Files.writeString(
        f,
        String.join(
            "\n",
            "date,currency,cny_per_unit",
            "2015-01-01,USD,6.0",
            "2015-02-01,USD,6.5",
            "2015-01-01,EUR,7.0",
            "2015-01-15,EUR,8.0",
            ""));
    return FxTable.load(f, 45);
  }

  private static List<Offer> at(Normalizer n, String date, String price, String currency) {
    return n.normalize(
        new Listing(
            "fx", "market", null, null, date, null, price, currency, null, null, null, null, null,
            null, Map.of()));
  }

  @Test
  void theLatestRowOnOrBeforeTheDateIsUsed(@TempDir Path dir) throws Exception {
    Normalizer n = new Normalizer(table(dir), new NormalizerSettings(0.0001, 50000));
    assertThat(at(n, "2015-01-01", "1", "USD").get(0).pricePerRecordCny()).isEqualTo(6.0);
    assertThat(at(n, "2015-01-31", "1", "USD").get(0).pricePerRecordCny()).isEqualTo(6.0);
    assertThat(at(n, "2015-02-01", "1", "USD").get(0).pricePerRecordCny()).isEqualTo(6.5);
    // EUR 10 on 2015-01-20: 10 * 8.0 = 80 CNY, and 80 / 6.0 USD
    Offer eur = at(n, "2015-01-20", "10", "EUR").get(0);
    assertThat(eur.pricePerRecordCny()).isEqualTo(80.0);
    assertThat(eur.pricePerRecordUsd())
        .isCloseTo(80.0 / 6.0, org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void aRowOlderThanTheLimitIsNotUsed(@TempDir Path dir) throws Exception {
    Normalizer n = new Normalizer(table(dir), new NormalizerSettings(0.0001, 50000));
    // EUR's last row is 2015-01-15: 45 days later is 2015-03-01, the last usable day
    assertThat(LocalDate.of(2015, 1, 15).plusDays(45)).isEqualTo(LocalDate.of(2015, 3, 1));
    assertThat(at(n, "2015-03-01", "1", "EUR").get(0).pricePerRecordCny()).isEqualTo(8.0);
    assertThat(at(n, "2015-03-02", "1", "EUR").get(0).reason()).isEqualTo(Reason.FX_MISSING);
    assertThat(at(n, "2014-12-31", "1", "USD").get(0).reason()).isEqualTo(Reason.FX_MISSING);
    // a known currency without rows is fx_missing; a made-up one is unknown_currency
    assertThat(at(n, "2015-01-10", "1", "GBP").get(0).reason()).isEqualTo(Reason.FX_MISSING);
    assertThat(at(n, "2015-01-10", "1", "QQQ").get(0).reason()).isEqualTo(Reason.UNKNOWN_CURRENCY);
  }

  @Test
  void cnyNeedsNoRowAndUsdIsNullWithoutAUsdRate(@TempDir Path dir) throws Exception {
    Normalizer n = new Normalizer(table(dir), new NormalizerSettings(0.0001, 50000));
    Offer o = at(n, "2014-06-01", "3", "CNY").get(0);
    assertThat(o.pricePerRecordCny()).isEqualTo(3.0);
    assertThat(o.pricePerRecordUsd()).isNull();
  }
}
