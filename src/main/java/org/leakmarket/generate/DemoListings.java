package org.leakmarket.generate;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.leakmarket.normalize.PostedAt;
import org.leakmarket.reference.FxTable;
import org.leakmarket.vocab.Product;

/**
 * The demo's listings in {@code data-samples/}: the hand-written adverts of {@code
 * /generate/demo-fixed.yaml} (the seed article's prices, the reseller chain, the four trial-sample
 * adverts, one of each vocabulary form), then {@value #GENERATED_ROWS} rows of {@link
 * ListingGenerator} over Dec 2014 - Jun 2015; and {@value #LATE_ROWS} late-arriving listings for
 * January 2015, a month already published, to exercise revisions. Each file has a ground-truth twin
 * under {@code ground_truth/}. No Spark; writes well under a second.
 */
public final class DemoListings {
  public static final long DEFAULT_SEED = 20150112L;
  public static final int GENERATED_ROWS = 480;
  public static final int LATE_ROWS = 12;
  public static final String LATE_MONTH = "2015-01";
  public static final String FIXED_RESOURCE = "/generate/demo-fixed.yaml";

  public static final String LISTINGS = "listings.jsonl";
  public static final String LATE = "listings-late.jsonl";
  public static final String TRUTH = "ground_truth/listings_truth.jsonl";
  public static final String LATE_TRUTH = "ground_truth/listings_late_truth.jsonl";
  public static final String CELLS = "ground_truth/listings_cells.json";

  /** Rows offset of the late listings, so they never coincide with a demo row. */
  static final long LATE_ROW_OFFSET = 1_000_000_000L;

  private DemoListings() {}

  /** The demo listings in file order: fixed adverts first, then the generated rows. */
  public static List<GeneratedListing> listings(long seed) {
    ListingGenerator g = new ListingGenerator(settings(seed));
    List<GeneratedListing> out = new ArrayList<>(fixed());
    for (long i = 0; i < GENERATED_ROWS; i++) {
      out.add(g.row(i));
    }
    return out;
  }

  /** The late-arriving listings: ids {@code L-late-001}..., all posted in {@value #LATE_MONTH}. */
  public static List<GeneratedListing> late(long seed) {
    ListingGenerator g = new ListingGenerator(settings(seed));
    List<GeneratedListing> out = new ArrayList<>();
    long row = LATE_ROW_OFFSET;
    while (out.size() < LATE_ROWS) {
      GeneratedListing l =
          g.rowInMonth(
              row++,
              YearMonth.parse(LATE_MONTH),
              String.format(Locale.ROOT, "L-late-%03d", out.size() + 1));
      if (l.ok()) { // late listings exist to revise prices: only adverts with offers
        out.add(l);
      }
    }
    return out;
  }

  public static GeneratorSettings settings(long seed) {
    return GeneratorSettings.defaults(seed, GENERATED_ROWS);
  }

  /** Writes the listings, late listings, their truths and the cell truth under {@code dir}. */
  public static void write(Path dir, long seed) throws IOException {
    List<GeneratedListing> main = listings(seed);
    List<GeneratedListing> late = late(seed);
    writeLines(dir.resolve(LISTINGS), main, false);
    writeLines(dir.resolve(TRUTH), main, true);
    writeLines(dir.resolve(LATE), late, false);
    writeLines(dir.resolve(LATE_TRUTH), late, true);
    ObjectNode cells = GroundTruth.document(settings(seed), main.size(), null, 0, 0);
    Files.createDirectories(dir.resolve(CELLS).getParent());
    Files.writeString(dir.resolve(CELLS), GroundTruth.pretty(cells) + "\n", StandardCharsets.UTF_8);
  }

  static void writeLines(Path file, List<GeneratedListing> rows, boolean truth) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    ObjectMapper m = mapper();
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      long line = 1;
      for (GeneratedListing l : rows) {
        w.write(truth ? m.writeValueAsString(l.truthJson(line)) : l.line());
        w.write('\n');
        line++;
      }
    }
  }

  static ObjectMapper mapper() {
    return new ObjectMapper()
        .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
        .disable(SerializationFeature.INDENT_OUTPUT);
  }

  /** The hand-written adverts with their truth, FX-converted at their posting date. */
  public static List<GeneratedListing> fixed() {
    JsonNode root;
    try (InputStream in = DemoListings.class.getResourceAsStream(FIXED_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "fixed demo adverts missing from the jar: " + FIXED_RESOURCE);
      }
      root = new ObjectMapper(new YAMLFactory()).readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + FIXED_RESOURCE, e);
    }
    FxTable fx = FxTable.shipped(45);
    ObjectMapper m = mapper();
    List<GeneratedListing> out = new ArrayList<>();
    for (JsonNode e : root) {
      JsonNode l = e.get("listing");
      String id = l.get("listing_id").asText();
      PostedAt.Parsed p =
          PostedAt.parse(l.get("posted_at").asText(), l.get("source").asText())
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "fixed advert " + id + " has an unreadable posted_at"));
      String line;
      try {
        line = m.writeValueAsString(l);
      } catch (JsonProcessingException ex) {
        throw new UncheckedIOException(ex);
      }
      Integer chain = e.has("chain_tier") ? e.get("chain_tier").asInt() : null;
      if (e.has("reason")) {
        out.add(
            new GeneratedListing(
                line,
                id,
                "fixed",
                "fixed",
                null,
                "rejected",
                e.get("reason").asText(),
                null,
                p.date(),
                null,
                List.of(),
                chain));
        continue;
      }
      List<TrueOffer> offers = new ArrayList<>();
      for (JsonNode o : e.get("offers")) {
        List<String> issuers = new ArrayList<>();
        if (o.has("issuers")) {
          o.get("issuers").forEach(x -> issuers.add(x.asText()));
        }
        offers.add(
            new TrueOffer(
                dec(o, "amount"),
                o.get("currency").asText(),
                o.get("quantity").asLong(),
                dec(o, "low"),
                dec(o, "high"),
                o.has("product")
                    ? Product.of(o.get("product").asText()).orElseThrow()
                    : Product.PERSONAL_RECORDS,
                o.get("tier").asText(),
                o.get("freshness").asText(),
                o.get("category").asText(),
                issuers,
                o.has("region") ? o.get("region").asText() : null,
                o.has("qualifier") ? o.get("qualifier").asText() : null,
                dec(o, "balance_low"),
                o.has("balance_high") ? dec(o, "balance_high") : dec(o, "balance_low"),
                o.has("balance_low")
                    ? o.path("balance_currency").asText(o.get("currency").asText())
                    : null,
                "fixed"));
      }
      out.add(
          new GeneratedListing(
              line,
              id,
              "fixed",
              "fixed",
              null,
              "ok",
              null,
              null,
              p.date(),
              null,
              ListingGenerator.priceOffers(offers, p.date(), fx),
              chain));
    }
    return out;
  }

  private static BigDecimal dec(JsonNode o, String field) {
    return o.has(field) ? new BigDecimal(o.get(field).asText()) : null;
  }
}
