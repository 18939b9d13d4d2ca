package org.leakmarket.publish;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormatsTest {
  @Test
  void pricesKeepTwoDecimalsOrTwoSignificantDigits() {
    assertThat(Formats.cny(0.5)).isEqualTo("0.50");
    assertThat(Formats.cny(0.35)).isEqualTo("0.35");
    assertThat(Formats.cny(5.0)).isEqualTo("5.00");
    assertThat(Formats.cny(0.02)).isEqualTo("0.020");
    // 13,000 CNY for 700,000 records (NOTES.md): 0.018571... CNY per record.
    assertThat(Formats.cny(13000.0 / 700000)).isEqualTo("0.019");
    assertThat(Formats.cny(1912.1)).isEqualTo("1,912");
    assertThat(Formats.cny(null)).isEmpty();
    assertThat(Formats.cnyRange(0.45, 0.55)).isEqualTo("0.45–0.55");
  }

  @Test
  void countsAndEstimatesHaveThousandsSeparators() {
    assertThat(Formats.count(1234567L)).isEqualTo("1,234,567");
    assertThat(Formats.estimate(11101.4)).isEqualTo("11,101");
    assertThat(Formats.estimate(2510.5)).isEqualTo("2,511");
  }

  @Test
  void sharesChangesAndIndices() {
    assertThat(Formats.percent(0.184)).isEqualTo("18.4%");
    assertThat(Formats.change(4.51)).isEqualTo("+4.5%");
    assertThat(Formats.change(-3.0)).isEqualTo("−3.0%");
    assertThat(Formats.index(108.94)).isEqualTo("108.9");
  }

  @Test
  void csvNumbersArePlainWithSixSignificantDigits() {
    assertThat(Formats.csv(0.1 + 0.2)).isEqualTo("0.3");
    assertThat(Formats.csv(1.0e-4)).isEqualTo("0.0001");
    assertThat(Formats.csv(2931.7)).isEqualTo("2931.7");
    assertThat(Formats.csv(100.0 / 3)).isEqualTo("33.3333");
    assertThat(Formats.csv(Double.NaN)).isEmpty();
    assertThat(Formats.csv((Double) null)).isEmpty();
  }

  @Test
  void summaryNumbersAreCanonical() {
    assertThat(SummaryJson.canonical(100.0)).isEqualTo("100.0");
    assertThat(SummaryJson.canonical(0.1 + 0.2)).isEqualTo("0.3");
    assertThat(SummaryJson.canonical(1.0e-4)).isEqualTo("0.0001");
    assertThat(SummaryJson.canonical(0.545)).isEqualTo("0.545");
  }
}
