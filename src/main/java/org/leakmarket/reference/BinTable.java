package org.leakmarket.reference;

import java.io.Serializable;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Bank identification numbers ({@code bin,issuer,brand,type,level,country}; contracts section 2):
 * the issuer, brand, card type and level of a card number from its longest listed prefix (6 to 8
 * digits), and the tier (vocabulary.md) a level maps to. Also maps a bank name written in a
 * sample's bank column to an issuer code. Small (hundreds of rows): shipped whole to executors.
 */
public final class BinTable implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final String SHIPPED = "/reference/bins.csv";
  static final String HEADER = "bin,issuer,brand,type,level,country";

  /** One BIN row; {@code tier} is derived from {@code level}. */
  public record Bin(
      String bin,
      String issuer,
      String brand,
      String type,
      String level,
      String country,
      String tier)
      implements Serializable {}

  private final Map<String, Bin> byPrefix;
  private final int minLen;
  private final int maxLen;

  private BinTable(Map<String, Bin> byPrefix) {
    this.byPrefix = byPrefix;
    this.minLen = byPrefix.keySet().stream().mapToInt(String::length).min().orElse(6);
    this.maxLen = byPrefix.keySet().stream().mapToInt(String::length).max().orElse(8);
  }

  /** A user file, or the shipped table when {@code file} is null. */
  public static BinTable load(Path file) {
    List<String[]> rows = CsvTable.read(file, SHIPPED, HEADER);
    Map<String, Bin> m = new HashMap<>();
    String source = file == null ? "shipped:" + SHIPPED : file.toString();
    for (String[] f : rows) {
      if (!f[0].matches("[0-9]{6,8}")) {
        throw CsvTable.bad(source, "bin must be 6 to 8 digits, found '" + f[0] + "'");
      }
      Bin bin =
          new Bin(
              f[0],
              f[1].toUpperCase(Locale.ROOT),
              f[2],
              f[3].toLowerCase(Locale.ROOT),
              f[4].toLowerCase(Locale.ROOT),
              f[5].toUpperCase(Locale.ROOT),
              tierOf(f[4]));
      // Overlapping prefixes of different lengths are normal (the longest wins); one prefix with
      // two different rows is a contradiction that would silently pick the last.
      Bin before = m.put(f[0], bin);
      if (before != null && !before.equals(bin)) {
        throw CsvTable.bad(source, "bin " + f[0] + " is listed twice with different rows");
      }
    }
    return new BinTable(m);
  }

  public int size() {
    return byPrefix.size();
  }

  /** All rows, sorted by BIN (the generator draws card numbers from them). */
  public List<Bin> all() {
    return byPrefix.values().stream().sorted((a, b) -> a.bin().compareTo(b.bin())).toList();
  }

  /** The row of the longest listed prefix of a card number (digits only). */
  public Optional<Bin> lookup(String cardDigits) {
    if (cardDigits == null) {
      return Optional.empty();
    }
    for (int len = Math.min(maxLen, cardDigits.length()); len >= minLen; len--) {
      Bin b = byPrefix.get(cardDigits.substring(0, len));
      if (b != null) {
        return Optional.of(b);
      }
    }
    return Optional.empty();
  }

  private static final Map<String, String> TIERS = new LinkedHashMap<>();

  static {
    // Most specific words first: "白金" contains "金", "world elite" contains no "gold".
    for (String w :
        List.of(
            "钻石",
            "无限",
            "黑金",
            "黑卡",
            "世界",
            "infinite",
            "world",
            "signature",
            "black",
            "centurion",
            "diamond",
            "premium")) {
      TIERS.put(w, "premium");
    }
    for (String w : List.of("白金", "platinum")) {
      TIERS.put(w, "platinum");
    }
    for (String w : List.of("金卡", "金", "gold")) {
      TIERS.put(w, "gold");
    }
    for (String w : List.of("普卡", "普通", "标准", "classic", "standard", "debit", "借记")) {
      TIERS.put(w, "standard");
    }
  }

  /**
   * The tier of a card level as a BIN table or a sample's {@code card_level} column writes it
   * ({@code platinum}, {@code 白金卡}, {@code Visa Infinite}...): {@code standard}, {@code gold},
   * {@code platinum}, {@code premium}, or {@code unknown}.
   */
  public static String tierOf(String level) {
    if (level == null || level.isBlank()) {
      return "unknown";
    }
    String l = Normalizer.normalize(level, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    for (Map.Entry<String, String> e : TIERS.entrySet()) {
      if (l.contains(e.getKey())) {
        return e.getValue();
      }
    }
    return "unknown";
  }

  private static final Map<String, String> BANKS = new LinkedHashMap<>();

  static {
    String[][] names = {
      {"ICBC", "工商银行", "工行", "icbc", "industrial and commercial"},
      {"ABC", "农业银行", "农行", "agricultural bank"},
      {"BOCOM", "交通银行", "交行", "太平洋", "bocom", "bank of communications"},
      {"BOC", "中国银行", "中行", "bank of china"},
      {"CCB", "建设银行", "建行", "ccb", "construction bank"},
      {"CMB", "招商银行", "招行", "cmb", "china merchants"},
      {"CITIC", "中信银行", "中信", "citic"},
      {"CEB", "光大银行", "光大", "everbright"},
      {"CIB", "兴业银行", "兴业", "industrial bank"},
      {"SPDB", "浦发银行", "浦发", "spdb", "shanghai pudong"},
      {"CMBC", "民生银行", "民生", "cmbc", "minsheng"},
      {"PAB", "平安银行", "平安", "ping an"},
      {"HXB", "华夏银行", "华夏", "hua xia"},
      {"CGB", "广发银行", "广发", "guangfa", "china guangfa"},
      {"PSBC", "邮储银行", "邮政储蓄", "邮储", "psbc", "postal savings"},
      {"BOJS", "江苏银行", "bank of jiangsu", "bojs"},
      {"BOSH", "上海银行", "bank of shanghai"},
      {"BOB", "北京银行", "bank of beijing"},
    };
    for (String[] row : names) {
      for (int i = 1; i < row.length; i++) {
        BANKS.put(row[i], row[0]);
      }
    }
  }

  /** The issuer code of a bank name as written in a sample ({@code 工商银行}, {@code ICBC}...). */
  public static Optional<String> issuerOfBankName(String name) {
    if (name == null || name.isBlank()) {
      return Optional.empty();
    }
    String l = Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).strip();
    String upper = l.toUpperCase(Locale.ROOT);
    if (BANKS.containsValue(upper)) {
      return Optional.of(upper);
    }
    for (Map.Entry<String, String> e : BANKS.entrySet()) {
      if (l.contains(e.getKey())) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }
}
