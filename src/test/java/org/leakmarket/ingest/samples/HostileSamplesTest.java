package org.leakmarket.ingest.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.leakmarket.common.UserException;
import org.leakmarket.privacy.PseudonymKey;
import org.leakmarket.reference.BinTable;
import org.leakmarket.reference.PhoneSegments;

/**
 * The hostile-input corpus for leak-sample files and manifests (docs/reliability.md): each case
 * writes its file here (nothing binary is committed), reads it as a Spark task would ({@link
 * SampleReader}) or the manifest as the driver does, and asserts the expected outcome: a failed
 * sample with its reason, or rows with their reasons and counts, or exit 3 with one line. Every
 * case also asserts that no exception escaped and that every data row is accounted for (read =
 * records + rejected, against the count of rows the case wrote).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileSamplesTest {
  private static final PseudonymKey KEY = PseudonymKey.of("hostile-samples-test-key-0123456789");
  private static final RecordBuilder BUILDER =
      new RecordBuilder(KEY, BinTable.load(null), PhoneSegments.load(null));
  private static final long MAX_LINE = 1 << 20;
  private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

  @TempDir Path dir;

  /** What reading one sample file gave. */
  record Read(SampleReport report, long parsed, Map<String, Long> rejected) {
    long rows() {
      return report.recordsRead() + report.recordsRejected();
    }
  }

  Read read(Path file, String format, String encoding, long maxLine, long maxBytes) {
    return read(file, format, encoding, Map.of(), maxLine, maxBytes);
  }

  Read read(
      Path file,
      String format,
      String encoding,
      Map<String, String> columns,
      long maxLine,
      long maxBytes) {
    ManifestEntry e =
        new ManifestEntry(
            "s",
            file.getFileName().toString(),
            file.toString(),
            format,
            encoding,
            "tsv".equals(format) ? '\t' : ',',
            columns,
            LocalDate.of(2015, 1, 8),
            null,
            null,
            null);
    List<SampleReader.Item> items = new ArrayList<>();
    try (SampleReader r = new SampleReader(e, BUILDER, HeaderMap.shipped(), maxLine, maxBytes)) {
      r.forEachRemaining(items::add); // an exception here fails the case: none may escape
    }
    assertThat(items).isNotEmpty();
    assertThat(items.get(items.size() - 1)).isInstanceOf(SampleReader.Report.class);
    assertThat(items.subList(0, items.size() - 1)).noneMatch(i -> i instanceof SampleReader.Report);
    long parsed = items.stream().filter(i -> i instanceof SampleReader.Parsed).count();
    Map<String, Long> rejected = new TreeMap<>();
    items.stream()
        .filter(i -> i instanceof SampleReader.Rejected)
        .forEach(
            i -> rejected.merge(((SampleReader.Rejected) i).rejection().reason(), 1L, Long::sum));
    SampleReport rep = ((SampleReader.Report) items.get(items.size() - 1)).report();
    if (rep.ok()) {
      assertThat(rep.recordsRead()).isEqualTo(parsed);
      assertThat(rep.recordsRejected())
          .isEqualTo(rejected.values().stream().mapToLong(Long::longValue).sum());
    } else {
      // a failed sample contributes nothing; its counts are zero
      assertThat(rep.recordsRead() + rep.recordsRejected()).isZero();
    }
    return new Read(rep, parsed, rejected);
  }

  Read read(Path file, String format) {
    return read(file, format, "utf-8", MAX_LINE, Long.MAX_VALUE);
  }

  Path write(String name, byte[] bytes) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, bytes);
    return p;
  }

  Path write(String name, String text) throws IOException {
    return write(name, text.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] gzip(byte[] b) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(b);
    }
    return out.toByteArray();
  }

  /** n valid rows "name,phone" (phones valid China mobile numbers). */
  static String rows(int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append("王").append(i).append(",1381234").append(String.format("%04d", i)).append('\n');
    }
    return b.toString();
  }

  static void ok(Read r, long records, Map<String, Long> rejected) {
    assertThat(r.report().status()).as(r.report().detail()).isEqualTo(SampleReport.OK);
    assertThat(r.report().recordsRead()).isEqualTo(records);
    assertThat(r.rejected()).isEqualTo(rejected);
  }

  static void failed(Read r, String reason) {
    assertThat(r.report().status()).isEqualTo(SampleReport.FAILED);
    assertThat(r.report().reason()).as(r.report().detail()).isEqualTo(reason);
    assertThat(r.report().detail()).doesNotContain("\n");
  }

  static void exit3(Runnable r, String... fragments) {
    assertThatThrownBy(r::run)
        .isInstanceOf(UserException.class)
        .satisfies(
            e -> {
              assertThat(((UserException) e).exitCode()).isEqualTo(UserException.BAD_INPUT);
              assertThat(e.getMessage()).doesNotContain("\n").contains(fragments);
            });
  }

  List<ManifestEntry> manifest(String text) throws IOException {
    return manifest(text.getBytes(StandardCharsets.UTF_8));
  }

  List<ManifestEntry> manifest(byte[] bytes) throws IOException {
    Path m = Files.createTempFile(dir, "manifest", ".jsonl");
    Files.write(m, bytes);
    return SampleManifest.read(
        m, KEY, LocalDate.parse("2000-01-01"), LocalDate.parse("2030-01-01"));
  }

  @TestFactory
  Stream<DynamicTest> sampleFiles() {
    return Stream.of(
        dynamicTest(
            "S01 binary garbage declared UTF-8: failed undecodable",
            () -> {
              byte[] g = new byte[4096];
              new Random(1).nextBytes(g);
              failed(read(write("s01.csv", g), "csv"), "undecodable");
            }),
        dynamicTest(
            "S02 binary garbage declared GB18030 (decodes to nonsense): failed no_identifier_column",
            () -> {
              byte[] g = new byte[4096];
              new Random(2).nextBytes(g);
              // GB18030 maps almost every byte sequence to some character; the header is noise
              Read r = read(write("s02.csv", g), "csv", "gb18030", MAX_LINE, Long.MAX_VALUE);
              assertThat(r.report().reason()).isIn("no_identifier_column", "undecodable");
              assertThat(r.report().status()).isEqualTo(SampleReport.FAILED);
            }),
        dynamicTest(
            "S03 mixed encodings (a GBK row in a UTF-8 file): failed undecodable, rows before discarded",
            () -> {
              ByteArrayOutputStream b = new ByteArrayOutputStream();
              b.write(("姓名,手机\n" + rows(5)).getBytes(StandardCharsets.UTF_8));
              b.write("张三,13912345678\n".getBytes(Charset.forName("GBK")));
              b.write(rows(5).getBytes(StandardCharsets.UTF_8));
              Read r = read(write("s03.csv", b.toByteArray()), "csv");
              failed(r, "undecodable");
              assertThat(r.report().detail()).contains("rows read before it were discarded");
            }),
        dynamicTest(
            "S04 NUL bytes inside cells: 3 records, no crash",
            () -> {
              Read r =
                  read(
                      write(
                          "s04.csv",
                          "姓名,手机\n王\u0000一,13812340001\n王二,138\u00001234\u00000002\n\u0000,13812340003\n"),
                      "csv");
              ok(r, 3, Map.of());
            }),
        dynamicTest(
            "S05 a BOM at the start and in the middle of the file (two files concatenated): 4 records",
            () -> {
              String body = "\uFEFF姓名,手机\n" + rows(2) + "\uFEFF王九,13812349999\n" + rows(1);
              ok(read(write("s05.csv", body), "csv"), 4, Map.of());
            }),
        dynamicTest(
            "S06 a 50 MB single line in a CSV sample: 1 line_too_long, the rows after it read",
            () -> {
              Path p = dir.resolve("s06.csv");
              try (OutputStream o = Files.newOutputStream(p)) {
                o.write("姓名,手机\n".getBytes(StandardCharsets.UTF_8));
                byte[] chunk = "x".repeat(1 << 20).getBytes(StandardCharsets.UTF_8);
                for (int i = 0; i < 50; i++) {
                  o.write(chunk);
                }
                o.write(("\n" + rows(2)).getBytes(StandardCharsets.UTF_8));
              }
              ok(read(p, "csv"), 2, Map.of(Rejection.LINE_TOO_LONG, 1L));
            }),
        dynamicTest(
            "S07 a 50 MB single line in a JSONL sample: 1 line_too_long, the next line read",
            () -> {
              Path p = dir.resolve("s07.jsonl");
              try (OutputStream o = Files.newOutputStream(p)) {
                o.write("{\"name\":\"".getBytes(StandardCharsets.UTF_8));
                byte[] chunk = "y".repeat(1 << 20).getBytes(StandardCharsets.UTF_8);
                for (int i = 0; i < 50; i++) {
                  o.write(chunk);
                }
                o.write(
                    "\"}\n{\"name\":\"王五\",\"phone\":\"13812345678\"}\n"
                        .getBytes(StandardCharsets.UTF_8));
              }
              ok(read(p, "jsonl"), 1, Map.of(Rejection.LINE_TOO_LONG, 1L));
            }),
        dynamicTest(
            "S08 a gzip sample (named .csv.gz): read like the plain file",
            () ->
                ok(
                    read(
                        write(
                            "s08.csv.gz",
                            gzip(("姓名,手机\n" + rows(7)).getBytes(StandardCharsets.UTF_8))),
                        "csv"),
                    7,
                    Map.of())),
        dynamicTest(
            "S09 a truncated .gz sample: failed truncated_gzip",
            () -> {
              byte[] whole = gzip(("姓名,手机\n" + rows(2000)).getBytes(StandardCharsets.UTF_8));
              Path p = write("s09.csv.gz", Arrays.copyOf(whole, whole.length / 2));
              failed(read(p, "csv"), "truncated_gzip");
            }),
        dynamicTest(
            "S10 a gzip bomb (100 MB of zeros in ~100 KB) over a 10 MB limit: failed file_too_large",
            () -> {
              ByteArrayOutputStream out = new ByteArrayOutputStream();
              try (GZIPOutputStream z = new GZIPOutputStream(out)) {
                z.write("姓名,手机\n".getBytes(StandardCharsets.UTF_8));
                byte[] zeros = new byte[1 << 20];
                for (int i = 0; i < 100; i++) {
                  z.write(zeros);
                }
              }
              Path p = write("s10.csv.gz", out.toByteArray());
              assertThat(Files.size(p)).isLessThan(1 << 20);
              failed(read(p, "csv", "utf-8", MAX_LINE, 10L << 20), "file_too_large");
            }),
        dynamicTest(
            "S11 a file over max_sample_file_bytes: failed file_too_large before reading",
            () -> {
              Path p = write("s11.csv", "姓名,手机\n" + rows(100));
              Read r = read(p, "csv", "utf-8", MAX_LINE, 100);
              failed(r, "file_too_large");
              assertThat(r.report().detail()).contains("> 100");
            }),
        dynamicTest(
            "S12 a zero-byte file: failed empty",
            () -> failed(read(write("s12.csv", new byte[0]), "csv"), "empty")),
        dynamicTest(
            "S13 a header and no rows: failed empty",
            () -> failed(read(write("s13.csv", "姓名,手机\n\n\n"), "csv"), "empty")),
        dynamicTest(
            "S14 a manifest path that does not exist: failed missing_file",
            () -> failed(read(dir.resolve("nope.csv"), "csv"), "missing_file")),
        dynamicTest(
            "S15 a manifest path that is a directory: failed not_a_file",
            () -> {
              Path d = Files.createDirectories(dir.resolve("s15.csv"));
              failed(read(d, "csv"), "not_a_file");
            }),
        dynamicTest(
            "S16 an unreadable file: failed unreadable (root reads any file: an I/O error instead)",
            () -> {
              if (ROOT) {
                // /proc/self/mem cannot be read from offset 0, even by root
                failed(read(Path.of("/proc/self/mem"), "csv"), "io_error");
              } else {
                Path p = write("s16.csv", "姓名,手机\n" + rows(2));
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("---------"));
                failed(read(p, "csv"), "unreadable");
              }
            }),
        dynamicTest(
            "S17 duplicate headers (手机 twice): 2 records, the first non-blank phone used",
            () -> {
              Read r =
                  read(write("s17.csv", "姓名,手机,手机\n王一,,13812340001\n王二,13812340002,x\n"), "csv");
              ok(r, 2, Map.of());
            }),
        dynamicTest(
            "S18 a blank header cell: its column ignored, 2 records",
            () ->
                ok(
                    read(
                        write("s18.csv", "姓名,,手机\n王一,junk,13812340001\n" + "王二,,13812340002\n"),
                        "csv"),
                    2,
                    Map.of())),
        dynamicTest(
            "S19 the identifier column's header blank: failed no_identifier_column",
            () ->
                failed(
                    read(write("s19.csv", ",\n王一,13812340001\n"), "csv"), "no_identifier_column")),
        dynamicTest(
            "S20 ragged rows: fewer cells read, more non-blank cells malformed_row",
            () -> {
              Read r =
                  read(
                      write(
                          "s20.csv",
                          "姓名,手机,地址\n王一,13812340001\n王二,13812340002,合肥,extra\n王三,13812340003,合肥,\n"),
                      "csv");
              ok(r, 2, Map.of(Rejection.MALFORMED_ROW, 1L));
            }),
        dynamicTest(
            "S21 a quote never closed: the rest of the file is one malformed_row saying so",
            () -> {
              Read r =
                  read(
                      write("s21.csv", "姓名,手机\n王一,13812340001\n\"王二,13812340002\n王三,13812340003\n"),
                      "csv");
              ok(r, 1, Map.of(Rejection.MALFORMED_ROW, 1L));
            }),
        dynamicTest(
            "S22 numbers 1e309, NaN, -0 as card and limit: mangled_number or no_identifier, never a crash",
            () -> {
              Read r =
                  read(
                      write("s22.csv", "卡号,额度\n1e309,1e309\nNaN,NaN\n-0,-0\n6.22202E+15,5000\n"),
                      "csv");
              assertThat(r.report().status()).isEqualTo(SampleReport.OK);
              assertThat(r.parsed()).isZero();
              assertThat(r.rows()).isEqualTo(4);
              assertThat(r.rejected().keySet())
                  .isSubsetOf(Rejection.MANGLED_NUMBER, Rejection.NO_IDENTIFIER);
              assertThat(r.rejected()).containsEntry(Rejection.MANGLED_NUMBER, 2L);
            }),
        dynamicTest(
            "S23 ID numbers born in 1900 and 2100: records with id_valid false for 2100",
            () -> {
              // 2100 is after the sample's date: not a valid ID; both rows stay records (the name
              // identifies them)
              Read r =
                  read(
                      write("s23.csv", "姓名,身份证号\n王一,110101190001011234\n王二,110101210001011234\n"),
                      "csv");
              ok(r, 2, Map.of());
            }),
        dynamicTest(
            "S24 JSONL lines that are arrays, null, garbage: bad_json each, the object read",
            () ->
                ok(
                    read(
                        write(
                            "s24.jsonl",
                            "[1,2]\nnull\n{\"name\":\"王一\",\"phone\":\"13812340001\"}\ngarbage\n\"str\"\n"),
                        "jsonl"),
                    1,
                    Map.of(Rejection.BAD_JSON, 4L))),
        dynamicTest(
            "S25 JSON nested 100,000 deep: bad_json, no stack overflow",
            () -> {
              String deep = "[".repeat(100_000) + "]".repeat(100_000);
              ok(
                  read(
                      write("s25.jsonl", deep + "\n{\"name\":\"王一\",\"phone\":\"13812340001\"}\n"),
                      "jsonl"),
                  1,
                  Map.of(Rejection.BAD_JSON, 1L));
            }),
        dynamicTest(
            "S26 a UTF-8 file declared UTF-16 without a BOM: failed, never a crash",
            () -> {
              Read r =
                  read(
                      write("s26.csv", "姓名,手机\n" + rows(3)),
                      "csv",
                      "utf-16",
                      MAX_LINE,
                      Long.MAX_VALUE);
              assertThat(r.report().status()).isEqualTo(SampleReport.FAILED);
              assertThat(r.report().reason()).isIn("undecodable", "no_identifier_column");
            }),
        dynamicTest(
            "S27 a total line at the end: total_row",
            () ->
                ok(
                    read(write("s27.csv", "姓名,手机\n" + rows(3) + "合计,3\n"), "csv"),
                    3,
                    Map.of(Rejection.TOTAL_ROW, 1L))),
        dynamicTest(
            "S28 unsupported format and encoding: failed with their reasons",
            () -> {
              Path p = write("s28.xlsx", "PK\u0003\u0004");
              failed(read(p, "xlsx"), "unsupported_format");
              failed(read(p, "csv", "ebcdic", MAX_LINE, Long.MAX_VALUE), "unsupported_encoding");
            }),
        dynamicTest(
            "S29 CR-only line endings: 3 records",
            () ->
                ok(
                    read(write("s29.csv", ("姓名,手机\n" + rows(3)).replace('\n', '\r')), "csv"),
                    3,
                    Map.of())),
        dynamicTest(
            "S30 a CSV record of 2 MB inside quotes (over the limit): line_too_long, the next row read",
            () -> {
              String big = "\"" + "z".repeat(2 << 20) + "\"";
              ok(
                  read(write("s30.csv", "姓名,手机\n" + big + ",13812340001\n" + rows(1)), "csv"),
                  1,
                  Map.of(Rejection.LINE_TOO_LONG, 1L));
            }));
  }

  @TestFactory
  Stream<DynamicTest> manifests() {
    return Stream.of(
        dynamicTest(
            "M01 a line that is not JSON: exit 3 naming the line",
            () ->
                exit3(
                    () ->
                        uncheck(
                            () -> manifest("{\"sample_id\":\"a\",\"path\":\"a.csv\"}\n{oops\n")),
                    "line 2",
                    "not valid JSON")),
        dynamicTest(
            "M02 binary garbage (not UTF-8): exit 3",
            () -> {
              byte[] g = new byte[512];
              new Random(3).nextBytes(g);
              g[0] = (byte) 0xC3;
              g[1] = (byte) 0x28; // an invalid UTF-8 pair, whatever the rest is
              exit3(() -> uncheck(() -> manifest(g)), "sample manifest");
            }),
        dynamicTest(
            "M03 a zero-byte manifest: no samples, no error",
            () -> assertThat(manifest(new byte[0])).isEmpty()),
        dynamicTest(
            "M04 a sample_id twice: exit 3",
            () ->
                exit3(
                    () ->
                        uncheck(
                            () ->
                                manifest(
                                    "{\"sample_id\":\"a\",\"path\":\"a.csv\"}\n{\"sample_id\":\"a\",\"path\":\"b.csv\"}\n")),
                    "appears twice")),
        dynamicTest(
            "M05 no path: exit 3",
            () ->
                exit3(
                    () -> uncheck(() -> manifest("{\"sample_id\":\"a\"}\n")),
                    "sample_id and path are required")),
        dynamicTest(
            "M06 obtained_at in 1900, in 2100, without a year: exit 3 each",
            () -> {
              exit3(
                  () ->
                      uncheck(
                          () ->
                              manifest(
                                  "{\"sample_id\":\"a\",\"path\":\"a.csv\",\"obtained_at\":\"1900-01-01\"}\n")),
                  "1900-01-01 is outside");
              exit3(
                  () ->
                      uncheck(
                          () ->
                              manifest(
                                  "{\"sample_id\":\"a\",\"path\":\"a.csv\",\"obtained_at\":\"2100-01-01\"}\n")),
                  "2100-01-01 is outside");
              exit3(
                  () ->
                      uncheck(
                          () ->
                              manifest(
                                  "{\"sample_id\":\"a\",\"path\":\"a.csv\",\"obtained_at\":\"01-15\"}\n")),
                  "not an ISO date");
            }),
        dynamicTest(
            "M07 columns mapping to an unknown field: exit 3",
            () ->
                exit3(
                    () ->
                        uncheck(
                            () ->
                                manifest(
                                    "{\"sample_id\":\"a\",\"path\":\"a.csv\",\"columns\":{\"x\":\"ssn\"}}\n")),
                    "unknown field 'ssn'")),
        dynamicTest(
            "M08 a 50 MB manifest line: exit 3, bounded memory",
            () -> {
              Path m = dir.resolve("m08.jsonl");
              try (OutputStream o = Files.newOutputStream(m)) {
                byte[] chunk = "m".repeat(1 << 20).getBytes(StandardCharsets.UTF_8);
                for (int i = 0; i < 50; i++) {
                  o.write(chunk);
                }
              }
              exit3(() -> SampleManifest.read(m, KEY), "line 1", "longer than");
            }),
        dynamicTest(
            "M09 a BOM at the start of the second line (concatenated manifests): 2 entries",
            () ->
                assertThat(
                        manifest(
                            "\uFEFF{\"sample_id\":\"a\",\"path\":\"a.csv\"}\n\uFEFF{\"sample_id\":\"b\",\"path\":\"b.csv\"}\n"))
                    .extracting(ManifestEntry::sampleId)
                    .containsExactly("a", "b")),
        dynamicTest(
            "M10 NUL bytes and a JSON array on lines: exit 3 naming the line",
            () -> {
              exit3(() -> uncheck(() -> manifest("[1,2]\n")), "line 1", "expected a JSON object");
              exit3(
                  () -> uncheck(() -> manifest("{\"sample_id\":\"a\0\",\"path\"\0:\"a\"}\n")),
                  "line 1");
            }),
        dynamicTest(
            "M11 a path climbing out of the manifest's folder: read as given, no crash",
            () -> {
              List<ManifestEntry> e =
                  manifest("{\"sample_id\":\"a\",\"path\":\"../../../../../../etc/hostname\"}\n");
              Read r = read(Path.of(e.get(0).location()), "csv");
              assertThat(r.report().status()).isIn(SampleReport.OK, SampleReport.FAILED);
            }));
  }

  interface IoCall {
    Object call() throws IOException;
  }

  static void uncheck(IoCall c) {
    try {
      c.call();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
