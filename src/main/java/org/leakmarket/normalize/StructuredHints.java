package org.leakmarket.normalize;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.leakmarket.normalize.Vocabulary.Kind;
import org.leakmarket.vocab.Category;
import org.leakmarket.vocab.Code;
import org.leakmarket.vocab.Freshness;
import org.leakmarket.vocab.Tier;

/**
 * Applies a listing's structured hints ({@code tier}, {@code freshness}, {@code category}, {@code
 * region}, {@code issuer}; contracts section 2) to the attributes read from its text: a hint wins,
 * and a disagreement is kept in the evidence ({@code conflict.structured_wins}). A hint may be a
 * code ({@code platinum}) or a vocabulary word ({@code 白金卡}, {@code 江苏}); an unrecognised one is
 * recorded and ignored. Costs a map look-up per hint (each distinct hint is resolved once).
 */
final class StructuredHints implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final Vocabulary vocab;

  StructuredHints(Vocabulary vocab) {
    this.vocab = vocab;
  }

  void apply(Listing l, Attributes a) {
    if (!blank(l.tier())) {
      Tier t = (Tier) cached(TIER, l.tier());
      a.tier = override(TIER_FIELD, l.tier(), a.tier, Tier.UNKNOWN, t, a);
    }
    if (!blank(l.freshness())) {
      Freshness f = (Freshness) cached(FRESHNESS, l.freshness());
      a.freshness = override(FRESHNESS_FIELD, l.freshness(), a.freshness, Freshness.UNKNOWN, f, a);
    }
    if (!blank(l.category())) {
      Category c = (Category) cached(CATEGORY, l.category());
      a.category = override(CATEGORY_FIELD, l.category(), a.category, Category.OTHER, c, a);
    }
    if (!blank(l.region())) {
      a.region =
          override(
              REGION_FIELD, l.region(), a.region, null, (String) cached(REGION, l.region()), a);
    }
    if (!blank(l.issuer())) {
      issuers(l.issuer(), a);
    }
  }

  // ---- what a hint resolves to, once per distinct hint ----------------------------------------

  private static final int TIER = 0;
  private static final int FRESHNESS = 1;
  private static final int CATEGORY = 2;
  private static final int REGION = 3;
  private static final int ISSUER = 4;

  /** A hint that resolves to nothing (the maps hold no null). */
  private static final Object NONE = new Object();

  /**
   * Hints are few distinct strings (platform fields: telecom, platinum, 江苏) repeated over many
   * listings: each kind's resolutions are kept, up to this many per kind (beyond, computed each
   * time), so that a listing's hints cost a map look-up each instead of trie look-ups and, for
   * issuers, a regex split.
   */
  private static final int CACHE_LIMIT = 4096;

  private transient volatile Map<String, Object>[] cache;

  @SuppressWarnings("unchecked")
  private Map<String, Object> cache(int kind) {
    Map<String, Object>[] c = cache;
    if (c == null) {
      synchronized (this) {
        c = cache;
        if (c == null) {
          c = new Map[5];
          for (int k = 0; k < c.length; k++) {
            c[k] = new ConcurrentHashMap<>();
          }
          cache = c;
        }
      }
    }
    return c[kind];
  }

  /** The resolution of one hint of a kind (a constant, a region code, issuer codes), or null. */
  private Object cached(int kind, String raw) {
    Map<String, Object> m = cache(kind);
    Object v = m.get(raw);
    if (v == null) {
      v = resolveKind(kind, raw);
      if (v == null) {
        v = NONE;
      }
      if (m.size() < CACHE_LIMIT) {
        m.put(raw, v);
      }
    }
    return v == NONE ? null : v;
  }

  private Object resolveKind(int kind, String raw) {
    return switch (kind) {
      case TIER -> resolve(raw, Kind.TIER, Tier.class);
      case FRESHNESS -> resolve(raw, Kind.FRESHNESS, Freshness.class);
      case CATEGORY -> resolve(raw, Kind.CATEGORY, Category.class);
      case REGION -> region(raw);
      default -> List.copyOf(issuerCodes(raw));
    };
  }

  /** The rules of one hint field, written once. */
  private record Field(String name, String rule, String unrecognised) {
    Field(String name) {
      this(name, "structured." + name, "structured." + name + ".unrecognised");
    }
  }

  private static final Field TIER_FIELD = new Field("tier");
  private static final Field FRESHNESS_FIELD = new Field("freshness");
  private static final Field CATEGORY_FIELD = new Field("category");
  private static final Field REGION_FIELD = new Field("region_code");

  @SuppressWarnings("unchecked")
  private void issuers(String hint, Attributes a) {
    List<String> codes = (List<String>) cached(ISSUER, hint);
    if (!a.issuers.isEmpty() && !a.issuers.equals(codes)) {
      a.evidence.add(
          new Evidence("issuers", String.join(",", a.issuers), "conflict.structured_wins"));
    }
    a.evidence.removeIf(e -> e.field().equals("issuers") && !e.rule().startsWith("conflict"));
    a.evidence.add(new Evidence("issuers", hint, "structured.issuer"));
    a.issuers.clear();
    a.issuers.addAll(codes);
  }

  private List<String> issuerCodes(String hint) {
    List<String> codes = new ArrayList<>();
    for (String part : hint.split("[,;/|、，]")) {
      if (part.isBlank()) {
        continue;
      }
      String[] found = null;
      for (Vocabulary.Meaning m : vocab.lookup(part)) {
        if (m.kind() == Kind.ISSUER) {
          found = m.codes();
        }
      }
      if (found == null) {
        found = new String[] {part.trim().toUpperCase(Locale.ROOT)};
      }
      for (String c : found) {
        if (!codes.contains(c)) {
          codes.add(c);
        }
      }
    }
    return codes;
  }

  private static <T> T override(
      Field f, String raw, T textValue, T none, T resolved, Attributes a) {
    String field = f.name();
    if (resolved == null) {
      a.evidence.add(new Evidence(field, raw, f.unrecognised()));
      return textValue;
    }
    if (textValue != null && !textValue.equals(none) && !textValue.equals(resolved)) {
      a.evidence.add(new Evidence(field, show(textValue), "conflict.structured_wins"));
    }
    a.evidence.removeIf(e -> e.field().equals(field) && !e.rule().startsWith("conflict"));
    a.evidence.add(new Evidence(field, raw, f.rule()));
    return resolved;
  }

  private static String show(Object v) {
    return v instanceof Code c ? c.code() : String.valueOf(v);
  }

  /** A hint as a code (platinum, second-hand) or a vocabulary word of its kind (白金卡), else null. */
  private <E extends Enum<E> & Code> E resolve(String raw, Kind kind, Class<E> type) {
    Optional<E> direct = Code.of(type, raw);
    if (direct.isPresent()) {
      return direct.get();
    }
    for (Vocabulary.Meaning m : vocab.lookup(raw)) {
      if (m.kind() == kind) {
        return type.cast(m.code());
      }
    }
    return null;
  }

  private String region(String raw) {
    String t = raw.trim();
    Optional<String> code = vocab.regions().codeOf(t);
    if (code.isPresent()) {
      return code.get();
    }
    for (Vocabulary.Meaning m : vocab.lookup(t)) {
      if (m.kind() == Kind.REGION) {
        return m.value();
      }
    }
    return t.matches("[A-Za-z]{2}") ? t.toUpperCase(Locale.ROOT) : null;
  }

  private static boolean blank(String s) {
    return Normalizer.blank(s);
  }
}
