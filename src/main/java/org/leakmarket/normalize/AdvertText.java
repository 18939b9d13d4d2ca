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
    int kana = 0;
    int hangul = 0;
    int cyrillic = 0;
    int latin = 0;
    for (int i = 0; i < lower.length; i++) {
      char c = cased[i];
      if (c >= 0x80) { // ASCII folds to itself
        c = vocab.fold(c, true);
        cased[i] = c;
      }
      lower[i] = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
      if (c >= '\u3400' && c <= '\u9FFF') {
        han++;
      } else if (lower[i] >= 'a' && lower[i] <= 'z') {
        latin++;
      } else if (c >= '\u3040' && c <= '\u30FF') {
        kana++;
      } else if (c >= '\uAC00' && c <= '\uD7AF') {
        hangul++;
      } else if (c >= '\u0400' && c <= '\u04FF') {
        cyrillic++;
      }
    }
    return new AdvertText(s, cased, lower, han > 0, language(han, kana, hangul, cyrillic, latin));
  }

  /**
   * The main language by script: a Chinese character weighs as much as three Latin letters (a word
   * against a word: 1000套0.003btc is Chinese, "Bank of China (中国银行) cards" English), kana make it
   * Japanese, hangul Korean, Cyrillic Russian.
   */
  static String language(int han, int kana, int hangul, int cyrillic, int latin) {
    if (kana > 0 && (kana + han) * 3 >= latin) {
      return "ja";
    }
    if (hangul > 0 && hangul * 3 >= latin + han * 3) {
      return "ko";
    }
    if (cyrillic > latin && cyrillic > han * 3) {
      return "ru";
    }
    return han > 0 && han * 3 >= latin ? "zh" : "en";
  }

  String span(int start, int end) {
    return raw.substring(start, end);
  }

  int length() {
    return lower.length;
  }
}
