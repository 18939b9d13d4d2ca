package org.leakmarket.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.leakmarket.ingest.samples.DelimitedReader;
import org.leakmarket.normalize.Reason;

/**
 * Reads one CSV listing file (a header, then one listing per record) as JSON objects, so that CSV
 * and JSON Lines listings take the same path through ingest. Streams: one record in memory at a
 * time, each cut at the line limit. Pure Java; the Spark job runs one reader per file in a task.
 *
 * <p>Each record becomes a {@link Row}: its first line, its JSON text (header name to cell; a blank
 * header cell is named {@code _c<n>}, n from 0, as Spark names it), and a reason when the record
 * cannot be a listing: {@code line_too_long} (over the limit), {@code malformed} (a quote never
 * closed, text after a closing quote, or a different number of cells than the header has, unless
 * the extra cells are empty), {@code invalid_utf8} (bytes that are not UTF-8: they decode to
 * U+FFFD). A blank record gives an empty text, counted as a blank line.
 */
public final class CsvListingReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A CSV record as ingest sees it; {@code reason} null when it is a candidate listing. */
  public record Row(long line, String value, String reason, String detail) {}

  private final DelimitedReader csv;
  private final long maxChars;
  private List<String> header;

  public CsvListingReader(Reader in, long maxChars) {
    this.csv = new DelimitedReader(in, ',', maxChars);
    this.maxChars = maxChars;
  }

  /** The next record, or null at the end of the file. The header is not returned. */
  public Row next() {
    try {
      if (header == null) {
        DelimitedReader.Rec h = csv.next();
        if (h == null) {
          return null;
        }
        header = names(h.cells());
      }
      DelimitedReader.Rec r = csv.next();
      if (r == null) {
        return null;
      }
      if (r.tooLong()) {
        return new Row(
            r.line(),
            "",
            IngestReason.LINE_TOO_LONG,
            "record longer than " + maxChars + " characters");
      }
      if (r.blank() && !r.malformed()) {
        return new Row(r.line(), "", null, null);
      }
      String value = json(r.cells());
      if (r.unclosedQuote()) {
        return new Row(
            r.line(),
            value,
            Reason.MALFORMED,
            "quote opened on line "
                + r.line()
                + " never closed (read to line "
                + r.endLine()
                + ")");
      }
      if (r.malformed()) {
        return new Row(r.line(), value, Reason.MALFORMED, "text after a closing quote");
      }
      if (ragged(r.cells())) {
        return new Row(
            r.line(),
            value,
            Reason.MALFORMED,
            "record has " + r.cells().size() + " cells, the header " + header.size());
      }
      if (value.indexOf('\uFFFD') >= 0) {
        return new Row(r.line(), value, IngestReason.INVALID_UTF8, "bytes that are not UTF-8");
      }
      return new Row(r.line(), value, null, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private boolean ragged(List<String> cells) {
    if (cells.size() < header.size()) {
      return true;
    }
    for (int i = header.size(); i < cells.size(); i++) {
      if (!cells.get(i).isBlank()) {
        return true;
      }
    }
    return false;
  }

  private String json(List<String> cells) {
    ObjectNode o = JSON.createObjectNode();
    for (int i = 0; i < Math.min(cells.size(), header.size()); i++) {
      o.put(header.get(i), cells.get(i));
    }
    return o.toString();
  }

  private static List<String> names(List<String> cells) {
    List<String> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < cells.size(); i++) {
      String n = cells.get(i).replace("\uFEFF", "").strip();
      if (n.isEmpty() || !seen.add(n)) {
        // blank (or, past the driver's header check, repeated) names get Spark's positional name
        n = "_c" + i;
        seen.add(n);
      }
      out.add(n);
    }
    return out;
  }
}
