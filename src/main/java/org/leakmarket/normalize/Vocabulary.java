package org.leakmarket.normalize;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.leakmarket.reference.Regions;
import org.leakmarket.vocab.Category;
import org.leakmarket.vocab.Code;
import org.leakmarket.vocab.Freshness;
import org.leakmarket.vocab.Product;
import org.leakmarket.vocab.Tier;

/**
 * The words the normaliser understands, read from the data files under {@code /vocabulary/} in the
 * jar (src/main/resources/vocabulary, documented in its README.md) plus the province names of
 * {@link Regions}. Everything is compiled once into a {@link TermTrie}, a character map for
 * traditional characters and one regular expression (year-dated dumps); loading costs a few
 * milliseconds and the shipped vocabulary is loaded once per JVM ({@link #shipped()}).
 */
public final class Vocabulary implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final String DIR = "/vocabulary/";

  /** What a term means. */
  enum Kind {
    CURRENCY,
    COUNT,
    GOODS,
    EACH,
    PER,
    RANGE,
    BETWEEN,
    AND,
    MAX,
    MIN,
    AVERAGE,
    MIN_ORDER,
    TRIAL,
    STOCK,
    LOT_ALL,
    BALANCE,
    OVER,
    RATIO,
    PRICE_CUE,
    CONTACT,
    NOT_PRICE,
    IGNORE,
    BUY,
    NOT_BUY,
    TIER,
    FRESHNESS,
    CATEGORY,
    PRODUCT,
    ISSUER,
    REGION
  }

  static {
    // a token keeps its kinds as bits of an int
    if (Kind.values().length > 32) {
      throw new IllegalStateException("more than 32 vocabulary kinds");
    }
  }

  /** The roles a term of price_words.tsv may have. */
  private static final java.util.EnumSet<Kind> PRICE_WORD_KINDS =
      java.util.EnumSet.of(
          Kind.COUNT,
          Kind.GOODS,
          Kind.EACH,
          Kind.PER,
          Kind.RANGE,
          Kind.BETWEEN,
          Kind.AND,
          Kind.MAX,
          Kind.MIN,
          Kind.AVERAGE,
          Kind.MIN_ORDER,
          Kind.TRIAL,
          Kind.STOCK,
          Kind.LOT_ALL,
          Kind.BALANCE,
          Kind.OVER,
          Kind.RATIO,
          Kind.PRICE_CUE,
          Kind.CONTACT,
          Kind.NOT_PRICE,
          Kind.IGNORE);

  static final int BEFORE = 1;
  static final int AFTER = 2;
  static final int AFTER_NUMBER = 4;
  static final int CJK = 8;
  static final int CASE_SENSITIVE = 16;
  static final int CLAUSE_START = 32;

  /**
   * A tier term that names a card (金卡): with no category written, the advert is about credit cards.
   */
  static final int CARD = 64;

  /** A product word that only hints at the goods (账户, accounts, balance): the weakest. */
  static final int WEAK = 128;

  /** A product word that defines the goods (dumps, logins, 网银, with PIN): the strongest. */
  static final int STRONG = 256;

  /** A per-record word that names one lot (一份, 一套): a count right after its price fills it. */
  static final int LOT = 512;

  /** A minimum-order word that, right after a price, makes it a "from" price (3毛起). */
  static final int PRICE_FROM = 1024;

  /**
   * A product word that names an attribute of the goods rather than the goods (balance, 余额): below
   * every other product word, so that "$19k+ Balance BoA CC" sells a card, not an account.
   */
  static final int ATTRIBUTE = 2048;

  /**
   * A price cue that names a period of a service (每月, 两个月): it makes the plain number glued before
   * it a price (600每周), not a number written with 万 (10万每月 counts records).
   */
  static final int PERIOD = 4096;

  /**
   * A product word that names a whole kit (四件套, 套卡): above even a defining word, since a kit's
   * parts (网银, its U-key) are named beside it and do not say what is sold (real-corpus convention
   * 4).
   */
  static final int KIT = 8192;

  /**
   * A goods noun that counts only a shorthand or written-out count (百万邮箱, 2万邮箱): a plain number
   * glued before it names something else (163邮箱, 139邮箱: a mail provider).
   */
  static final int SCALED = 16384;

  /**
   * A buy marker that tells of a purchase (买了一批): a buyer's story when the advert prices nothing
   * per record, a seller's testimonial when it does (老客户买了一批都说好 车主资料 5毛一条).
   */
  static final int TOLD = 32768;

  /**
   * One meaning of a term. {@code value} is the currency code, tier, category, region code or
   * comma-separated issuer codes; {@code rule} names the evidence rule; {@code cased} is the term
   * as written for case-sensitive terms; {@code code} is the enum constant of a tier, freshness,
   * category or product term (null otherwise).
   */
  record Meaning(
      Kind kind,
      String value,
      BigDecimal scale,
      int flags,
      String cased,
      String rule,
      String[] codes,
      Code code)
      implements Serializable {
    Meaning(
        Kind kind,
        String value,
        BigDecimal scale,
        int flags,
        String cased,
        String rule,
        String[] codes) {
      this(kind, value, scale, flags, cased, rule, codes, null);
    }

    boolean has(int flag) {
      return (flags & flag) != 0;
    }
  }

  /** A multiplier written after an Arabic number (万, w, k, million). */
  record Multiplier(String term, BigDecimal factor) implements Serializable {}

  final TermTrie trie = new TermTrie();
  final char[] simplify = new char[Character.MAX_VALUE + 1];

  /**
   * Characters with a simplified form: an 8 KB filter in front of the 128 KB map (cache-friendly).
   */
  private final long[] traditional = new long[(Character.MAX_VALUE + 1) / 64];

  final List<Multiplier> multipliers = new ArrayList<>();
  private final java.util.BitSet multiplierFirst = new java.util.BitSet();
  final Set<String> currencyCodes = new HashSet<>();

  /** Words that make a preceding year an old dump (2019年数据), longest first. */
  final List<String> yearDumpWords = new ArrayList<>();

  /**
   * Category compounds written apart (银行…客户 in 各银行超大存款客户资料): the two parts, folded, and the
   * meaning, from the rows of categories.tsv whose term holds '…'.
   */
  final List<SplitTerm> splitCategories = new ArrayList<>();

  /** A compound whose two parts may stand apart in one clause. */
  record SplitTerm(String first, String second, Meaning meaning) {}

  final Regions regions;

  private Vocabulary(Source src, Regions regions) throws IOException {
    this.regions = regions;
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      simplify[c] = (char) c;
    }
    for (String[] f : src.rows("traditional.tsv")) {
      if (f.length >= 2 && f[0].length() == 1 && f[1].length() == 1) {
        simplify[f[0].charAt(0)] = f[1].charAt(0);
        traditional[f[0].charAt(0) >>> 6] |= 1L << f[0].charAt(0);
      }
    }
    for (String[] f : src.rows("currency_codes.txt")) {
      for (String code : f[0].trim().split("\\s+")) {
        currencyCodes.add(code.toUpperCase(Locale.ROOT));
      }
    }
    for (String[] f : src.rows("currencies.tsv")) {
      need(f, 4, "currencies.tsv");
      int flags = flags(f.length > 4 ? f[4] : "");
      flags |=
          switch (f[3].trim()) {
            case "before" -> BEFORE;
            case "after" -> AFTER;
            case "both" -> BEFORE | AFTER;
            default ->
                throw new IllegalArgumentException(
                    "currencies.tsv: position must be before, after or both: " + f[3]);
          };
      String code = f[1].trim().toUpperCase(Locale.ROOT);
      currencyCodes.add(code);
      add(
          f[0],
          new Meaning(
              Kind.CURRENCY,
              code,
              new BigDecimal(f[2].trim()),
              flags,
              f[0],
              "currency." + code,
              null));
    }
    for (String[] f : src.rows("multipliers.tsv")) {
      need(f, 2, "multipliers.tsv");
      multipliers.add(new Multiplier(norm(f[0], false), new BigDecimal(f[1].trim())));
    }
    multipliers.sort(Comparator.comparingInt((Multiplier m) -> m.term().length()).reversed());
    for (Multiplier m : multipliers) {
      multiplierFirst.set(m.term().charAt(0));
    }
    for (String[] f : src.rows("price_words.tsv")) {
      need(f, 2, "price_words.tsv");
      Kind k;
      try {
        k = Kind.valueOf(f[1].trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("price_words.tsv: unknown role " + f[1], e);
      }
      if (!PRICE_WORD_KINDS.contains(k)) {
        throw new IllegalArgumentException("price_words.tsv: unknown role " + f[1]);
      }
      int flags = flags(f.length > 2 ? f[2] : "") | (k == Kind.COUNT ? AFTER_NUMBER : 0);
      add(
          f[0],
          new Meaning(k, f[1].trim(), null, flags, f[0], k.name().toLowerCase(Locale.ROOT), null));
    }
    for (String[] f : src.rows("ignore.tsv")) {
      add(f[0], new Meaning(Kind.IGNORE, "", null, 0, f[0], "ignore", null));
    }
    for (String[] f : src.rows("buy_markers.tsv")) {
      need(f, 2, "buy_markers.tsv");
      Kind k = f[1].trim().equals("buy") ? Kind.BUY : Kind.NOT_BUY;
      add(
          f[0],
          new Meaning(k, "", null, flags(f.length > 2 ? f[2] : ""), f[0], "buy_request", null));
    }
    valued(src, "tiers.tsv", Kind.TIER, "tier.", Tier.class, Tier.UNKNOWN);
    // unknown is allowed here: an age that is no listed freshness (隔夜, 周内) marks its menu item
    valued(src, "freshness.tsv", Kind.FRESHNESS, "freshness.", Freshness.class, null);
    valued(src, "categories.tsv", Kind.CATEGORY, "category.", Category.class, null);
    valued(src, "products.tsv", Kind.PRODUCT, "product.", Product.class, null);
    for (String[] f : src.rows("issuers.tsv")) {
      need(f, 2, "issuers.tsv");
      String[] codes = f[1].trim().split("\\s*,\\s*");
      String rule = codes.length > 1 ? "issuer.group" : "issuer." + codes[0].replace(' ', '_');
      add(
          f[0],
          new Meaning(
              Kind.ISSUER, f[1].trim(), null, flags(f.length > 2 ? f[2] : ""), f[0], rule, codes));
    }
    for (Regions.Region r : regions.all()) {
      for (String name : List.of(r.nameZh(), r.fullNameZh(), r.pinyin(), r.english())) {
        if (!name.isBlank()) {
          add(name, new Meaning(Kind.REGION, r.code(), null, 0, name, "region.province", null));
        }
      }
    }
    for (String[] f : src.rows("region_aliases.tsv")) {
      need(f, 3, "region_aliases.tsv");
      add(
          f[0],
          new Meaning(Kind.REGION, f[1].trim(), null, 0, f[0], "region." + f[2].trim(), null));
    }
    for (String[] f : src.rows("countries.tsv")) {
      need(f, 2, "countries.tsv");
      add(
          f[0],
          new Meaning(
              Kind.REGION,
              f[1].trim().toUpperCase(Locale.ROOT),
              null,
              flags(f.length > 2 ? f[2] : ""),
              f[0],
              "region.country",
              null));
    }
    for (String[] f : src.rows("year_dump_words.txt")) {
      yearDumpWords.add(norm(f[0].strip(), false));
    }
    yearDumpWords.sort(Comparator.comparingInt(String::length).reversed());
  }

  /** A table of term, enum code, flags: {@code none} (the "nothing said" constant) is refused. */
  private <E extends Enum<E> & Code> void valued(
      Source src, String file, Kind kind, String rulePrefix, Class<E> type, E none)
      throws IOException {
    for (String[] f : src.rows(file)) {
      need(f, 2, file);
      String v = f[1].trim();
      E e = Code.of(type, v).filter(x -> x != none).orElse(null);
      if (e == null || !e.code().equals(v)) {
        throw new IllegalArgumentException(
            file
                + ": "
                + v
                + " is not one of "
                + java.util.Arrays.toString(type.getEnumConstants()));
      }
      Meaning meaning =
          new Meaning(
              kind, v, null, flags(f.length > 2 ? f[2] : ""), f[0], rulePrefix + v, null, e);
      int gap = f[0].indexOf('…');
      if (gap > 0) {
        splitCategories.add(
            new SplitTerm(
                norm(f[0].substring(0, gap).strip(), false),
                norm(f[0].substring(gap + 1).strip(), false),
                meaning));
        continue;
      }
      add(f[0], meaning);
    }
  }

  private void add(String rawTerm, Meaning m) {
    String term = rawTerm.strip();
    boolean cs = m.has(CASE_SENSITIVE);
    Meaning stored =
        cs
            ? new Meaning(
                m.kind(),
                m.value(),
                m.scale(),
                m.flags(),
                norm(term, true),
                m.rule(),
                m.codes(),
                m.code())
            : m;
    trie.add(norm(term, false), stored);
  }

  private static void need(String[] f, int n, String file) {
    if (f.length < n) {
      throw new IllegalArgumentException(
          file + ": expected " + n + " tab-separated columns: " + String.join("\t", f));
    }
  }

  private static int flags(String s) {
    int flags = 0;
    for (String f : s.split(",")) {
      switch (f.trim()) {
        case "" -> {}
        case "after_number" -> flags |= AFTER_NUMBER;
        case "cjk" -> flags |= CJK;
        case "cs" -> flags |= CASE_SENSITIVE;
        case "clause_start" -> flags |= CLAUSE_START;
        case "card" -> flags |= CARD;
        case "weak" -> flags |= WEAK;
        case "strong" -> flags |= STRONG;
        case "attribute" -> flags |= ATTRIBUTE;
        case "lot" -> flags |= LOT;
        case "price_from" -> flags |= PRICE_FROM;
        case "follows" -> flags |= AFTER;
        case "period" -> flags |= PERIOD;
        case "kit" -> flags |= KIT;
        case "scaled" -> flags |= SCALED;
        case "told" -> flags |= TOLD;
        default -> throw new IllegalArgumentException("unknown vocabulary flag " + f);
      }
    }
    return flags;
  }

  /** Normalises a term or a text the same way: half-width, simplified, lower-case unless cased. */
  String norm(String s, boolean keepCase) {
    char[] c = new char[s.length()];
    for (int i = 0; i < c.length; i++) {
      c[i] = fold(s.charAt(i), keepCase);
    }
    return new String(c);
  }

  /** One character's normal form; never changes the length, so spans map back to the input. */
  char fold(char c, boolean keepCase) {
    if (c >= '\uFF01' && c <= '\uFF5E') {
      c = (char) (c - 0xFEE0);
    } else if (c == '\u3000') {
      c = ' ';
    } else if (c == '\uFFE5') {
      c = '\u00A5';
    } else if (c == '\u2019' || c == '\u2018') {
      c = '\''; // typographic apostrophe: driver’s license is driver's license
    } else if ((traditional[c >>> 6] & (1L << c)) != 0) {
      c = simplify[c];
    }
    if (!keepCase && c >= 'A' && c <= 'Z') {
      c = (char) (c + 32);
    }
    return c;
  }

  /** Whether a multiplier can start with this character (a cheap test before trying them all). */
  boolean multiplierStart(char c) {
    return multiplierFirst.get(c);
  }

  /** The meanings of a whole normalised term (for structured hints), or an empty array. */
  Meaning[] lookup(String raw) {
    Meaning[] m = trie.exact(norm(raw.strip(), false));
    return m == null ? new Meaning[0] : m;
  }

  public Regions regions() {
    return regions;
  }

  private static final class Holder {
    static final Vocabulary SHIPPED = build(null, Regions.shipped());
  }

  /**
   * The shipped vocabulary travels (to Spark executors) as a reference, not as its 400 KB of
   * tables.
   */
  private Object writeReplace() {
    return this == Holder.SHIPPED ? new ShippedRef() : this;
  }

  private static final class ShippedRef implements Serializable {
    private static final long serialVersionUID = 1L;

    private Object readResolve() {
      return shipped();
    }
  }

  /** The vocabulary shipped in the jar, built once per JVM. */
  public static Vocabulary shipped() {
    return Holder.SHIPPED;
  }

  /**
   * A vocabulary read from {@code dir} (files missing there are taken from the jar), with the given
   * region table: lets a researcher try new words without rebuilding.
   */
  public static Vocabulary load(Path dir, Regions regions) {
    return build(dir, regions);
  }

  private static Vocabulary build(Path dir, Regions regions) {
    try {
      return new Vocabulary(new Source(dir), regions);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the vocabulary", e);
    }
  }

  /** Reads the tab-separated vocabulary files, skipping blank lines and # comments. */
  private record Source(Path dir) {
    List<String[]> rows(String file) throws IOException {
      InputStream in = null;
      if (dir != null && Files.exists(dir.resolve(file))) {
        in = Files.newInputStream(dir.resolve(file));
      } else {
        in = Vocabulary.class.getResourceAsStream(DIR + file);
      }
      if (in == null) {
        throw new IllegalStateException("vocabulary file missing: " + DIR + file);
      }
      List<String[]> out = new ArrayList<>();
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          String t = line.replace("\uFEFF", "");
          if (t.isBlank() || t.stripLeading().startsWith("#")) {
            continue;
          }
          out.add(t.split("\t"));
        }
      }
      return out;
    }
  }
}
