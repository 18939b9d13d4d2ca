package org.leakmarket.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How a local session's shuffle partitions follow the input's size (no Spark). */
class ShufflePartitionsTest {
  private static final long MIB = 1L << 20;

  @Test
  void laptopInputsKeepEightPartitionsAndLargeOnesGetOnePer32MiB() {
    assertThat(SparkSessions.shufflePartitionsFor(0)).isEqualTo(8);
    assertThat(SparkSessions.shufflePartitionsFor(2 * MIB)).isEqualTo(8); // the demo
    assertThat(SparkSessions.shufflePartitionsFor(215 * MIB))
        .isEqualTo(8); // 10^6 generated listings
    assertThat(SparkSessions.shufflePartitionsFor(256 * MIB)).isEqualTo(8);
    assertThat(SparkSessions.shufflePartitionsFor(256 * MIB + 1)).isEqualTo(9);
    assertThat(SparkSessions.shufflePartitionsFor(2_154_000_000L)).isEqualTo(65); // 10^7 listings
    assertThat(SparkSessions.shufflePartitionsFor(1L << 50)).isEqualTo(2000);
  }
}
