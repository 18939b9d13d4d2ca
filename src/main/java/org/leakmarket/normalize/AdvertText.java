package org.leakmarket.normalize;

/**
 * The text of one advert as the grammar reads it: folded once (half-width, simplified, and a
 * lower-case copy; the same length as the input, so every evidence span is the input's own text)
 * and its script measured. Costs one pass over the characters.
 */
final class AdvertText {
  final String raw;

  /** Folded, case kept (case-sensitive terms such as {@code US}, unknown currency codes). */
  final char[] cased;

  /** Folded and lower-cased: what the vocabulary is matched against. */
  final char[] lower;

  /** Whether any Chinese character occurs (enables the {@code cjk} vocabulary terms). */
  final boolean cjk;

  /** The advert's main language (ISO 639-1). */
  final String language;

  private AdvertText(String raw, char[] cased, char[] lower, boolean cjk, String language) {
    this.raw = raw;
    this.cased = cased;
    this.lower = lower;
    this.cjk = cjk;
    this.language = language;
  }

  static AdvertText of(Vocabulary vocab, String raw) {
    String s = raw == null ? "" : raw;
    char[] cased = s.toCharArray();
    char[] lower = new char[cased.length];
    int han = 0;
    int latin = 0;
    for (int i = 0; i < lower.length; i++) {
      char c = vocab.fold(cased[i], true);
      cased[i] = c;
      lower[i] = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
      if (c >= '\u3400' && c <= '\u9FFF') {
        han++;
      } else if (lower[i] >= 'a' && lower[i] <= 'z') {
        latin++;
      }
    }
    return new AdvertText(s, cased, lower, han > 0, han > 0 ? "zh" : "en");
  }

  String span(int start, int end) {
    return raw.substring(start, end);
  }

  int length() {
    return lower.length;
  }
}
