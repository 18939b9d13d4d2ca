package org.leakmarket.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.leakmarket.cli.LeakmarketCommand;
import org.leakmarket.testing.SparkTestBase;
import org.leakmarket.warehouse.Table;
import org.leakmarket.warehouse.Warehouse;

/**
 * The hostile-input corpus for listing files (docs/reliability.md). Every file is written here
 * (nothing binary is committed); one {@code ingest} reads them all (line limit 65,536 bytes, reject
 * limit off), then {@code normalize}; each case asserts its file's counts as {@code gold/runs}
 * records them (read = accepted + quarantined, against the number of lines the case wrote, with the
 * quarantine reasons) and, for normaliser cases, the reason of each listing. Cases that make a file
 * unusable run alone and must exit 3 with one line and write nothing.
 */
class HostileListingsTest extends SparkTestBase {
  static final long MAX = 65_536;
  static final ObjectMapper JSON = new ObjectMapper();
  static final boolean ROOT = "root".equals(System.getProperty("user.name"));

  Path in;
  Path wh;
  Path key;
  int ingestCode;
  int normalizeCode;
  String ingestErr;
  Map<String, JsonNode> files = new HashMap<>();
  Map<String, String> normalizeReasons = new HashMap<>();
  Map<String, Map<String, String>> extras = new HashMap<>();

  /** A JSON line of a valid listing. */
  static String ok(String id) {
    return "{\"listing_id\":\""
        + id
        + "\",\"source\":\"qq\",\"seller\":\"s-"
        + id
        + "\",\"posted_at\":\"2015-01-10\",\"text\":\"信用卡资料 每条5毛\"}";
  }

