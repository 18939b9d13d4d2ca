package org.leakmarket.stats.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigInteger;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The order-statistic interval of a median against the binomial formula computed by hand: the
 * coverage of (x(r), x(n−r+1)) is 1 − 2·Σ_{i<r} C(n,i) / 2^n, summed here with exact integers,
 * never with the commons-math3 distribution the class uses.
 */
class MedianIntervalTest {

  /** 1 − 2·Σ_{i=0}^{r−1} C(n, i) / 2^n, with exact integer binomial coefficients. */
  static double byHand(int n, int r) {
    BigInteger tail = BigInteger.ZERO;
    BigInteger c = BigInteger.ONE; // C(n, 0)
    for (int i = 0; i < r; i++) {
      tail = tail.add(c);
      c = c.multiply(BigInteger.valueOf(n - i)).divide(BigInteger.valueOf(i + 1));
    }
    BigInteger twoN = BigInteger.ONE.shiftLeft(n);
    // 1 - 2 tail / 2^n = (2^n - 2 tail) / 2^n, exact until the one division
    return new java.math.BigDecimal(twoN.subtract(tail.shiftLeft(1)))
        .divide(new java.math.BigDecimal(twoN), java.math.MathContext.DECIMAL128)
        .doubleValue();
  }

  /**
   * n = 5..12: the rank r and level, each level also written as the exact fraction a hand
   * computation gives (e.g. n = 9: 1 − 2·(1 + 9)/512 = 123/128), and the largest r checked to be
   * the last one reaching 95%.
   */
  @Test
  void ranksAndLevelsForSmallCellsAreTheBinomialOnes() {
    // n, expected r (0 = no 95% interval), expected level (of r, or of the range when r = 0)
    double[][] table = {
      {5, 0, 15.0 / 16}, // range: 1 - 2/32
      {6, 1, 31.0 / 32}, // (x1, x6) 96.9%, as methods.md says
      {7, 1, 63.0 / 64},
      {8, 1, 127.0 / 128},
      {9, 2, 123.0 / 128}, // (x2, x8) 96.1%, as methods.md says
      {10, 2, 501.0 / 512},
      {11, 2, 253.0 / 256},
      {12, 3, 1969.0 / 2048},
    };
    for (double[] row : table) {
      int n = (int) row[0];
      int r = (int) row[1];
      assertThat(MedianInterval.rank(n, 0.05)).as("rank for n=%d", n).isEqualTo(r);
      int shown = Math.max(r, 1);
      assertThat(byHand(n, shown)).as("hand level n=%d", n).isCloseTo(row[2], within(1e-15));
      assertThat(MedianInterval.coverage(n, shown)).isCloseTo(byHand(n, shown), within(1e-12));
      if (r > 0) {
        assertThat(byHand(n, r)).isGreaterThanOrEqualTo(0.95);
        assertThat(byHand(n, r + 1)).as("r+1 must fall below 95%% at n=%d", n).isLessThan(0.95);
      } else {
        assertThat(byHand(n, 1)).isLessThan(0.95);
      }
    }
  }

  /** n = 100: (x40, x61) at 96.48% (the classical table value; exact sum below). */
  @Test
  void largeCellTakesTheBinomialRank() {
    assertThat(MedianInterval.rank(100, 0.05)).isEqualTo(40);
    assertThat(byHand(100, 40)).isCloseTo(0.9647997997822951, within(1e-15));
    assertThat(byHand(100, 41)).isLessThan(0.95);
    assertThat(MedianInterval.coverage(100, 40)).isCloseTo(byHand(100, 40), within(1e-12));
    // n = 1000: (x469, x532) at 95.37%
    assertThat(MedianInterval.rank(1000, 0.05)).isEqualTo(469);
    assertThat(MedianInterval.coverage(1000, 469)).isCloseTo(byHand(1000, 469), within(1e-10));
    assertThat(byHand(1000, 470)).isLessThan(0.95);
    // n = 10^7: r = 4,996,901 (coverage 0.950039; r + 1 gives 0.949965), from a log-space sum of
    // the binomial terms in numpy; the normal approximation n/2 - 1.96 sqrt(n)/2 says 4,996,901
    assertThat(MedianInterval.rank(10_000_000, 0.05)).isEqualTo(4_996_901);
  }

  @Test
  void intervalReadsTheOrderStatistics() {
    double[] v = {0.20, 0.22, 0.25, 0.25, 0.30, 0.31, 0.40, 0.55, 99.36};
    MedianInterval ci = MedianInterval.of(v, 0.05);
    // n = 9, r = 2: (x2, x8), never the outlier x9
    assertThat(ci.low()).isEqualTo(0.22);
    assertThat(ci.high()).isEqualTo(0.55);
    assertThat(ci.rank()).isEqualTo(2);
    assertThat(ci.method()).isEqualTo(MedianInterval.ORDER_STATISTIC);
    assertThat(ci.level()).isCloseTo(123.0 / 128, within(1e-12));

    double[] six = {0.20, 0.25, 0.25, 0.28, 0.30, 99.36};
    MedianInterval s = MedianInterval.of(six, 0.05);
    assertThat(s.low()).isEqualTo(0.20);
    assertThat(s.high()).isEqualTo(99.36);
    assertThat(s.level()).isCloseTo(31.0 / 32, within(1e-12));
  }

  @Test
  void belowSixTheRangeIsShownAsARange() {
    double[] five = {0.20, 0.25, 0.26, 0.28, 0.30};
    MedianInterval r = MedianInterval.of(five, 0.05);
    assertThat(r.method()).isEqualTo(MedianInterval.RANGE);
    assertThat(r.low()).isEqualTo(0.20);
    assertThat(r.high()).isEqualTo(0.30);
    assertThat(r.level()).isCloseTo(15.0 / 16, within(1e-12));
    MedianInterval one = MedianInterval.of(new double[] {4}, 0.05);
    assertThat(one).isEqualTo(new MedianInterval(4, 4, 0, MedianInterval.RANGE, 1));
    // at a lower confidence five values do give an order-statistic interval
    assertThat(MedianInterval.of(five, 0.10).method()).isEqualTo(MedianInterval.ORDER_STATISTIC);
  }

  @Test
  void badInputIsRefusedWithTheValue() {
    assertThatThrownBy(() -> MedianInterval.of(new double[0], 0.05))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> MedianInterval.rank(10, 1.5)).hasMessageContaining("1.5");
    assertThatThrownBy(() -> MedianInterval.coverage(10, 6)).hasMessageContaining("6");
    double[] v = {3, 1, 2};
    Arrays.sort(v);
    assertThat(MedianInterval.of(v, 0.05).high()).isEqualTo(3);
  }
}
