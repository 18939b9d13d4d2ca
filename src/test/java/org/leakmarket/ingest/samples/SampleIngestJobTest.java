package org.leakmarket.ingest.samples;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakmarket.exposure.Persons;
import org.leakmarket.generate.SampleGenerator;
import org.leakmarket.privacy.PseudonymKey;
import org.leakmarket.reference.BinTable;
import org.leakmarket.reference.PhoneSegments;
import org.leakmarket.testing.SparkTestBase;

class SampleIngestJobTest extends SparkTestBase {
  private static final PseudonymKey KEY = PseudonymKey.of("sample-ingest-test-key-0123456");
  private static final BinTable BINS = BinTable.load(null);
  private static final PhoneSegments PHONES = PhoneSegments.load(null);

  @Test
  void demoSamplesAreRegeneratedByteIdenticallyAndIngested(@TempDir Path dir) throws Exception {
    Path gen = dir.resolve("samples");
    SampleGenerator.GroundTruth truth = SampleGenerator.writeDemo(gen);
    Path shipped =
        Path.of(System.getProperty("leakmarket.project.dir", "."), "data-samples/samples");
    for (String f :
        List.of(
            "manifest.jsonl",
            "s-2015-001.csv",
            "s-2015-002.csv",
            "s-2015-003.jsonl",
            "s-2015-004.tsv")) {
      assertThat(Files.readAllBytes(gen.resolve(f)))
          .as(f)
          .isEqualTo(Files.readAllBytes(shipped.resolve(f)));
    }

    SampleIngestJob.Result r =
        SampleIngestJob.run(spark, shipped.resolve("manifest.jsonl"), KEY, BINS, PHONES);
    Map<String, SampleReport> reports =
        r.reports().stream().collect(Collectors.toMap(SampleReport::sampleId, x -> x));
    assertThat(reports).hasSize(4);
    assertThat(reports.values()).allMatch(SampleReport::ok);

    // GB18030 sample: 160 people, 2 mangled-only rows and 1 total row rejected, blank lines
    // counted.
    SampleReport s1 = reports.get("s-2015-001");
    assertThat(s1.recordsRead()).isEqualTo(160);
    assertThat(s1.recordsRejected()).isEqualTo(3);
    assertThat(s1.blankLines()).isEqualTo(truth.samples().get(0).blankLines());
    Map<String, Long> reasons =
        r
            .quarantine()
            .filter(col("sample_id").equalTo("s-2015-001"))
            .groupBy("reason")
            .count()
            .collectAsList()
            .stream()
            .collect(Collectors.toMap(x -> x.getString(0), x -> x.getLong(1)));
    assertThat(reasons)
        .containsExactlyInAnyOrderEntriesOf(Map.of("mangled_number", 2L, "total_row", 1L));

    // Padded sample: 160 real cards (all valid) + 240 fabricated (all invalid) -> share 0.4
    // exactly.
    SampleReport s4 = reports.get("s-2015-004");
    assertThat(s4.recordsRead()).isEqualTo(400);
    assertThat(s4.validCardShare()).isEqualTo(160.0 / 400.0);
    assertThat(reports.get("s-2015-002").validCardShare()).isEqualTo(1.0);
    assertThat(reports.get("s-2015-003").validIdShare()).isEqualTo(1.0);
    assertThat(reports.get("s-2015-002").validPhoneShare()).isEqualTo(1.0);

    Dataset<Row> records = r.records();
    assertThat(records.count()).isEqualTo(160 + 160 + 160 + 400);
    assertThat(records.schema()).isEqualTo(SampleIngestJob.RECORD_SCHEMA);
    assertThat(r.quarantine().schema()).isEqualTo(SampleIngestJob.QUARANTINE_SCHEMA);
    Row first =
        records.filter(col("sample_id").equalTo("s-2015-003")).orderBy("row_number").first();
    assertThat(first.<String>getAs("listing_id")).isEqualTo("L-demo-sample-003");
    assertThat(first.<String>getAs("seller_token")).isEqualTo(KEY.token("seller", "鑫源数据"));
    assertThat(first.<String>getAs("record_id")).isEqualTo("s-2015-003/1");
    assertThat(records.filter(col("tier").isin("standard", "gold", "platinum", "premium")).count())
        .isPositive();

    // The five transitive people: one person each across samples 1-3 although s1 and s3 share no
    // token.
    Dataset<Row> linked = Persons.link(records);
    long persons = linked.select("person_id").distinct().count();
    long withTokens =
        linked
            .filter(
                col("card_token")
                    .isNotNull()
                    .or(col("phone_token").isNotNull())
                    .or(col("id_token").isNotNull()))
            .count();
    assertThat(withTokens).isEqualTo(records.count());
    // Every real person across the four samples plus 240 fabricated singletons; a person whose
    // only card was mangled in one sample and who shows no phone/ID there would add one: none here.
    assertThat(persons).isLessThanOrEqualTo(truth.populationSize() + 240L);
    long multiSample =
        linked
            .groupBy("person_id")
            .agg(org.apache.spark.sql.functions.countDistinct("sample_id").as("n"))
            .filter(col("n").geq(3))
            .count();
    assertThat(multiSample).isGreaterThanOrEqualTo(SampleGenerator.TRANSITIVE_PEOPLE);
    r.release();
  }

