package org.leakmarket.legal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The legal-severity tables of {@code src/main/resources/legal/} (法释〔2017〕10号 Articles 5 and 11)
 * loaded once: the item classes and their lines, the rules that put a sample record or an advert's
 * offer in a class, and the identifier checks that decide whether an item is real. Pure Java and
 * serialisable (Spark tasks carry it); loading reads four small files, a lookup is a scan of a
 * handful of rules.
 *
 * <p>Article 5(6) adds items of different classes in proportion to their lines. Every class line
 * divides the largest one (5,000), so a count is turned into exact integer "equivalents" of the
 * largest class ({@link #equivalents}) and compared without floating point.
 */
public final class LegalRules implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final String DIR = "/legal/";
  private static final String ANY = "*";
  private static final String NONE = "-";

  /** A rule putting a record with these fields in a class. */
  public record FieldRule(String rule, String classId, Set<String> allOf, Set<String> anyOf)
      implements Serializable {
    boolean matches(Set<String> fields) {
      return fields.containsAll(allOf)
          && (anyOf.isEmpty() || anyOf.stream().anyMatch(fields::contains));
    }
  }

  /** A rule putting an offer of this product and category in a class. */
  public record AdvertRule(String rule, String classId, String product, String category)
      implements Serializable {
    boolean matches(String p, String c) {
      return (ANY.equals(product) || product.equals(p))
          && (ANY.equals(category) || category.equals(c));
    }
  }

  private static volatile LegalRules shipped;

  private final String version;
  private final Map<String, Threshold> classes;
  private final Threshold gains;
  private final List<FieldRule> fieldRules;
  private final Map<String, String> checks;
  private final List<AdvertRule> advertRules;
  private final long base;
  private final long especially;

  LegalRules(
      String version,
      List<Threshold> thresholds,
      List<FieldRule> fieldRules,
      Map<String, String> checks,
      List<AdvertRule> advertRules) {
    this.version = version;
    Map<String, Threshold> byId = new LinkedHashMap<>();
    Threshold g = null;
    List<Threshold> sorted = new ArrayList<>(thresholds);
    sorted.sort(Comparator.comparingInt(Threshold::rank));
    for (Threshold t : sorted) {
      if (Threshold.GAINS.equals(t.kind())) {
        g = t;
      } else {
        byId.put(t.id(), t);
      }
    }
    if (g == null || byId.isEmpty()) {
      throw new IllegalArgumentException("legal thresholds need item classes and a gains line");
    }
    this.classes = Map.copyOf(byId);
    this.gains = g;
    this.base = byId.values().stream().mapToLong(Threshold::serious).max().orElseThrow();
    this.especially = g.especially();
    for (Threshold t : byId.values()) {
      if (t.especially() != especially) {
        throw new IllegalArgumentException(
            "class "
                + t.id()
                + ": especially-serious factor "
                + t.especially()
                + " differs from "
                + especially
                + " (Art. 5(2)(3) sets one factor for items 3 to 8)");
      }
      if (base % t.serious() != 0) {
        throw new IllegalArgumentException(
            "class line " + t.serious() + " of " + t.id() + " does not divide " + base);
      }
    }
    for (FieldRule r : fieldRules) {
      requireClass(r.rule(), r.classId());
    }
    for (AdvertRule r : advertRules) {
      requireClass(r.rule(), r.classId());
    }
    this.fieldRules = List.copyOf(fieldRules);
    this.checks = Map.copyOf(checks);
    this.advertRules = List.copyOf(advertRules);
  }

  private void requireClass(String rule, String id) {
    if (!classes.containsKey(id)) {
      throw new IllegalArgumentException("rule " + rule + " names unknown class: " + id);
    }
  }

  /** The tables shipped in the jar. */
  public static LegalRules load() {
    LegalRules r = shipped;
    if (r == null) {
      synchronized (LegalRules.class) {
        if (shipped == null) {
          shipped = read();
        }
        r = shipped;
      }
    }
    return r;
  }

  private static LegalRules read() {
    String[] version = {null};
    List<Threshold> thresholds = new ArrayList<>();
    for (String[] f : lines("thresholds.tsv", 8, version)) {
      thresholds.add(
          new Threshold(
              f[0],
              f[1],
              Integer.parseInt(f[2]),
              f[3],
              Long.parseLong(f[4]),
              Long.parseLong(f[5]),
              f[6],
              f[7]));
    }
    List<FieldRule> fieldRules = new ArrayList<>();
    for (String[] f : lines("field_rules.tsv", 5, null)) {
      fieldRules.add(new FieldRule(f[0], f[1], set(f[2]), set(f[3])));
    }
    Map<String, String> checks = new LinkedHashMap<>();
    for (String[] f : lines("field_checks.tsv", 2, null)) {
      checks.put(f[0], f[1]);
    }
    List<AdvertRule> advertRules = new ArrayList<>();
    for (String[] f : lines("advert_rules.tsv", 5, null)) {
      advertRules.add(new AdvertRule(f[0], f[1], f[2], f[3]));
    }
    if (version[0] == null) {
      throw new IllegalStateException(DIR + "thresholds.tsv has no '# version' line");
    }
    return new LegalRules(version[0], thresholds, fieldRules, checks, advertRules);
  }

  private static Set<String> set(String cell) {
    return NONE.equals(cell) ? Set.of() : Set.copyOf(Arrays.asList(cell.split(",")));
  }

  /** Data lines (header and comments skipped) of a shipped table; a {@code # version} is kept. */
  private static List<String[]> lines(String file, int columns, String[] version) {
    List<String[]> out = new ArrayList<>();
    try (InputStream in = LegalRules.class.getResourceAsStream(DIR + file)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + DIR + file);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      boolean header = true;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith("# version\t") && version != null) {
          version[0] = line.substring("# version\t".length()).strip();
        }
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        if (header) {
          header = false;
          continue;
        }
        String[] f = line.split("\t", -1);
        if (f.length != columns) {
          throw new IllegalStateException(
              DIR + file + ": " + columns + " columns expected, got " + f.length + ": " + line);
        }
        out.add(f);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + DIR + file, e);
    }
    return out;
  }

  /** The tables' version, e.g. {@code 2017-10/1}. */
  public String version() {
    return version;
  }

  /** Item classes, most sensitive first. */
  public List<Threshold> classes() {
    return classes.values().stream().sorted(Comparator.comparingInt(Threshold::rank)).toList();
  }

  public Threshold threshold(String classId) {
    Threshold t = classes.get(classId);
    if (t == null) {
      throw new IllegalArgumentException("unknown item class: " + classId);
    }
    return t;
  }

  /** The gains line of Art. 5(1)(7): 5,000 CNY. */
  public Threshold gains() {
    return gains;
  }

  /** The factor of the 情节特别严重 line (ten times, Art. 5(2)(3)). */
  public long especially() {
    return especially;
  }

  /** The largest class line (5,000): the unit of {@link #equivalents}. */
  public long base() {
    return base;
  }

  /** {@code items} of {@code classId} in items of the least sensitive class (Art. 5(6)). */
  public long equivalents(String classId, long items) {
    return Math.multiplyExact(items, base / threshold(classId).serious());
  }

  /** Identifier field to the validity flag column that checks it. */
  public Map<String, String> checks() {
    return checks;
  }

  /**
   * The most sensitive class whose rule the fields satisfy (ties: the rule listed first), or empty
   * when the fields make no item of personal information (a name alone).
   */
  public Optional<Threshold> classOf(Collection<String> fields) {
    Set<String> f = fields instanceof Set<String> s ? s : new HashSet<>(fields);
    Threshold best = null;
    for (FieldRule r : fieldRules) {
      if (r.matches(f)) {
        Threshold t = classes.get(r.classId());
        if (best == null || t.rank() < best.rank()) {
          best = t;
        }
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * The fields of a record that are real under Article 11: present, not damaged, and passing their
   * check where they have one ({@code flag} gives the validity column's value, null when absent).
   */
  public Set<String> realFields(
      Collection<String> present, Collection<String> damaged, Function<String, Boolean> flag) {
    Set<String> out = new HashSet<>(present);
    if (damaged != null) {
      out.removeAll(damaged);
    }
    for (Map.Entry<String, String> c : checks.entrySet()) {
      if (out.contains(c.getKey()) && !Boolean.TRUE.equals(flag.apply(c.getValue()))) {
        out.remove(c.getKey());
      }
    }
    return out;
  }

  /** The class of an offer of this product and category (first matching rule). */
  public Threshold classOfOffer(String product, String category) {
    for (AdvertRule r : advertRules) {
      if (r.matches(product, category)) {
        return classes.get(r.classId());
      }
    }
    return classes.get("other");
  }

  /** The advert rules, in order (the Spark step turns them into one CASE expression). */
  public List<AdvertRule> advertRules() {
    return advertRules;
  }
}
