package org.leakmarket.reference;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * China's province-level divisions with their GB/T 2260 two-digit codes ({@code 34} Anhui), read
 * from {@code regions.csv} ({@code code,name_zh,full_name_zh,short_zh,pinyin,english}). Lookup
 * by any of the names (case-insensitive for pinyin/English) costs one hash probe; the table has
 * 34 rows and is loaded once.
 */
public final class Regions implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final String SHIPPED = "/reference/regions.csv";
  private static final String HEADER = "code,name_zh,full_name_zh,short_zh,pinyin,english";

  /** One province-level division. */
  public record Region(String code, String nameZh, String fullNameZh, String shortZh, String pinyin,
      String english) implements Serializable {}

  private final Map<String, Region> byCode;
  private final Map<String, String> codeByName;

  private Regions(Map<String, Region> byCode) {
    this.byCode = Collections.unmodifiableMap(byCode);
    Map<String, String> names = new HashMap<>();
    for (Region r : byCode.values()) {
      names.put(r.code(), r.code());
      names.put(r.nameZh(), r.code());
      names.put(r.fullNameZh(), r.code());
      names.put(r.pinyin().toLowerCase(Locale.ROOT), r.code());
      names.put(r.english().toLowerCase(Locale.ROOT), r.code());
    }
    this.codeByName = Collections.unmodifiableMap(names);
  }

  private static final class Holder {
    static final Regions SHIPPED_TABLE = loadShipped();
  }

  /** The table shipped in the jar (data-samples/reference/regions.csv), loaded once per JVM. */
  public static Regions shipped() {
    return Holder.SHIPPED_TABLE;
  }

  private static Regions loadShipped() {
    try (InputStream in = Regions.class.getResourceAsStream(SHIPPED)) {
      if (in == null) {
        throw new IllegalStateException("shipped region table missing from the jar: " + SHIPPED);
      }
      return parse(in, "shipped:" + SHIPPED);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A user-supplied file, or the shipped table when {@code file} is null. */
  public static Regions load(Path file) {
    if (file == null) {
      return shipped();
    }
    try (InputStream in = Files.newInputStream(file)) {
      return parse(in, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read region table " + file, e);
    }
  }

  static Regions parse(InputStream in, String source) throws IOException {
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String header = r.readLine();
    if (header == null || !header.replace("\uFEFF", "").trim().equals(HEADER)) {
      throw new IllegalArgumentException("region table " + source + " must start with the header " + HEADER);
    }
    Map<String, Region> byCode = new LinkedHashMap<>();
    String line;
    int lineNo = 1;
    while ((line = r.readLine()) != null) {
      lineNo++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split(",", -1);
      if (f.length != 6 || !f[0].trim().matches("[0-9]{2}")) {
        throw new IllegalArgumentException("region table " + source + " line " + lineNo + " is not " + HEADER + ": " + line);
      }
      Region reg = new Region(f[0].trim(), f[1].trim(), f[2].trim(), f[3].trim(), f[4].trim(), f[5].trim());
      byCode.put(reg.code(), reg);
    }
    return new Regions(byCode);
  }

  /** The code of a province named in Chinese (short or full name), pinyin or English, or a code. */
  public Optional<String> codeOf(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String n = name.trim();
    String c = codeByName.get(n);
    if (c == null) {
      c = codeByName.get(n.toLowerCase(Locale.ROOT));
    }
    return Optional.ofNullable(c);
  }

  public Optional<Region> byCode(String code) {
    return Optional.ofNullable(byCode.get(code));
  }

  /** All regions in file order. */
  public List<Region> all() {
    return new ArrayList<>(byCode.values());
  }
}
