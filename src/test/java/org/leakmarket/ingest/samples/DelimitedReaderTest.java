package org.leakmarket.ingest.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DelimitedReaderTest {

  private static List<DelimitedReader.Rec> all(String text, char delim) throws IOException {
    DelimitedReader r = new DelimitedReader(new StringReader(text), delim);
    List<DelimitedReader.Rec> out = new ArrayList<>();
    DelimitedReader.Rec rec;
    while ((rec = r.next()) != null) {
      out.add(rec);
    }
    return out;
  }

  @Test
  void quotedDelimitersDoubledQuotesAndLineBreaks() throws IOException {
    List<DelimitedReader.Rec> recs =
        all("a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\n2, \"multi\nline\",z\n", ',');
    assertThat(recs).hasSize(3);
    assertThat(recs.get(1).cells()).containsExactly("1", "x, y", "say \"hi\"");
    assertThat(recs.get(2).cells()).containsExactly("2", "multi\nline", "z");
    assertThat(recs.get(2).line()).isEqualTo(3);
    assertThat(recs).noneMatch(DelimitedReader.Rec::malformed);
  }

  @Test
  void blankLinesTabsAndMalformedQuotes() throws IOException {
    List<DelimitedReader.Rec> recs = all("h1\th2\n\n1\t2\n\"open\t3\n", '\t');
    assertThat(recs).hasSize(4);
    assertThat(recs.get(1).blank()).isTrue();
    assertThat(recs.get(2).cells()).containsExactly("1", "2");
    assertThat(recs.get(2).line()).isEqualTo(3);
    assertThat(recs.get(3).malformed()).isTrue();
    assertThat(all("\"a\"b,c\n", ',').get(0).malformed()).isTrue();
  }

  /**
   * Streaming: a 1,000,000-record CSV produced on the fly (never materialised) is read while the
   * reader has pulled only a bounded prefix of it; the reader holds one record at a time.
   */
  @Test
  void readsAMillionRecordStreamWithoutBufferingIt() throws IOException {
    CountingRows source = new CountingRows(1_000_000);
    DelimitedReader r =
        new DelimitedReader(new InputStreamReader(source, StandardCharsets.UTF_8), ',');
    for (int i = 0; i < 10; i++) {
      assertThat(r.next()).isNotNull();
    }
    // 10 records are about 400 bytes; InputStreamReader and our buffer read ahead at most ~16 KiB.
    assertThat(source.consumed).isLessThan(64 * 1024);
    long n = 10;
    while (r.next() != null) {
      n++;
    }
    assertThat(n).isEqualTo(1_000_001); // header + records
    assertThat(source.consumed).isEqualTo(source.total());
  }

  /** An input stream that writes "name,phone\n" then n synthetic rows as it is read. */
  static final class CountingRows extends InputStream {
    private final int rows;
    private int row = -1;
    private byte[] current = "name,phone\n".getBytes(StandardCharsets.UTF_8);
    private int pos;
    long consumed;
    private long total = current.length;

    CountingRows(int rows) {
      this.rows = rows;
    }

    long total() {
      return total;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) {
        return 0;
      }
      if (pos == current.length) {
        row++;
        if (row >= rows) {
          return -1;
        }
        current =
            ("person" + row + ",138" + (100_000_000 + row) % 100_000_000 + "\n")
                .getBytes(StandardCharsets.UTF_8);
        total += current.length;
        pos = 0;
      }
      int n = Math.min(len, current.length - pos);
      System.arraycopy(current, pos, b, off, n);
      pos += n;
      consumed += n;
      return n;
    }
  }
}