  @Test
  void unreadableSamplesAreReportedAndTheOthersGoOn(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("good.csv"), "name,phone\n张三,13812345678\n", StandardCharsets.UTF_8);
    // GB18030 bytes declared as UTF-8: undecodable.
    Files.write(
        dir.resolve("wrong.csv"), "姓名,手机\n张三,13812345678\n".getBytes(Charset.forName("GB18030")));
    Files.writeString(dir.resolve("noid.csv"), "colour,size\nred,10\n", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("empty.csv"), "\n\n", StandardCharsets.UTF_8);
    Files.write(
        dir.resolve("utf16.csv"), "姓名,手机\n李四,13912345678\n".getBytes(StandardCharsets.UTF_16LE));
    byte[] body = "姓名,手机\n李四,13912345678\n".getBytes(StandardCharsets.UTF_16LE);
    byte[] bom = new byte[body.length + 2];
    bom[0] = (byte) 0xFF;
    bom[1] = (byte) 0xFE;
    System.arraycopy(body, 0, bom, 2, body.length);
    Files.write(dir.resolve("utf16.csv"), bom);
    // Valid UTF-8 rows, then a GB18030 row: the rows read before the bad bytes are discarded too.
    java.io.ByteArrayOutputStream late = new java.io.ByteArrayOutputStream();
    late.write("name,phone\n".getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < 1000; i++) { // well past the decoder's 8 KiB buffer: rows are emitted first
      late.write(("wang" + i + ",137" + (10_000_000 + i) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    late.write("张三,13512345678\n".getBytes(Charset.forName("GB18030")));
    Files.write(dir.resolve("late.csv"), late.toByteArray());
    Files.writeString(
        dir.resolve("manifest.jsonl"),
        String.join(
                "\n",
                "{\"sample_id\":\"h-late\",\"path\":\"late.csv\"}",
                "{\"sample_id\":\"a-good\",\"path\":\"good.csv\",\"obtained_at\":\"2015-01-01\"}",
                "{\"sample_id\":\"b-wrong\",\"path\":\"wrong.csv\"}",
                "{\"sample_id\":\"c-missing\",\"path\":\"nope.csv\"}",
                "{\"sample_id\":\"d-noid\",\"path\":\"noid.csv\"}",
                "{\"sample_id\":\"e-empty\",\"path\":\"empty.csv\"}",
                "{\"sample_id\":\"f-utf16\",\"path\":\"utf16.csv\",\"encoding\":\"utf-16\"}",
                "{\"sample_id\":\"g-xlsx\",\"path\":\"book.xlsx\",\"format\":\"xlsx\"}")
            + "\n");
    SampleIngestJob.Result r =
        SampleIngestJob.run(spark, dir.resolve("manifest.jsonl"), KEY, BINS, PHONES);
    Map<String, String> status =
        r.reports().stream()
            .collect(
                Collectors.toMap(
                    SampleReport::sampleId,
                    x -> x.status() + (x.reason() == null ? "" : ":" + x.reason())));
    assertThat(status)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "a-good",
                "ok",
                "b-wrong",
                "failed:undecodable",
                "c-missing",
                "failed:missing_file",
                "d-noid",
                "failed:no_identifier_column",
                "e-empty",
                "failed:empty",
                "f-utf16",
                "ok",
                "g-xlsx",
                "failed:unsupported_format",
                "h-late",
                "failed:undecodable"));
    assertThat(
            r.reports().stream()
                .filter(x -> x.sampleId().equals("h-late"))
                .findFirst()
                .orElseThrow()
                .detail())
        .contains("rows read before it were discarded");
    List<Row> recs = r.records().orderBy("sample_id").collectAsList();
    assertThat(recs)
        .extracting(x -> x.<String>getAs("sample_id"))
        .containsExactly("a-good", "f-utf16");
    assertThat(recs.get(1).<String>getAs("phone_token"))
        .isEqualTo(KEY.token("phone", "+8613912345678"));
    assertThat(r.quarantine().count()).isZero();
    r.release();
  }

  /**
   * Memory: a 200,000-record file goes through the job and only counts come back to the driver. The
   * file is opened inside a Spark task (never on the driver: {@link RecordingFileSystem} records
   * where each open happened), and the reader streams (see DelimitedReaderTest for the
   * bounded-prefix proof), so the driver's memory does not depend on the file size: the driver
   * holds the manifest and one report row.
   */
  @Test
  void largeSampleIsReadByTheTaskNotTheDriver(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("big.csv");
    try (var w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("name,phone\n");
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < 200_000; i++) {
        b.setLength(0);
        b.append("p").append(i).append(",139").append(String.format("%08d", i)).append('\n');
        w.write(b.toString());
      }
    }
    Files.writeString(
        dir.resolve("manifest.jsonl"),
        "{\"sample_id\":\"big\",\"path\":\"recording://" + file.toAbsolutePath() + "\"}\n");
    RecordingFileSystem.OPENS.clear();
    SampleIngestJob.Result r =
        SampleIngestJob.run(spark, dir.resolve("manifest.jsonl"), KEY, BINS, PHONES);
    assertThat(r.reports().get(0).recordsRead()).isEqualTo(200_000);
    assertThat(r.records().count()).isEqualTo(200_000);
    r.release();
    // opened, and every open was in a task (each line says where: "task of stage 3 partition 0:
    // big.csv" or "driver thread main: big.csv")
    assertThat(RecordingFileSystem.OPENS)
        .isNotEmpty()
        .allSatisfy(open -> assertThat(open).startsWith("task of stage").endsWith(": big.csv"));
  }
}
