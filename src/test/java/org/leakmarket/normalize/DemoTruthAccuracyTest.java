package org.leakmarket.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.leakmarket.generate.AdvertTemplates;
import org.leakmarket.reference.FxTable;

/**
 * Accuracy of the normaliser on the demo listings ({@code data-samples/listings.jsonl}) against the
 * generator's true offers ({@code data-samples/ground_truth/listings_truth.jsonl}): per listing its
 * status, reason and number of offers; per true offer its price (relative 1e-9), product, tier,
 * freshness, category, issuers (as a set), region, balance (relative 1e-9) and qualifier. Prints
 * the share correct per field and holds each share to a floor, so that a regression of the
 * vocabulary or the grammar shows up here. Runs in about a second (518 listings, the generator's
 * phrase lists).
 *
 * <p>The truth is not always what the advert says. Two kinds of truth error are corrected here,
 * never by bending the normaliser:
 *
 * <ul>
 *   <li><b>Attributes the advert never wrote</b> (systematic). The generator draws tier, freshness,
 *       region and issuers for every advert and records them as truth, but several of its templates
 *       have no slot for them (e.g. {@code "{category}：{menu}"} has no {@code {fresh}}, {@code
 *       "{region}{fresh}{category} {bundle}"} no {@code {tier}}). Where none of the generator's own
 *       phrases for the true value (its {@code adverts.yaml} word, issuer and region lists, read
 *       through {@link AdvertTemplates}) occurs in the advert and no structured hint carries it,
 *       the advert says nothing, and the expected value is the "nothing said" one: tier/freshness
 *       {@code unknown}, region null, no issuers. This uses the generator's phrase lists, not the
 *       normaliser's vocabulary, so it cannot hide a word the normaliser fails to read.
 *       Hand-written listings (market {@code fixed}) are exempt.
 *   <li><b>Single cells</b> in {@link #TRUTH_ERRORS}, each with what the advert says.
 * </ul>
 *
 * Both are checked to still disagree with the raw truth (a stale correction fails), and the shares
 * are printed both against the raw truth and against the corrected one.
 */
class DemoTruthAccuracyTest {
  private static final Path LISTINGS = Path.of("data-samples/listings.jsonl");
  private static final Path TRUTH = Path.of("data-samples/ground_truth/listings_truth.jsonl");
  private static final Path FX = Path.of("data-samples/reference/fx.csv");

  static final String[] FIELDS = {
    "status",
    "reason",
    "offer_count",
    "price",
    "product",
    "tier",
    "freshness",
    "category",
    "issuers",
    "region",
    "balance",
    "qualifier"
  };

  /**
   * Single known errors of the generator's truth, "listing_id#offer_index#field" (offer -1 for a
   * listing field) to the value the advert actually says and why. Kept short: only cells the
   * systematic rule above does not cover.
   */
  static final Map<String, String[]> TRUTH_ERRORS = new LinkedHashMap<>();

  static {
    // "US Citi bank logs": the bank's name as written, upper-cased (real-corpus convention 10, as
    // BOA stays BOA); the generator's issuer list (generate/adverts.yaml) still codes Citi CITIBANK
    String citi = "the advert writes Citi: its name as written (real-corpus convention 10)";
    TRUTH_ERRORS.put("L-ebbaa2c23ec9b4d7#0#issuers", new String[] {"[CITI]", citi});
    TRUTH_ERRORS.put("L-f4264e954e04465e#0#issuers", new String[] {"[CITI]", citi});
  }

  /**
   * Minimum share correct per field, against the corrected truth: every cell, as reached. Before
   * the fixes that came with this test (bundles with words between count and price, "10,000 cards -
   * $580", "110 USDT for 5,000", 寿险, e-shop, a card tier implying credit_card) the shares were
   * price 0.9890 and category 0.9798, all others 1.0 (corrected); against the raw truth tier
   * 0.9669, freshness 0.9412, issuers 0.9081, region 0.8235. With the product dimension (issue 12:
   * 501 offers, five products) every field is 1.0 again, against the raw truth tier 0.9675,
   * freshness 0.9452, issuers 0.8722, region 0.8803.
   */
  static final Map<String, Double> FLOORS =
      Map.ofEntries(
          Map.entry("status", 1.0),
          Map.entry("reason", 1.0),
          Map.entry("offer_count", 1.0),
          Map.entry("price", 1.0),
          Map.entry("product", 1.0),
          Map.entry("tier", 1.0),
          Map.entry("freshness", 1.0),
          Map.entry("category", 1.0),
          Map.entry("issuers", 1.0),
          Map.entry("region", 1.0),
          Map.entry("balance", 1.0),
          Map.entry("qualifier", 1.0));

