package org.leakmarket.ingest.samples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Maps sample column headers to canonical fields, from the data table {@code
 * /vocabulary/sample_headers.csv} ({@code header,field}) plus a sample's own {@code columns}
 * overrides, which win. Headers are compared after NFKC, lower-casing and removing everything but
 * letters and digits, so {@code Card No.}, {@code card_no} and {@code ＣＡＲＤ　ＮＯ} are one header.
 * Small and serializable: shipped to executors.
 */
public final class HeaderMap implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final String SHIPPED = "/vocabulary/sample_headers.csv";

  private final Map<String, String> byKey;

  private HeaderMap(Map<String, String> byKey) {
    this.byKey = byKey;
  }

  /** The shipped vocabulary. */
  public static HeaderMap shipped() {
    try (InputStream in = HeaderMap.class.getResourceAsStream(SHIPPED)) {
      if (in == null) {
        throw new IllegalStateException("header vocabulary missing from the jar: " + SHIPPED);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line = r.readLine();
      if (line == null || !line.strip().equals("header,field")) {
        throw new IllegalStateException(SHIPPED + " must start with header,field");
      }
      Map<String, String> m = new HashMap<>();
      while ((line = r.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        int comma = line.lastIndexOf(',');
        String field = line.substring(comma + 1).strip();
        if (!Fields.ALL.contains(field)) {
          throw new IllegalStateException(SHIPPED + ": unknown field " + field);
        }
        m.put(key(line.substring(0, comma)), field);
      }
      return new HeaderMap(m);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The comparison key of a header. */
  static String key(String header) {
    String s =
        Normalizer.normalize(header == null ? "" : header, Normalizer.Form.NFKC)
            .replace("\uFEFF", "")
            .toLowerCase(Locale.ROOT);
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().filter(Character::isLetterOrDigit).forEach(b::appendCodePoint);
    // "#" alone is a common row-number header: keep it recognisable.
    return b.length() == 0 ? s.strip() : b.toString();
  }

  /**
   * The canonical field of a header: the sample's override first (compared the same way), then the
   * vocabulary.
   */
  public Optional<String> field(String header, Map<String, String> overrides) {
    String k = key(header);
    if (overrides != null) {
      for (Map.Entry<String, String> o : overrides.entrySet()) {
        if (key(o.getKey()).equals(k)) {
          return Optional.of(o.getValue());
        }
      }
    }
    return Optional.ofNullable(byKey.get(k));
  }
}
