package org.leakmarket.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real-advert corpus file in the format of {@code src/test/resources/real/README.md}: a {@code
 * defaults} listing and {@code adverts}, each with its expected offers (in text order) or the
 * reason it gives none. Expected values are kept as written, defaults applied when read, so that a
 * scorer compares every field.
 */
record RealCorpus(String name, List<Entry> adverts) {

  /** The listing fields an entry may set (contracts section 2). */
  static final String[] LISTING_FIELDS = {
    "listing_id",
    "source",
    "channel",
    "seller",
    "posted_at",
    "text",
    "price",
    "currency",
    "quantity",
    "tier",
    "freshness",
    "category",
    "region",
    "issuer"
  };

  /** One advert: the listing, its source key and language, and what it must give. */
  record Entry(
      String id,
      String src,
      String lang,
      Listing listing,
      List<Expected> expect,
      String reject,
      java.time.LocalDate postedDate) {}

  /**
   * One expected offer. {@code price} is per record in {@code currency} (null for a range, whose
   * bounds are {@code low} and {@code high}); a balance is in {@code balanceCurrency}.
   */
  record Expected(
      Double price,
      Double low,
      Double high,
      String currency,
      long quantity,
      String qualifier,
      String product,
      String tier,
      String freshness,
      String category,
      List<String> issuers,
      String region,
      Double balanceLow,
      Double balanceHigh,
      String balanceCurrency) {}

  /** The corpus at {@code file}, or empty when there is no such file (not collected yet). */
  static Optional<RealCorpus> read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try (InputStream in = Files.newInputStream(file)) {
      return Optional.of(parse(file.getFileName().toString(), in));
    }
  }

  static RealCorpus parse(String name, InputStream in) throws IOException {
    JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
    JsonNode defaults = root.path("defaults");
    List<Entry> out = new ArrayList<>();
    for (JsonNode e : root.path("adverts")) {
      out.add(entry(defaults, e));
    }
    return new RealCorpus(name, List.copyOf(out));
  }

  private static Entry entry(JsonNode defaults, JsonNode e) {
    String id = e.path("id").asText(null);
    if (id == null) {
      throw new IllegalArgumentException("an advert without id: " + e);
    }
    Map<String, String> f = new HashMap<>();
    for (String k : LISTING_FIELDS) {
      JsonNode v = e.has(k) ? e.get(k) : defaults.get(k);
      if (v != null && !v.isNull()) {
        f.put(k, v.asText());
      }
    }
    Listing listing =
        new Listing(
            f.getOrDefault("listing_id", id),
            f.get("source"),
            f.get("channel"),
            f.get("seller"),
            f.get("posted_at"),
            f.get("text"),
            f.get("price"),
            f.get("currency"),
            f.get("quantity"),
            f.get("tier"),
            f.get("freshness"),
            f.get("category"),
            f.get("region"),
            f.get("issuer"),
            Map.of());
    java.time.LocalDate date =
        PostedAt.parse(listing.postedAt(), listing.source() == null ? "other" : listing.source())
            .map(PostedAt.Parsed::date)
            .orElse(null);
    List<Expected> expect = new ArrayList<>();
    for (JsonNode x : e.path("expect")) {
      expect.add(expected(id, x));
    }
    String reject = e.hasNonNull("reject") ? e.get("reject").asText() : null;
    if (reject == null && expect.isEmpty()) {
      throw new IllegalArgumentException(id + ": neither expect nor reject");
    }
    return new Entry(
        id,
        e.path("src").asText(null),
        e.path("lang").asText(null),
        listing,
        List.copyOf(expect),
        reject,
        date);
  }

  private static Expected expected(String id, JsonNode x) {
    Double price = num(x, "price");
    Double low = num(x, "low");
    Double high = num(x, "high");
    if (price == null && (low == null || high == null)) {
      throw new IllegalArgumentException(id + ": an offer needs price, or low and high: " + x);
    }
    if (!x.hasNonNull("currency") || !x.hasNonNull("product")) {
      throw new IllegalArgumentException(id + ": currency and product are required: " + x);
    }
    boolean range = low != null && high != null;
    List<String> issuers = new ArrayList<>();
    x.path("issuers").forEach(n -> issuers.add(n.asText()));
    Double balanceLow = num(x, "balance_low");
    Double balanceHigh = num(x, "balance_high");
    String currency = x.get("currency").asText();
    return new Expected(
        range ? null : price,
        range ? low : price,
        range ? high : price,
        currency,
        x.path("quantity").asLong(1),
        text(x, "qualifier", range ? "range" : "exact"),
        x.get("product").asText(),
        text(x, "tier", "unknown"),
        text(x, "freshness", "unknown"),
        text(x, "category", "other"),
        List.copyOf(issuers),
        text(x, "region", null),
        balanceLow != null ? balanceLow : balanceHigh,
        balanceHigh != null ? balanceHigh : balanceLow,
        text(x, "balance_currency", currency));
  }

  private static Double num(JsonNode x, String k) {
    return x.hasNonNull(k) ? x.get(k).asDouble() : null;
  }

  private static String text(JsonNode x, String k, String dflt) {
    return x.hasNonNull(k) ? x.get(k).asText() : dflt;
  }
}
