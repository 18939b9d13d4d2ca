package org.leakmarket.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The session the pipeline builds resets Java serialization streams after every object: with
 * Spark's default of 100, a task writing a persisted Dataset to disk kept every column batch of its
 * partition in the heap, and {@code normalize} ran a 700 MB heap out at 10^6 listings; with 1 the
 * same run completed (docs/performance.md, "What held the heap in normalize"). No session started.
 */
class SessionConfTest {

  @Test
  void serializationStreamsForgetEachObjectOnceWritten() {
    assertThat(SparkSessions.conf("t", "local[2]").get(SparkSessions.OBJECT_STREAM_RESET))
        .isEqualTo("1");
    assertThat(
            SparkSessions.conf("t", "spark://127.0.0.1:7077")
                .get(SparkSessions.OBJECT_STREAM_RESET))
        .isEqualTo("1");
  }
}