  static String okPosted(String id, String postedAt, String price) {
    return "{\"listing_id\":\""
        + id
        + "\",\"source\":\"market\",\"posted_at\":\""
        + postedAt
        + "\",\"price\":"
        + price
        + ",\"currency\":\"CNY\",\"quantity\":\"1\",\"category\":\"credit_card\"}";
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      b.writeBytes(p);
    }
    return b.toByteArray();
  }

  static byte[] gzip(byte[] b) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(b);
    }
    return out.toByteArray();
  }

  void write(String name, byte[] bytes) throws IOException {
    Files.write(in.resolve(name), bytes);
  }

  void write(String name, String text) throws IOException {
    write(name, utf8(text));
  }

  @BeforeAll
  void ingestTheCorpus(@TempDir Path tmp) throws Exception {
    in = Files.createDirectories(tmp.resolve("in"));
    wh = tmp.resolve("wh");
    key = tmp.resolve("k.key");
    Files.writeString(key, "hostile-listings-key-0123456789abcdef\n");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));

    Random rnd = new Random(20150112L);
    ByteArrayOutputStream garbage = new ByteArrayOutputStream();
    for (int i = 0; i < 50; i++) {
      byte[] line = new byte[60];
      rnd.nextBytes(line);
      for (int k = 0; k < line.length; k++) {
        if (line[k] == '\n' || line[k] == '\r') {
          line[k] = (byte) 0xFF;
        }
      }
      line[0] = (byte) 0xC0; // never valid UTF-8, never blank
      garbage.writeBytes(line);
      garbage.write('\n');
    }
    write("l01-binary.jsonl", garbage.toByteArray());
    byte[] bad = {(byte) 0xFF, (byte) 0xFE};
    write(
        "l02-invalid-utf8.jsonl",
        concat(
            utf8(ok("u1").replace("5毛", "5毛 ")),
            bad,
            utf8("\n"),
            utf8(
                "{\"listing_id\":\"u2\",\"source\":\"qq\",\"posted_at\":\"2015-01-10\",\"text\":\""),
            bad,
            utf8("\"}\n"),
            bad,
            utf8("\n")));
    write(
        "l03-mixed-encodings.jsonl",
        concat(
            utf8(ok("m1") + "\n"),
            ok("m2").getBytes(Charset.forName("GBK")),
            utf8("\n" + ok("m3") + "\n"),
            ok("m4").getBytes(Charset.forName("GBK")),
            utf8("\n")));
    write(
        "l04-nul.jsonl",
        ok("n1").replace("每条", "每\u0000条")
            + "\n"
            + ok("n2").replace("每条", "每\\u0000条")
            + "\n"
            + ok("n3").replace(",\"source\"", ",\u0000\"source\"")
            + "\n");
    write("l05-bom.jsonl", "\uFEFF" + ok("b1") + "\n" + ok("b2") + "\n\uFEFF" + ok("b3") + "\n");
    write("l06-bom-in-text.jsonl", ok("b4").replace("每条", "每\uFEFF条") + "\n");
    try (OutputStream o = Files.newOutputStream(in.resolve("l07-50mb-line.jsonl"))) {
      o.write(
          utf8(
              "{\"listing_id\":\"big\",\"source\":\"qq\",\"posted_at\":\"2015-01-10\",\"text\":\""));
      byte[] chunk = utf8("x".repeat(1 << 20));
      for (int i = 0; i < 50; i++) {
        o.write(chunk);
      }
      o.write(utf8("\"}\n" + ok("after-big") + "\n"));
    }
    String head =
        "{\"listing_id\":\"edge\",\"source\":\"qq\",\"posted_at\":\"2015-01-10\",\"text\":\"";
    String atLimit = head + "y".repeat((int) MAX - head.length() - 2) + "\"}";
    String head2 = head.replace("edge", "edge2");
    String overLimit = head2 + "y".repeat((int) MAX - head2.length() - 1) + "\"}";
    assertThat(utf8(atLimit)).hasSize((int) MAX);
    assertThat(utf8(overLimit)).hasSize((int) MAX + 1);
    write("l08-limit-edge.jsonl", atLimit + "\n" + overLimit + "\n");
    write("l09-zero-bytes.jsonl", new byte[0]);
    write("l10-blank-lines.jsonl", "\n   \n\t\r\n \t \n");
    write("l11-gzip.jsonl.gz", gzip(utf8(ok("g1") + "\n" + ok("g2") + "\n" + ok("g3") + "\n")));
    write("l12-repeat-same.jsonl", ok("r1") + "\n" + ok("r1") + "\n");
    write("l13-repeat-different.jsonl", ok("r2") + "\n" + ok("r2").replace("5毛", "8毛") + "\n");
    write("l14a-across-files.jsonl", ok("r3") + "\n");
    write("l14b-across-files.jsonl", ok("r3").replace("5毛", "9毛") + "\n");
    write(
        "l15-not-objects.jsonl",
        "[1,2]\n42\n{\"listing_id\":\"t\",\"source\":\"qq\"\nnull\n\"a string\"\n");
    write(
        "l16-deep.jsonl", "[".repeat(20_000) + "]".repeat(20_000) + "\n" + ok("after-deep") + "\n");
    write(
        "l17-missing-fields.jsonl",
        "{\"listing_id\":\"f1\",\"posted_at\":\"2015-01-10\",\"text\":\"每条5毛\"}\n"
            + "{\"listing_id\":\"f2\",\"source\":\"qq\",\"text\":\"每条5毛\"}\n"
            + "{\"listing_id\":\"f3\",\"source\":\"qq\",\"posted_at\":\"2015-01-10\"}\n");
    write("l18-cr-endings.jsonl", ok("c1") + "\r" + ok("c2") + "\r" + ok("c3") + "\r");
    write("l19-whitespace.jsonl", "\t\n" + ok("w1") + "\n \u000b\n");
    write(
        "l20-numbers.jsonl",
        String.join(
                "\n",
                okPosted("x-1e309", "2015-01-10", "\"1e309\""),
                okPosted("x-nan", "2015-01-10", "\"NaN\""),
                okPosted("x-minus0", "2015-01-10", "\"-0\""),
                okPosted("x-tiny", "2015-01-10", "\"1e-400\""),
                okPosted("x-bare-1e309", "2015-01-10", "1e309"),
                okPosted("x-huge-exp", "2015-01-10", "\"1e2147483647\""))
            + "\n");
    write(
        "l21-dates.jsonl",
        String.join(
                "\n",
                okPosted("d-1900", "1900-01-01", "\"1\""),
                okPosted("d-2100", "2100-01-01", "\"1\""),
                okPosted("d-no-year", "01-15", "\"1\""),
                okPosted("d-feb30", "2015-02-30", "\"1\""),
                okPosted("d-month13", "2015-13-01", "\"1\""),
                okPosted("d-ok", "2015-01-15", "\"1\""))
            + "\n");
    String csvHead = "listing_id,source,seller,posted_at,text\n";
    write("l22-csv.csv", csvHead + "v1,qq,s,2015-01-10,每条5毛\nv2,qq,s,2015-01-10,每条6毛\n");
    write(
        "l23-csv-ragged.csv",
        csvHead
            + "v3,qq,s,2015-01-10,每条5毛\nv4,qq,s\nv5,qq,s,2015-01-10,每条5毛,x,y\nv6,qq,s,2015-01-10,每条5毛,\n");
    write(
        "l24-csv-unclosed-quote.csv",
        csvHead
            + "v7,qq,s,2015-01-10,每条5毛\nv8,qq,s,2015-01-10,\"每条5毛\nv9,qq,s,2015-01-10,每条5毛\nv10,qq,s,2015-01-10,每条5毛\n");
    write(
        "l25-csv-blank-header.csv",
        "listing_id,source,,posted_at,text\nv11,qq,junk,2015-01-10,每条5毛\nv12,qq,,2015-01-10,每条5毛\n");
    write(
        "l26-csv-bom-crlf.csv",
        "\uFEFF"
            + csvHead.replace("\n", "\r\n")
            + "v13,qq,s,2015-01-10,每条5毛\r\nv14,qq,s,2015-01-10,每条5毛\r\n");
    write(
        "l27-csv-invalid-utf8.csv",
        concat(
            utf8(csvHead + "v15,qq,s,2015-01-10,每条"), bad, utf8("\nv16,qq,s,2015-01-10,每条5毛\n")));
    write(
        "l28-csv-long-record.csv",
        csvHead + "v17,qq,s,2015-01-10,\"" + "z".repeat(70_000) + "\"\nv18,qq,s,2015-01-10,每条5毛\n");
    write(
        "l29-csv-text-after-quote.csv",
        csvHead + "v19,qq,s,2015-01-10,\"每条\"5毛\nv20,qq,s,2015-01-10,每条5毛\n");
    write(
        "l30-csv-gzip.csv.gz",
        gzip(utf8(csvHead + "v21,qq,s,2015-01-10,每条5毛\nv22,qq,s,2015-01-10,每条7毛\n")));
    StringBuilder wide = new StringBuilder(ok("wide").substring(0, ok("wide").length() - 1));
    for (int i = 0; i < 3000; i++) {
      wide.append(",\"k").append(i).append("\":\"v\"");
    }
    write("l31-3000-fields.jsonl", wide.append("}\n").toString());
    write("l32-id-as-number.jsonl", ok("x").replace("\"x\"", "123") + "\n");

    StringWriter err = new StringWriter();
    ingestCode =
        LeakmarketCommand.execute(
            new PrintWriter(err, true),
            "ingest",
            "--listings",
            in.toString(),
            "--warehouse",
            wh.toString(),
            "--key-file",
            key.toString(),
            "--max-line-bytes",
            Long.toString(MAX),
            "--max-reject-rate",
            "1");
    ingestErr = err.toString();
    normalizeCode =
        LeakmarketCommand.execute(
            new PrintWriter(new StringWriter(), true),
            "normalize",
            "--warehouse",
            wh.toString(),
            "--max-reject-rate",
            "1");
    Warehouse w = new Warehouse(spark, wh);
    Row run = w.read(Table.GOLD_RUNS).filter("stages = '[INGEST]'").select("counts").head();
    scala.collection.Map<String, String> counts = run.getMap(0);
    counts.foreach(
        kv -> {
          if (kv._1().startsWith("file:")) {
            try {
              files.put(
                  Path.of(kv._1().substring(5)).getFileName().toString(), JSON.readTree(kv._2()));
            } catch (IOException e) {
              throw new IllegalStateException(e);
            }
          }
          return null;
        });
    for (Row r :
        w.read(Table.QUARANTINE_LISTINGS)
            .filter("stage = 'normalize'")
            .select("listing_id", "reason")
            .collectAsList()) {
      normalizeReasons.put(r.getString(0), r.getString(1));
    }
    for (Row r : w.read(Table.SILVER_OFFERS).select("listing_id").collectAsList()) {
      normalizeReasons.putIfAbsent(r.getString(0), "ok");
    }
    for (Row r : w.read(Table.BRONZE_LISTINGS).select("listing_id", "extra").collectAsList()) {
      extras.put(
          r.getString(0),
          r.isNullAt(1)
              ? Map.of()
              : scala.jdk.javaapi.CollectionConverters.asJava(r.<String, String>getMap(1)));
    }
  }

  /** The file's counts; asserts read = accepted + quarantined and the reasons. */
  void counts(String file, long lines, long blank, long accepted, Map<String, Long> reasons) {
    assertThat(ingestCode).as(ingestErr).isZero();
    JsonNode f = files.get(file);
    assertThat(f).as("gold/runs counts for %s", file).isNotNull();
    long quarantined = reasons.values().stream().mapToLong(Long::longValue).sum();
    Map<String, Long> got = new TreeMap<>();
    f.get("by_reason").fields().forEachRemaining(e -> got.put(e.getKey(), e.getValue().asLong()));
    assertThat(got).as(file).isEqualTo(new TreeMap<>(reasons));
    assertThat(f.get("accepted").asLong()).as(file + " accepted").isEqualTo(accepted);
    assertThat(f.get("quarantined").asLong()).as(file + " quarantined").isEqualTo(quarantined);
    assertThat(f.get("read").asLong())
        .as(file + " read = accepted + quarantined")
        .isEqualTo(accepted + quarantined);
    assertThat(f.get("blank").asLong()).as(file + " blank").isEqualTo(blank);
    if (lines >= 0) {
      assertThat(f.get("lines").asLong()).as(file + " lines").isEqualTo(lines);
    }
  }

  void normalized(Map<String, String> expected) {
    assertThat(normalizeCode).isZero();
    Map<String, String> got = new TreeMap<>();
    expected.keySet().forEach(id -> got.put(id, normalizeReasons.get(id)));
    assertThat(got).isEqualTo(new TreeMap<>(expected));
  }

  static Map<String, Long> r(Object... kv) {
    Map<String, Long> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], ((Number) kv[i + 1]).longValue());
    }
    return m;
  }

  static final String INVALID = IngestReason.INVALID_UTF8;
  static final String LONG = IngestReason.LINE_TOO_LONG;
  static final String MALFORMED = "malformed";

  @TestFactory
  Stream<DynamicTest> listingFiles() {
    return Stream.of(
        dynamicTest(
            "L01 binary garbage: 50 lines invalid_utf8",
            () -> counts("l01-binary.jsonl", 50, 0, 0, r(INVALID, 50))),
        dynamicTest(
            "L02 invalid UTF-8 inside JSON strings and alone: 3 invalid_utf8",
            () -> counts("l02-invalid-utf8.jsonl", 3, 0, 0, r(INVALID, 3))),
        dynamicTest(
            "L03 mixed encodings (GBK lines in UTF-8): 2 accepted, 2 invalid_utf8",
            () -> counts("l03-mixed-encodings.jsonl", 4, 0, 2, r(INVALID, 2))),
        dynamicTest(
            "L04 NUL bytes: escaped accepted, raw (in and out of strings) malformed",
            () -> counts("l04-nul.jsonl", 3, 0, 1, r(MALFORMED, 2))),
        dynamicTest(
            "L05 a BOM at the start and in the middle (concatenated files): 3 accepted",
            () -> counts("l05-bom.jsonl", 3, 0, 3, r())),
        dynamicTest(
            "L06 a BOM inside the advert text: accepted",
            () -> counts("l06-bom-in-text.jsonl", 1, 0, 1, r())),
        dynamicTest(
            "L07 a 50 MB single line: line_too_long (never buffered), the next line accepted",
            () -> counts("l07-50mb-line.jsonl", 2, 0, 1, r(LONG, 1))),
        dynamicTest(
            "L08 a line of exactly the limit accepted, one byte more line_too_long",
            () -> counts("l08-limit-edge.jsonl", 2, 0, 1, r(LONG, 1))),
        dynamicTest(
            "L09 a zero-byte file: nothing read",
            () -> counts("l09-zero-bytes.jsonl", 0, 0, 0, r())),
        dynamicTest(
            "L10 blank and whitespace lines only: 4 blank, nothing read",
            () -> counts("l10-blank-lines.jsonl", 4, 4, 0, r())),
        dynamicTest(
            "L11 a gzipped file: 3 accepted", () -> counts("l11-gzip.jsonl.gz", 3, 0, 3, r())),
        dynamicTest(
            "L12 a listing repeated with the same content: both accepted, one row in bronze",
            () -> {
              counts("l12-repeat-same.jsonl", 2, 0, 2, r());
              assertThat(files.get("l12-repeat-same.jsonl").get("repeated").asLong()).isEqualTo(1);
              assertThat(extras).containsKey("r1");
            }),
        dynamicTest(
            "L13 a listing id repeated with different content: 1 accepted, 1 conflicting_id",
            () -> counts("l13-repeat-different.jsonl", 2, 0, 1, r(IngestReason.CONFLICTING_ID, 1))),
        dynamicTest(
            "L14 the same id with different content in two files: the first file's kept",
            () -> {
              counts("l14a-across-files.jsonl", 1, 0, 1, r());
              counts("l14b-across-files.jsonl", 1, 0, 0, r(IngestReason.CONFLICTING_ID, 1));
            }),
        dynamicTest(
            "L15 arrays, scalars, null, an unclosed object: 5 malformed",
            () -> counts("l15-not-objects.jsonl", 5, 0, 0, r(MALFORMED, 5))),
        dynamicTest(
            "L16 JSON nested 20,000 deep: malformed, no stack overflow, the next line accepted",
            () -> counts("l16-deep.jsonl", 2, 0, 1, r(MALFORMED, 1))),
        dynamicTest(
            "L17 missing source, posted_at, text and price: missing_field, bad_date, no_price",
            () ->
                counts(
                    "l17-missing-fields.jsonl",
                    3,
                    0,
                    0,
                    r("missing_field", 1, "bad_date", 1, "no_price", 1))),
        dynamicTest(
            "L18 CR-only line endings: 3 accepted",
            () -> counts("l18-cr-endings.jsonl", 3, 0, 3, r())),
        dynamicTest(
            "L19 lines of tabs and vertical tabs: blank, not malformed",
            () -> counts("l19-whitespace.jsonl", 3, 2, 1, r())),
        dynamicTest(
            "L20 prices 1e309, NaN, -0, 1e-400, a bare 1e309, 1e2147483647: a reason each, no crash",
            () -> {
              counts("l20-numbers.jsonl", 6, 0, 6, r());
              normalized(
                  Map.of(
                      "x-1e309", "price_out_of_range",
                      "x-nan", MALFORMED,
                      "x-minus0", "price_nonpositive",
                      "x-tiny", "price_out_of_range",
                      // a bare JSON number beyond a double: Spark's reader makes it "Infinity",
                      // which is not a price
                      "x-bare-1e309", MALFORMED,
                      "x-huge-exp", "price_out_of_range"));
            }),
        dynamicTest(
            "L21 posted in 1900, 2100, without a year, on 30 February, in month 13: bad_date",
            () -> {
              counts("l21-dates.jsonl", 6, 0, 6, r());
              normalized(
                  Map.of(
                      "d-1900", "bad_date",
                      "d-2100", "bad_date",
                      "d-no-year", "bad_date",
                      "d-feb30", "bad_date",
                      "d-month13", "bad_date",
                      "d-ok", "ok"));
            }),
        dynamicTest("L22 a CSV file: 2 accepted", () -> counts("l22-csv.csv", 3, 0, 2, r())),
        dynamicTest(
            "L23 CSV ragged rows: fewer cells and more non-blank cells malformed, a trailing empty cell fine",
            () -> counts("l23-csv-ragged.csv", 5, 0, 2, r(MALFORMED, 2))),
        dynamicTest(
            "L24 CSV quote never closed: the rest of the file is one malformed record",
            () -> counts("l24-csv-unclosed-quote.csv", 5, 0, 1, r(MALFORMED, 1))),
        dynamicTest(
            "L25 CSV blank header cell: rows accepted, the column kept as _c2",
            () -> {
              counts("l25-csv-blank-header.csv", 3, 0, 2, r());
              assertThat(extras.get("v11")).containsEntry("_c2", "junk");
            }),
        dynamicTest(
            "L26 CSV with a BOM and CRLF: 2 accepted",
            () -> counts("l26-csv-bom-crlf.csv", 3, 0, 2, r())),
        dynamicTest(
            "L27 CSV bytes that are not UTF-8: invalid_utf8",
            () -> counts("l27-csv-invalid-utf8.csv", 3, 0, 1, r(INVALID, 1))),
        dynamicTest(
            "L28 CSV record over the limit: line_too_long, the next accepted",
            () -> counts("l28-csv-long-record.csv", 3, 0, 1, r(LONG, 1))),
        dynamicTest(
            "L29 CSV text after a closing quote: malformed",
            () -> counts("l29-csv-text-after-quote.csv", 3, 0, 1, r(MALFORMED, 1))),
        dynamicTest(
            "L30 a gzipped CSV file: 2 accepted",
            () -> counts("l30-csv-gzip.csv.gz", 3, 0, 2, r())),
        dynamicTest(
            "L31 3,000 unknown fields: accepted, all kept in extra",
            () -> {
              counts("l31-3000-fields.jsonl", 1, 0, 1, r());
              assertThat(extras.get("wide")).hasSize(3000);
            }),
        dynamicTest(
            "L32 a listing id written as a number: accepted as text",
            () -> {
              counts("l32-id-as-number.jsonl", 1, 0, 1, r());
              assertThat(extras).containsKey("123");
            }));
  }

  /** Runs ingest alone on {@code files}; returns its exit code and error text. */
  Object[] alone(String name, Map<String, byte[]> content, String... extra) throws IOException {
    Path dir = Files.createDirectories(in.getParent().resolve("alone-" + name));
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "ingest",
            "--warehouse",
            dir.resolve("wh").toString(),
            "--key-file",
            key.toString(),
            "--listings"));
    for (Map.Entry<String, byte[]> e : content.entrySet()) {
      Path p = dir.resolve(e.getKey());
      if (e.getValue() != null) {
        Files.write(p, e.getValue());
      }
      args.add(p.toString());
    }
    args.addAll(Arrays.asList(extra));
    StringWriter err = new StringWriter();
    int code = LeakmarketCommand.execute(new PrintWriter(err, true), args.toArray(String[]::new));
    boolean wrote = new Warehouse(spark, dir.resolve("wh")).exists(Table.BRONZE_LISTINGS);
    return new Object[] {code, err.toString(), wrote};
  }

  static void refused(Object[] r, String... fragments) {
    assertThat((int) r[0]).as((String) r[1]).isEqualTo(3);
    String err = ((String) r[1]).strip();
    assertThat(err).doesNotContain("\n").startsWith("leakmarket: ").contains(fragments);
    assertThat((boolean) r[2]).as("bronze/listings written").isFalse();
  }

  @TestFactory
  Stream<DynamicTest> unusableListingFiles() {
    return Stream.of(
        dynamicTest(
            "E01 a truncated .gz: exit 3, nothing written",
            () -> {
              byte[] whole = gzip(utf8((ok("t") + "\n").repeat(500)));
              refused(
                  alone("e01", Map.of("cut.jsonl.gz", Arrays.copyOf(whole, whole.length / 2))),
                  "cut.jsonl.gz",
                  "truncated gzip");
            }),
        dynamicTest(
            "E02 a .gz file that is not gzip: exit 3",
            () ->
                refused(
                    alone("e02", Map.of("plain.jsonl.gz", utf8(ok("t") + "\n"))),
                    "not valid gzip")),
        dynamicTest(
            "E03 a CSV header naming text twice: exit 3",
            () ->
                refused(
                    alone(
                        "e03",
                        Map.of(
                            "dup.csv",
                            utf8("listing_id,source,posted_at,text,text\n1,qq,2015-01-10,a,b\n"))),
                    "'text' twice")),
        dynamicTest(
            "E04 a listings path that does not exist: exit 3",
            () -> {
              Map<String, byte[]> m = new HashMap<>();
              m.put("missing.jsonl", null);
              refused(alone("e04", m), "not found");
            }),
        dynamicTest(
            "E05 a .bz2 file: exit 3 (only gzip is read)",
            () ->
                refused(
                    alone("e05", Map.of("l.jsonl.bz2", new byte[] {'B', 'Z', 'h'})),
                    "other than gzip")),
        dynamicTest(
            "E06 only empty files on a new warehouse: exit 3, no listing read",
            () ->
                refused(
                    alone("e06", Map.of("a.jsonl", new byte[0], "b.jsonl", utf8("\n \n"))),
                    "no listing read")),
        dynamicTest(
            "E07 rejection rate over max_reject_rate (0.5): exit 3, nothing written",
            () ->
                refused(
                    alone("e07", Map.of("r.jsonl", utf8("x\ny\nz\n" + ok("ok") + "\n"))),
                    "stopped: 3 of 4 listings rejected")),
        dynamicTest(
            "E08 an unreadable file (root reads every file: a directory of hidden files instead)",
            () -> {
              if (ROOT) {
                Path d = Files.createDirectories(in.getParent().resolve("e08/only-hidden"));
                Files.writeString(d.resolve(".x.jsonl"), ok("h") + "\n");
                StringWriter err = new StringWriter();
                int code =
                    LeakmarketCommand.execute(
                        new PrintWriter(err, true),
                        "ingest",
                        "--listings",
                        d.toString(),
                        "--warehouse",
                        d.resolveSibling("wh").toString(),
                        "--key-file",
                        key.toString());
                assertThat(code).isEqualTo(3);
                assertThat(err.toString().strip()).doesNotContain("\n").contains("no listing read");
              } else {
                Path d = Files.createDirectories(in.getParent().resolve("e08"));
                Path u = d.resolve("u.jsonl");
                Files.writeString(u, ok("u") + "\n");
                Files.setPosixFilePermissions(u, PosixFilePermissions.fromString("---------"));
                StringWriter err = new StringWriter();
                int code =
                    LeakmarketCommand.execute(
                        new PrintWriter(err, true),
                        "ingest",
                        "--listings",
                        u.toString(),
                        "--warehouse",
                        d.resolve("wh").toString(),
                        "--key-file",
                        key.toString());
                assertThat(code).isEqualTo(3);
                assertThat(err.toString().strip()).doesNotContain("\n").contains("cannot be read");
              }
            }));
  }
}
