package org.leakmarket.privacy;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakmarket.exposure.Persons;
import org.leakmarket.ingest.samples.SampleIngestJob;
import org.leakmarket.reference.BinTable;
import org.leakmarket.reference.PhoneSegments;
import org.leakmarket.testing.SparkTestBase;
import org.leakmarket.warehouse.Table;
import org.leakmarket.warehouse.Warehouse;

/**
 * The privacy proof of privacy.md section 5 for the sample stage: identifiers planted in every
 * field of a UTF-8 and a GB18030 sample, valid and invalid; after ingest, linkage, Delta writes
 * (twice: the second run merges), a report file and captured logs (Spark at INFO, leakmarket at
 * DEBUG), every file under the output tree, including Spark's local dir with shuffle compression
 * off, is scanned for each identifier in clear, reformatted and as unkeyed SHA-256. Zero hits; and
 * the same scanner finds them in the inputs and in a Parquet control file.
 */
class PrivacyProofTest extends SparkTestBase {
  @TempDir static Path root;

  private static final String SECRET = "privacy-proof-key-do-not-leak-4f1c";
  private static final String NAME1 = "欧阳测试甲";
  private static final String NAME2 = "司马测试乙";
  private static final String NAME3 = "诸葛测试丙";
  private static final String NAME4 = "上官测试丁";
  private static final String NAME5 = "钱测试戊";
  private static final String PHONE1 = "13912340001";
  private static final String PHONE2_INVALID = "12345678901";
  private static final String PHONE3 = "15800001111";
  private static final String PHONE6 = "18600002222";
  private static final String CARD1 = card("622202000000001", true);
  private static final String CARD2_INVALID = card("622848000000002", false);
  private static final String CARD5 = card("622588123456789", true);
  private static final String ID1 = id("11010519800101123");
  private static final String ID2_INVALID = badId("32010219751231456");
  private static final String ID5 = id("34010419900101456");
  private static final String ACCT1 = "6217000010001234567";
  private static final String ACCT2 = "6230580000123456789";
  private static final String ADDR1 = "北京市朝阳区测试路88号,3栋1201室";
  private static final String ADDR2 = "江苏省南京市玄武区样例街12号";
  private static final String ADDR4 = "上海市浦东新区隐私路66号";
  private static final String EMAIL1 = "ouyang.ceshi@example.com";
  private static final String EMAIL2_INVALID = "broken-email@";
  private static final String EMPLOYER = "测试科技有限公司";
  private static final String SELLER = "卖家测试号888";

  private static final List<String> PLANTED =
      List.of(
          NAME1,
          NAME2,
          NAME3,
          NAME4,
          NAME5,
          PHONE1,
          PHONE2_INVALID,
          PHONE3,
          PHONE6,
          CARD1,
          CARD2_INVALID,
          CARD5,
          ID1,
          ID2_INVALID,
          ID5,
          ACCT1,
          ACCT2,
          ADDR1,
          ADDR2,
          ADDR4,
          EMAIL1,
          EMAIL2_INVALID,
          EMPLOYER,
          SELLER);

  private static String card(String payload, boolean valid) {
    int c = Validators.luhnCheckDigit(payload);
    return payload + (valid ? c : (c + 3) % 10);
  }

  private static String id(String first17) {
    return first17 + ChineseId.checkChar(first17);
  }

  private static String badId(String first17) {
    char c = ChineseId.checkChar(first17);
    return first17 + (c == '1' ? '2' : '1');
  }

  @Override
  protected SparkSession.Builder configure(SparkSession.Builder b) {
    // Spark's scratch space inside the scanned tree, uncompressed, so a raw value in a shuffle
    // or spill file would be found.
    return b.config("spark.local.dir", root.resolve("spark-local").toString())
        .config("spark.shuffle.compress", "false")
        .config("spark.shuffle.spill.compress", "false")
        .config("spark.broadcast.compress", "false")
        .config("spark.rdd.compress", "false")
        .config("spark.sql.shuffle.partitions", "2");
  }

