package org.leakmarket.ingest.samples;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 reader for CSV and TSV: quoted fields may hold the delimiter, doubled quotes
 * and line breaks; CRLF, LF and CR all end a record. Holds one record at a time (plus an 8 KiB
 * buffer), so a file of any size is read in constant memory; a record longer than {@link
 * #MAX_RECORD_CHARS} (an unterminated quote swallowing the file) is cut and flagged malformed
 * rather than buffered.
 *
 * <p>Lenient where spreadsheets are sloppy: spaces before an opening quote are dropped, text after
 * a closing quote is kept and the record flagged.
 */
final class DelimitedReader {
  static final int MAX_RECORD_CHARS = 1 << 20;

  /** One record: the line it starts on (1-based), its cells, and whether it was malformed. */
  record Rec(long line, List<String> cells, boolean malformed) {
    boolean blank() {
      return cells.stream().allMatch(String::isBlank);
    }
  }

  private final Reader in;
  private final char delimiter;
  private final char[] buf = new char[8192];
  private int pos;
  private int len;
  private long line = 1;

  DelimitedReader(Reader in, char delimiter) {
    this.in = in;
    this.delimiter = delimiter;
  }

  private int read() throws IOException {
    if (pos == len) {
      int n = in.read(buf, 0, buf.length);
      pos = 0;
      len = Math.max(n, 0);
      if (n <= 0) {
        return -1;
      }
    }
    return buf[pos++];
  }

  private void unread() {
    pos--;
  }

  /** The next record, or null at end of input. */
  Rec next() throws IOException {
    int c = read();
    if (c == -1) {
      return null;
    }
    long start = line;
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean inQuotes = false;
    boolean fieldStart = true;
    boolean afterQuote = false;
    boolean malformed = false;
    int chars = 0;
    while (true) {
      if (c == -1) {
        if (inQuotes) {
          malformed = true;
        }
        cells.add(cell.toString());
        return new Rec(start, cells, malformed);
      }
      char ch = (char) c;
      if (inQuotes) {
        if (ch == '"') {
          int n = read();
          if (n == '"') {
            append(cell, '"', chars++);
          } else {
            inQuotes = false;
            afterQuote = true;
            if (n != -1) {
              unread();
            }
          }
        } else {
          if (ch == '\n' || (ch == '\r' && peekNot('\n'))) {
            line++;
          }
          append(cell, ch, chars++);
        }
      } else if (ch == delimiter) {
        cells.add(cell.toString());
        cell.setLength(0);
        fieldStart = true;
        afterQuote = false;
      } else if (ch == '\n' || ch == '\r') {
        if (ch == '\r') {
          int n = read();
          if (n != '\n' && n != -1) {
            unread();
          }
        }
        line++;
        cells.add(cell.toString());
        return new Rec(start, cells, malformed);
      } else if (ch == '"' && fieldStart) {
        cell.setLength(0); // spaces before the opening quote
        inQuotes = true;
        fieldStart = false;
      } else {
        if (afterQuote) {
          malformed = true;
        }
        if (fieldStart && ch != ' ') {
          fieldStart = false;
        }
        append(cell, ch, chars++);
      }
      if (chars > MAX_RECORD_CHARS) {
        malformed = true;
        inQuotes = false;
      }
      c = read();
    }
  }

  private boolean peekNot(char expected) throws IOException {
    int n = read();
    if (n != -1) {
      unread();
    }
    return n != expected;
  }

  private static void append(StringBuilder cell, char ch, int chars) {
    if (chars < MAX_RECORD_CHARS) {
      cell.append(ch);
    }
  }
}
