package org.leakmarket.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;

/**
 * Reads text line by line like {@link java.io.BufferedReader#readLine()} (a line ends at LF, CR or
 * CRLF), but never holds more than {@code maxChars} characters of one line: a longer line is
 * consumed to its end and returned as {@link Line#tooLong()} with only its first characters. A file
 * that is one 50 MB line costs 8 KiB of buffer plus the kept prefix, not 100 MB of heap.
 *
 * <p>Not thread-safe; one reader per stream.
 */
public final class BoundedLineReader implements Closeable {
  /** Characters of a too-long line kept for diagnosis. */
  public static final int PREFIX_CHARS = 256;

  /**
   * One line: its 1-based number, its text (all of it, or the first {@link #PREFIX_CHARS}
   * characters when {@code tooLong}), its length in characters, and whether it was over the limit.
   */
  public record Line(long number, String text, long length, boolean tooLong) {}

  private final Reader in;
  private final long maxChars;
  private final char[] buf = new char[8192];
  private int pos;
  private int len;
  private long lineNo;
  private boolean skipLf;

  public BoundedLineReader(Reader in, long maxChars) {
    this.in = in;
    this.maxChars = maxChars;
  }

  private int read() throws IOException {
    if (pos == len) {
      int n = in.read(buf, 0, buf.length);
      if (n <= 0) {
        return -1;
      }
      pos = 0;
      len = n;
    }
    return buf[pos++];
  }

  /** The next line, or null at the end of the input. */
  public Line next() throws IOException {
    StringBuilder sb = new StringBuilder();
    long length = 0;
    int c = read();
    if (skipLf && c == '\n') {
      c = read();
    }
    skipLf = false;
    if (c == -1) {
      return null;
    }
    while (c != -1 && c != '\n' && c != '\r') {
      if (length < maxChars) {
        sb.append((char) c);
      }
      length++;
      c = read();
    }
    skipLf = c == '\r';
    lineNo++;
    boolean tooLong = length > maxChars;
    String text = tooLong ? sb.substring(0, Math.min(sb.length(), PREFIX_CHARS)) : sb.toString();
    return new Line(lineNo, text, length, tooLong);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
