package org.leakmarket.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakmarket.common.UserException;
import org.leakmarket.pipeline.RunRecorder;

/** The driver's scan of listing files: lines, the lines Hadoop's reader drops, gzip, headers. */
class ListingFilesTest {

  private static ListingFiles.LineCounter count(byte[] bytes, long cap) throws Exception {
    ListingFiles.LineCounter c = new ListingFiles.LineCounter(cap);
    c.count(new BufferedInputStream(new ByteArrayInputStream(bytes)));
    return c;
  }

  @Test
  void countsLinesAsHadoopSplitsThem() throws Exception {
    // LF, CRLF, lone CR; a last line without an ending; a blank line
    ListingFiles.LineCounter c = count("a\nbb\r\nc\rd\n\ne".getBytes(StandardCharsets.UTF_8), 100);
    assertThat(c.lines).isEqualTo(6);
    assertThat(count("x\n".getBytes(StandardCharsets.UTF_8), 100).lines).isEqualTo(1);
    assertThat(count(new byte[0], 100).lines).isZero();
    // a BOM alone is no line; a BOM then a line break is one blank line (Hadoop strips the BOM)
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    assertThat(count(bom, 100).lines).isZero();
    assertThat(count(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '\n'}, 100).lines)
        .isEqualTo(1);
  }

  /**
   * Hadoop's reader drops a line when its bytes plus its ending reach the cap: with cap 8,
   * "1234567" plus LF (8) is dropped, "123456" plus LF (7) is kept, "12345678" without an ending
   * (8) at the end of the file is dropped, and a BOM does not count.
   */
  @Test
  void findsTheLinesTheCappedReaderDrops() throws Exception {
    ListingFiles.LineCounter c =
        count("123456\n1234567\n123456\r\n1234567\r\n12345678".getBytes(StandardCharsets.UTF_8), 8);
    assertThat(c.lines).isEqualTo(5);
    assertThat(c.dropped)
        .containsExactly(
            new ListingFiles.LongLine(2, 7),
            new ListingFiles.LongLine(3, 6),
            new ListingFiles.LongLine(4, 7),
            new ListingFiles.LongLine(5, 8));
    byte[] withBom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '1', '2', '3', '4', '5', '6', '\n'};
    assertThat(count(withBom, 8).droppedCount).isZero();
  }

  /** The cap keeps every line over the limit either in Spark's hands or in the scan's, not both. */
  @Test
  void theCapSplitsLinesOverTheLimitWithoutOverlap() {
    long max = 100;
    long cap = ListingFiles.hadoopMaxLineLength(max);
    for (long len = 0; len < 200; len++) {
      for (int ending = 0; ending <= 2; ending++) {
        boolean dropped = len + ending >= cap;
        boolean sparkSaysTooLong = !dropped && len > max;
        boolean tooLong = len > max;
        assertThat(dropped || sparkSaysTooLong)
            .as("len %d ending %d", len, ending)
            .isEqualTo(tooLong);
      }
    }
  }

  @Test
  void hashesTheFileAsRunRecorderDoes(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("l.jsonl");
    Files.writeString(f, "{\"a\":1}\n{\"b\":2}\n");
    ListingFiles.Scan s = ListingFiles.scan(f, 1 << 20);
    assertThat(s.sha256()).isEqualTo(RunRecorder.sha256(f));
    assertThat(s.lines()).isEqualTo(2);
    Path gz = dir.resolve("l.jsonl.gz");
    Files.write(gz, gzip("{\"a\":1}\n\n{\"b\":2}".getBytes(StandardCharsets.UTF_8)));
    ListingFiles.Scan g = ListingFiles.scan(gz, 1 << 20);
    assertThat(g.sha256()).isEqualTo(RunRecorder.sha256(gz));
    assertThat(g.lines()).isEqualTo(3);
  }

  @Test
  void aTruncatedGzipFileIsBadInputNamingTheFile(@TempDir Path dir) throws Exception {
    byte[] whole = gzip("{\"a\":1}\n".repeat(1000).getBytes(StandardCharsets.UTF_8));
    Path f = dir.resolve("cut.jsonl.gz");
    Files.write(f, Arrays.copyOf(whole, whole.length / 2));
    assertThatThrownBy(() -> ListingFiles.scan(f, 1 << 20))
        .isInstanceOf(UserException.class)
        .hasMessageContaining("cut.jsonl.gz")
        .hasMessageContaining("truncated gzip")
        .extracting(e -> ((UserException) e).exitCode())
        .isEqualTo(UserException.BAD_INPUT);
  }

  @Test
  void aCsvHeaderNamingAColumnTwiceIsBadInput(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("dup.csv");
    Files.writeString(f, "listing_id,source,text,text\n1,qq,a,b\n");
    assertThatThrownBy(() -> ListingFiles.scan(f, 1 << 20))
        .isInstanceOf(UserException.class)
        .hasMessageContaining("'text' twice")
        .hasMessageContaining("columns 3 and 4");
  }

  @Test
  void foldersExpandToTheirVisibleFiles(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("in/sub"));
    Files.writeString(dir.resolve("in/a.jsonl"), "");
    Files.writeString(dir.resolve("in/sub/b.csv"), "");
    Files.writeString(dir.resolve("in/.hidden.jsonl"), "");
    Files.writeString(dir.resolve("in/_SUCCESS"), "");
    assertThat(ListingFiles.expand(List.of(dir.resolve("in"))))
        .containsExactly(dir.resolve("in/a.jsonl"), dir.resolve("in/sub/b.csv"));
  }

  static byte[] gzip(byte[] b) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(b);
    }
    return out.toByteArray();
  }
}
