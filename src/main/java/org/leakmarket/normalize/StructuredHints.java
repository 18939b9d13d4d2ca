package org.leakmarket.normalize;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
 * recorded and ignored. Costs a few trie look-ups per hint.
 */
final class StructuredHints implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final Vocabulary vocab;

  StructuredHints(Vocabulary vocab) {
    this.vocab = vocab;
  }

  void apply(Listing l, Attributes a) {
    if (!blank(l.tier())) {
      Tier t = resolve(l.tier(), Kind.TIER, Tier.class);
      a.tier = override("tier", l.tier(), a.tier, Tier.UNKNOWN, t, a);
    }
    if (!blank(l.freshness())) {
      Freshness f = resolve(l.freshness(), Kind.FRESHNESS, Freshness.class);
      a.freshness = override("freshness", l.freshness(), a.freshness, Freshness.UNKNOWN, f, a);
    }
    if (!blank(l.category())) {
      Category c = resolve(l.category(), Kind.CATEGORY, Category.class);
      a.category = override("category", l.category(), a.category, Category.OTHER, c, a);
    }
    if (!blank(l.region())) {
      a.region = override("region_code", l.region(), a.region, null, region(l.region()), a);
    }
    if (!blank(l.issuer())) {
      issuers(l.issuer(), a);
    }
  }

  private void issuers(String hint, Attributes a) {
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
    if (!a.issuers.isEmpty() && !a.issuers.equals(codes)) {
      a.evidence.add(
          new Evidence("issuers", String.join(",", a.issuers), "conflict.structured_wins"));
    }
    a.evidence.removeIf(e -> e.field().equals("issuers") && !e.rule().startsWith("conflict"));
    a.evidence.add(new Evidence("issuers", hint, "structured.issuer"));
    a.issuers.clear();
    a.issuers.addAll(codes);
  }

  private static <T> T override(
      String field, String raw, T textValue, T none, T resolved, Attributes a) {
    if (resolved == null) {
      a.evidence.add(new Evidence(field, raw, "structured." + field + ".unrecognised"));
      return textValue;
    }
    if (textValue != null && !textValue.equals(none) && !textValue.equals(resolved)) {
      a.evidence.add(new Evidence(field, show(textValue), "conflict.structured_wins"));
    }
    a.evidence.removeIf(e -> e.field().equals(field) && !e.rule().startsWith("conflict"));
    a.evidence.add(new Evidence(field, raw, "structured." + field));
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
    return s == null || s.isBlank();
  }
}
