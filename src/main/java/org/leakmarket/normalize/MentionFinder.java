package org.leakmarket.normalize;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.leakmarket.normalize.Vocabulary.Kind;
import org.leakmarket.vocab.Category;
import org.leakmarket.vocab.Freshness;

/**
 * Finds the attribute words of an advert in its tokens: every tier, freshness, category, product,
 * issuer and region term, plus two readings a longest-match lexer cannot make by itself (a category
 * word inside a bank's name, a year-dated dump). Linear in the tokens; allocates one {@link
 * Mention} per attribute word.
 */
final class MentionFinder implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  static final int ATTRIBUTE_MASK =
      1 << Kind.TIER.ordinal()
          | 1 << Kind.FRESHNESS.ordinal()
          | 1 << Kind.ISSUER.ordinal()
          | 1 << Kind.REGION.ordinal()
          | 1 << Kind.CATEGORY.ordinal()
          | 1 << Kind.PRODUCT.ordinal();

  private static final Comparator<Mention> BY_START = Comparator.comparingInt(Mention::start);

  private final Vocabulary vocab;

  MentionFinder(Vocabulary vocab) {
    this.vocab = vocab;
  }

  List<Mention> find(List<Token> tokens, char[] lower, LocalDate posted) {
    List<Mention> out = new ArrayList<>();
    Mention hidden = null;
    for (Token t : tokens) {
      if ((t.kinds & ATTRIBUTE_MASK) == 0) {
        continue;
      }
      boolean issuer = false;
      for (Vocabulary.Meaning m : t.meanings) {
        switch (m.kind()) {
          case TIER, FRESHNESS, CATEGORY, ISSUER, REGION, PRODUCT ->
              out.add(Mention.of(m, t.start, t.end));
          default -> {}
        }
        issuer |= m.kind() == Kind.ISSUER;
      }
      if (issuer && hidden == null) {
        hidden = categoryInsideBankName(lower, t.start, t.end);
      }
    }
    // only when the advert names no category of its own: 江苏银行客户 信用卡资料 is card data
    if (hidden != null && out.stream().noneMatch(m -> m.kind() == Kind.CATEGORY)) {
      out.add(hidden);
      out.sort(BY_START);
    }
    for (Token t : tokens) {
      if (t.isNum() && t.end - t.start == 4 && Lexer.isAsciiDigit(lower[t.start])) {
        int year = t.value.intValue();
        int end = year >= 1900 && year < posted.getYear() ? yearDumpEnd(lower, t.end) : -1;
        if (end > 0) {
          out.add(
              new Mention(
                  Kind.FRESHNESS,
                  Freshness.AGED.code(),
                  Freshness.AGED,
                  t.start,
                  end,
                  "freshness.year_dump",
                  null,
                  0));
          out.sort(BY_START);
        }
      }
    }
    return out;
  }

  /**
   * A category word that begins inside a bank's name: 江苏银行客户资料 holds 银行客户 (bank customers,
   * vocabulary.md), but the longest match reads 江苏银行 (an issuer) and leaves 客户资料, which names no
   * category. When an issuer's name ends in 银行 and 银行 with the text after it is a category word
   * (银行客户, 银行数据, 银行资料, 银行账户; "US bank logs" likewise), that category is mentioned too, unless the
   * advert names a category of its own (江苏银行客户 信用卡资料: the bank's customers' card data).
   */
  private Mention categoryInsideBankName(char[] lower, int start, int end) {
    int bank = bankWordStart(lower, start, end);
    if (bank < 0) {
      return null;
    }
    for (int k = Math.min(12, lower.length - end); k >= 1; k--) {
      int e = end + k;
      if (Character.isWhitespace(lower[e - 1])
          || (TermTrie.isAsciiLetter(lower[e - 1])
              && e < lower.length
              && TermTrie.isAsciiLetter(lower[e]))) {
        continue; // a term ends on a word's end ("bank log" is not in "bank logins")
      }
      for (Vocabulary.Meaning m : vocab.lookup(String.valueOf(lower, bank, end - bank + k))) {
        if (m.kind() == Kind.CATEGORY) {
          return new Mention(
              Kind.CATEGORY,
              m.value(),
              (Category) m.code(),
              bank,
              end + k,
              m.rule() + ".inside_issuer",
              m.codes(),
              m.flags());
        }
      }
    }
    return null;
  }

  /** Where the closing 银行 or "bank" of an issuer's name starts (工商银行, us bank), or -1. */
  private int bankWordStart(char[] s, int start, int end) {
    if (end - start >= 3
        && vocab.fold(s[end - 2], false) == '银'
        && vocab.fold(s[end - 1], false) == '行') {
      return end - 2;
    }
    if (end - start >= 6 && String.valueOf(s, end - 4, 4).equals("bank") && s[end - 5] == ' ') {
      return end - 4;
    }
    return -1;
  }

  /**
   * Where a dump word after a year ends (2019年数据, 2019 database, 2013年某银行客户数据, 2019 US bank
   * database), or -1. Between them: 年/的, then at most six Chinese characters or two English words,
   * but no digit (2014年12月数据 is dated to the month: not an old dump by the year alone).
   */
  private int yearDumpEnd(char[] s, int from) {
    int i = from;
    while (i < s.length && (s[i] == ' ' || s[i] == '年' || s[i] == '的')) {
      i++;
    }
    int cjk = 0;
    int words = 0;
    for (int at = i; at < s.length; at++) {
      int e = dumpWordAt(s, at);
      if (e > 0) {
        return e;
      }
      char c = s[at];
      if (c >= '\u3400' && c <= '\u9FFF') {
        if (++cjk > 6) {
          return -1;
        }
      } else if (TermTrie.isAsciiLetter(c)) {
        if (at == 0 || !TermTrie.isAsciiLetter(s[at - 1])) {
          if (++words > 2) {
            return -1;
          }
        }
      } else if (c != ' ') {
        return -1;
      }
    }
    return -1;
  }

  /** The end of a dump word starting at {@code i} (a whole word in English), or -1. */
  private int dumpWordAt(char[] s, int i) {
    if (i > 0 && TermTrie.isAsciiLetter(s[i]) && TermTrie.isAsciiLetter(s[i - 1])) {
      return -1;
    }
    for (String w : vocab.yearDumpWords) {
      int e = i + w.length();
      if (e > s.length) {
        continue;
      }
      boolean match = true;
      for (int k = 0; k < w.length() && match; k++) {
        match = s[i + k] == w.charAt(k);
      }
      if (match
          && !(TermTrie.isAsciiLetter(w.charAt(w.length() - 1))
              && e < s.length
              && TermTrie.isAsciiLetter(s[e]))) {
        return e;
      }
    }
    return -1;
  }
}
