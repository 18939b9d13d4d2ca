package org.leakmarket.reference;

import java.io.Serializable;
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
 * from {@code regions.csv} ({@code code,name_zh,full_name_zh,short_zh,pinyin,english}). Lookup by
 * any of the names (case-insensitive for pinyin/English) costs one hash probe; the table has 34
 * rows and is loaded once.
 */
public final class Regions implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final String SHIPPED = "/reference/regions.csv";
  private static final String HEADER = "code,name_zh,full_name_zh,short_zh,pinyin,english";

  /** One province-level division. */
  public record Region(
      String code, String nameZh, String fullNameZh, String shortZh, String pinyin, String english)
      implements Serializable {}

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
    return read(null);
  }

  /** A user-supplied file, or the shipped table when {@code file} is null. */
  public static Regions load(Path file) {
    return file == null ? shipped() : read(file);
  }

  private static Regions read(Path file) {
    Map<String, Region> byCode = new LinkedHashMap<>();
    for (String[] f : CsvTable.read(file, SHIPPED, HEADER)) {
      if (!f[0].matches("[0-9]{2}")) {
        throw CsvTable.bad(
            file == null ? "shipped:" + SHIPPED : file.toString(),
            "code must be two digits, not: " + f[0]);
      }
      Region reg = new Region(f[0], f[1], f[2], f[3], f[4], f[5]);
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
