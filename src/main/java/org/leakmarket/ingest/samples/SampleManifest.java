package org.leakmarket.ingest.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.leakmarket.common.UserException;
import org.leakmarket.io.BoundedLineReader;
import org.leakmarket.privacy.Identifiers;
import org.leakmarket.privacy.PseudonymKey;

/**
 * Reads the sample manifest (JSON Lines, contracts section 2) on the driver: one small entry per
 * sample file, paths resolved against the manifest's folder, the seller pseudonymised at once. A
 * manifest that is not valid (not UTF-8, bad JSON, a line over {@link #MAX_LINE} characters,
 * missing {@code sample_id} or {@code path}, a repeated {@code sample_id}, a bad or implausible
 * {@code obtained_at}) is bad input: a {@link UserException} (exit 3) naming the line, never a
 * value from it except the sample id. Unsupported formats and encodings, and paths that are
 * missing, unreadable or folders, are not errors here; the sample is reported as failed and the
 * others go on.
 */
public final class SampleManifest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SampleManifest() {}

  /** Token domain of seller handles: the same as listings use, so sellers link across both. */
  public static final String SELLER_DOMAIN = "seller";

  /** Longest manifest line: a real entry is a few hundred characters. */
  static final int MAX_LINE = 1 << 16;

  public static List<ManifestEntry> read(Path manifest, PseudonymKey key) {
    return read(manifest, key, null, null);
  }

  /**
   * @param earliest {@code obtained_at} before it is bad input (null: no bound)
   * @param latest {@code obtained_at} after it is bad input (null: no bound)
   */
  public static List<ManifestEntry> read(
      Path manifest, PseudonymKey key, LocalDate earliest, LocalDate latest) {
    Path base = manifest.toAbsolutePath().normalize().getParent();
    List<ManifestEntry> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    try (BoundedLineReader r =
        new BoundedLineReader(
            new InputStreamReader(
                Files.newInputStream(manifest),
                StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)),
            MAX_LINE)) {
      BoundedLineReader.Line read;
      while ((read = r.next()) != null) {
        long lineNo = read.number();
        if (read.tooLong()) {
          throw bad(manifest, lineNo, "longer than " + MAX_LINE + " characters");
        }
        String line = read.text().replace("\uFEFF", "").strip();
        if (line.isEmpty() || line.startsWith("#") || line.startsWith("//")) {
          continue;
        }
        JsonNode n;
        try {
          n = JSON.readTree(line);
        } catch (IOException e) {
          throw bad(manifest, lineNo, "not valid JSON");
        }
        if (n == null || !n.isObject()) {
          throw bad(manifest, lineNo, "expected a JSON object");
        }
        String sampleId = text(n, "sample_id");
        String path = text(n, "path");
        if (sampleId == null || path == null) {
          throw bad(manifest, lineNo, "sample_id and path are required");
        }
        if (!seen.add(sampleId)) {
          throw bad(manifest, lineNo, "sample_id " + sampleId + " appears twice");
        }
        String location =
            path.contains("://") || path.startsWith("file:")
                ? path
                : base.resolve(path).toAbsolutePath().normalize().toString();
        String format = lower(text(n, "format"));
        if (format == null) {
          String p = path.toLowerCase(Locale.ROOT);
          format =
              p.endsWith(".tsv") || p.endsWith(".tab")
                  ? "tsv"
                  : p.endsWith(".jsonl") || p.endsWith(".json") || p.endsWith(".ndjson")
                      ? "jsonl"
                      : "csv";
        }
        String encoding = lower(text(n, "encoding"));
        String delim = text(n, "delimiter");
        char delimiter =
            delim != null && !delim.isEmpty() ? unescape(delim) : "tsv".equals(format) ? '\t' : ',';
        Map<String, String> columns = new LinkedHashMap<>();
        JsonNode cols = n.get("columns");
        if (cols != null && cols.isObject()) {
          cols.properties().forEach(e -> columns.put(e.getKey(), e.getValue().asText()));
          for (String field : columns.values()) {
            if (!Fields.ALL.contains(field)) {
              throw bad(
                  manifest,
                  lineNo,
                  "columns maps to unknown field '" + field + "' (known: " + Fields.ALL + ")");
            }
          }
        }
        LocalDate obtained = null;
        String obtainedText = text(n, "obtained_at");
        if (obtainedText != null) {
          try {
            obtained =
                LocalDate.parse(
                    obtainedText.length() > 10 ? obtainedText.substring(0, 10) : obtainedText);
          } catch (DateTimeParseException e) {
            throw bad(manifest, lineNo, "obtained_at is not an ISO date");
          }
          if ((earliest != null && obtained.isBefore(earliest))
              || (latest != null && obtained.isAfter(latest))) {
            throw bad(
                manifest,
                lineNo,
                "obtained_at " + obtained + " is outside " + earliest + " .. " + latest);
          }
        }
        String seller = text(n, "seller");
        String sellerToken =
            seller == null ? null : key.token(SELLER_DOMAIN, Identifiers.text(seller).value());
        out.add(
            new ManifestEntry(
                sampleId,
                path,
                location,
                format,
                encoding == null ? "utf-8" : encoding,
                delimiter,
                Map.copyOf(columns),
                obtained,
                text(n, "listing_id"),
                sellerToken,
                lower(text(n, "source"))));
      }
    } catch (CharacterCodingException e) {
      throw new UserException(
          UserException.BAD_INPUT, "sample manifest " + manifest + " is not valid UTF-8");
    } catch (IOException e) {
      throw new UserException(
          UserException.BAD_INPUT,
          "cannot read sample manifest " + manifest + " (" + e.getClass().getSimpleName() + ")");
    }
    return out;
  }

  private static UserException bad(Path manifest, long lineNo, String what) {
    return new UserException(
        UserException.BAD_INPUT, "sample manifest " + manifest + " line " + lineNo + ": " + what);
  }

  private static char unescape(String d) {
    return switch (d) {
      case "\\t", "tab", "\t" -> '\t';
      default -> d.charAt(0);
    };
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    String s = v.asText().strip();
    return s.isEmpty() ? null : s;
  }

  private static String lower(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }
}
