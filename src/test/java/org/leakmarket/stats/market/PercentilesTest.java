package org.leakmarket.stats.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PercentilesTest {

  @Test
  void typeSevenByHand() {
    double[] x = {1, 2, 3, 4};
    // h = 3p: p=0.1 -> h=0.3 -> 1 + 0.3 * 1
    assertThat(Percentiles.exact(x, 0.1)).isCloseTo(1.3, within(1e-15));
    assertThat(Percentiles.exact(x, 0.25)).isCloseTo(1.75, within(1e-15));
    assertThat(Percentiles.median(x)).isEqualTo(2.5);
    assertThat(Percentiles.exact(x, 0.9)).isCloseTo(3.7, within(1e-15));
    assertThat(Percentiles.exact(x, 0)).isEqualTo(1);
    assertThat(Percentiles.exact(x, 1)).isEqualTo(4);
    assertThat(Percentiles.median(new double[] {7})).isEqualTo(7);
    assertThat(Percentiles.median(new double[] {1, 5, 9})).isEqualTo(5);
  }

  @Test
  void rejectsEmptyAndBadP() {
    assertThatThrownBy(() -> Percentiles.exact(new double[0], 0.5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Percentiles.exact(new double[] {1}, 1.5)).hasMessageContaining("1.5");
  }
}
