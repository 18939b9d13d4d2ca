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
    boolean category = false;
    for (Token t : tokens) {
      if ((t.kinds & ATTRIBUTE_MASK) == 0) {
        continue;
      }
      boolean issuer = false;
      for (Vocabulary.Meaning m : t.meanings) {
        if (m.kind() == Kind.CATEGORY && namesAPerson(lower, t.end)) {
          continue; // 大学生张某 (a student named 张某) sold the data: the word says who he is, not whose
          // data
        }
        switch (m.kind()) {
          case TIER, CATEGORY, ISSUER, REGION, PRODUCT -> out.add(Mention.of(m, t.start, t.end));
          case FRESHNESS -> {
            if (!negated(lower, t.start)) {
              out.add(Mention.of(m, t.start, t.end)); // 不过期 (never expires) says no age
            }
          }
          default -> {}
        }
        issuer |= m.kind() == Kind.ISSUER;
        category |= m.kind() == Kind.CATEGORY;
      }
      if (issuer && hidden == null) {
        hidden = categoryInsideBankName(lower, t.start, t.end);
      }
    }
    // only when the advert names no category of its own: 江苏银行客户 信用卡资料 is card data
    if (hidden != null && !category) {
      out.add(hidden);
      out.sort(BY_START);
      category = true;
    }
    if (!category) {
      Mention split = splitCategory(lower);
      if (split != null) {
        out.add(split);
        out.sort(BY_START);
      }
    }
    for (int k = 0; k < tokens.size(); k++) {
      Token t = tokens.get(k);
      int year = yearOf(t, lower, posted);
      if (year > 0 && !countedByUnit(tokens, k, lower)) {
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
    travelVisas(out, lower);
    return out;
  }

  /**
   * Passport,Visa; passports and visas: the word visa listed next to an identity document is a
   * travel visa, not the card brand, and names no card category.
   */
  private static void travelVisas(List<Mention> out, char[] lower) {
    boolean document = false;
    for (Mention d : out) {
      document |= d.kind() == Kind.PRODUCT && "identity_documents".equals(d.value());
    }
    if (!document) {
      return; // no identity document named: every visa stays (most adverts)
    }
    for (int i = out.size() - 1; i >= 0; i--) {
      Mention m = out.get(i);
      if (m.kind() != Kind.CATEGORY || !isVisa(lower, m.start(), m.end())) {
        continue;
      }
      for (Mention d : out) {
        if (d.kind() == Kind.PRODUCT
            && "identity_documents".equals(d.value())
            && (listed(lower, d.end(), m.start()) || listed(lower, m.end(), d.start()))) {
          out.remove(i);
          break;
        }
      }
    }
  }

  private static boolean isVisa(char[] lower, int start, int end) {
    String w = new String(lower, start, end - start);
    return w.equals("visa") || w.equals("visas");
  }

  /** Only list punctuation, blanks, "and", "or" between the positions (at least one character). */
  private static boolean listed(char[] lower, int from, int to) {
    if (from < 0 || to <= from || to - from > 6) {
      return false;
    }
    String gap = new String(lower, from, to - from).strip();
    return gap.isEmpty()
        || gap.equals(",")
        || gap.equals("/")
        || gap.equals("&")
        || gap.equals("and")
        || gap.equals("or")
        || gap.equals(", and");
  }

  /** A freshness word right after a Chinese negation (不过期, 没过期, 未过期, 不新鲜) is not said. */
  private static boolean negated(char[] lower, int start) {
    if (start == 0) {
      return false;
    }
    char c = lower[start - 1];
    return c == '不' || c == '没' || c == '未';
  }

  /**
   * 大学生张某, 车主李某某: a category word right before a surname and 某 (how court, procuratorate and news
   * texts name a defendant or witness) describes that person, the seller or a go-between, not whose
   * records are sold (tenth Chinese round, a 检察日报 case: 大学生张某…将…小区业主信息出售).
   */
  static boolean namesAPerson(char[] s, int end) {
    // 某 first: the script look-up (a search of Unicode's script ranges) only when it follows
    return end + 1 < s.length
        && s[end + 1] == '某'
        && s[end] != '某'
        && Character.UnicodeScript.of(s[end]) == Character.UnicodeScript.HAN;
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
    int longest = Math.min(12, lower.length - end);
    // the trie's node for each length of text from the bank word on, in one walk (what
    // Vocabulary.lookup finds for each length: the characters folded, no string per length)
    int most = end - bank + longest;
    TermTrie.Node[] at = new TermTrie.Node[most + 1];
    TermTrie.Node n = vocab.trie.root(vocab.fold(lower[bank], false));
    for (int len = 1; n != null; len++) {
      at[len] = n;
      if (len == most) {
        break;
      }
      n = n.child(vocab.fold(lower[bank + len], false));
    }
    for (int k = longest; k >= 1; k--) {
      int e = end + k;
      if (Character.isWhitespace(lower[e - 1])
          || (TermTrie.isAsciiLetter(lower[e - 1])
              && e < lower.length
              && TermTrie.isAsciiLetter(lower[e]))) {
        continue; // a term ends on a word's end ("bank log" is not in "bank logins")
      }
      TermTrie.Node term = at[end - bank + k];
      if (term == null || term.meanings == null) {
        continue;
      }
      for (Vocabulary.Meaning m : term.meanings) {
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

  /**
   * The first category compound written apart in one phrase (银行…客户: 上海各银行超大存款客户资料; 存款…客户: 存款过千万客户),
   * at most {@link #SPLIT_GAP} characters and no blank or clause separator between its parts (农业银行
   * 建设银行 客户资料 lists banks: no category), or null. Only when the advert names no category word of
   * its own.
   */
  private Mention splitCategory(char[] s) {
    // which characters occur, by their low six bits (one pass): a compound whose parts' first
    // characters are absent is not searched for (indexOf over the advert for each part)
    long present = 0;
    for (char c : s) {
      present |= 1L << c;
    }
    Mention best = null;
    for (Vocabulary.SplitTerm st : vocab.splitCategories) {
      if ((present & 1L << st.first().charAt(0)) == 0
          || (present & 1L << st.second().charAt(0)) == 0) {
        continue;
      }
      for (int a = indexOf(s, st.first(), 0); a >= 0; a = indexOf(s, st.first(), a + 1)) {
        int from = a + st.first().length();
        int b = indexOf(s, st.second(), from);
        if (b < 0) {
          continue;
        }
        if (latinWord(st.first())
            ? !wordsBetween(s, a, from, b, b + st.second().length())
            : b - from > SPLIT_GAP || separatorBetween(s, from, b)) {
          continue;
        }
        if (best == null || a < best.start()) {
          Vocabulary.Meaning m = st.meaning();
          best =
              new Mention(
                  Kind.CATEGORY,
                  m.value(),
                  (Category) m.code(),
                  a,
                  b + st.second().length(),
                  m.rule() + ".split",
                  m.codes(),
                  m.flags());
        }
        break;
      }
    }
    return best;
  }

  /**
   * {@link String#indexOf(String, int)} on the advert's characters (no copy of the advert into a
   * string for each advert without a category word).
   */
  private static int indexOf(char[] s, String w, int from) {
    int n = w.length();
    if (n == 0) {
      return Math.max(0, Math.min(from, s.length));
    }
    char first = w.charAt(0);
    for (int a = Math.max(0, from); a <= s.length - n; a++) {
      if (s[a] != first) {
        continue;
      }
      int k = 1;
      while (k < n && s[a + k] == w.charAt(k)) {
        k++;
      }
      if (k == n) {
        return a;
      }
    }
    return -1;
  }

  private static final int SPLIT_GAP = 12;

  /**
   * At most this many English words between the parts of a compound (bank and financial accounts).
   */
  private static final int SPLIT_WORDS = 3;

  private static boolean latinWord(String s) {
    for (int k = 0; k < s.length(); k++) {
      if (s.charAt(k) > 0x7f || !Character.isLetter(s.charAt(k))) {
        return false;
      }
    }
    return !s.isEmpty();
  }

  /**
   * bank and financial service accounts: whole English words at both ends and one to {@link
   * #SPLIT_WORDS} plain words between them (letters and single spaces only: no comma, digit or
   * separator).
   */
  private static boolean wordsBetween(char[] s, int a, int from, int b, int end) {
    if (a > 0 && Character.isLetter(s[a - 1]) || end < s.length && Character.isLetter(s[end])) {
      return false;
    }
    if (from >= b || s[from] != ' ' || s[b - 1] != ' ') {
      return false;
    }
    int words = 0;
    boolean inWord = false;
    for (int k = from; k < b; k++) {
      char c = s[k];
      if (c == ' ') {
        if (k > from && s[k - 1] == ' ') {
          return false;
        }
        inWord = false;
      } else if (c < 0x80 && Character.isLetter(c)) {
        if (!inWord) {
          words++;
          inWord = true;
        }
      } else {
        return false;
      }
    }
    return words >= 1 && words <= SPLIT_WORDS;
  }

  private static boolean separatorBetween(char[] s, int from, int to) {
    for (int k = from; k < to; k++) {
      if (Normalizer.isSeparator(s, k) || Character.isWhitespace(s[k])) {
        return true;
      }
    }
    return false;
  }

  /** Where the closing 银行 or "bank" of an issuer's name starts (工商银行, us bank), or -1. */
  private int bankWordStart(char[] s, int start, int end) {
    if (end - start >= 3
        && vocab.fold(s[end - 2], false) == '银'
        && vocab.fold(s[end - 1], false) == '行') {
      return end - 2;
    }
    if (end - start >= 6
        && s[end - 4] == 'b'
        && s[end - 3] == 'a'
        && s[end - 2] == 'n'
        && s[end - 1] == 'k'
        && s[end - 5] == ' ') {
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
    // 2010年-2016年社工库, 14-16年车主数据: the span of years ends at the second year
    if (i < s.length && (s[i] == '-' || s[i] == '到' || s[i] == '至')) {
      int j = i + 1;
      while (j < s.length && Lexer.isAsciiDigit(s[j])) {
        j++;
      }
      if (j > i + 1 && j < s.length && s[j] == '年') {
        i = j + 1;
      }
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

  /**
   * The year a number token names, or -1: four digits (2013), or two digits before 年 or before a
   * span of years (14年, 14-16年: 2014), from 2010 up to the posting year, as sellers shorten them.
   */
  private static int yearOf(Token t, char[] s, LocalDate posted) {
    if (!t.isNum() || t.multiplied || !Lexer.isAsciiDigit(s[t.start])) {
      return -1;
    }
    if (t.end - t.start == 4) {
      // read from the four characters: the value of 0.25 or 12.5 (below 1000, never a year the
      // caller uses) costs BigDecimal.intValue a BigInteger; -1 for it instead
      int y = 0;
      for (int k = t.start; k < t.end; k++) {
        if (!Lexer.isAsciiDigit(s[k])) {
          return -1;
        }
        y = y * 10 + (s[k] - '0');
      }
      return y;
    }
    if (t.end - t.start != 2 || t.end >= s.length) {
      return -1;
    }
    int e = t.end;
    if (s[e] == '-' || s[e] == '到' || s[e] == '至') {
      e++;
      while (e < s.length && Lexer.isAsciiDigit(s[e])) {
        e++;
      }
    }
    if (e >= s.length || s[e] != '年') {
      return -1;
    }
    int year = 2000 + t.value.intValue();
    return year >= 2010 && year <= posted.getYear() ? year : -1;
  }

  /**
   * Whether the number token {@code k} is followed, after blanks only, by a count unit (2000条学生信息,
   * 2015 pcs): then it counts records and names no year, however year-like its digits.
   */
  private static boolean countedByUnit(List<Token> tokens, int k, char[] s) {
    if (k + 1 >= tokens.size()) {
      return false;
    }
    Token next = tokens.get(k + 1);
    if (!next.has(Kind.COUNT)) {
      return false;
    }
    for (int i = tokens.get(k).end; i < next.start; i++) {
      if (s[i] != ' ') {
        return false;
      }
    }
    return true;
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
