package org.leakmarket.reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.leakmarket.common.UserException;
import org.leakmarket.io.BoundedLineReader;

/**
 * Reads a small reference CSV (header row, comma-separated, no quoted commas, {@code #} comment
 * lines) from a user file or from the jar. Package-private helper for the reference tables.
 *
 * <p>A user file is configuration: anything wrong with it (missing, unreadable, a directory, not
 * UTF-8, another header, a row with the wrong number of fields, a line over {@link #MAX_LINE}
 * characters) is bad input, exit 3 with one line naming the file and line.
 */
final class CsvTable {
  /** Longest line of a reference table: real rows are tens of characters. */
  static final int MAX_LINE = 4096;

  private CsvTable() {}

  static List<String[]> read(Path file, String shipped, String expectedHeader) {
    String source = file == null ? "shipped:" + shipped : file.toString();
    if (file != null && Files.isDirectory(file)) {
      throw bad(source, "is a directory, not a CSV file");
    }
    try (InputStream in =
        file == null ? CsvTable.class.getResourceAsStream(shipped) : Files.newInputStream(file)) {
      if (in == null) {
        throw new IllegalStateException("shipped reference table missing from the jar: " + shipped);
      }
      BoundedLineReader r =
          new BoundedLineReader(
              new InputStreamReader(
                  in,
                  StandardCharsets.UTF_8
                      .newDecoder()
                      .onMalformedInput(CodingErrorAction.REPORT)
                      .onUnmappableCharacter(CodingErrorAction.REPORT)),
              MAX_LINE);
      BoundedLineReader.Line header = r.next();
      if (header == null
          || header.tooLong()
          || !header.text().replace("\uFEFF", "").strip().equals(expectedHeader)) {
        throw bad(source, "must start with the header " + expectedHeader);
      }
      int columns = expectedHeader.split(",").length;
      List<String[]> rows = new ArrayList<>();
      BoundedLineReader.Line line;
      while ((line = r.next()) != null) {
        long lineNo = line.number();
        if (line.tooLong()) {
          throw bad(source, "line " + lineNo + " is longer than " + MAX_LINE + " characters");
        }
        String text = line.text();
        if (text.isBlank() || text.startsWith("#")) {
          continue;
        }
        if (text.indexOf('\0') >= 0) {
          throw bad(source, "line " + lineNo + " holds a NUL character");
        }
        String[] f = text.split(",", -1);
        if (f.length != columns) {
          throw bad(
              source, "line " + lineNo + ": expected " + columns + " fields, found " + f.length);
        }
        for (int i = 0; i < f.length; i++) {
          f[i] = f[i].strip();
        }
        rows.add(f);
      }
      return rows;
    } catch (CharacterCodingException e) {
      throw bad(source, "is not valid UTF-8");
    } catch (NoSuchFileException e) {
      throw bad(source, "not found");
    } catch (AccessDeniedException e) {
      throw bad(source, "cannot be read (permission denied)");
    } catch (IOException e) {
      throw bad(source, "cannot be read (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** A bad-input error about a reference table: one line, exit 3. */
  static UserException bad(String source, String what) {
    return new UserException(UserException.BAD_INPUT, "reference table " + source + " " + what);
  }
}
