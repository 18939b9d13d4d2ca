package org.leakmarket.reliability;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.leakmarket.bench.GoldDiff;
import org.leakmarket.pipeline.RunRecorder;
import org.leakmarket.warehouse.Table;
import org.leakmarket.warehouse.Warehouse;
import org.leakmarket.warehouse.WarehouseLock;

/**
 * Two runs at once on one warehouse, as processes (docs/reliability.md, item 2). The design is one
 * run per warehouse ({@link WarehouseLock}): while a first run holds the warehouse (held at a pause
 * point after ingest), a second run with the same input and one with different input each refuse at
 * once, exit 3, with one line naming the holder (run id, pid, host, start), before any Spark
 * session starts; the first then finishes with every table equal to an uninterrupted run's. A lock
 * left by a killed run is taken over, saying so, by a run with the same input (its tables then
 * equal the uninterrupted run's) and by one with different input (its tables hold both inputs'
 * listings once each).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrentRunsIT {
  CrashHarness h;
  SparkSession spark;
  Path other;

  @BeforeAll
  void setUp() throws Exception {
    h = ReliabilityFixture.harness();
    spark = org.leakmarket.pipeline.SparkSessions.create("concurrent runs IT", "local[2]");
    other = differentListings();
  }

  @AfterAll
  void tearDown() {
    if (spark != null) {
      spark.stop();
    }
  }

  /** The inputs' last 100 listings under new ids: 100 listings the first input does not have. */
  Path differentListings() throws Exception {
    Path in = ReliabilityFixture.WORK.resolve("inputs/listings.jsonl");
    Path out = ReliabilityFixture.WORK.resolve("other-listings.jsonl");
    List<String> lines = Files.readAllLines(in);
    List<String> changed = new ArrayList<>();
    for (String line : lines.subList(lines.size() - 100, lines.size())) {
      ObjectNode o = (ObjectNode) CrashHarness.JSON.readTree(line);
      o.put("listing_id", o.get("listing_id").asText() + "-other");
      changed.add(CrashHarness.JSON.writeValueAsString(o));
    }
    Files.write(out, changed);
    return out;
  }

  @Test
  void aSecondRunRefusesAtOnceWithTheSameOrDifferentInputAndTheFirstFinishesCorrectly()
      throws Exception {
    String name = "concurrent";
    Path dir = ReliabilityFixture.WORK.resolve(name);
    if (Files.exists(dir)) {
      CrashHarness.deleteTree(dir);
    }
    Process first = h.process(name, "stage:normalize", "first.log", h.command()).start();
    String paused = ReliabilityFixture.awaitPaused(ReliabilityFixture.WORK, name, first);
    String pid = paused.substring(paused.lastIndexOf(' ') + 1);
    String holder = lockHolderRunId(h.warehouse(name));

    for (List<String> cmd : List.of(h.command(), h.withListings(other))) {
      String log = cmd == h.command() ? "second-same.log" : "second-other.log";
      Process second = h.process(name, null, log, cmd).start();
      assertThat(second.waitFor(10, TimeUnit.MINUTES)).isTrue();
      assertThat(second.exitValue()).as(log).isEqualTo(3);
      String out = Files.readString(dir.resolve(log));
      List<String> errors = out.lines().filter(l -> l.startsWith("leakmarket: ")).toList();
      assertThat(errors).as(log).hasSize(1);
      assertThat(errors.get(0))
          .contains("is in use by run " + holder)
          .contains("pid " + pid)
          .contains(" on " + java.net.InetAddress.getLocalHost().getHostName())
          .contains("started ");
      // refused before any Spark work
      assertThat(out).as(log).doesNotContain("Running Spark version");
    }

    Files.writeString(dir.resolve("points/resume"), "");
    assertThat(first.waitFor(20, TimeUnit.MINUTES)).isTrue();
    assertThat(first.exitValue()).isZero();
    assertThat(equalToBaseline(h.warehouse(name))).isEmpty();
    assertThat(outcomes(h.warehouse(name))).isEqualTo(Map.of("ok", 1L));
    assertThat(Files.exists(h.warehouse(name).resolve(WarehouseLock.FILE))).isFalse();
  }

  @Test
  void aStaleLockIsTakenOverSayingSoWithTheSameInput() throws Exception {
    CrashHarness.Trial t = h.crash(spark, "stage:normalize");
    assertThat(h.compare(spark, t)).isEmpty(); // took over, tables equal, killed run interrupted
  }

  @Test
  void aStaleLockIsTakenOverSayingSoWithDifferentInput() throws Exception {
    String name = "stale-other";
    Path dir = ReliabilityFixture.WORK.resolve(name);
    if (Files.exists(dir)) {
      CrashHarness.deleteTree(dir);
    }
    Process first = h.process(name, "commit:silver/offers#1", "first.log", h.command()).start();
    ReliabilityFixture.awaitPaused(ReliabilityFixture.WORK, name, first);
    String killed = lockHolderRunId(h.warehouse(name));
    first.destroyForcibly().waitFor();

    Process second = h.process(name, null, "second.log", h.withListings(other)).start();
    assertThat(second.waitFor(20, TimeUnit.MINUTES)).isTrue();
    assertThat(second.exitValue()).isZero();
    assertThat(Files.readString(dir.resolve("second.log")))
        .contains("taking over the stale lock of run " + killed);
    assertThat(outcomes(h.warehouse(name)))
        .isEqualTo(Map.of("ok", 1L, RunRecorder.INTERRUPTED, 1L));
    Warehouse w = new Warehouse(spark, h.warehouse(name));
    // both inputs' listings, once each: what the killed run accepted, and the other input's copies
    // of accepted listings (the other input copies 100 lines; those the baseline quarantined, e.g.
    // for a bad date, are quarantined again under their new ids)
    long rows = w.read(Table.BRONZE_LISTINGS).count();
    long ids = w.read(Table.BRONZE_LISTINGS).select("listing_id").distinct().count();
    Dataset<Row> baselineListings =
        new Warehouse(spark, h.warehouse("baseline")).read(Table.BRONZE_LISTINGS);
    long baselineRows = baselineListings.count();
    long otherAccepted =
        baselineListings
            .select(concat(col("listing_id"), lit("-other")).as("listing_id"))
            .join(w.read(Table.BRONZE_LISTINGS).select("listing_id"), "listing_id")
            .count();
    long otherQuarantined =
        w.read(Table.QUARANTINE_LISTINGS)
            .filter(col("stage").equalTo("ingest").and(col("listing_id").endsWith("-other")))
            .count();
    assertThat(ids).isEqualTo(rows);
    assertThat(otherAccepted + otherQuarantined).isEqualTo(100);
    assertThat(otherQuarantined).isLessThan(10);
    assertThat(rows).isEqualTo(baselineRows + otherAccepted);
    // silver made from all of bronze after the takeover: no offer twice, none from outside bronze
    long offers = w.read(Table.SILVER_OFFERS).count();
    assertThat(w.read(Table.SILVER_OFFERS).select("listing_id", "offer_index").distinct().count())
        .isEqualTo(offers);
    assertThat(
            w.read(Table.SILVER_OFFERS)
                .select("listing_id")
                .except(w.read(Table.BRONZE_LISTINGS).select("listing_id"))
                .count())
        .isZero();
    long baselineOffers =
        new Warehouse(spark, h.warehouse("baseline")).read(Table.SILVER_OFFERS).count();
    assertThat(offers).isGreaterThan(baselineOffers);
  }

  List<String> equalToBaseline(Path warehouse) {
    List<String> problems = new ArrayList<>();
    ObjectNode diff = GoldDiff.compare(spark, h.warehouse("baseline"), warehouse, true);
    for (JsonNode n : diff.get("tables")) {
      if (n.has("equal") && !n.get("equal").asBoolean()
          || n.has("present_in_a")
              && n.get("present_in_a").asBoolean() != n.get("present_in_b").asBoolean()) {
        problems.add(n.toString());
      }
    }
    return problems;
  }

  Map<String, Long> outcomes(Path warehouse) {
    Map<String, Long> m = new TreeMap<>();
    for (Row r :
        new Warehouse(spark, warehouse)
            .read(Table.GOLD_RUNS)
            .groupBy("outcome")
            .count()
            .collectAsList()) {
      m.put(r.getString(0), r.getLong(1));
    }
    return m;
  }

  static String lockHolderRunId(Path warehouse) throws Exception {
    return CrashHarness.JSON
        .readTree(warehouse.resolve(WarehouseLock.FILE).toFile())
        .get("run_id")
        .asText();
  }
}
