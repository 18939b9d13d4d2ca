package org.leakmarket.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import org.leakmarket.common.UserException;
import org.leakmarket.config.Defaults;
import org.leakmarket.normalize.ListingIds;
import org.leakmarket.normalize.ListingJson;
import org.leakmarket.normalize.Normalizer;
import org.leakmarket.normalize.NormalizerSettings;
import org.leakmarket.normalize.Offer;
import org.leakmarket.normalize.Reason;
import org.leakmarket.reference.FxTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code parse}: listings JSONL in (a file, {@code .gz} too, or standard input), one offers JSONL
 * line out per offer or rejected listing, with the field names of contracts section 4 (product,
 * balances, qualifier and language included). Same {@link Normalizer} as the Spark job, no Spark
 * started; streams line by line in constant memory.
 */
@Command(
    name = "parse",
    mixinStandardHelpOptions = true,
    description = {
      "Listings JSONL in, offers JSONL out (one line per offer or rejected listing).",
      "Each offer gives its price per unit (CNY, USD, as written), what is sold (product:"
          + " personal_records, card_credentials, card_clones, account_access,"
          + " identity_documents, other), the balance the goods carry (balance_low_cny,"
          + " balance_high_cny), how the price is qualified (qualifier: exact, up_to, from, average,"
          + " range),"
          + " the advert's language, tier, freshness, category, issuers, region, and the evidence"
          + " (text span and rule) of every value.",
      "No Spark: researchers use it to test the rules on their own adverts."
    })
public final class ParseCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ParseCommand.class);

  @Option(
      names = "--fx",
      paramLabel = "CSV",
      description = "FX table date,currency,cny_per_unit (default: the shipped one).")
  Path fx;

  @Option(
      names = "--fx-max-age-days",
      paramLabel = "N",
      description = "Oldest usable FX row, in days (default: ${DEFAULT-VALUE}).")
  int fxMaxAgeDays = Defaults.FX_MAX_AGE_DAYS;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "FILE|-",
      description = "Listings JSONL (default: standard input).")
  String file;

  @Spec CommandSpec spec;

  /** Lines read and written by one run. */
  public record Counts(long listings, long offers, long rejected) {}

  @Override
  public Integer call() {
    FxTable table;
    try {
      table = FxTable.load(fx, fxMaxAgeDays);
    } catch (UncheckedIOException | IllegalArgumentException e) {
      throw new UserException(
          UserException.BAD_INPUT, "cannot use FX table " + fx + ": " + e.getMessage());
    }
    Normalizer normalizer =
        new Normalizer(table, new NormalizerSettings(Defaults.MIN_PRICE, Defaults.MAX_PRICE));
    PrintWriter out = spec.commandLine().getOut();
    boolean utf8 = Charset.defaultCharset().equals(StandardCharsets.UTF_8);
    Counts c;
    try (Reader in = open(file)) {
      c = run(in, out, normalizer, !utf8);
    } catch (NoSuchFileException e) {
      throw new UserException(UserException.BAD_INPUT, "no such file: " + file);
    } catch (IOException e) {
      throw new UserException(
          UserException.BAD_INPUT, "cannot read " + file + ": " + e.getMessage());
    }
    LOG.info("parse: {} listings, {} offers, {} rejected", c.listings(), c.offers(), c.rejected());
    return 0;
  }

  private static Reader open(String file) throws IOException {
    InputStream in =
        file == null || file.equals("-") ? System.in : Files.newInputStream(Path.of(file));
    if (file != null && file.endsWith(".gz")) {
      in = new GZIPInputStream(in);
    }
    return new InputStreamReader(in, StandardCharsets.UTF_8);
  }

  /**
   * Normalises every line of {@code in} and writes the offers to {@code out}. A line that is not a
   * JSON object gives one rejected line with reason {@code malformed} (its id: the SHA-256 default
   * over the raw line as text). {@code asciiOnly} escapes non-ASCII characters, for terminals that
   * are not UTF-8.
   */
  public static Counts run(Reader in, PrintWriter out, Normalizer normalizer, boolean asciiOnly)
      throws IOException {
    ObjectMapper mapper =
        JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonWriteFeature.ESCAPE_NON_ASCII, asciiOnly)
            .build();
    BufferedReader r = in instanceof BufferedReader b ? b : new BufferedReader(in);
    long listings = 0;
    long offers = 0;
    long rejected = 0;
    long lineNo = 0;
    String line;
    while ((line = r.readLine()) != null) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      listings++;
      List<Offer> result;
      JsonNode node = null;
      try {
        node = mapper.readTree(line);
      } catch (JsonProcessingException e) {
        node = null;
      }
      if (node == null || !node.isObject()) {
        result =
            List.of(
                Offer.rejected(
                    ListingIds.defaultId(null, null, null, null, line),
                    Reason.MALFORMED,
                    "line " + lineNo + " is not a JSON object",
                    null,
                    null));
      } else {
        result = normalizer.normalize(ListingJson.fromJson(node));
      }
      for (Offer o : result) {
        if (o.ok()) {
          offers++;
        } else {
          rejected++;
        }
        out.println(mapper.writeValueAsString(ListingJson.toJson(mapper, o)));
      }
    }
    out.flush();
    return new Counts(listings, offers, rejected);
  }
}
