package org.leakmarket.reference;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a small reference CSV (header row, comma-separated, no quoted commas, {@code #} comment
 * lines) from a user file or from the jar. Package-private helper for the reference tables.
 */
final class CsvTable {
  private CsvTable() {}

  static List<String[]> read(Path file, String shipped, String expectedHeader) {
    String source = file == null ? "shipped:" + shipped : file.toString();
    try (InputStream in =
        file == null ? CsvTable.class.getResourceAsStream(shipped) : Files.newInputStream(file)) {
      if (in == null) {
        throw new IllegalStateException("shipped reference table missing from the jar: " + shipped);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String header = r.readLine();
      if (header == null || !header.replace("\uFEFF", "").strip().equals(expectedHeader)) {
        throw new IllegalArgumentException(
            "reference table " + source + " must start with the header " + expectedHeader);
      }
      int columns = expectedHeader.split(",").length;
      List<String[]> rows = new ArrayList<>();
      String line;
      int lineNo = 1;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split(",", -1);
        if (f.length != columns) {
          throw new IllegalArgumentException(
              "reference table "
                  + source
                  + " line "
                  + lineNo
                  + ": expected "
                  + columns
                  + " fields, found "
                  + f.length);
        }
        for (int i = 0; i < f.length; i++) {
          f[i] = f[i].strip();
        }
        rows.add(f);
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read reference table " + source, e);
    }
  }
}