  /** Cells whose truth the generator recorded but the advert never wrote (see above), per field. */
  static final Map<String, Long> NEVER_WRITTEN =
      Map.of("tier", 16L, "freshness", 27L, "issuers", 63L, "region", 59L);

  /** Where a cell's expected value comes from. */
  enum Source {
    TRUTH,
    NEVER_WRITTEN,
    LISTED_ERROR
  }

  /** One comparison: the true value, the value expected after corrections, and the normaliser's. */
  record Cell(
      String listingId,
      int offer,
      String field,
      String truth,
      String expected,
      String got,
      Source source,
      String text) {
    boolean ok() {
      return equal(field, expected, got);
    }

    boolean rawOk() {
      return equal(field, truth, got);
    }

    String key() {
      return listingId + "#" + offer + "#" + field;
    }
  }

  static List<Cell> cells;

  @BeforeAll
  static void compare() throws IOException {
    Normalizer normalizer = new Normalizer(FxTable.load(FX, 45), NormalizerSettings.defaults());
    ObjectMapper mapper =
        JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    AdvertTemplates phrases = AdvertTemplates.load();
    List<String> lines = Files.readAllLines(LISTINGS, StandardCharsets.UTF_8);
    List<Cell> out = new ArrayList<>();
    for (String tl : Files.readAllLines(TRUTH, StandardCharsets.UTF_8)) {
      if (tl.isBlank()) {
        continue;
      }
      JsonNode t = mapper.readTree(tl);
      int lineNo = t.get("line").asInt();
      String line = lines.get(lineNo - 1);
      JsonNode listing = parse(mapper, line);
      List<Offer> got =
          listing == null
              ? List.of(
                  Offer.rejected(
                      ListingIds.defaultId(null, null, null, null, line),
                      Reason.MALFORMED,
                      "not a JSON object",
                      null,
                      null))
              : normalizer.normalize(ListingJson.fromJson(listing));
      String id = t.get("listing_id").isNull() ? "line-" + lineNo : t.get("listing_id").asText();
      String text =
          listing != null && listing.hasNonNull("text") ? listing.get("text").asText() : "";
      boolean generated = !"fixed".equals(t.get("market").asText());
      List<Cell> mine = new ArrayList<>();
      mine.add(cell(id, -1, "status", t.get("status").asText(), got.get(0).status(), text));
      mine.add(cell(id, -1, "reason", str(t.get("reason")), got.get(0).reason(), text));
      int gotOk = (int) got.stream().filter(Offer::ok).count();
      mine.add(cell(id, -1, "offer_count", "" + t.get("offers").size(), "" + gotOk, text));
      for (JsonNode x : t.get("offers")) {
        int i = x.get("offer_index").asInt();
        Offer o = i < gotOk ? got.get(i) : null;
        mine.add(
            cell(
                id,
                i,
                "price",
                x.get("price_per_record_cny").asText(),
                o == null ? null : "" + o.pricePerRecordCny(),
                text));
        mine.add(
            cell(
                id, i, "product", x.get("product").asText(), o == null ? null : o.product(), text));
        mine.add(
            cell(
                id,
                i,
                "balance",
                balance(x.get("balance_low_cny"), x.get("balance_high_cny")),
                o == null ? null : balance(o.balanceLowCny(), o.balanceHighCny()),
                text));
        mine.add(
            cell(
                id,
                i,
                "qualifier",
                x.get("qualifier").asText(),
                o == null ? null : o.qualifier(),
                text));
        mine.add(cell(id, i, "tier", x.get("tier").asText(), o == null ? null : o.tier(), text));
        mine.add(
            cell(
                id,
                i,
                "freshness",
                x.get("freshness").asText(),
                o == null ? null : o.freshness(),
                text));
        mine.add(
            cell(
                id,
                i,
                "category",
                x.get("category").asText(),
                o == null ? null : o.category(),
                text));
        Set<String> ti = new TreeSet<>();
        x.get("issuers").forEach(n -> ti.add(n.asText()));
        mine.add(
            cell(
                id,
                i,
                "issuers",
                ti.toString(),
                o == null ? null : new TreeSet<>(o.issuers()).toString(),
                text));
        mine.add(
            cell(
                id,
                i,
                "region",
                str(x.get("region_code")),
                o == null ? null : o.regionCode(),
                text));
      }
      for (Cell c : mine) {
        out.add(corrected(c, generated, listing, phrases));
      }
    }
    cells = out;
  }

