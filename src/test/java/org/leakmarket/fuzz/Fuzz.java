package org.leakmarket.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.leakmarket.ingest.samples.HeaderMap;
import org.leakmarket.ingest.samples.ManifestEntry;
import org.leakmarket.ingest.samples.RecordBuilder;
import org.leakmarket.ingest.samples.Rejection;
import org.leakmarket.ingest.samples.SampleReader;
import org.leakmarket.ingest.samples.SampleReport;
import org.leakmarket.normalize.Listing;
import org.leakmarket.normalize.Normalizer;
import org.leakmarket.normalize.NormalizerSettings;
import org.leakmarket.normalize.Offer;
import org.leakmarket.normalize.OfferGuard;
import org.leakmarket.privacy.PseudonymKey;
import org.leakmarket.reference.BinTable;
import org.leakmarket.reference.FxTable;
import org.leakmarket.reference.PhoneSegments;

/**
 * Seeded fuzzing of the three readers of untrusted text (docs/reliability.md): the normaliser (real
 * adverts of the golden corpus, and of {@code src/test/resources/real/*.yaml} when present, mutated
 * at random), the number reading (structured and written prices whose value is known, so the price
 * must come back exactly), and the sample reader (rows of the demo's sample files, mutated byte by
 * byte). Every case must end in a valid offer or a reason, a report, never an exception; a failure
 * names the seed and case number, which reproduce it.
 *
 * <p>Plain seeded loops rather than a property-testing library: no new dependency, one seed
 * reproduces any case, and the same loop runs 10^4 cases in the suite ({@code FuzzTest}) and 10^6
 * from {@code bench/fuzz.sh} ({@link #main}).
 */
public final class Fuzz {
  static final Path PROJECT =
      Path.of(System.getProperty("leakmarket.project.dir", ".")).toAbsolutePath();
  static final double MIN_PRICE = 0.0001;
  static final double MAX_PRICE = 50000;
  static final Set<String> REASONS =
      Set.of(
          "no_price",
          "price_nonpositive",
          "price_out_of_range",
          "fx_missing",
          "unknown_currency",
          "bad_date",
          "malformed",
          "not_an_offer",
          "missing_field");
  static final Set<String> TIERS = Set.of("standard", "gold", "platinum", "premium", "unknown");
  static final Set<String> FRESHNESS = Set.of("new", "second_hand", "aged", "unknown");
  static final Set<String> SAMPLE_REASONS =
      Set.of(
          Rejection.NO_IDENTIFIER,
          Rejection.TOTAL_ROW,
          Rejection.MANGLED_NUMBER,
          Rejection.MALFORMED_ROW,
          Rejection.BAD_JSON,
          Rejection.LINE_TOO_LONG);

  /** A full phone, card, ID or account number would show as 8 digits in a row. */
  static final Pattern LONG_DIGITS = Pattern.compile("[0-9]{8}");

  /** Pieces mutations insert: numbers, units, currencies, separators, and hostile characters. */
  static final String[] PIECES = {
    "0",
    "1",
    "5",
    "9",
    ".",
    ",",
    "，",
    "、",
    "-",
    "~",
    "到",
    "至",
    "/",
    " ",
    "\n",
    "\t",
    "元",
    "块",
    "毛",
    "角",
    "分",
    "万",
    "w",
    "W",
    "k",
    "K",
    "m",
    "亿",
    "千",
    "百",
    "十",
    "两",
    "三",
    "五",
    "条",
    "张",
    "个",
    "每条",
    "一条",
    "$",
    "¥",
    "￥",
    "USD",
    "USDT",
    "U",
    "BTC",
    "EUR",
    "€",
    "美元",
    "刀",
    "人民币",
    "最高",
    "低至",
    "起",
    "金卡",
    "白金",
    "普卡",
    "二手",
    "最新",
    "工行",
    "农行",
    "合肥",
    "1e309",
    "NaN",
    "-0",
    "Infinity",
    "99999999999999999999999",
    "0.00000000000001",
    "1e-400",
    "\u0000",
    "\uFEFF",
    "\u200B",
    "\u202E",
    "\uD83D\uDE00",
    "\uD800",
    "\uDFFF",
    "０",
    "９",
    "．",
    "\\",
    "\"",
    "'",
    "{",
    "}",
    "[",
    "]",
    "<",
    ">",
    "per",
    "each",
    "for",
    "records",
    "cards",
    "k records",
    "fresh",
    "dumps",
    "1w条",
    "10万条",
    "300元"
  };

