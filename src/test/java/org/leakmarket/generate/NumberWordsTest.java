package org.leakmarket.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class NumberWordsTest {

  @Test
  void chineseIntegersAsAdvertsWriteThem() {
    assertThat(NumberWords.zhInt(100_000)).isEqualTo("十万");
    assertThat(NumberWords.zhInt(2000)).isEqualTo("两千");
    assertThat(NumberWords.zhInt(15_000)).isEqualTo("一万五千");
    assertThat(NumberWords.zhInt(1_000_000)).isEqualTo("一百万");
    assertThat(NumberWords.zhInt(21_000)).isEqualTo("两万一千");
    assertThat(NumberWords.zhInt(10_050)).isEqualTo("一万零五十");
    assertThat(NumberWords.zhInt(1300)).isEqualTo("一千三百");
    assertThat(NumberWords.zhInt(15)).isEqualTo("十五");
  }

  @Test
  void colloquialMoney() {
    assertThat(NumberWords.zhMoney(new BigDecimal("0.35"))).hasValue("三毛五");
    assertThat(NumberWords.zhMoney(new BigDecimal("0.25"))).hasValue("两毛五");
    assertThat(NumberWords.zhMoney(new BigDecimal("0.5"))).hasValue("五毛");
    assertThat(NumberWords.zhMoney(new BigDecimal("1.5"))).hasValue("一块五");
    assertThat(NumberWords.zhMoney(new BigDecimal("5"))).hasValue("五块");
    assertThat(NumberWords.zhMoney(new BigDecimal("2"))).hasValue("两块");
    assertThat(NumberWords.zhMoney(new BigDecimal("0.02"))).hasValue("两分");
    assertThat(NumberWords.zhMoney(new BigDecimal("1.05")))
        .isEmpty(); // nobody writes 一块零五分 in an advert
    assertThat(NumberWords.jiaoFenDigits(new BigDecimal("0.5"), false)).hasValue("5毛");
    assertThat(NumberWords.jiaoFenDigits(new BigDecimal("0.5"), true)).hasValue("5角");
    assertThat(NumberWords.jiaoFenDigits(new BigDecimal("0.02"), false)).hasValue("2分");
    assertThat(NumberWords.jiaoFenDigits(new BigDecimal("0.35"), false)).isEmpty();
  }

  @Test
  void shorthandCounts() {
    assertThat(NumberWords.wan(100_000)).isEqualTo("10万");
    assertThat(NumberWords.wan(15_000)).isEqualTo("1.5万");
    assertThat(NumberWords.shorthand(10_000, false)).isEqualTo("1w");
    assertThat(NumberWords.shorthand(10_000, true)).isEqualTo("10k");
    assertThat(NumberWords.shorthand(1_000_000, true)).isEqualTo("1M");
    assertThat(NumberWords.grouped(100_000)).isEqualTo("100,000");
  }

  @Test
  void niceRoundingKeepsTheScaleOfThePrice() {
    assertThat(NumberWords.niceCny(0.487)).isEqualByComparingTo("0.5");
    assertThat(NumberWords.niceCny(0.0234)).isEqualByComparingTo("0.02");
    assertThat(NumberWords.niceCny(0.001)).isEqualByComparingTo("0.01"); // never zero
    assertThat(NumberWords.niceCny(3.3)).isEqualByComparingTo("3.5");
    assertThat(NumberWords.niceCny(92.4)).isEqualByComparingTo("92");
    assertThat(NumberWords.niceForeign(14.6)).isEqualByComparingTo("15");
    assertThat(NumberWords.twoSignificant(7532)).isEqualByComparingTo("7500");
    assertThat(NumberWords.arabic(NumberWords.twoSignificant(7532))).isEqualTo("7500");
  }
}
