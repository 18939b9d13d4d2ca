package org.leakmarket.ingest.samples;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 reader for CSV and TSV: quoted fields may hold the delimiter, doubled quotes
 * and line breaks; CRLF, LF and CR all end a record. Holds one record at a time (plus an 8 KiB
 * buffer), so a file of any size is read in constant memory; a record longer than its limit (a 50
 * MB line, or an unterminated quote swallowing the file) is cut, consumed to the end of its line,
 * and flagged {@link Rec#tooLong()} rather than buffered.
 *
 * <p>Lenient where spreadsheets are sloppy: spaces before an opening quote are dropped, text after
 * a closing quote is kept and the record flagged. Used for sample files and CSV listings.
 */
public final class DelimitedReader {
  /** The default limit: one mebibyte of characters per record. */
  public static final int MAX_RECORD_CHARS = 1 << 20;

  /**
   * One record: the line it starts on and the line it ends on (1-based), its cells, whether it was
   * malformed (unbalanced quotes, text after a closing quote), whether it was longer than the limit
   * (its cells are then cut), and whether a quote it opened was never closed (it then ran to the
   * end of the input).
   */
  public record Rec(
      long line,
      long endLine,
      List<String> cells,
      boolean malformed,
      boolean tooLong,
      boolean unclosedQuote) {
    public boolean blank() {
      return cells.stream().allMatch(String::isBlank);
    }
  }

  private final Reader in;
  private final char delimiter;
  private final long maxChars;
  private final char[] buf = new char[8192];
  private int pos;
  private int len;
  private long line = 1;

  public DelimitedReader(Reader in, char delimiter) {
    this(in, delimiter, MAX_RECORD_CHARS);
  }

  /** A reader whose records are cut at {@code maxChars} characters. */
  public DelimitedReader(Reader in, char delimiter, long maxChars) {
    this.in = in;
    this.delimiter = delimiter;
    this.maxChars = maxChars;
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
  public Rec next() throws IOException {
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
    boolean tooLong = false;
    long chars = 0;
    while (true) {
      if (c == -1) {
        malformed |= inQuotes;
        cells.add(cell.toString());
        return new Rec(start, line, cells, malformed, tooLong, inQuotes);
      }
      char ch = (char) c;
      if (inQuotes) {
        if (ch == '"') {
          int n = read();
          if (n == '"') {
            chars = append(cell, '"', chars);
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
          chars = append(cell, ch, chars);
        }
      } else if (ch == delimiter) {
        cells.add(cell.toString());
        cell.setLength(0);
        fieldStart = true;
        afterQuote = false;
        chars++;
      } else if (ch == '\n' || ch == '\r') {
        if (ch == '\r') {
          int n = read();
          if (n != '\n' && n != -1) {
            unread();
          }
        }
        line++;
        cells.add(cell.toString());
        return new Rec(start, line - 1, cells, malformed, tooLong, false);
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
        chars = append(cell, ch, chars);
      }
      if (chars > maxChars && !tooLong) {
        // Over the limit: stop quote mode (an unterminated quote would otherwise swallow the rest
        // of the file) and keep nothing more; the record ends at the next line break.
        tooLong = true;
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

  private long append(StringBuilder cell, char ch, long chars) {
    if (chars < maxChars) {
      cell.append(ch);
    }
    return chars + 1;
  }
}
