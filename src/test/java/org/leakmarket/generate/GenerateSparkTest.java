package org.leakmarket.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.leakmarket.cli.LeakmarketCommand;
import org.leakmarket.testing.SparkTestBase;

/**
 * The Spark side of {@code generate}: same bytes whatever the partitioning, both layouts, the
 * command.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GenerateSparkTest extends SparkTestBase {
  private static final long N = 3000;
  private final GeneratorSettings settings = GeneratorSettings.defaults(11, N);

  @Test
  @Order(1)
  void partitioningDoesNotChangeTheOutput(@TempDir Path tmp) throws IOException {
    SparkListingWriter.Result one =
        SparkListingWriter.write(spark, settings, N, 1, tmp.resolve("p1"), null, true);
    SparkListingWriter.Result four =
        SparkListingWriter.write(spark, settings, N, 4, tmp.resolve("p4"), null, true);
    assertThat(one.singleFile()).isTrue();
    assertThat(four.partitions()).isEqualTo(4);
    byte[] a = Files.readAllBytes(Path.of(one.listingsPath()));
    byte[] b = Files.readAllBytes(Path.of(four.listingsPath()));
    assertThat(a).isEqualTo(b);
    assertThat(Files.readAllBytes(Path.of(one.truthPath())))
        .isEqualTo(Files.readAllBytes(Path.of(four.truthPath())));
    // The same lines the pure-Java generator makes, in row order.
    ListingGenerator g = new ListingGenerator(settings);
    StringBuilder expected = new StringBuilder();
    for (long i = 0; i < N; i++) {
      expected.append(g.row(i).line()).append('\n');
    }
    assertThat(new String(a, StandardCharsets.UTF_8)).isEqualTo(expected.toString());
    List<String> truth = Files.readAllLines(Path.of(one.truthPath()));
    assertThat(truth).hasSize((int) N);
    JsonNode last = new ObjectMapper().readTree(truth.get((int) N - 1));
    assertThat(last.get("line").asLong()).isEqualTo(N);
    assertThat(last.get("listing_id").asText())
        .isEqualTo(g.row(N - 1).listingId() == null ? "null" : g.row(N - 1).listingId());
    assertThat(tmp.resolve("p1").resolve("_tmp_listings")).doesNotExist();
  }

  @Test
  @Order(2)
  void folderLayoutHoldsThePartsInOrder(@TempDir Path tmp) throws IOException {
    SparkListingWriter.Result r =
        SparkListingWriter.write(spark, settings, N, 3, tmp, false, false);
    Path folder = Path.of(r.listingsPath());
    assertThat(folder).isDirectory();
    List<Path> parts;
    try (Stream<Path> s = Files.list(folder)) {
      parts = s.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
    }
    assertThat(parts).hasSize(3);
    Path joined = tmp.resolve("joined.jsonl");
    SparkListingWriter.concatenate(folder, joined);
    ListingGenerator g = new ListingGenerator(settings);
    List<String> lines = Files.readAllLines(joined);
    assertThat(lines).hasSize((int) N);
    assertThat(lines.get(1234)).isEqualTo(g.row(1234).line());
  }

  /** Last: the command builds its own session with getOrCreate and stops it. */
  @Test
  @Order(4)
  void generateCommandWritesListingsAndGroundTruth(@TempDir Path tmp) throws IOException {
    int code =
        LeakmarketCommand.execute(
            "generate",
            "--out",
            tmp.toString(),
            "--listings",
            "500",
            "--seed",
            "5",
            "--partitions",
            "2",
            "--truth-draws",
            "4000");
    assertThat(code).isZero();
    List<String> lines = Files.readAllLines(tmp.resolve("listings.jsonl"));
    assertThat(lines).hasSize(500);
    ListingGenerator g = new ListingGenerator(GeneratorSettings.defaults(5, 500));
    assertThat(lines.get(499)).isEqualTo(g.row(499).line());
    JsonNode gt = new ObjectMapper().readTree(tmp.resolve("ground_truth.json").toFile());
    assertThat(gt.get("population_size").isNull()).isTrue();
    assertThat(gt.get("listings").asLong()).isEqualTo(500);
    assertThat(gt.get("cells").size()).isEqualTo(7 * PriceModel.cellTruths().size());
    assertThat(gt.get("written_truth_draws").asLong()).isEqualTo(4000);
    // each cell's simulated offers, counted another way: a plain loop over the same 4,000
    // simulated listings (WrittenPriceTruth's stream of the command's settings)
    java.util.Map<String, Long> fromGroundTruth = new java.util.TreeMap<>();
    java.util.Map<String, Long> simulated = new java.util.TreeMap<>();
    for (JsonNode c : gt.get("cells")) {
      String cell =
          String.join(
              "/",
              c.get("period").asText(),
              c.get("product").asText(),
              c.get("category").asText(),
              c.get("tier").asText(),
              c.get("freshness").asText());
      long n = c.get("written_truth_offers").asLong();
      assertThat(c.get("true_median_written_cny").isNumber())
          .as("%s has a written-price median exactly when it has simulated offers (%d)", cell, n)
          .isEqualTo(n > 0);
      fromGroundTruth.put(cell, n);
      simulated.put(cell, 0L);
    }
    ListingGenerator sim =
        new ListingGenerator(WrittenPriceTruth.stream(GeneratorSettings.defaults(5, 500)));
    for (long i = 0; i < 4000; i++) {
      for (org.apache.spark.sql.Row r : WrittenPriceTruth.offerPrices(sim.row(i))) {
        String cell =
            String.join(
                "/",
                r.getString(0),
                r.getString(1),
                r.getString(2),
                r.getString(3),
                r.getString(4));
        simulated.computeIfPresent(cell, (k, n) -> n + 1);
      }
    }
    assertThat(simulated.values().stream().filter(n -> n > 0).count())
        .as("cells with simulated offers")
        .isPositive();
    assertThat(fromGroundTruth).isEqualTo(simulated);
  }

  /**
   * The written-price truth from Spark equals the same medians computed another way: a plain loop
   * over the same simulated rows, sorted lists, type-7 median. And where a cell has many simulated
   * offers, the median of written prices is near the continuous model's median (rounding moves it
   * by a few per cent; a wrong FX or unit conversion would not be near).
   */
  @Test
  @Order(3)
  void writtenPriceTruthIsTheMedianOfTheSimulatedOffers() {
    GeneratorSettings s = GeneratorSettings.defaults(5, 1000);
    long draws = 60_000;
    var fromSpark = WrittenPriceTruth.compute(spark, s, draws, 3);

    ListingGenerator g = new ListingGenerator(WrittenPriceTruth.stream(s));
    java.util.Map<WrittenPriceTruth.Key, List<Double>> byCell = new java.util.HashMap<>();
    for (long i = 0; i < draws; i++) {
      for (org.apache.spark.sql.Row r : WrittenPriceTruth.offerPrices(g.row(i))) {
        byCell
            .computeIfAbsent(
                new WrittenPriceTruth.Key(
                    r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4)),
                k -> new java.util.ArrayList<>())
            .add(r.getDouble(5));
      }
    }
    assertThat(fromSpark.keySet()).isEqualTo(byCell.keySet());
    int compared = 0;
    for (var e : byCell.entrySet()) {
      List<Double> v = e.getValue().stream().sorted().toList();
      int n = v.size();
      double median = n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
      WrittenPriceTruth.Value w = fromSpark.get(e.getKey());
      assertThat(w.offers()).isEqualTo(n);
      assertThat(w.median())
          .as("%s", e.getKey())
          .isCloseTo(median, org.assertj.core.data.Offset.offset(1e-12 * median));
      if (n >= 300) {
        var k = e.getKey();
        int month =
            (int)
                java.time.temporal.ChronoUnit.MONTHS.between(
                    java.time.YearMonth.parse(s.firstMonth()),
                    java.time.YearMonth.parse(k.period()));
        double continuous =
            PriceModel.cellTruths().stream()
                    .filter(
                        t ->
                            t.cell()
                                .equals(
                                    new PriceModel.Cell(
                                        org.leakmarket.vocab.Product.of(k.product()).orElseThrow(),
                                        k.category(),
                                        k.tier(),
                                        k.freshness())))
                    .findFirst()
                    .orElseThrow()
                    .medianCny()
                * PriceModel.trend(month);
        assertThat(w.median() / continuous)
            .as("%s written vs continuous median", k)
            .isBetween(0.8, 1.25);
        compared++;
      }
    }
    assertThat(compared).as("large cells compared with the continuous model").isGreaterThan(5);
  }
}
