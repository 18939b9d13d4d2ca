package org.leakmarket.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.leakmarket.cli.LeakmarketCommand;
import org.leakmarket.generate.SampleGenerator;
import org.leakmarket.ingest.samples.Fields;
import org.leakmarket.ingest.samples.HeaderMap;
import org.leakmarket.privacy.PrivacyScanner;
import org.leakmarket.publish.SummaryJson;
import org.leakmarket.stats.population.CaptureHistories;
import org.leakmarket.stats.population.CaptureRecapture;
import org.leakmarket.stats.population.PopulationResult;
import org.leakmarket.testing.SparkTestBase;
import org.leakmarket.warehouse.Table;
import org.leakmarket.warehouse.Warehouse;

/**
 * The whole product on {@code data-samples/}, as a user runs it: {@code bin/leakmarket run} in its
 * own JVM (its log kept), then, in this JVM, the same input again (idempotence), late listings for
 * the first month (revisions), {@code reproduce} of the first publication, and the privacy scan of
 * every file written. Expected counts come from the generator's ground truth ({@code
 * data-samples/ground_truth}) and from estimators run on counts taken here independently of the
 * pipeline.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndIT extends SparkTestBase {
  static final Path PROJECT =
      Path.of(System.getProperty("leakmarket.project.dir", ".")).toAbsolutePath();
  static final Path DATA = PROJECT.resolve("data-samples");
  static final ObjectMapper JSON = new ObjectMapper();

  Path root;
  Path wh;
  Path rep;
  Path firstReport;
  final Map<String, Long> firstCounts = new TreeMap<>();

  @BeforeAll
  void runAsAUserWould(@TempDir Path tmp) throws Exception {
    root = tmp;
    wh = tmp.resolve("warehouse");
    rep = tmp.resolve("reports");
    Path log = tmp.resolve("logs/run1.log");
    Files.createDirectories(log.getParent());
    Process p =
        new ProcessBuilder(
                PROJECT.resolve("bin/leakmarket").toString(),
                "run",
                "--listings",
                DATA.resolve("listings.jsonl").toString(),
                "--samples",
                DATA.resolve("samples/manifest.jsonl").toString(),
                "--warehouse",
                wh.toString(),
                "--reports",
                rep.toString(),
                "--period",
                "2015-01",
                "--bootstrap",
                "300",
                "--master",
                "local[2]")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    assertThat(p.waitFor(20, TimeUnit.MINUTES)).as("run finished in time; log %s", log).isTrue();
    assertThat(p.exitValue()).as(Files.readString(log)).isZero();
    firstReport = tmp.resolve("first-report");
    copyTree(rep.resolve("2015-01"), firstReport);
    Warehouse w = new Warehouse(spark, wh);
    for (Table t : Table.values()) {
      if (w.exists(t)) {
        firstCounts.put(t.path(), w.read(t).count());
      }
    }
  }

  @Test
  @Order(1)
  void listingCountsAndReasonsMatchTheGroundTruth() throws IOException {
    List<String> lines = Files.readAllLines(DATA.resolve("listings.jsonl"));
    Map<String, String> truthReason = new HashMap<>();
    long truthOffers = 0;
    long malformedLines = 0;
    for (JsonNode t : jsonLines(DATA.resolve("ground_truth/listings_truth.jsonl"))) {
      String line = lines.get(t.get("line").asInt() - 1);
      if (t.path("status").asText().equals("ok")) {
        truthOffers += t.path("offers").size();
      } else if (line.isBlank()) {
        continue; // blank lines are skipped and counted, not rejected
      } else if (!parsesAsObject(line)) {
        malformedLines++;
      } else {
        truthReason.put(t.get("listing_id").asText(), t.path("reason").asText());
      }
    }
    Warehouse w = new Warehouse(spark, wh);
    assertThat(firstCounts.get("silver/offers")).isEqualTo(truthOffers);
    Map<String, String> quarantined = new HashMap<>();
    long withoutId = 0;
    for (Row r : w.read(Table.QUARANTINE_LISTINGS).collectAsList()) {
      if (r.getAs("listing_id") == null) {
        withoutId++;
        assertThat(r.<String>getAs("reason")).isEqualTo("malformed");
      } else {
        quarantined.put(r.getAs("listing_id"), r.getAs("reason"));
      }
    }
    // every rejected listing is quarantined once, with the reason the generator intended
    assertThat(quarantined).isEqualTo(truthReason);
    assertThat(withoutId).isEqualTo(malformedLines);
    JsonNode summary = JSON.readTree(firstReport.resolve("summary.json").toFile());
    assertThat(summary.at("/listings/offers").asLong()).isEqualTo(truthOffers);
    assertThat(summary.at("/listings/rejected").asLong()).isEqualTo(quarantined.size() + withoutId);
  }

  @Test
  @Order(2)
  void seedArticlePricesLandInSilverOffers() {
    Map<String, Double> price = new HashMap<>();
    Map<String, String> tier = new HashMap<>();
    for (Row r :
        new Warehouse(spark, wh)
            .read(Table.SILVER_OFFERS)
            .filter("listing_id like 'L-demo-seed-%'")
            .collectAsList()) {
      String key = r.<String>getAs("listing_id") + "#" + r.<Integer>getAs("offer_index");
      price.put(key, r.getAs("price_per_record_cny"));
      tier.put(key, r.getAs("tier") + "/" + r.getAs("freshness"));
    }
    assertThat(price.values()).contains(0.5, 0.35, 5.0, 0.02);
    assertThat(price).containsValue(Math.sqrt(0.02 * 5));
    assertThat(tier).containsValue("platinum/unknown");
  }

  /**
   * The demo brief's market (issue 13): asking prices, never "sold for"; a section per product
   * present, customer records first; every published median interval inside its cell's range and
   * named with its method (the range below 6 quotes); the cells' quotes in gold/market_cells.
   */
  @Test
  @Order(2)
  void demoBriefStatesAskingPricesProductsAndIntervalMethods() throws IOException {
    String md = Files.readString(firstReport.resolve("publication.md"));
    assertThat(md).doesNotContainIgnoringCase("sold for").contains("asking price");
    assertThat(md).contains("### Customer records");
    JsonNode summary = JSON.readTree(firstReport.resolve("summary.json").toFile());
    int published = 0;
    for (JsonNode c : summary.at("/market/cells")) {
      assertThat(c.has("product") && c.has("n_quotes") && c.has("median_ci_level")).isTrue();
      if (c.get("suppressed").asBoolean()) {
        continue;
      }
      published++;
      assertThat(c.get("median_ci_low").asDouble())
          .isGreaterThanOrEqualTo(c.get("min_cny").asDouble());
      assertThat(c.get("median_ci_high").asDouble())
          .isLessThanOrEqualTo(c.get("max_cny").asDouble());
      String method = c.get("ci_method").asText();
      assertThat(method).isEqualTo(c.get("n_quotes").asLong() < 6 ? "range" : "order_statistic");
    }
    assertThat(published).isPositive();
    Warehouse w = new Warehouse(spark, wh);
    for (Row r : w.read(Table.GOLD_MARKET_CELLS).collectAsList()) {
      assertThat(r.getList(r.fieldIndex("quotes_cny")))
          .hasSize((int) (long) r.<Long>getAs("n_quotes"));
    }
  }

  @Test
  @Order(3)
  void samplesLinkAcrossFilesAndThePopulationEstimateIsTheEstimatorsOnIndependentCounts()
      throws IOException {
    Warehouse w = new Warehouse(spark, wh);
    List<Row> records =
        w.read(Table.SILVER_RECORDS)
            .select("sample_id", "person_id", "card_luhn_valid", "phone_valid", "id_valid")
            .collectAsList();
    List<String> labels = records.stream().map(r -> r.getString(0)).distinct().sorted().toList();
    Map<String, Integer> historyOf = new HashMap<>();
    Set<String> persons = new java.util.HashSet<>();
    for (Row r : records) {
      persons.add(r.getString(1));
      // capture-recapture counts records with at least one identifier passing its check
      if (Boolean.TRUE.equals(r.get(2))
          || Boolean.TRUE.equals(r.get(3))
          || Boolean.TRUE.equals(r.get(4))) {
        historyOf.merge(r.getString(1), 1 << labels.indexOf(r.getString(0)), (a, b) -> a | b);
      }
    }
    Map<Integer, Long> counts = new TreeMap<>();
    historyOf.values().forEach(h -> counts.merge(h, 1L, Long::sum));
    PopulationResult expected = CaptureRecapture.estimate(CaptureHistories.of(labels, counts));
    JsonNode pop = JSON.readTree(firstReport.resolve("summary.json").toFile()).get("population");
    assertThat(pop.get("lists").asInt()).isEqualTo(labels.size());
    assertThat(pop.get("selected").asText()).isEqualTo(expected.selected());
    double nHat = expected.selectedFit().orElseThrow().nHat();
    JsonNode selected = null;
    for (JsonNode m : pop.get("models")) {
      if (m.get("model").asText().equals(expected.selected())) {
        selected = m;
      }
    }
    assertThat(selected).isNotNull();
    assertThat(selected.get("n_hat").asDouble())
        .isCloseTo(nHat, org.assertj.core.data.Offset.offset(1e-6));
    JsonNode exposure = JSON.readTree(firstReport.resolve("summary.json").toFile()).get("exposure");
    assertThat(exposure.get("persons").asLong()).isEqualTo(persons.size());
    assertThat(exposure.get("records").asLong()).isEqualTo(records.size());
    // the overlap table agrees with the persons shared in silver/records
    long shared12 = historyOf.values().stream().filter(h -> (h & 3) == 3).count();
    Row pair =
        w.read(Table.GOLD_SAMPLE_OVERLAP)
            .filter("sample_a = '" + labels.get(0) + "' and sample_b = '" + labels.get(1) + "'")
            .head();
    assertThat(pair.<Long>getAs("shared_persons")).isEqualTo(shared12);
    // and with the generator's design: the people each pair of samples was drawn to share
    // (written outside the scanned output tree: these files hold the fake people in clear)
    Path regenerated = Files.createTempDirectory("leakmarket-samples");
    SampleGenerator.GroundTruth truth = SampleGenerator.writeDemo(regenerated);
    try (Stream<Path> s = Files.walk(regenerated)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
    Map<String, Long> overlap = new TreeMap<>();
    for (Row r : w.read(Table.GOLD_SAMPLE_OVERLAP).collectAsList()) {
      overlap.put(r.getAs("sample_a") + "|" + r.getAs("sample_b"), r.getAs("shared_persons"));
    }
    // Linkage sees a shared person only through a shared card, phone or ID number (methods.md);
    // a drawn person whose record in one sample shows none of them (name and address only)
    // cannot be linked there, so the observed overlap may fall short of the design by a little.
    assertThat(overlap.keySet()).isEqualTo(truth.pairwiseOverlap().keySet());
    truth
        .pairwiseOverlap()
        .forEach(
            (pairKey, drawn) ->
                assertThat(overlap.get(pairKey)).as(pairKey).isBetween(drawn - 2L, (long) drawn));
  }

  @Test
  @Order(4)
  void runningTheSameInputAgainChangesNoTable() {
    assertThat(
            runInProcess(
                "run",
                "--listings",
                DATA.resolve("listings.jsonl").toString(),
                "--samples",
                DATA.resolve("samples/manifest.jsonl").toString(),
                "--period",
                "2015-01"))
        .isZero();
    Warehouse w = new Warehouse(spark, wh);
    for (Map.Entry<String, Long> e : firstCounts.entrySet()) {
      long now = w.read(Table.byPath(e.getKey()).orElseThrow()).count();
      if (e.getKey().equals(Table.GOLD_RUNS.path())) {
        assertThat(now).isEqualTo(e.getValue() + 1);
      } else {
        assertThat(now).as(e.getKey()).isEqualTo(e.getValue());
      }
    }
  }

  @Test
  @Order(5)
  void lateListingsForAPublishedMonthAreListedAsRevisionsInTheNextPublication() throws IOException {
    assertThat(
            runInProcess(
                "run",
                "--listings",
                DATA.resolve("listings-late.jsonl").toString(),
                "--period",
                "2015-02"))
        .isZero();
    JsonNode revisions =
        JSON.readTree(rep.resolve("2015-02/summary.json").toFile()).get("revisions");
    assertThat(revisions.size()).isPositive();
    Set<String> periods = new LinkedHashSet<>();
    revisions.forEach(r -> periods.add(r.get("period").asText()));
    assertThat(periods).contains("2015-01");
    JsonNode manifest = JSON.readTree(rep.resolve("2015-02/manifest.json").toFile());
    assertThat(manifest.at("/previous/label").asText()).isEqualTo("2015-01");
    assertThat(Files.readString(rep.resolve("2015-02/publication.md"))).contains("Revisions");
  }

  @Test
  @Order(6)
  void reproduceAfterNewerDataGivesIdenticalTablesAndSummary() throws IOException {
    Path again = root.resolve("reproduced");
    assertThat(
            runInProcess(
                "reproduce",
                "--manifest",
                firstReport.resolve("manifest.json").toString(),
                "--reports",
                again.toString()))
        .isZero();
    Path out = again.resolve("2015-01");
    assertThat(SummaryJson.withoutTimestamp(Files.readString(out.resolve("summary.json"))))
        .isEqualTo(
            SummaryJson.withoutTimestamp(Files.readString(firstReport.resolve("summary.json"))));
    try (Stream<Path> csvs = Files.list(firstReport.resolve("tables"))) {
      for (Path csv : csvs.toList()) {
        assertThat(Files.readString(out.resolve("tables").resolve(csv.getFileName())))
            .as(csv.toString())
            .isEqualTo(Files.readString(csv));
      }
    }
  }

  @Test
  @Order(8)
  void deltaKernelReadsEveryTableAsSparkDoesAtTheLatestAndThePinnedVersions() throws IOException {
    List<Path> manifests = new ArrayList<>(List.of(firstReport.resolve("manifest.json")));
    try (Stream<Path> labels = Files.list(rep)) {
      labels.map(d -> d.resolve("manifest.json")).filter(Files::exists).forEach(manifests::add);
    }
    Map<String, List<Long>> compared =
        org.leakmarket.warehouse.KernelReaderCheck.assertSameAsSpark(spark, wh, manifests);
    Warehouse w = new Warehouse(spark, wh);
    for (Table t : Table.values()) {
      if (w.exists(t)) {
        assertThat(compared).as("compared %s", t.path()).containsKey(t.path());
      }
    }
    assertThat(compared).containsKeys("gold/legal_thresholds", "silver/records", "gold/runs");
    // the first publication pinned versions that later runs superseded: time travel was compared
    assertThat(compared.get("silver/offers")).hasSizeGreaterThan(1);
  }

  @Test
  @Order(7)
  void noIdentifierFromAnySampleAppearsInAnyFileWritten() throws IOException {
    Set<String> ids = identifiersOfDemoSamples();
    assertThat(ids).hasSizeGreaterThan(1000);
    PrivacyScanner scanner = PrivacyScanner.of(ids);
    long files = PrivacyScanner.countFiles(root, p -> false);
    assertThat(files).isGreaterThan(100);
    assertThat(scanner.scan(spark, root, p -> false)).isEmpty();
    // positive control: the same scanner finds them in the inputs
    assertThat(scanner.scan(spark, DATA.resolve("samples"), p -> false)).isNotEmpty();
  }

  static boolean parsesAsObject(String line) {
    try {
      return JSON.readTree(line).isObject();
    } catch (IOException e) {
      return false;
    }
  }

  int runInProcess(String... args) {
    List<String> a = new ArrayList<>(List.of(args));
    if (!a.get(0).equals("reproduce")) {
      a.addAll(
          List.of("--warehouse", wh.toString(), "--reports", rep.toString(), "--bootstrap", "300"));
    }
    return LeakmarketCommand.execute(a.toArray(String[]::new));
  }

  /**
   * Raw values of every identifying column of the demo's sample files, and the sellers' handles.
   */
  static Set<String> identifiersOfDemoSamples() throws IOException {
    HeaderMap headers = HeaderMap.shipped();
    Set<String> out = new LinkedHashSet<>();
    for (JsonNode m : jsonLines(DATA.resolve("samples/manifest.jsonl"))) {
      out.add(m.get("seller").asText());
      Map<String, String> overrides = new HashMap<>();
      if (m.has("columns")) {
        m.get("columns")
            .fields()
            .forEachRemaining(e -> overrides.put(e.getKey(), e.getValue().asText()));
      }
      Charset cs = Charset.forName(m.path("encoding").asText("utf-8"));
      List<String> lines =
          Files.readAllLines(DATA.resolve("samples").resolve(m.get("path").asText()), cs);
      String format = m.get("format").asText();
      if (format.equals("jsonl")) {
        for (String l : lines) {
          if (l.isBlank()) {
            continue;
          }
          for (Iterator<Map.Entry<String, JsonNode>> it = JSON.readTree(l).fields();
              it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (identifying(headers, e.getKey(), overrides)) {
              addValue(out, e.getValue().asText());
            }
          }
        }
        continue;
      }
      char sep = format.equals("tsv") ? '\t' : ',';
      List<String> header = split(lines.get(0).replace("\uFEFF", ""), sep);
      for (String l : lines.subList(1, lines.size())) {
        List<String> cells = split(l, sep);
        for (int i = 0; i < Math.min(cells.size(), header.size()); i++) {
          if (identifying(headers, header.get(i), overrides)) {
            addValue(out, cells.get(i));
          }
        }
      }
    }
    return out;
  }

  private static boolean identifying(
      HeaderMap headers, String header, Map<String, String> overrides) {
    return headers.field(header.trim(), overrides).map(Fields.IDENTIFYING::contains).orElse(false);
  }

  private static void addValue(Set<String> out, String raw) {
    String v = raw.trim().replaceFirst("^'", "");
    // too short to identify anyone, or a spreadsheet-mangled number that no longer holds the digits
    if (v.codePointCount(0, v.length()) >= 2 && !v.matches(".*\\d\\.\\d+E\\+\\d+.*")) {
      out.add(v);
    }
  }

  /** RFC 4180 fields of one line (quotes, doubled quotes); enough for the demo's files. */
  static List<String> split(String line, char sep) {
    List<String> out = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == sep) {
        out.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    out.add(cell.toString());
    return out;
  }

  static List<JsonNode> jsonLines(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!l.isBlank()) {
        out.add(JSON.readTree(l));
      }
    }
    return out;
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
