package org.leakmarket.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakmarket.cli.LeakmarketCommand;
import org.leakmarket.testing.SparkTestBase;
import org.leakmarket.warehouse.Table;
import org.leakmarket.warehouse.Warehouse;

/**
 * The structured-listing slice end to end on a small fixture whose every count is known: bronze,
 * quarantine with reasons, silver offers, cells, summary, idempotent re-run.
 */
class PipelineSliceTest extends SparkTestBase {

  Path dir;
  Path listings;
  Path wh;
  Path rep;
  Map<String, Long> firstCounts = new HashMap<>();

  static final String FIXTURE =
      String.join(
          "\n",
          "{\"listing_id\":\"a1\",\"source\":\"market\",\"seller\":\"s1\",\"posted_at\":\"2015-01-05\",\"price\":\"0.5\",\"currency\":\"CNY\",\"quantity\":\"1\",\"tier\":\"gold\",\"freshness\":\"new\",\"category\":\"credit_card\",\"shop_rating\":\"4.5\"}",
          "{\"listing_id\":\"a2\",\"source\":\"market\",\"seller\":\"s2\",\"posted_at\":\"2015-01-06\",\"price\":2000,\"currency\":\"CNY\",\"quantity\":100000,\"category\":\"credit_card\"}",
          "{\"listing_id\":\"a3\",\"source\":\"market\",\"seller\":\"s3\",\"posted_at\":\"2015-02-06T10:00:00Z\",\"price\":\"20\",\"currency\":\"USD\",\"quantity\":\"10\",\"category\":\"credit_card\"}",
          "{\"listing_id\":\"b1\",\"source\":\"qq\",\"posted_at\":\"2015-01-07\",\"price\":\"abc\"}",
          "this line is not json",
          "",
          "{\"listing_id\":\"b2\",\"source\":\"qq\",\"price\":\"1\"}",
          "{\"listing_id\":\"b3\",\"source\":\"market\",\"posted_at\":\"2015-02-01\",\"price\":\"1\",\"currency\":\"JPY\"}",
          "{\"listing_id\":\"b4\",\"source\":\"market\",\"posted_at\":\"2015-02-01\",\"price\":\"0\"}",
          "{\"listing_id\":\"b5\",\"source\":\"market\",\"posted_at\":\"2015-02-01\",\"price\":\"99999999\"}",
          "{\"listing_id\":\"a1\",\"source\":\"market\",\"seller\":\"s1\",\"posted_at\":\"2015-01-05\",\"price\":\"0.5\",\"currency\":\"CNY\",\"quantity\":\"1\",\"tier\":\"gold\",\"freshness\":\"new\",\"category\":\"credit_card\",\"shop_rating\":\"4.5\"}",
          "");

  @BeforeAll
  void runOnce(@TempDir Path tmp) throws Exception {
    dir = tmp;
    listings = dir.resolve("listings.jsonl");
    Files.writeString(listings, FIXTURE);
    wh = dir.resolve("wh");
    rep = dir.resolve("rep");
    assertThat(run()).isZero();
    Warehouse w = new Warehouse(spark, wh);
    for (Table t : Table.values()) {
      if (w.exists(t)) {
        firstCounts.put(t.path(), w.read(t).count());
      }
    }
  }