  private static Cell cell(
      String id, int offer, String field, String truth, String got, String text) {
    return new Cell(id, offer, field, truth, truth, got, Source.TRUTH, text);
  }

  /**
   * The cell with its expected value corrected where the truth claims what the advert never wrote.
   */
  private static Cell corrected(
      Cell c, boolean generated, JsonNode listing, AdvertTemplates phrases) {
    String[] listed = TRUTH_ERRORS.get(c.key());
    if (listed != null) {
      return new Cell(
          c.listingId(),
          c.offer(),
          c.field(),
          c.truth(),
          listed[0],
          c.got(),
          Source.LISTED_ERROR,
          c.text());
    }
    String nothing =
        switch (c.field()) {
          case "tier", "freshness" -> "unknown";
          case "issuers" -> "[]";
          case "region" -> null;
          default -> "";
        };
    if (!generated
        || "".equals(nothing)
        || Objects.equals(c.truth(), nothing)
        || written(c.field(), c.truth(), listing, phrases)) {
      return c;
    }
    return new Cell(
        c.listingId(),
        c.offer(),
        c.field(),
        c.truth(),
        nothing,
        c.got(),
        Source.NEVER_WRITTEN,
        c.text());
  }

  /**
   * Whether the listing states {@code value}: a structured hint, or one of the generator's phrases
   * for it.
   */
  private static boolean written(
      String field, String value, JsonNode listing, AdvertTemplates phrases) {
    String hint =
        switch (field) {
          case "issuers" -> "issuer";
          default -> field;
        };
    if (listing.hasNonNull(hint)) {
      return true;
    }
    String text = listing.hasNonNull("text") ? listing.get("text").asText() : "";
    for (String lang : List.of("zh", "zh_hant", "en")) {
      List<String> words = new ArrayList<>();
      switch (field) {
        case "tier" -> words.addAll(phrases.words(lang, "tier", value));
        case "freshness" -> words.addAll(phrases.words(lang, "fresh", value));
        case "region" ->
            phrases.regions(lang).stream()
                .filter(r -> r.code().equals(value))
                .forEach(r -> words.add(r.text()));
        case "issuers" ->
            phrases.issuers(lang).stream()
                .filter(w -> new TreeSet<>(w.codes()).toString().equals(value))
                .forEach(w -> words.add(w.text()));
        default -> {}
      }
      for (String w : words) {
        if (contains(text, w)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Case-insensitive; an ASCII phrase only as a whole word (US is not in USDT). */
  static boolean contains(String text, String word) {
    String t = text.toLowerCase(Locale.ROOT);
    String w = word.toLowerCase(Locale.ROOT);
    boolean ascii = w.chars().allMatch(ch -> ch < 128);
    for (int at = t.indexOf(w); at >= 0; at = t.indexOf(w, at + 1)) {
      if (!ascii) {
        return true;
      }
      boolean before = at == 0 || !Character.isLetterOrDigit(t.charAt(at - 1));
      int end = at + w.length();
      boolean after = end == t.length() || !Character.isLetterOrDigit(t.charAt(end));
      if (before && after) {
        return true;
      }
    }
    return false;
  }

  private static boolean equal(String field, String want, String got) {
    if ("balance".equals(field) && want != null && got != null && !want.equals("none")) {
      String[] w = want.split("\\.\\.");
      String[] g = got.split("\\.\\.");
      return g.length == 2 && close(w[0], g[0], 1e-9) && close(w[1], g[1], 1e-9);
    }
    if (!"price".equals(field) || want == null || got == null) {
      return Objects.equals(want, got);
    }
    return close(want, got, 1e-9);
  }

  private static boolean close(String want, String got, double rel) {
    double w = Double.parseDouble(want);
    return Math.abs(Double.parseDouble(got) - w) <= rel * Math.abs(w);
  }

  /** A balance as "low..high" in CNY, or "none". */
  private static String balance(JsonNode low, JsonNode high) {
    return low == null || low.isNull() ? "none" : low.asText() + ".." + high.asText();
  }

  private static String balance(Double low, Double high) {
    return low == null ? "none" : low + ".." + high;
  }

  private static JsonNode parse(ObjectMapper mapper, String line) {
    try {
      JsonNode n = line.isBlank() ? null : mapper.readTree(line);
      return n != null && n.isObject() ? n : null;
    } catch (JsonProcessingException e) {
      return null; // what parse does with a line that is not a JSON object: one malformed rejection
    }
  }

  private static String str(JsonNode n) {
    return n == null || n.isNull() ? null : n.asText();
  }

  static double share(String field, boolean raw) {
    long n = 0;
    long ok = 0;
    for (Cell c : cells) {
      if (c.field().equals(field)) {
        n++;
        ok += (raw ? c.rawOk() : c.ok()) ? 1 : 0;
      }
    }
    return (double) ok / n;
  }

  @Test
  void printsTheAccuracyTableAndHoldsTheFloors() {
    System.out.printf("DemoTruthAccuracyTest: %s against %s%n", LISTINGS, TRUTH);
    System.out.printf(
        "%-12s %7s %9s %9s %10s %9s%n",
        "field", "cells", "raw share", "corrected", "share", "floor");
    for (String f : FIELDS) {
      long n = cells.stream().filter(c -> c.field().equals(f)).count();
      long fixed =
          cells.stream().filter(c -> c.field().equals(f) && c.source() != Source.TRUTH).count();
      System.out.printf(
          "%-12s %7d %9.4f %9d %10.4f %9.4f%n",
          f, n, share(f, true), fixed, share(f, false), FLOORS.get(f));
    }
    Set<String> wrong = new TreeSet<>();
    Set<String> rawWrong = new TreeSet<>();
    for (Cell c : cells) {
      if (c.offer() >= 0 && !c.ok()) {
        wrong.add(c.listingId() + "#" + c.offer());
      }
      if (c.offer() >= 0 && !c.rawOk()) {
        rawWrong.add(c.listingId() + "#" + c.offer());
      }
    }
    long offers = cells.stream().filter(c -> c.field().equals("price")).count();
    System.out.printf(
        "offers with a field wrong: %d of %d (against the raw truth: %d)%n",
        wrong.size(), offers, rawWrong.size());
    for (Cell c : cells) {
      if (!c.ok()) {
        System.out.printf(
            "  WRONG %s offer %d %s: expected=%s got=%s (truth %s) | %s%n",
            c.listingId(), c.offer(), c.field(), c.expected(), c.got(), c.truth(), c.text());
      }
    }
    if (Boolean.getBoolean("accuracy.corrections")) {
      cells.stream()
          .filter(c -> c.source() != Source.TRUTH)
          .forEach(
              c ->
                  System.out.printf(
                      "  CORRECTED %s %s offer %d %s: truth=%s expected=%s got=%s | %s%n",
                      c.source(),
                      c.listingId(),
                      c.offer(),
                      c.field(),
                      c.truth(),
                      c.expected(),
                      c.got(),
                      c.text()));
    }
    assertThat(cells.stream().filter(c -> c.field().equals("status")).count()).isEqualTo(518);
    assertThat(offers).isEqualTo(501);
    for (String f : FIELDS) {
      assertThat(share(f, false)).as("share correct of " + f).isGreaterThanOrEqualTo(FLOORS.get(f));
    }
  }

  @Test
  void theNeverWrittenCorrectionsAreTheKnownOnes() {
    // a change to the demo data or the phrase lists that moves these numbers deserves a look
    for (String f : FIELDS) {
      long n =
          cells.stream()
              .filter(c -> c.field().equals(f) && c.source() == Source.NEVER_WRITTEN)
              .count();
      assertThat(n).as(f).isEqualTo(NEVER_WRITTEN.getOrDefault(f, 0L));
    }
  }

  @Test
  void everyCorrectionDisagreesWithTheRawTruth() {
    assertThat(cells)
        .filteredOn(c -> c.source() != Source.TRUTH)
        .allSatisfy(c -> assertThat(c.expected()).as(c.key()).isNotEqualTo(c.truth()));
    Set<String> keys = new HashSet<>();
    cells.forEach(c -> keys.add(c.key()));
    assertThat(keys).as("listed truth errors name real cells").containsAll(TRUTH_ERRORS.keySet());
  }

  @Test
  void phraseMatchingIsWholeWordForEnglish() {
    assertThat(contains("10 USDT each", "US")).isFalse();
    assertThat(contains("CC US - $5", "US")).isTrue();
    assertThat(contains("安徽合肥信用卡", "合肥")).isTrue();
    assertThat(contains("Fresh CC", "fresh")).isTrue();
  }
}