  private final Normalizer normalizer =
      new Normalizer(FxTable.shipped(45), new NormalizerSettings(MIN_PRICE, MAX_PRICE));
  private final RecordBuilder builder =
      new RecordBuilder(
          PseudonymKey.of("fuzz-key-0123456789abcdef"),
          BinTable.load(null),
          PhoneSegments.load(null));
  private final HeaderMap headers = HeaderMap.shipped();
  private final List<String> adverts;
  private final List<SampleSeed> samples;
  private final Path scratch;
  private final Map<String, Long> outcomes = new java.util.TreeMap<>();
  private final long[] nanos = new long[3];

  /** Rows of one demo sample file: its header and data lines as bytes, and how to read it. */
  record SampleSeed(
      String name,
      String format,
      String encoding,
      char delimiter,
      Map<String, String> columns,
      byte[] header,
      List<byte[]> rows) {}

  public Fuzz(Path scratch) {
    this.scratch = scratch;
    this.adverts = adverts();
    this.samples = samples();
  }

  /** Golden corpus texts, then real corpus texts when the files exist. */
  static List<String> adverts() {
    List<String> out = new ArrayList<>();
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    List<Path> files = new ArrayList<>();
    files.add(PROJECT.resolve("src/test/resources/golden/adverts.yaml"));
    Path real = PROJECT.resolve("src/test/resources/real");
    if (Files.isDirectory(real)) {
      try (Stream<Path> s = Files.list(real)) {
        s.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    for (Path f : files) {
      try {
        for (JsonNode a : yaml.readTree(f.toFile()).path("adverts")) {
          if (a.hasNonNull("text")) {
            out.add(a.get("text").asText());
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + f, e);
      }
    }
    if (out.isEmpty()) {
      throw new IllegalStateException("no adverts found under " + PROJECT);
    }
    return out;
  }

  /** The demo's four sample files, split into header and rows (their own bytes and encodings). */
  static List<SampleSeed> samples() {
    Path dir = PROJECT.resolve("data-samples/samples");
    List<SampleSeed> out = new ArrayList<>();
    out.add(seed(dir, "s-2015-001.csv", "csv", "gb18030", ',', Map.of()));
    out.add(seed(dir, "s-2015-002.csv", "csv", "utf-8", ',', Map.of()));
    out.add(
        seed(
            dir,
            "s-2015-003.jsonl",
            "jsonl",
            "utf-8",
            ',',
            Map.of("cust_nm", "name", "acct", "account_number")));
    out.add(seed(dir, "s-2015-004.tsv", "tsv", "utf-8", '\t', Map.of()));
    return out;
  }

  private static SampleSeed seed(
      Path dir, String name, String format, String enc, char delim, Map<String, String> cols) {
    try {
      byte[] all = Files.readAllBytes(dir.resolve(name));
      List<byte[]> lines = new ArrayList<>();
      int start = 0;
      for (int i = 0; i < all.length; i++) {
        if (all[i] == '\n') {
          lines.add(java.util.Arrays.copyOfRange(all, start, i + 1));
          start = i + 1;
        }
      }
      if (start < all.length) {
        lines.add(java.util.Arrays.copyOfRange(all, start, all.length));
      }
      byte[] header = "jsonl".equals(format) ? new byte[0] : lines.remove(0);
      return new SampleSeed(name, format, enc, delim, cols, header, lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- mutations ----------------------------------------------------------------------------

  static String mutate(String text, Random r) {
    StringBuilder b = new StringBuilder(text);
    int n = 1 + r.nextInt(4);
    for (int k = 0; k < n; k++) {
      int pos = b.length() == 0 ? 0 : r.nextInt(b.length() + 1);
      switch (r.nextInt(8)) {
        case 0, 1 -> b.insert(pos, PIECES[r.nextInt(PIECES.length)]);
        case 2 -> {
          if (b.length() > 0) {
            int end = Math.min(b.length(), pos + 1 + r.nextInt(6));
            b.delete(Math.min(pos, b.length() - 1), end);
          }
        }
        case 3 -> {
          if (pos < b.length()) {
            b.setCharAt(pos, (char) r.nextInt(0x10000));
          }
        }
        case 4 -> {
          int end = Math.min(b.length(), pos + 1 + r.nextInt(20));
          b.insert(end, b.substring(pos, end)); // duplicate a span
        }
        case 5 -> b.setLength(pos); // truncate
        case 6 -> b.insert(pos, Long.toString(r.nextLong() >>> r.nextInt(64)));
        default -> {
          String other = PIECES[r.nextInt(PIECES.length)].repeat(1 + r.nextInt(30));
          b.insert(pos, other);
        }
      }
    }
    return b.toString();
  }

  static byte[] mutate(byte[] bytes, Random r) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] b = bytes;
    int n = 1 + r.nextInt(4);
    for (int k = 0; k < n; k++) {
      int pos = b.length == 0 ? 0 : r.nextInt(b.length + 1);
      out.reset();
      switch (r.nextInt(7)) {
        case 0 -> { // a random byte
          out.write(b, 0, pos);
          out.write(r.nextInt(256));
          out.write(b, pos, b.length - pos);
        }
        case 1 -> { // a structural byte: quote, delimiter, line break, NUL
          byte[] s = {'"', ',', '\t', '\n', '\r', 0, '{', '}'};
          out.write(b, 0, pos);
          out.write(s[r.nextInt(s.length)]);
          out.write(b, pos, b.length - pos);
        }
        case 2 -> { // delete a span
          int end = Math.min(b.length, pos + 1 + r.nextInt(8));
          out.write(b, 0, Math.min(pos, b.length));
          out.write(b, end, b.length - end);
        }
        case 3 -> { // truncate
          out.write(b, 0, pos);
        }
        case 4 -> { // flip a bit
          out.write(b, 0, b.length);
          if (b.length > 0) {
            byte[] c = out.toByteArray();
            c[Math.min(pos, c.length - 1)] ^= (byte) (1 << r.nextInt(8));
            out.reset();
            out.write(c, 0, c.length);
          }
        }
        case 5 -> { // a piece in UTF-8 or GBK
          out.write(b, 0, pos);
          String p = PIECES[r.nextInt(PIECES.length)];
          out.writeBytes(
              p.getBytes(r.nextBoolean() ? StandardCharsets.UTF_8 : Charset.forName("GBK")));
          out.write(b, pos, b.length - pos);
        }
        default -> { // duplicate a span
          int end = Math.min(b.length, pos + 1 + r.nextInt(40));
          out.write(b, 0, end);
          out.write(b, pos, end - pos);
          out.write(b, end, b.length - end);
        }
      }
      b = out.toByteArray();
    }
    return b;
  }

  // ---- the three targets --------------------------------------------------------------------

  /** One mutated real advert through the normaliser; null when every property holds. */
  String advertCase(long seed, long i) {
    Random r = new Random(seed * 1_000_003L + i);
    String base = adverts.get(r.nextInt(adverts.size()));
    String text = mutate(base, r);
    boolean structured = r.nextInt(5) == 0;
    Listing l =
        new Listing(
            "f" + i,
            r.nextInt(10) == 0 ? mutate("qq", r) : "qq",
            null,
            null,
            r.nextInt(10) == 0 ? mutate("2015-01-10", r) : "2015-01-10",
            text,
            structured ? mutate("0.5", r) : null,
            structured && r.nextBoolean() ? mutate("CNY", r) : null,
            structured && r.nextBoolean() ? mutate("100", r) : null,
            r.nextInt(20) == 0 ? mutate("gold", r) : null,
            null,
            null,
            null,
            null,
            Map.of());
    return check(l);
  }

  /**
   * A price whose value is known, written as a structured field or in the text ("每条 d 元", "d元一条"):
   * the offer must carry exactly that price per record (BigDecimal's correctly rounded double), or,
   * outside the plausible range, say price_out_of_range; a mutated number must give a valid offer
   * or a reason.
   */
  String numberCase(long seed, long i) {
    Random r = new Random(seed * 1_000_033L + i);
    int scale = r.nextInt(7);
    BigDecimal d =
        BigDecimal.valueOf((long) Math.floor(Math.exp(r.nextDouble() * Math.log(1e11))), scale)
            .setScale(scale, RoundingMode.UNNECESSARY);
    String written = d.toPlainString();
    int form = r.nextInt(4);
    boolean mutated = form == 3;
    if (mutated) {
      written = mutate(written, r);
    }
    Listing l =
        form == 0 || mutated
            ? new Listing(
                "n" + i,
                "market",
                null,
                null,
                "2015-01-10",
                null,
                written,
                "CNY",
                "1",
                null,
                null,
                null,
                null,
                null,
                Map.of())
            : new Listing(
                "n" + i,
                "qq",
                null,
                null,
                "2015-01-10",
                form == 1 ? "每条" + written + "元" : written + "元一条",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                Map.of());
    String broken = check(l);
    if (broken != null || mutated) {
      return broken;
    }
    List<Offer> o = normalizer.normalize(l);
    double want = d.doubleValue();
    if (want < MIN_PRICE || want > MAX_PRICE || d.signum() == 0) {
      String reason = o.get(0).reason();
      return o.size() == 1
              && !o.get(0).ok()
              && Set.of("price_out_of_range", "price_nonpositive", "no_price").contains(reason)
          ? null
          : "price " + written + " outside the plausible range gave " + o;
    }
    if (o.size() != 1 || !o.get(0).ok() || o.get(0).pricePerRecordCny() != want) {
      return "price " + written + " (form " + form + ") gave " + o + ", expected " + want;
    }
    return null;
  }

  /** The normaliser's answer for {@code l} obeys the contract; null or what is wrong. */
  String check(Listing l) {
    List<Offer> offers;
    try {
      offers = normalizer.normalize(l);
    } catch (RuntimeException | StackOverflowError e) {
      return "exception " + e + " for " + describe(l);
    }
    if (offers != null && !offers.isEmpty()) {
      outcomes.merge(
          "normaliser " + (offers.get(0).ok() ? "ok" : offers.get(0).reason()), 1L, Long::sum);
    }
    return check(l, offers);
  }

  /** {@code offers} obey the contract for {@code l}; null or what is wrong. */
  static String check(Listing l, List<Offer> offers) {
    if (offers == null || offers.isEmpty()) {
      return "no line for " + describe(l);
    }
    for (int k = 0; k < offers.size(); k++) {
      Offer o = offers.get(k);
      String broken = OfferGuard.broken(o, k, offers.size());
      if (broken != null) {
        return "offer " + k + " " + broken + ": " + o + " for " + describe(l);
      }
      if (o.ok()) {
        double p = o.pricePerRecordCny();
        if (p < MIN_PRICE * (1 - 1e-12) || p > MAX_PRICE * (1 + 1e-12)) {
          return "price " + p + " outside the plausible range, ok: " + describe(l);
        }
        if (!TIERS.contains(o.tier())
            || !FRESHNESS.contains(o.freshness())
            || o.category() == null
            || o.product() == null
            || o.qualifier() == null
            || o.language() == null
            || o.currency() == null
            || o.evidence().isEmpty()) {
          return "offer " + k + " has a field outside the contract: " + o + " for " + describe(l);
        }
      } else if (!REASONS.contains(o.reason())) {
        return "unknown reason " + o.reason() + " for " + describe(l);
      }
    }
    return null;
  }

  private static String describe(Listing l) {
    return "text="
        + quote(l.text())
        + " price="
        + quote(l.price())
        + " currency="
        + quote(l.currency())
        + " quantity="
        + quote(l.quantity())
        + " posted_at="
        + quote(l.postedAt())
        + " source="
        + quote(l.source());
  }

  private static String quote(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder("\"");
    s.codePoints()
        .forEach(
            c -> {
              if (c < 0x20
                  || (c >= 0xD800 && c <= 0xDFFF)
                  || c == 0xFEFF
                  || c == '"'
                  || c == '\\') {
                b.append(String.format("\\u%04x", c));
              } else {
                b.appendCodePoint(c);
              }
            });
    return b.append('"').toString();
  }

  /**
   * Header and 1-8 rows of a demo sample file, mutated as bytes, through the sample reader: exactly
   * one report, last; counts that add up; known reasons; no 8-digit run (a whole identifier) in any
   * masked value or detail.
   */
  String sampleCase(long seed, long i) {
    Random r = new Random(seed * 1_000_037L + i);
    SampleSeed s = samples.get(r.nextInt(samples.size()));
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(s.header());
    int rows = 1 + r.nextInt(8);
    for (int k = 0; k < rows; k++) {
      b.writeBytes(s.rows().get(r.nextInt(s.rows().size())));
    }
    // Half the cases mutate the decoded text (the file stays decodable, so rows are parsed), half
    // the raw bytes (mostly undecodable files).
    Charset cs =
        "gb18030".equals(s.encoding()) ? Charset.forName("GB18030") : StandardCharsets.UTF_8;
    byte[] bytes =
        r.nextBoolean()
            ? mutate(new String(b.toByteArray(), cs), r).getBytes(cs)
            : mutate(b.toByteArray(), r);
    Path file = scratch.resolve("fuzz-" + Thread.currentThread().getId() + "-" + s.name());
    try {
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ManifestEntry e =
        new ManifestEntry(
            "fz",
            s.name(),
            file.toString(),
            s.format(),
            s.encoding(),
            s.delimiter(),
            s.columns(),
            LocalDate.of(2015, 1, 8),
            null,
            null,
            null);
    List<SampleReader.Item> items = new ArrayList<>();
    try (SampleReader reader = new SampleReader(e, builder, headers, 4096, 1 << 20)) {
      reader.forEachRemaining(items::add);
    } catch (RuntimeException | StackOverflowError ex) {
      return "exception " + ex + " reading mutated " + s.name() + " (case " + i + ")";
    }
    if (items.isEmpty() || !(items.get(items.size() - 1) instanceof SampleReader.Report last)) {
      return "no report last for mutated " + s.name();
    }
    long parsed = 0;
    long rejected = 0;
    for (int k = 0; k < items.size() - 1; k++) {
      SampleReader.Item it = items.get(k);
      if (it instanceof SampleReader.Report) {
        return "a report before the end for mutated " + s.name();
      } else if (it instanceof SampleReader.Parsed) {
        parsed++;
      } else {
        Rejection j = ((SampleReader.Rejected) it).rejection();
        rejected++;
        if (!SAMPLE_REASONS.contains(j.reason())) {
          return "unknown reason " + j.reason();
        }
        for (String v : j.masked().values()) {
          if (LONG_DIGITS.matcher(v).find()) {
            return "masked value shows 8 digits in a row: "
                + j.masked()
                + " ("
                + s.name()
                + ", case "
                + i
                + ")";
          }
        }
        if (j.detail() != null && LONG_DIGITS.matcher(j.detail()).find()) {
          return "rejection detail shows 8 digits in a row: " + j.detail();
        }
      }
    }
    SampleReport rep = last.report();
    outcomes.merge("sample file " + (rep.ok() ? "ok" : "failed " + rep.reason()), 1L, Long::sum);
    outcomes.merge("sample row record", parsed, Long::sum);
    outcomes.merge("sample row rejected", rejected, Long::sum);
    if (rep.ok() && (rep.recordsRead() != parsed || rep.recordsRejected() != rejected)) {
      return "report counts "
          + rep.recordsRead()
          + "/"
          + rep.recordsRejected()
          + " but items "
          + parsed
          + "/"
          + rejected;
    }
    if (!rep.ok() && (rep.reason() == null || rep.recordsRead() + rep.recordsRejected() != 0)) {
      return "a failed report without a reason or with counts: " + rep;
    }
    if (rep.detail() != null && LONG_DIGITS.matcher(rep.detail()).find()) {
      return "report detail shows 8 digits in a row: " + rep.detail();
    }
    return null;
  }

  /**
   * Counts of one fuzz run: cases per target, how they ended (normaliser ok or reason, sample file
   * ok or failed with its reason, rows), and the failures.
   */
  public record Result(
      long adverts,
      long numbers,
      long samples,
      Map<String, Long> outcomes,
      List<String> failures) {}

  /** Runs {@code n} cases of each target from {@code seed}; stops collecting after 20 failures. */
  public Result run(long seed, long n) {
    List<String> failures = new ArrayList<>();
    for (long i = 0; i < n && failures.size() < 20; i++) {
      long t0 = System.nanoTime();
      add(failures, "advert", seed, i, advertCase(seed, i));
      long t1 = System.nanoTime();
      add(failures, "number", seed, i, numberCase(seed, i));
      long t2 = System.nanoTime();
      add(failures, "sample", seed, i, sampleCase(seed, i));
      long t3 = System.nanoTime();
      nanos[0] += t1 - t0;
      nanos[1] += t2 - t1;
      nanos[2] += t3 - t2;
    }
    return new Result(n, n, n, Map.copyOf(outcomes), failures);
  }

  private static void add(List<String> f, String target, long seed, long i, String failure) {
    if (failure != null) {
      f.add(target + " seed " + seed + " case " + i + ": " + failure);
    }
  }

  /** {@code Fuzz CASES [SEED]}: prints the counts and any failure; exit 1 on a failure. */
  public static void main(String[] args) throws IOException {
    long n = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 20150112L;
    // a memory file system when there is one: each sample case writes a small file
    Path shm = Path.of("/dev/shm");
    Path scratch =
        Files.isDirectory(shm) && Files.isWritable(shm)
            ? Files.createTempDirectory(shm, "leakmarket-fuzz")
            : Files.createTempDirectory("leakmarket-fuzz");
    long t = System.nanoTime();
    Fuzz f = new Fuzz(scratch);
    Result r = f.run(seed, n);
    System.out.printf(
        "fuzz seed %d: %d mutated adverts, %d prices, %d mutated sample files; %d failures (%.0f s)%n",
        seed,
        r.adverts(),
        r.numbers(),
        r.samples(),
        r.failures().size(),
        (System.nanoTime() - t) / 1e9);
    r.outcomes().forEach((k, v) -> System.out.printf("  %-40s %d%n", k, v));
    System.out.printf(
        "  seconds per target: adverts %.1f, prices %.1f, samples %.1f%n",
        f.nanos[0] / 1e9, f.nanos[1] / 1e9, f.nanos[2] / 1e9);
    r.failures().forEach(System.out::println);
    try (Stream<Path> files = Files.list(scratch)) {
      for (Path p : files.toList()) {
        Files.deleteIfExists(p);
      }
    }
    Files.deleteIfExists(scratch);
    System.exit(r.failures().isEmpty() ? 0 : 1);
  }
}