  private Path writeInputs(Path input) throws Exception {
    Files.createDirectories(input);
    String u =
        String.join(
                "\n",
                "Name,Mobile,ID No,Card Number,Account,Address,Email,Bank,Card Level,Employer",
                NAME1
                    + ","
                    + PHONE1
                    + ","
                    + ID1
                    + ","
                    + CARD1
                    + ","
                    + ACCT1
                    + ",\""
                    + ADDR1
                    + "\","
                    + EMAIL1
                    + ",ICBC,gold,"
                    + EMPLOYER,
                NAME2
                    + ","
                    + PHONE2_INVALID
                    + ","
                    + ID2_INVALID
                    + ","
                    + CARD2_INVALID
                    + ","
                    + ACCT2
                    + ","
                    + ADDR2
                    + ","
                    + EMAIL2_INVALID
                    + ",CCB,platinum,",
                NAME3 + "," + PHONE3 + ",,,,,,,,",
                ",,,,," + ADDR4 + ",,,,",
                "合计,3条,,,,,,,,")
            + "\n";
    Files.writeString(input.resolve("u.csv"), u, StandardCharsets.UTF_8);
    String fullWidthPhone1 =
        "+86 "
            + toFullWidth(PHONE1.substring(0, 3))
            + "-"
            + PHONE1.substring(3, 7)
            + "-"
            + PHONE1.substring(7);
    String spacedCard1 = "'" + CARD1.replaceAll("(.{4})(?!$)", "$1 ");
    String g =
        String.join(
                "\n",
                "姓名,手机号码,身份证号,卡号,账号,家庭地址,邮箱,开户行,卡种,工作单位",
                NAME1
                    + ","
                    + fullWidthPhone1
                    + ","
                    + ID1.toLowerCase()
                    + ","
                    + spacedCard1
                    + ","
                    + ACCT1
                    + ",\""
                    + ADDR1
                    + "\","
                    + EMAIL1.toUpperCase()
                    + ",工商银行,金卡,"
                    + EMPLOYER,
                "",
                NAME4 + "," + PHONE3 + ",,\"" + CARD5 + "\",,,,,,",
                ",," + ID5 + "," + CARD5 + ",,,,,,",
                ",,,6.22588E+15,,,,,,",
                NAME5 + "," + PHONE6 + ",\"unterminated " + ADDR2 + ",,,,,,")
            + "\n";
    Files.write(input.resolve("g.csv"), g.getBytes(Charset.forName("GB18030")));
    Files.writeString(
        input.resolve("manifest.jsonl"),
        String.join(
                "\n",
                "{\"sample_id\":\"proof-u\",\"path\":\"u.csv\",\"obtained_at\":\"2015-01-08\",\"listing_id\":\"L-proof-1\",\"seller\":\""
                    + SELLER
                    + "\",\"format\":\"csv\"}",
                "{\"sample_id\":\"proof-g\",\"path\":\"g.csv\",\"obtained_at\":\"2015-02-08\",\"listing_id\":\"L-proof-2\",\"seller\":\""
                    + SELLER
                    + "\",\"format\":\"csv\",\"encoding\":\"gb18030\"}")
            + "\n",
        StandardCharsets.UTF_8);
    return input.resolve("manifest.jsonl");
  }

  private static String toFullWidth(String s) {
    StringBuilder b = new StringBuilder();
    s.chars().forEach(c -> b.append(c >= '0' && c <= '9' ? (char) (c - '0' + '０') : (char) c));
    return b.toString();
  }

