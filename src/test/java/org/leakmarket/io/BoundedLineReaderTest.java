package org.leakmarket.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedLineReaderTest {

  private static List<BoundedLineReader.Line> all(String text, long max) throws IOException {
    BoundedLineReader r = new BoundedLineReader(new StringReader(text), max);
    List<BoundedLineReader.Line> out = new ArrayList<>();
    BoundedLineReader.Line l;
    while ((l = r.next()) != null) {
      out.add(l);
    }
    return out;
  }

  @Test
  void endsLinesLikeBufferedReader() throws IOException {
    // LF, CRLF and a lone CR each end a line; a last line without an ending counts; the text
    // after a trailing line break is no extra line
    List<BoundedLineReader.Line> lines = all("a\nbb\r\nccc\rd\n\ne", 100);
    assertThat(lines)
        .extracting(BoundedLineReader.Line::text)
        .containsExactly("a", "bb", "ccc", "d", "", "e");
    assertThat(lines)
        .extracting(BoundedLineReader.Line::number)
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(all("x\n", 100)).hasSize(1);
    assertThat(all("", 100)).isEmpty();
  }

  @Test
  void aLineOverTheLimitIsCutAndFlaggedAndTheNextLineIsIntact() throws IOException {
    List<BoundedLineReader.Line> lines = all("12345\n123456\nok", 5);
    assertThat(lines.get(0).tooLong()).isFalse();
    assertThat(lines.get(0).text()).isEqualTo("12345");
    assertThat(lines.get(1).tooLong()).isTrue();
    assertThat(lines.get(1).length()).isEqualTo(6);
    assertThat(lines.get(2).text()).isEqualTo("ok");
  }

  /**
   * A 50 MB line produced on the fly (never materialised): the reader reports it with its exact
   * length and keeps only its first 256 characters; the heap it takes is bounded by the limit.
   */
  @Test
  void aFiftyMegabyteLineCostsBoundedMemory() throws IOException {
    long size = 50L << 20;
    InputStream fifty =
        new InputStream() {
          long left = size;

          @Override
          public int read() {
            if (left == 0) {
              return -1;
            }
            left--;
            return left == 0 ? '\n' : 'x';
          }

          @Override
          public int read(byte[] b, int off, int len) {
            if (left == 0) {
              return -1;
            }
            int n = (int) Math.min(len, left);
            for (int i = 0; i < n; i++) {
              left--;
              b[off + i] = (byte) (left == 0 ? '\n' : 'x');
            }
            return n;
          }
        };
    BoundedLineReader r =
        new BoundedLineReader(new InputStreamReader(fifty, StandardCharsets.US_ASCII), 1 << 20);
    BoundedLineReader.Line l = r.next();
    assertThat(l.tooLong()).isTrue();
    assertThat(l.length()).isEqualTo(size - 1);
    assertThat(l.text()).hasSize(BoundedLineReader.PREFIX_CHARS);
    assertThat(r.next()).isNull();
  }
}
