package org.leakmarket.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.leakmarket.common.UserException;

/**
 * The hostile-input corpus for reference tables (docs/reliability.md). A reference table is
 * configuration: a bad one is refused whole, exit 3, one line naming the file and the row, before
 * any data is read; a legitimate oddity (overlapping BIN prefixes, an old FX date) is accepted and
 * behaves as the spec says.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileReferenceTablesTest {
  static final String FX = "date,currency,cny_per_unit\n";
  static final String BIN = "bin,issuer,brand,type,level,country\n";

  @TempDir Path dir;
  int n;

  Path file(String text) throws IOException {
    return file(text.getBytes(StandardCharsets.UTF_8));
  }

  Path file(byte[] bytes) throws IOException {
    Path p = dir.resolve("t" + (n++) + ".csv");
    Files.write(p, bytes);
    return p;
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

  void fxRefused(String text, String... fragments) throws IOException {
    Path p = file(text);
    String[] all =
        Stream.concat(Stream.of(p.toString()), Stream.of(fragments)).toArray(String[]::new);
    exit3(() -> FxTable.load(p, 45), all);
  }

  @TestFactory
  Stream<DynamicTest> fxTables() {
    return Stream.of(
        dynamicTest(
            "R01 FX negative rate: exit 3",
            () -> fxRefused(FX + "2015-01-01,USD,-6.2\n", "positive and finite")),
        dynamicTest(
            "R02 FX zero rate: exit 3",
            () -> fxRefused(FX + "2015-01-01,USD,0\n", "positive and finite")),
        dynamicTest(
            "R03 FX rate 1e309 (infinite): exit 3",
            () -> fxRefused(FX + "2015-01-01,USD,1e309\n", "positive and finite")),
        dynamicTest(
            "R04 FX rate NaN: exit 3",
            () -> fxRefused(FX + "2015-01-01,USD,NaN\n", "positive and finite")),
        dynamicTest(
            "R05 FX rate -0: exit 3",
            () -> fxRefused(FX + "2015-01-01,USD,-0\n", "positive and finite")),
        dynamicTest(
            "R06 FX date without a year: exit 3",
            () -> fxRefused(FX + "01-15,USD,6.2\n", "not a date")),
        dynamicTest(
            "R07 FX dated 1900 and 2100: accepted, the as-of rule uses them only within 45 days",
            () -> {
              FxTable t = FxTable.load(file(FX + "1900-01-01,USD,6.2\n2100-01-01,USD,7.0\n"), 45);
              assertThat(t.cnyPerUnit("USD", LocalDate.of(1900, 1, 20))).hasValue(6.2);
              assertThat(t.cnyPerUnit("USD", LocalDate.of(2015, 1, 20))).isEmpty();
            }),
        dynamicTest(
            "R08 FX one date and currency with two different rates: exit 3; the same rate twice: accepted",
            () -> {
              fxRefused(FX + "2015-01-01,USD,6.2\n2015-01-01,usd,6.3\n", "second, different rate");
              assertThat(
                      FxTable.load(file(FX + "2015-01-01,USD,6.2\n2015-01-01,USD,6.2\n"), 45)
                          .cnyPerUnit("USD", LocalDate.of(2015, 1, 2)))
                  .hasValue(6.2);
            }),
        dynamicTest(
            "R09 FX header with a blank column: exit 3",
            () -> fxRefused("date,,cny_per_unit\n2015-01-01,USD,6.2\n", "header")),
        dynamicTest(
            "R10 FX header naming a column twice: exit 3",
            () -> fxRefused("date,date,cny_per_unit\n2015-01-01,USD,6.2\n", "header")),
        dynamicTest(
            "R11 FX ragged row: exit 3",
            () -> fxRefused(FX + "2015-01-01,USD\n", "expected 3 fields, found 2")),
        dynamicTest(
            "R12 FX not UTF-8: exit 3",
            () -> {
              Path p = file(new byte[] {'d', 'a', 't', 'e', (byte) 0xFF, (byte) 0xFE, '\n'});
              exit3(() -> FxTable.load(p, 45), "not valid UTF-8");
            }),
        dynamicTest("R13 FX zero-byte file: exit 3", () -> fxRefused("", "header")),
        dynamicTest(
            "R14 FX binary garbage: exit 3",
            () -> {
              byte[] g = new byte[2048];
              new Random(4).nextBytes(g);
              Path p = file(g);
              exit3(() -> FxTable.load(p, 45), p.toString());
            }),
        dynamicTest(
            "R15 FX NUL byte in a row: exit 3",
            () -> fxRefused(FX + "2015-01-01,US\0D,6.2\n", "NUL")),
        dynamicTest(
            "R16 FX a 50 MB line: exit 3, bounded memory",
            () -> {
              Path p = dir.resolve("fx50.csv");
              try (OutputStream o = Files.newOutputStream(p)) {
                o.write(FX.getBytes(StandardCharsets.UTF_8));
                byte[] chunk = "9".repeat(1 << 20).getBytes(StandardCharsets.UTF_8);
                for (int i = 0; i < 50; i++) {
                  o.write(chunk);
                }
              }
              exit3(() -> FxTable.load(p, 45), "line 2 is longer than");
            }),
        dynamicTest(
            "R17 FX path that is a directory: exit 3",
            () -> {
              Path d = Files.createDirectories(dir.resolve("fxdir"));
              exit3(() -> FxTable.load(d, 45), "is a directory");
            }),
        dynamicTest(
            "R18 FX a BOM before the header and CRLF endings: accepted",
            () ->
                assertThat(
                        FxTable.load(
                                file(
                                    "\uFEFF" + FX.replace("\n", "\r\n") + "2015-01-01,USD,6.2\r\n"),
                                45)
                            .cnyPerUnit("USD", LocalDate.of(2015, 1, 2)))
                    .hasValue(6.2)));
  }

  @TestFactory
  Stream<DynamicTest> binAndOtherTables() {
    return Stream.of(
        dynamicTest(
            "R19 BIN overlapping prefixes (6 and 8 digits): accepted, the longest prefix wins",
            () -> {
              BinTable t =
                  BinTable.load(
                      file(
                          BIN
                              + "622202,ICBC,UnionPay,credit,gold,CN\n62220212,ABC,UnionPay,credit,platinum,CN\n"));
              assertThat(t.lookup("6222021234567890"))
                  .get()
                  .extracting(BinTable.Bin::issuer)
                  .isEqualTo("ABC");
              assertThat(t.lookup("6222029999999999"))
                  .get()
                  .extracting(BinTable.Bin::issuer)
                  .isEqualTo("ICBC");
            }),
        dynamicTest(
            "R20 BIN one prefix with two different rows: exit 3; the same row twice: accepted",
            () -> {
              Path p =
                  file(
                      BIN
                          + "622202,ICBC,UnionPay,credit,gold,CN\n622202,CCB,UnionPay,credit,gold,CN\n");
              exit3(() -> BinTable.load(p), "622202 is listed twice");
              assertThat(
                      BinTable.load(
                              file(
                                  BIN
                                      + "622202,ICBC,UnionPay,credit,gold,CN\n622202,ICBC,UnionPay,credit,gold,CN\n"))
                          .size())
                  .isEqualTo(1);
            }),
        dynamicTest(
            "R21 BIN prefix of letters or 5 digits: exit 3",
            () -> {
              Path a = file(BIN + "62A202,ICBC,UnionPay,credit,gold,CN\n");
              exit3(() -> BinTable.load(a), "6 to 8 digits");
              Path b = file(BIN + "62220,ICBC,UnionPay,credit,gold,CN\n");
              exit3(() -> BinTable.load(b), "6 to 8 digits");
            }),
        dynamicTest(
            "R22 phone segments: a bad prefix and a prefix with two rows: exit 3",
            () -> {
              String h = "prefix,province_code,city,carrier\n";
              Path a = file(h + "1381234,3x,合肥,mobile\n");
              exit3(() -> PhoneSegments.load(a), "bad row");
              Path b = file(h + "1381234,34,合肥,mobile\n1381234,32,南京,mobile\n");
              exit3(() -> PhoneSegments.load(b), "listed twice");
            }),
        dynamicTest(
            "R23 regions: a code that is not two digits: exit 3",
            () -> {
              Path a =
                  file(
                      "code,name_zh,full_name_zh,short_zh,pinyin,english\n3x,安徽,安徽省,皖,Anhui,Anhui\n");
              exit3(() -> Regions.load(a), "two digits");
            }));
  }
}
