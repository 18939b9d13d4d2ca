package org.leakmarket.normalize;

import java.math.BigDecimal;

/** One lexical unit of an advert: a number, a vocabulary term or an unrecognised currency code. */
final class Token {
  static final int NUM = 0;
  static final int TERM = 1;
  static final int UNKNOWN_CURRENCY = 2;

  final int type;
  final int start;
  final int end;

  /** NUM: the value, multipliers applied. */
  BigDecimal value;

  /** NUM: written with 万/千/k/w/... (so "for 10k" is a count even without a unit). */
  boolean multiplied;

  /** NUM: one digit, nothing else (the 五 of 一块五). */
  boolean singleDigit;

  /**
   * NUM: the low bound when the numeral names a range by two adjacent digits before its units (四五百
   * = 400 to 500, 三四十 = 30 to 40); {@link #value} is then the high bound, as before.
   */
  BigDecimal rangeLow;

  /** TERM: the meanings valid at this position. */
  Vocabulary.Meaning[] meanings;

  /** TERM: bit {@code 1 << kind.ordinal()} set for each kind among the meanings. */
  int kinds;

  /** UNKNOWN_CURRENCY: the code as written. */
  String code;

  Token(int type, int start, int end) {
    this.type = type;
    this.start = start;
    this.end = end;
  }

  boolean isNum() {
    return type == NUM;
  }

  void setMeanings(Vocabulary.Meaning[] ms) {
    meanings = ms;
    int k = 0;
    for (Vocabulary.Meaning m : ms) {
      k |= 1 << m.kind().ordinal();
    }
    kinds = k;
  }

  /** {@link #setMeanings} when the kinds' bits are known ({@code TermTrie.Node.kinds}). */
  void setMeanings(Vocabulary.Meaning[] ms, int kindBits) {
    meanings = ms;
    kinds = kindBits;
  }

  boolean has(Vocabulary.Kind k) {
    return (kinds & (1 << k.ordinal())) != 0;
  }

  Vocabulary.Meaning get(Vocabulary.Kind k) {
    if ((kinds & (1 << k.ordinal())) == 0) {
      return null;
    }
    for (Vocabulary.Meaning m : meanings) {
      if (m.kind() == k) {
        return m;
      }
    }
    return null;
  }
}
