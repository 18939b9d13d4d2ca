package org.leakmarket.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kill -9 at five named points of {@code run} on small generated data, one per kind the issue names
 * (docs/reliability.md, item 1): during a MERGE of ingest ({@code commit:bronze/listings}), while a
 * sample file is half read ({@code samples:row#150}), during the normaliser's MERGE into {@code
 * silver/offers}, between stages ({@code stage:analyze}) and while the publication is being written
 * ({@code publish:tables-written}). Each trial ({@link CrashHarness}): no complete-looking half
 * report folder and the run recorded as running after the kill; the re-run takes over the stale
 * lock, and then every table, the publication's tables and {@code summary.json} equal the
 * uninterrupted run's, and {@code gold/runs} shows the killed run interrupted. The full sweep (28
 * points) is {@code bench/crash.sh}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashRecoveryIT {
  CrashHarness h;
  SparkSession spark;

  @BeforeAll
  void setUp() throws Exception {
    h = ReliabilityFixture.harness();
    spark = org.leakmarket.pipeline.SparkSessions.create("crash recovery IT", "local[2]");
  }

  @AfterAll
  void tearDown() {
    if (spark != null) {
      spark.stop();
    }
  }

  @Order(1)
  @ParameterizedTest
  @ValueSource(
      strings = {
        "commit:bronze/listings#1",
        "samples:row#150",
        "commit:silver/offers#1",
        "stage:analyze",
        "publish:tables-written"
      })
  void aRunKilledAtThePointIsRepairedByRunningItAgain(String point) throws Exception {
    assertThat(CrashHarness.SWEEP).contains(point);
    CrashHarness.Trial t = h.crash(spark, point);
    assertThat(t.paused()).as("paused at " + point).isTrue();
    assertThat(h.compare(spark, t)).as(point).isEmpty();
  }

  /** The key of every run above is in no log or file the runs wrote (item 5). */
  @Order(2)
  @Test
  void theKeyIsInNoLogOrFileOfTheRuns() throws Exception {
    String secret = Files.readString(h.keyFile()).trim();
    List<String> forms = KeyLeakTest.forms(secret);
    int scanned = 0;
    try (Stream<Path> files = Files.walk(ReliabilityFixture.WORK)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        if (f.equals(h.keyFile())) {
          continue;
        }
        String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        for (String form : forms) {
          assertThat(text).as(f.toString()).doesNotContain(form);
        }
        scanned++;
      }
    }
    assertThat(scanned).isGreaterThan(100);
  }
}