  @Test
  void nothingIdentifyingLeavesTheIngestAndTheScannerWorks(@TempDir Path controls)
      throws Exception {
    Path input = root.resolve("input");
    Path manifest = writeInputs(input);
    Path logFile = root.resolve("logs/run.log");
    Runnable restoreLogs = captureLogs(logFile);
    Map<String, String> person = new HashMap<>();
    try {
      PseudonymKey key = PseudonymKey.of(SECRET);
      LoggerHolder.LOG.info("using {}", key);
      Warehouse wh = new Warehouse(spark, root.resolve("warehouse"));
      for (int run = 0; run < 2; run++) {
        SampleIngestJob.Result r =
            SampleIngestJob.run(
                spark, manifest, key, BinTable.load(null), PhoneSegments.load(null));
        Dataset<Row> linked = Persons.link(r.records());
        wh.mergeInsert(Table.BRONZE_SAMPLE_RECORDS, r.records());
        wh.mergeInsert(Table.SILVER_RECORDS, linked);
        wh.mergeInsert(Table.QUARANTINE_SAMPLE_RECORDS, r.quarantine());
        Files.createDirectories(root.resolve("reports"));
        new ObjectMapper()
            .writerWithDefaultPrettyPrinter()
            .writeValue(root.resolve("reports/samples-" + run + ".json").toFile(), r.reports());
        r.release();
      }
      for (Row x : wh.read(Table.SILVER_RECORDS).select("record_id", "person_id").collectAsList()) {
        person.put(x.getString(0), x.getString(1));
      }
      Map<String, String> reasons = new HashMap<>();
      for (Row x :
          wh.read(Table.QUARANTINE_SAMPLE_RECORDS)
              .select("quarantine_id", "reason")
              .collectAsList()) {
        reasons.put(x.getString(0), x.getString(1));
      }
      // Idempotent: the second run added nothing.
      assertThat(person).hasSize(6);
      assertThat(reasons)
          .containsOnly(
              Map.entry("proof-u/5", "no_identifier"),
              Map.entry("proof-u/6", "total_row"),
              Map.entry("proof-g/6", "mangled_number"),
              Map.entry("proof-g/7", "malformed_row"));
      Row masked =
          wh.read(Table.QUARANTINE_SAMPLE_RECORDS)
              .filter(col("quarantine_id").equalTo("proof-g/7"))
              .select("masked")
              .first();
      assertThat(masked.<String, String>getJavaMap(0))
          .containsEntry("phone", "186****2222")
          .containsEntry("name", "钱*");
    } finally {
      restoreLogs.run();
    }

    // Linkage: the same person in UTF-8 and GB18030 samples with different headers; a chain
    // u3 -phone- g4 -card- g5 is one person; the invalid-everything row is someone else.
    assertThat(person.get("proof-u/2")).isEqualTo(person.get("proof-g/2"));
    assertThat(person.get("proof-u/4"))
        .isEqualTo(person.get("proof-g/4"))
        .isEqualTo(person.get("proof-g/5"));
    assertThat(person.get("proof-u/3")).isNotIn(person.get("proof-u/2"), person.get("proof-u/4"));

    // The scan: everything but the inputs; the key itself is also looked for.
    List<String> needles = new ArrayList<>(PLANTED);
    needles.add(SECRET);
    PrivacyScanner scanner = PrivacyScanner.of(needles);
    java.util.function.Predicate<Path> skipInputs = p -> p.startsWith(input);
    assertThat(Files.readString(logFile)).contains("samples: 2 files").contains("fingerprint");
    assertThat(PrivacyScanner.countFiles(root, skipInputs)).isGreaterThan(20);
    try (var s = Files.walk(root.resolve("warehouse"))) {
      assertThat(s.filter(p -> p.toString().endsWith(".parquet")).count())
          .isGreaterThanOrEqualTo(3);
    }
    List<PrivacyScanner.Hit> hits = scanner.scan(spark, root, skipInputs);
    assertThat(hits).isEmpty();

    // Positive control 1: the same scanner finds every planted value in the inputs.
    List<PrivacyScanner.Hit> inInputs = PrivacyScanner.of(PLANTED).scan(spark, input, p -> false);
    assertThat(inInputs.stream().map(PrivacyScanner.Hit::identifier).distinct())
        .containsExactlyInAnyOrderElementsOf(PLANTED);
    // ...including the GB18030 file, found by its GB18030 bytes.
    assertThat(inInputs)
        .anyMatch(
            h ->
                h.file().endsWith("g.csv")
                    && h.how().equals("bytes:GB18030")
                    && h.identifier().equals(NAME4));

    // Positive control 2: a compressed Parquet file holding an unkeyed hash and an E.164 phone
    // is caught by decoding it.
    StructType schema =
        new StructType()
            .add("v", DataTypes.StringType)
            .add("a", DataTypes.createArrayType(DataTypes.StringType));
    Dataset<Row> leak =
        spark.createDataFrame(
            List.of(
                RowFactory.create(PrivacyScanner.sha256("+86" + PHONE1), List.of("x")),
                RowFactory.create(
                    "ok",
                    scala.jdk.javaapi.CollectionConverters.asScala(List.of("+86" + PHONE3))
                        .toSeq())),
            schema);
    leak.coalesce(1)
        .write()
        .option("compression", "snappy")
        .parquet(controls.resolve("leak").toString());
    List<PrivacyScanner.Hit> control =
        PrivacyScanner.of(List.of(PHONE1, PHONE3)).scan(spark, controls, p -> false);
    assertThat(control)
        .anyMatch(
            h ->
                h.how().equals("parquet-cell")
                    && h.identifier().equals(PHONE1)
                    && h.variant().equals("sha256(e164)"));
    assertThat(control)
        .anyMatch(
            h ->
                h.how().equals("parquet-cell")
                    && h.identifier().equals(PHONE3)
                    && h.variant().equals("e164"));
  }

  /** Sends all logging (Spark at INFO, leakmarket at DEBUG) to a file; returns the undo. */
  private static Runnable captureLogs(Path file) throws Exception {
    Files.createDirectories(file.getParent());
    LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
    Configuration cfg = ctx.getConfiguration();
    PatternLayout layout =
        PatternLayout.newBuilder().withConfiguration(cfg).withPattern("%d %p %c: %m%n%ex").build();
    FileAppender app =
        FileAppender.newBuilder()
            .setName("privacy-proof")
            .withFileName(file.toString())
            .setLayout(layout)
            .setConfiguration(cfg)
            .build();
    app.start();
    cfg.addAppender(app);
    LoggerConfig rootLogger = cfg.getRootLogger();
    Level rootLevel = rootLogger.getLevel();
    Appender console = cfg.getAppender("console");
    if (console != null) {
      rootLogger.removeAppender("console");
      rootLogger.addAppender(console, Level.WARN, null);
    }
    rootLogger.addAppender(app, Level.ALL, null);
    rootLogger.setLevel(Level.INFO);
    LoggerConfig lm = cfg.getLoggerConfig("org.leakmarket");
    Level lmLevel = lm.getLevel();
    lm.setLevel(Level.DEBUG);
    ctx.updateLoggers();
    return () -> {
      rootLogger.removeAppender("privacy-proof");
      rootLogger.setLevel(rootLevel);
      lm.setLevel(lmLevel);
      ctx.updateLoggers();
      app.stop();
    };
  }

  /** A logger of the test's own, to show the key's toString is safe to log. */
  static final class LoggerHolder {
    static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PrivacyProofTest.class);
  }
}
