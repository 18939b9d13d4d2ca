package org.leakmarket.ingest.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakmarket.privacy.PseudonymKey;
import org.leakmarket.reference.BinTable;
import org.leakmarket.reference.PhoneSegments;

class SampleReaderTest {
  private static final RecordBuilder BUILDER =
      new RecordBuilder(
          PseudonymKey.of("sample-reader-test-key-0123456"),
          BinTable.load(null),
          PhoneSegments.load(null));

  private static List<SampleReader.Item> read(Path file, String format, String encoding) {
    ManifestEntry e =
        new ManifestEntry(
            "t",
            file.getFileName().toString(),
            file.toString(),
            format,
            encoding,
            "tsv".equals(format) ? '\t' : ',',
            Map.of(),
            LocalDate.of(2015, 1, 8),
            null,
            null,
            null);
    List<SampleReader.Item> items = new ArrayList<>();
    try (SampleReader r = new SampleReader(e, BUILDER, HeaderMap.shipped())) {
      r.forEachRemaining(items::add);
    }
    return items;
  }

  @Test
  void badBytesMidFileEndTheStreamWithAFailedReportAfterTheRowsBefore(@TempDir Path dir)
      throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write("name,phone\n".getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < 1000; i++) {
      b.write(("wang" + i + ",137" + (10_000_000 + i) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    b.write("张三,13512345678\n".getBytes(Charset.forName("GB18030")));
    Path f = dir.resolve("late.csv");
    Files.write(f, b.toByteArray());
    List<SampleReader.Item> items = read(f, "csv", "utf-8");
    long parsed = items.stream().filter(i -> i instanceof SampleReader.Parsed).count();
    assertThat(parsed).isGreaterThan(0).isLessThanOrEqualTo(1000);
    SampleReader.Item last = items.get(items.size() - 1);
    assertThat(last).isInstanceOf(SampleReader.Report.class);
    SampleReport rep = ((SampleReader.Report) last).report();
    assertThat(rep.status()).isEqualTo("failed");
    assertThat(rep.reason()).isEqualTo("undecodable");
    assertThat(rep.detail()).contains(parsed + " rows read before it were discarded");
  }

  @Test
  void jsonlAndTsvWithCountsAndShares(@TempDir Path dir) throws Exception {
    String card = "622202000000001";
    card = card + org.leakmarket.privacy.Validators.luhnCheckDigit(card);
    Files.writeString(
        dir.resolve("a.jsonl"),
        "{\"name\":\"A\",\"card\":" + card + "}\n\nnot json\n" + "{\"tel\":\"1.38123E+10\"}\n",
        StandardCharsets.UTF_8);
    List<SampleReader.Item> items = read(dir.resolve("a.jsonl"), "jsonl", "utf-8");
    assertThat(items).hasSize(4);
    assertThat(((SampleReader.Parsed) items.get(0)).record().cardLuhnValid()).isTrue();
    assertThat(((SampleReader.Rejected) items.get(1)).rejection().reason()).isEqualTo("bad_json");
    assertThat(((SampleReader.Rejected) items.get(2)).rejection().reason())
        .isEqualTo("mangled_number");
    SampleReport rep = ((SampleReader.Report) items.get(3)).report();
    assertThat(rep.recordsRead()).isEqualTo(1);
    assertThat(rep.recordsRejected()).isEqualTo(2);
    assertThat(rep.blankLines()).isEqualTo(1);
    assertThat(rep.validCardShare()).isEqualTo(1.0);
  }
}