  int run(String... extra) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "run",
                "--listings",
                listings.toString(),
                "--warehouse",
                wh.toString(),
                "--reports",
                rep.toString(),
                "--bootstrap",
                "200"));
    args.addAll(List.of(extra));
    return LeakmarketCommand.execute(args.toArray(String[]::new));
  }

  @Test
  void bronzeHoldsEachAcceptedListingOnceWithSellerTokenised() {
    Warehouse w = new Warehouse(spark, wh);
    // a1 twice in the input, one row; a1 a2 a3 b1 b3 b4 b5 accepted at ingest (b2 lacks posted_at).
    assertThat(firstCounts.get("bronze/listings")).isEqualTo(7);
    Row a1 = w.read(Table.BRONZE_LISTINGS).filter("listing_id = 'a1'").head();
    assertThat(a1.<String>getAs("seller_key")).matches("[0-9a-f]{64}");
    assertThat(a1.<scala.collection.Map<String, String>>getAs("extra").get("shop_rating").get())
        .isEqualTo("4.5");
  }

  @Test
  void everyRejectionIsQuarantinedWithItsReason() {
    Warehouse w = new Warehouse(spark, wh);
    Map<String, String> reasons = new HashMap<>();
    for (Row r : w.read(Table.QUARANTINE_LISTINGS).collectAsList()) {
      reasons.put(
          r.<String>getAs("listing_id") == null ? "<raw>" : r.getAs("listing_id"),
          r.getAs("reason"));
    }
    assertThat(reasons)
        .containsEntry("<raw>", "malformed")
        .containsEntry("b2", "bad_date")
        .containsEntry("b3", "fx_missing")
        .containsEntry("b4", "price_nonpositive")
        .containsEntry("b5", "price_out_of_range")
        .containsEntry("b1", "malformed") // "price":"abc": the price is not a number
        .hasSize(6);
  }

  @Test
  void offersCarryPricePerRecordThroughFx() {
    Warehouse w = new Warehouse(spark, wh);
    Map<String, Double> cny = new HashMap<>();
    for (Row r : w.read(Table.SILVER_OFFERS).collectAsList()) {
      cny.put(r.getAs("listing_id"), r.getAs("price_per_record_cny"));
    }
    assertThat(cny).hasSize(3);
    assertThat(cny.get("a1")).isEqualTo(0.5);
    assertThat(cny.get("a2")).isEqualTo(0.02);
    // 20 USD for 10 records, USD rate of the latest row on or before 2015-02-06 in the shipped
    // table.
    double usd =
        org.leakmarket.reference.FxTable.shipped(45)
            .cnyPerUnit("USD", java.time.LocalDate.of(2015, 2, 6))
            .getAsDouble();
    assertThat(cny.get("a3")).isCloseTo(2.0 * usd, org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void summaryCountsMatchTheFixture() throws Exception {
    var json =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(rep.resolve("all/summary.json").toFile());
    // read = 10 non-blank lines of which 1 repeats a1: bronze 7 + ingest quarantine 2 (malformed,
    // b2)
    assertThat(json.at("/listings/read").asLong()).isEqualTo(9);
    assertThat(json.at("/listings/offers").asLong()).isEqualTo(3);
    assertThat(json.at("/listings/rejected").asLong()).isEqualTo(6);
  }

  @Test
  void theRunRecordsEachStagesTypedCounts() {
    Row run =
        new Warehouse(spark, wh)
            .read(Table.GOLD_RUNS)
            .orderBy("started_at")
            .select("stages", "outcome", "counts")
            .head();
    assertThat(run.getString(0)).isEqualTo("[INGEST, NORMALIZE, ANALYZE, PUBLISH]");
    assertThat(run.getString(1)).isEqualTo("ok");
    Map<String, String> counts =
        scala.jdk.javaapi.CollectionConverters.asJava(
            run.<scala.collection.Map<String, String>>getAs(2));
    // the fixture's counts (see summaryCountsMatchTheFixture): 10 non-blank lines, 1 blank line,
    // a1 twice, 2 rejected at ingest (malformed, b2), 4 at normalise (b1 b3 b4 b5), 3 offers
    assertThat(counts)
        .containsEntry("listings_read", "10")
        .containsEntry("listing_blank_lines", "1")
        .containsEntry("listing_repeated_ids", "1")
        .containsEntry("listings_rejected_at_ingest", "2")
        .containsEntry("listings_rejected_at_normalize", "4")
        .containsEntry("offers", "3")
        .containsEntry("revisions", "0")
        // the gold tables' own row counts after the first run, and the warehouse key's fingerprint
        .containsEntry("market_cells", String.valueOf(firstCounts.get("gold/market_cells")))
        .containsEntry("price_index_points", String.valueOf(firstCounts.get("gold/price_index")))
        .containsEntry("copy_pairs", String.valueOf(firstCounts.get("gold/copy_pairs")))
        .containsEntry(
            "key_fingerprint", org.leakmarket.privacy.PseudonymKey.resolve(null, wh).fingerprint());
  }

  @Test
  void rerunOnTheSameInputAddsNothing() {
    assertThat(run()).isZero();
    Warehouse w = new Warehouse(spark, wh);
    for (Map.Entry<String, Long> e : firstCounts.entrySet()) {
      if (!e.getKey().equals(Table.GOLD_RUNS.path())) {
        assertThat(w.read(Table.byPath(e.getKey()).orElseThrow()).count())
            .as(e.getKey())
            .isEqualTo(e.getValue());
      }
    }
    assertThat(w.read(Table.GOLD_RUNS).count()).isEqualTo(firstCounts.get("gold/runs") + 1);
  }

  @Test
  void rejectionRateOverTheLimitStopsWithExitThreeAndWritesNothing() throws Exception {
    Path bad = dir.resolve("bad.jsonl");
    Files.writeString(
        bad,
        "nope\n{\"source\":\"qq\"}\n{\"listing_id\":\"z\",\"source\":\"qq\",\"posted_at\":\"2015-01-01\",\"price\":\"1\"}\n");
    Path wh2 = dir.resolve("wh2");
    int code =
        LeakmarketCommand.execute(
            "ingest",
            "--listings",
            bad.toString(),
            "--warehouse",
            wh2.toString(),
            "--max-reject-rate",
            "0.5");
    assertThat(code).isEqualTo(3);
    assertThat(new Warehouse(spark, wh2).exists(Table.BRONZE_LISTINGS)).isFalse();
  }

  @Test
  void exportWritesOneCsvFileWithEveryRow() throws Exception {
    Path out = dir.resolve("offers.csv");
    assertThat(
            LeakmarketCommand.execute(
                "export",
                "--warehouse",
                wh.toString(),
                "--table",
                "silver/offers",
                "--format",
                "csv",
                "--to",
                out.toString()))
        .isZero();
    List<String> lines = Files.readAllLines(out);
    assertThat(lines).hasSize(1 + 3);
    assertThat(lines.get(0)).contains("listing_id", "price_per_record_cny");
    assertThat(
            LeakmarketCommand.execute(
                "export",
                "--warehouse",
                wh.toString(),
                "--table",
                "silver/nope",
                "--format",
                "csv",
                "--to",
                out.toString()))
        .isEqualTo(2);
  }
}
