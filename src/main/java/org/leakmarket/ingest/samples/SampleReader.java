package org.leakmarket.ingest.samples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.zip.ZipException;
import org.leakmarket.faults.PausePoints;
import org.leakmarket.io.BoundedLineReader;

/**
 * Reads one sample file as a lazy stream of {@link Item}s: a record or a rejection per row, then
 * exactly one {@link SampleReport} last. Nothing is buffered beyond the current row, so memory does
 * not grow with the file (the Spark job consumes this iterator inside a task). Any failure to read
 * the file (missing, undecodable, no identifier column, empty, I/O error) ends the stream with a
 * failed report; no exception escapes with file content in it.
 *
 * <p>Limits (docs/reliability.md): a row longer than {@code maxLineChars} characters is rejected
 * {@code line_too_long} without being held; a file giving more than {@code maxFileBytes} bytes
 * (after gzip decompression) fails {@code file_too_large}.
 *
 * <p>Not thread-safe; one reader per file per task.
 */
public final class SampleReader implements Iterator<SampleReader.Item>, Closeable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the reader yields. */
  public sealed interface Item permits Parsed, Rejected, Report {}

  public record Parsed(long rowNumber, SampleRecord record) implements Item {}

  public record Rejected(long rowNumber, Rejection rejection) implements Item {}

  public record Report(SampleReport report) implements Item {}

  private final ManifestEntry entry;
  private final RecordBuilder builder;
  private final HeaderMap headers;
  private final long maxLineChars;
  private final long maxFileBytes;

  private Reader reader;
  private DelimitedReader csv;
  private BoundedLineReader lines;
  private long jsonLine;
  private List<String> columnFields; // per CSV column: canonical field or null
  private final Map<String, Optional<String>> jsonKeyCache = new HashMap<>();
  private Item nextItem;
  private boolean started;
  private boolean finished;

  private long records;
  private long rejected;
  private long blank;
  private long cards;
  private long cardsLuhn;
  private long cardsBin;
  private long phones;
  private long phonesValid;
  private long ids;
  private long idsValid;
  private long emails;
  private long emailsValid;

  public SampleReader(ManifestEntry entry, RecordBuilder builder, HeaderMap headers) {
    this(entry, builder, headers, DelimitedReader.MAX_RECORD_CHARS, Long.MAX_VALUE);
  }

  /**
   * @param maxLineChars longest row read; a longer one is rejected {@code line_too_long}
   * @param maxFileBytes most bytes read from the file (decompressed); more fails the file
   */
  public SampleReader(
      ManifestEntry entry,
      RecordBuilder builder,
      HeaderMap headers,
      long maxLineChars,
      long maxFileBytes) {
    this.entry = entry;
    this.builder = builder;
    this.headers = headers;
    this.maxLineChars = maxLineChars;
    this.maxFileBytes = maxFileBytes;
  }

  @Override
  public boolean hasNext() {
    if (nextItem == null && !finished) {
      nextItem = advance();
    }
    return nextItem != null;
  }

  @Override
  public Item next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Item i = nextItem;
    nextItem = null;
    return i;
  }

  private Item advance() {
    try {
      if (!started) {
        started = true;
        Item failure = start();
        if (failure != null) {
          return failure;
        }
      }
      Item row = csv != null ? nextCsv() : nextJson();
      if (row != null) {
        PausePoints.reach("samples:row"); // the crash tests stop here with a file half read
        return row;
      }
      if (records == 0 && rejected == 0) {
        return fail("empty", "no data rows");
      }
      return finish(SampleReport.OK, null, null);
    } catch (CharacterCodingException e) {
      return fail(
          "undecodable",
          "bytes not valid in encoding "
              + entry.encoding()
              + " near row "
              + currentLine()
              + "; "
              + (records + rejected)
              + " rows read before it were discarded");
    } catch (SampleSource.UnsupportedEncoding e) {
      return fail("unsupported_encoding", e.getMessage());
    } catch (SampleSource.TooLarge e) {
      return fail(
          "file_too_large",
          "more than " + maxFileBytes + " bytes (max_sample_file_bytes) near row " + currentLine());
    } catch (AccessDeniedException e) {
      return fail("unreadable", "permission denied: " + entry.path());
    } catch (EOFException e) {
      return fail(
          "truncated_gzip",
          "compressed data ends early near row "
              + currentLine()
              + "; "
              + (records + rejected)
              + " rows read before it were discarded");
    } catch (ZipException e) {
      return fail("corrupt_gzip", "not valid gzip data near row " + currentLine());
    } catch (IOException | RuntimeException e) {
      // Only the exception class: messages of parsers can quote input.
      return fail("io_error", e.getClass().getSimpleName() + " near row " + currentLine());
    }
  }

  private long currentLine() {
    return csv != null ? csvLine : jsonLine;
  }

  private long csvLine;

  private Item start() throws IOException {
    String format = entry.format();
    if (!"csv".equals(format) && !"tsv".equals(format) && !"jsonl".equals(format)) {
      return fail("unsupported_format", "format " + format + " (expected csv, tsv, jsonl)");
    }
    SampleSource.charset(entry.encoding());
    switch (SampleSource.kind(entry.location())) {
      case MISSING:
        return fail("missing_file", "no file at " + entry.path());
      case DIRECTORY:
        return fail("not_a_file", entry.path() + " is a directory");
      case UNREADABLE:
        return fail("unreadable", "permission denied: " + entry.path());
      default:
        break;
    }
    long size = SampleSource.size(entry.location());
    if (size > maxFileBytes) {
      return fail("file_too_large", size + " bytes > " + maxFileBytes + " (max_sample_file_bytes)");
    }
    InputStream in = SampleSource.open(entry.location(), maxFileBytes);
    reader = SampleSource.decode(in, entry.encoding());
    if ("jsonl".equals(format)) {
      lines = new BoundedLineReader(reader, maxLineChars);
      return null;
    }
    csv = new DelimitedReader(reader, entry.delimiter(), maxLineChars);
    DelimitedReader.Rec header;
    do {
      header = csv.next();
    } while (header != null && header.blank());
    if (header == null) {
      return fail("empty", "no header row");
    }
    columnFields = new ArrayList<>();
    boolean identifying = false;
    for (String h : header.cells()) {
      String f = headers.field(h, entry.columns()).orElse(null);
      columnFields.add(f);
      identifying |= f != null && Fields.IDENTIFYING.contains(f);
    }
    if (!identifying) {
      return fail(
          "no_identifier_column",
          "no header maps to " + Fields.IDENTIFYING + "; add a columns mapping to the manifest");
    }
    return null;
  }

  private Item nextCsv() throws IOException {
    while (true) {
      DelimitedReader.Rec rec = csv.next();
      if (rec == null) {
        return null;
      }
      csvLine = rec.line();
      if (rec.blank()) {
        blank++;
        continue;
      }
      Map<String, String> cells = new LinkedHashMap<>();
      String first = null;
      boolean extra = false;
      for (int i = 0; i < rec.cells().size(); i++) {
        String v = rec.cells().get(i);
        if (first == null && !v.isBlank()) {
          first = v;
        }
        if (i >= columnFields.size()) {
          extra |= !v.isBlank();
          continue;
        }
        String f = columnFields.get(i);
        if (f != null && !v.isBlank()) {
          cells.putIfAbsent(f, v);
        }
      }
      if (rec.tooLong()) {
        rejected++;
        return new Rejected(
            rec.line(),
            new Rejection(
                Rejection.LINE_TOO_LONG,
                "row longer than " + maxLineChars + " characters (max_line_bytes)",
                Map.of()));
      }
      if (rec.malformed() || extra) {
        rejected++;
        String why =
            rec.unclosedQuote()
                ? "quote opened on line "
                    + rec.line()
                    + " never closed: lines "
                    + rec.line()
                    + "-"
                    + rec.endLine()
                    + " read as one row"
                : rec.malformed() ? "unbalanced quotes" : "more cells than header columns";
        return new Rejected(
            rec.line(), new Rejection(Rejection.MALFORMED_ROW, why, RecordBuilder.masked(cells)));
      }
      return outcome(rec.line(), builder.build(cells, first, entry.obtainedAt()));
    }
  }

  private Item nextJson() throws IOException {
    while (true) {
      BoundedLineReader.Line read = lines.next();
      if (read == null) {
        return null;
      }
      jsonLine = read.number();
      if (read.tooLong()) {
        rejected++;
        return new Rejected(
            jsonLine,
            new Rejection(
                Rejection.LINE_TOO_LONG,
                "line of " + read.length() + " characters > " + maxLineChars + " (max_line_bytes)",
                Map.of()));
      }
      String line = read.text();
      if (line.isBlank()) {
        blank++;
        continue;
      }
      JsonNode n;
      try {
        n = JSON.readTree(line);
      } catch (JsonProcessingException e) {
        n = null;
      }
      if (n == null || !n.isObject()) {
        rejected++;
        return new Rejected(
            jsonLine, new Rejection(Rejection.BAD_JSON, "line is not a JSON object", Map.of()));
      }
      Map<String, String> cells = new LinkedHashMap<>();
      String first = null;
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        JsonNode v = e.getValue();
        String text = v == null || v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString();
        if (first == null && text != null && !text.isBlank()) {
          first = text;
        }
        Optional<String> f =
            jsonKeyCache.computeIfAbsent(e.getKey(), k -> headers.field(k, entry.columns()));
        if (f.isPresent() && text != null && !text.isBlank()) {
          cells.putIfAbsent(f.get(), text);
        }
      }
      return outcome(jsonLine, builder.build(cells, first, entry.obtainedAt()));
    }
  }

  private Item outcome(long row, RecordBuilder.Outcome o) {
    if (o.rejection() != null) {
      rejected++;
      return new Rejected(row, o.rejection());
    }
    SampleRecord r = o.record();
    records++;
    if (r.cardLuhnValid() != null) {
      cards++;
      cardsLuhn += r.cardLuhnValid() ? 1 : 0;
      cardsBin += Boolean.TRUE.equals(r.cardBinKnown()) ? 1 : 0;
    }
    if (r.phoneValid() != null) {
      phones++;
      phonesValid += r.phoneValid() ? 1 : 0;
    }
    if (r.idValid() != null) {
      ids++;
      idsValid += r.idValid() ? 1 : 0;
    }
    if (r.emailValid() != null) {
      emails++;
      emailsValid += r.emailValid() ? 1 : 0;
    }
    return new Parsed(row, r);
  }

  private Item fail(String reason, String detail) {
    Report r =
        new Report(
            new SampleReport(
                entry.sampleId(),
                entry.path(),
                SampleReport.FAILED,
                reason,
                detail,
                0,
                0,
                blank,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0));
    end();
    return r;
  }

  private Item finish(String status, String reason, String detail) {
    Report r =
        new Report(
            new SampleReport(
                entry.sampleId(),
                entry.path(),
                status,
                reason,
                detail,
                records,
                rejected,
                blank,
                cards,
                cardsLuhn,
                cardsBin,
                phones,
                phonesValid,
                ids,
                idsValid,
                emails,
                emailsValid));
    end();
    return r;
  }

  private void end() {
    finished = true;
    close();
  }

  @Override
  public void close() {
    if (reader != null) {
      try {
        reader.close();
      } catch (IOException ignored) {
        // closing a read-only stream: nothing to recover
      }
      reader = null;
    }
  }
}
