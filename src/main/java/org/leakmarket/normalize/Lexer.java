package org.leakmarket.normalize;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a normalised advert into {@link Token}s in one left-to-right pass: at each position the
 * longest vocabulary term valid in its context, or a number (Arabic with separators and shorthand
 * multipliers, Chinese numerals and their mixes), whichever is longer. Costs O(length x longest
 * term); allocates one object per token.
 */
final class Lexer {
  private static final int MAX_MATCHES = 16;

  /** The flags of a meaning that make it hold only in some contexts ({@link #valid}). */
  private static final int CONDITIONS =
      Vocabulary.CASE_SENSITIVE
          | Vocabulary.CJK
          | Vocabulary.AFTER_NUMBER
          | Vocabulary.CLAUSE_START;

  private final Vocabulary vocab;
  private final char[] text;
  private final char[] cased;
  private final boolean cjk;
  private final int[] ends = new int[MAX_MATCHES];
  private final TermTrie.Node[] nodes = new TermTrie.Node[MAX_MATCHES];
  private final List<Token> tokens = new ArrayList<>(32);

  private Lexer(Vocabulary vocab, char[] text, char[] cased, boolean cjk) {
    this.vocab = vocab;
    this.text = text;
    this.cased = cased;
    this.cjk = cjk;
  }

  static List<Token> lex(Vocabulary vocab, char[] text, char[] cased, boolean cjk) {
    Lexer l = new Lexer(vocab, text, cased, cjk);
    l.run();
    return l.tokens;
  }

  private void run() {
    int n = text.length;
    int i = 0;
    while (i < n) {
      char c = text[i];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        i++;
        continue;
      }
      int count = vocab.trie.matches(text, i, ends, nodes);
      int termEnd = -1;
      Vocabulary.Meaning[] termMeanings = null;
      int termKinds = 0;
      for (int k = 0; k < count; k++) {
        TermTrie.Node node = nodes[k];
        // most terms have no context condition: all their meanings hold, with the node's kinds
        Vocabulary.Meaning[] valid =
            (node.anyFlags & CONDITIONS) == 0 ? node.meanings : valid(node.meanings, i, ends[k]);
        if (valid != null) {
          termEnd = ends[k];
          termMeanings = valid;
          termKinds = valid == node.meanings ? node.kinds : -1;
          break;
        }
      }
      Token num = null;
      if (isAsciiDigit(c)
          || (c == '.'
              && i + 1 < n
              && isAsciiDigit(text[i + 1])
              && (i == 0 || !isAsciiDigit(text[i - 1])))) {
        num = arabic(i);
      } else if (isChineseNumeral(c)) {
        num = chinese(i);
      }
      if (num != null && num.end - i > termEnd - i) {
        tokens.add(num);
        i = num.end;
        continue;
      }
      if (termEnd > 0) {
        Token t = new Token(Token.TERM, i, termEnd);
        if (termKinds >= 0) {
          t.setMeanings(termMeanings, termKinds);
        } else {
          t.setMeanings(termMeanings);
        }
        tokens.add(t);
        i = termEnd;
        continue;
      }
      if (TermTrie.isAsciiLetter(c)) {
        int j = i;
        while (j < n && TermTrie.isAsciiLetter(text[j])) {
          j++;
        }
        Token word = numberWord(i, j);
        if (word != null) {
          tokens.add(word); // prices starting at one dollar, one million addresses
          i = Math.max(j, word.end);
          continue;
        }
        if (j - i >= 3 && j - i <= 4 && allUpper(i, j) && afterNumber(i)) {
          Token t = new Token(Token.UNKNOWN_CURRENCY, i, j);
          t.code = new String(cased, i, j - i);
          tokens.add(t);
        }
        i = j;
        continue;
      }
      i++;
    }
  }

  private static final java.util.List<String> NUMBER_WORDS =
      java.util.List.of(
          "zero",
          "one",
          "two",
          "three",
          "four",
          "five",
          "six",
          "seven",
          "eight",
          "nine",
          "ten",
          "eleven",
          "twelve",
          "thirteen",
          "fourteen",
          "fifteen",
          "sixteen",
          "seventeen",
          "eighteen",
          "nineteen",
          "twenty");

  private static final int LONGEST_NUMBER_WORD =
      NUMBER_WORDS.stream().mapToInt(String::length).max().orElse(0);

  private static final String HALF = "-and-a-half";

  /** {@link #HALF} written with spaces: two and a half thousand. */
  private static final String HALF_SPACED = HALF.replace('-', ' ');

  /** English scale words a number word may stand before (one million, two thousand). */
  private static final java.util.Map<String, BigDecimal> SCALE_WORDS =
      java.util.Map.of(
          "thousand", BigDecimal.valueOf(1_000),
          "million", BigDecimal.valueOf(1_000_000),
          "billion", BigDecimal.valueOf(1_000_000_000));

  private static final java.util.Set<String> MONEY_UNIT_WORDS =
      java.util.Set.of("dollar", "dollars", "cent", "cents", "euro", "euros", "pound", "pounds");

  /**
   * One dollar, five cents: an English number word (zero to twenty) right before a money unit word
   * is a number, and so is one before a scale word with the scale (one million); anywhere else (one
   * of the, the one we analyzed) it is a plain word.
   */
  private Token numberWord(int i, int j) {
    int n = text.length;
    // the text is lower-cased already; the cheap checks first, since every plain word comes here
    if (i > 0 && TermTrie.isAsciiLetter(text[i - 1])
        || j - i > LONGEST_NUMBER_WORD
        || j + 1 >= n
        || text[j] != ' ' && text[j] != '-') {
      return null;
    }
    int v = numberWordIndex(i, j);
    if (v < 0) {
      return null;
    }
    // one-and-a-half million, two and a half thousand: a half more, before a scale word only
    boolean half = false;
    if (j + HALF.length() < n
        && (regionMatches(j, HALF) || regionMatches(j, HALF_SPACED))
        && text[j + HALF.length()] == ' ') {
      half = true;
      j += HALF.length();
    } else if (text[j] != ' ') {
      return null;
    }
    int k = j + 1;
    while (k < n && TermTrie.isAsciiLetter(text[k])) {
      k++;
    }
    String next = new String(text, j + 1, k - j - 1);
    if (half || !MONEY_UNIT_WORDS.contains(next)) {
      // one million addresses, for one million, two thousand cards: a number word before an
      // English scale word (million, thousand, billion) is the number they make together
      BigDecimal scale = SCALE_WORDS.get(next);
      if (scale == null
          || v == 0
          || k < n
              && !Character.isWhitespace(text[k])
              && text[k] != '.'
              && text[k] != ','
              && text[k] != ':'
              && text[k] != ';'
              && text[k] != ')') {
        return null;
      }
      Token t = new Token(Token.NUM, i, k);
      t.value =
          (half ? BigDecimal.valueOf(v).add(BigDecimal.valueOf(5, 1)) : BigDecimal.valueOf(v))
              .multiply(scale);
      t.multiplied = true;
      return t;
    }
    Token t = new Token(Token.NUM, i, j);
    t.value = java.math.BigDecimal.valueOf(v);
    return t;
  }

  /**
   * {@code NUMBER_WORDS.indexOf} of the word from {@code i} to {@code j}, compared on the
   * characters (every plain English word comes here: no string for each).
   */
  private int numberWordIndex(int i, int j) {
    for (int v = 0; v < NUMBER_WORDS.size(); v++) {
      String w = NUMBER_WORDS.get(v);
      if (w.length() == j - i && regionMatches(i, w)) {
        return v;
      }
    }
    return -1;
  }

  /** The meanings valid here, or null; the node's own array when all are (no allocation). */
  private Vocabulary.Meaning[] valid(Vocabulary.Meaning[] all, int from, int to) {
    int ok = 0;
    boolean[] keep = null;
    for (int k = 0; k < all.length; k++) {
      boolean v = valid(all[k], from, to);
      if (v) {
        ok++;
      } else if (keep == null) {
        keep = new boolean[all.length];
        for (int p = 0; p < k; p++) {
          keep[p] = true;
        }
      }
      if (keep != null) {
        keep[k] = v;
      }
    }
    if (ok == 0) {
      return null;
    }
    if (keep == null) {
      return all;
    }
    Vocabulary.Meaning[] out = new Vocabulary.Meaning[ok];
    int o = 0;
    for (int k = 0; k < all.length; k++) {
      if (keep[k]) {
        out[o++] = all[k];
      }
    }
    return out;
  }

  private boolean valid(Vocabulary.Meaning m, int from, int to) {
    if (m.has(Vocabulary.CASE_SENSITIVE)) {
      String want = m.cased();
      if (want.length() != to - from) {
        return false;
      }
      for (int k = 0; k < want.length(); k++) {
        if (cased[from + k] != want.charAt(k)) {
          return false;
        }
      }
    }
    if (m.has(Vocabulary.CJK) && !cjk) {
      return false;
    }
    if (m.has(Vocabulary.AFTER_NUMBER) && !afterNumber(from)) {
      return false;
    }
    return !m.has(Vocabulary.CLAUSE_START) || clauseStart(from);
  }

  private boolean afterNumber(int from) {
    if (tokens.isEmpty()) {
      return false;
    }
    Token prev = tokens.get(tokens.size() - 1);
    if (!prev.isNum()) {
      return false;
    }
    int gap = from - prev.end;
    return gap == 0 || (gap == 1 && text[prev.end] == ' ');
  }

  private boolean clauseStart(int from) {
    for (int k = from - 1; k >= 0; k--) {
      char c = text[k];
      if (c == ' ' || c == '\t') {
        continue;
      }
      return Normalizer.isSeparator(text, k) || "【[(（:：#\"'“「".indexOf(c) >= 0;
    }
    return true;
  }

  private boolean allUpper(int from, int to) {
    for (int k = from; k < to; k++) {
      if (cased[k] < 'A' || cased[k] > 'Z') {
        return false;
      }
    }
    return true;
  }

  private Token arabic(int i) {
    int n = text.length;
    long unscaled = 0;
    int digits = 0;
    int scale = 0;
    int j = i;
    char grouping = 0; // the thousands separator this number uses: ',', '.' or ' '
    while (j < n) {
      char c = text[j];
      if (isAsciiDigit(c)) {
        unscaled = unscaled * 10 + (c - '0');
        digits++;
        j++;
      } else if (c == ',' && digits > 0 && groupOfThree(j + 1)) {
        grouping = ',';
        j++;
      } else if ((c == '.' || c == ' ') && thousandsGroup(i, j, digits, grouping)) {
        grouping = c;
        j++;
      } else {
        break;
      }
    }
    // 3,1 million: a comma, one or two digits and a scale word is a decimal comma; so is one
    // beside a European money sign or code (12,50 €, € 15,00, 110,00 $)
    int decimals = j < n && text[j] == ',' && digits > 0 && scale == 0 ? decimalComma(i, j) : 0;
    if (decimals > 0) {
      for (int k = j + 1; k <= j + decimals; k++) {
        unscaled = unscaled * 10 + (text[k] - '0');
        digits++;
        scale++;
      }
      j += decimals + 1;
    } else if (j + 1 < n && text[j] == '.' && isAsciiDigit(text[j + 1])) {
      j++;
      while (j < n && isAsciiDigit(text[j])) {
        unscaled = unscaled * 10 + (text[j] - '0');
        digits++;
        scale++;
        j++;
      }
    }
    BigDecimal v;
    if (digits <= 18) {
      v = BigDecimal.valueOf(unscaled, scale);
    } else {
      // too long for a long: a card or phone number, never a price; keep it exact anyway
      StringBuilder sb = new StringBuilder();
      for (int k = i; k < j; k++) {
        if (text[k] != ',' && text[k] != ' ' && (grouping != '.' || text[k] != '.')) {
          sb.append(text[k]);
        }
      }
      v = new BigDecimal(sb.charAt(0) == '.' ? "0" + sb : sb.toString());
    }
    boolean single = j - i == 1;
    // 1600余万, 2300多万: "more than" between the number and its Chinese multiplier
    // (获利 30 多万元: also after a space, in texts that space their numbers)
    int more = j < n && text[j] == ' ' ? j + 1 : j;
    if (more + 1 < n
        && (text[more] == '余' || text[more] == '多')
        && (text[more + 1] == '万' || text[more + 1] == '千' || text[more + 1] == '亿')) {
      j = more + 1;
    }
    // 4000余条, 300多个: "more than" between a whole number and its count unit is part of the count
    boolean moreThan =
        j + 1 < n
            && (text[j] == '余' || text[j] == '多')
            && scale == 0
            && COUNT_UNITS_AFTER_MORE.indexOf(text[j + 1]) >= 0;
    boolean multiplied = false;
    for (int round = 0;
        round < 2
            && j < n
            && vocab.multiplierStart(text[j] == ' ' && j + 1 < n ? text[j + 1] : text[j]);
        round++) {
      boolean found = false;
      for (Vocabulary.Multiplier m : vocab.multipliers) {
        String t = m.term();
        int at = j;
        if (at < n && text[at] == ' ' && (t.length() >= 3 || isCjkMultiplier(t))) {
          at++; // 3 million, 10 万条 (a space before a word or a Chinese unit)
        }
        if (text.length - at >= t.length() && regionMatches(at, t)) {
          int after = at + t.length();
          if (TermTrie.isAsciiLetter(t.charAt(t.length() - 1))
              && after < n
              && TermTrie.isAsciiLetter(text[after])) {
            continue;
          }
          v = v.multiply(m.factor());
          j = after;
          multiplied = true;
          found = true;
          j = trailingDigit(j, m.factor(), t, v);
          if (j < 0) {
            v = v.add(BigDecimal.valueOf(text[-j - 1] - '0').multiply(m.factor().movePointLeft(1)));
            j = -j;
          }
          break;
        }
      }
      if (!found) {
        break;
      }
    }
    if (moreThan && !multiplied) {
      j++; // the 余 of 4000余条: the count unit 条 follows right after the number token
    }
    Token t = new Token(Token.NUM, i, j);
    t.value = v;
    t.multiplied = multiplied;
    t.singleDigit = single && !multiplied;
    return t;
  }

  /** Count units that may follow 余/多 after a whole number (4000余条, 300多个, 50多张). */
  private static final String COUNT_UNITS_AFTER_MORE = "条个张份笔组";

  /**
   * 11万6, 1w5, 3千5: one digit right after 万/w or 千/k is the next place (11.6万 = 116,000), as in
   * 两万五. Returns -(position after the digit) when there is such a digit, else {@code j}. Not when
   * more digits, a decimal point or another multiplier follow (3万5千 is read as written).
   */
  private int trailingDigit(int j, BigDecimal factor, String term, BigDecimal v) {
    int n = text.length;
    boolean place =
        factor.compareTo(BigDecimal.valueOf(1000)) == 0
            || factor.compareTo(BigDecimal.valueOf(10000)) == 0;
    if (!place
        || term.length() != 1
        || PhraseTokens.fractional(v)
        || j >= n
        || !isAsciiDigit(text[j])) {
      return j;
    }
    if (j + 1 < n) {
      char c = text[j + 1];
      if (isAsciiDigit(c) || c == '.' || c == ',' || vocab.multiplierStart(c)) {
        return j;
      }
    }
    return -(j + 1);
  }

  /** 万, 千, 亿: a Chinese multiplier, which may follow a number after a space (10 万条). */
  private static boolean isCjkMultiplier(String t) {
    return t.length() == 1 && t.charAt(0) >= '\u3400';
  }

  /**
   * The number of decimals (1 or 2) when the comma at {@code at} is a decimal comma: one or two
   * digits follow it, then (after at most a space) a scale word (2,4 million, 3,1 mil, 1,5k), or
   * the number that starts at {@code start} stands right beside money written in European style
   * (12,50 €, € 15,00, 110,00 $, $27,00 USD, 9,99 EUR; thirteenth English round); else 0. A comma
   * list of numbers ($10,15,20) keeps its commas.
   */
  private int decimalComma(int start, int at) {
    int n = text.length;
    int d = 0;
    while (at + 1 + d < n && d < 3 && isAsciiDigit(text[at + 1 + d])) {
      d++;
    }
    if (d < 1 || d > 2) {
      return 0;
    }
    for (Vocabulary.Multiplier m : vocab.multipliers) {
      String t = m.term();
      int p = at + 1 + d;
      if ((t.length() >= 3 || isCjkMultiplier(t)) && p < n && text[p] == ' ') {
        p++;
      }
      int after = p + t.length();
      if (after <= n
          && regionMatches(p, t)
          && !(TermTrie.isAsciiLetter(t.charAt(t.length() - 1))
              && after < n
              && TermTrie.isAsciiLetter(text[after]))) {
        return d;
      }
    }
    int p = at + 1 + d;
    if (p + 1 < n && text[p] == ',' && isAsciiDigit(text[p + 1])) {
      return 0;
    }
    return moneyAfter(p) || moneyBefore(start) ? d : 0;
  }

  /** Money signs and codes beside which an amount may be written with a decimal comma. */
  private static final String[] DECIMAL_COMMA_MONEY = {
    "€", "$", "£", "euros", "euro", "eur", "usdt", "usd", "gbp"
  };

  /** Whether a money sign or code of {@link #DECIMAL_COMMA_MONEY} starts at p, after a space. */
  private boolean moneyAfter(int p) {
    int n = text.length;
    if (p < n && text[p] == ' ') {
      p++;
    }
    for (String t : DECIMAL_COMMA_MONEY) {
      int after = p + t.length();
      if (after <= n
          && regionMatches(p, t)
          && !(TermTrie.isAsciiLetter(t.charAt(0))
              && after < n
              && TermTrie.isAsciiLetter(text[after]))) {
        return true;
      }
    }
    return false;
  }

  /** Whether a money sign or code of {@link #DECIMAL_COMMA_MONEY} ends right before e (a space). */
  private boolean moneyBefore(int e) {
    if (e > 0 && text[e - 1] == ' ') {
      e--;
    }
    for (String t : DECIMAL_COMMA_MONEY) {
      int s = e - t.length();
      if (s >= 0
          && regionMatches(s, t)
          && !(TermTrie.isAsciiLetter(t.charAt(0))
              && s > 0
              && TermTrie.isAsciiLetter(text[s - 1]))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the '.' or ' ' at {@code at} separates thousands in the number that starts at {@code
   * start} with {@code digits} digits so far: 1.000.000 (two groups of three after dots; one dot
   * alone, 1.000, stays a decimal point), 2 000 and 1 500 000 (a space between a first group of one
   * to three digits and a group of exactly three). Only one kind of separator in a number, and
   * groups of three only after the first.
   */
  private boolean thousandsGroup(int start, int at, int digits, char grouping) {
    char c = text[at];
    if (grouping != 0) {
      return grouping == c && groupOfThree(at + 1);
    }
    if (digits < 1 || digits > 3 || at - start != digits || !groupOfThree(at + 1)) {
      return false;
    }
    if (start > 0 && (isAsciiDigit(text[start - 1]) || text[start - 1] == '.')) {
      return false;
    }
    if (c == '.') {
      return at + 5 < text.length && text[at + 4] == '.' && groupOfThree(at + 5);
    }
    // 2 000 but not 10 100% (a count then a percentage)
    return c == ' ' && (at + 4 >= text.length || text[at + 4] != '%');
  }

  private boolean groupOfThree(int from) {
    int n = text.length;
    if (from + 3 > n) {
      return false;
    }
    for (int k = from; k < from + 3; k++) {
      if (!isAsciiDigit(text[k])) {
        return false;
      }
    }
    return from + 3 == n || !isAsciiDigit(text[from + 3]);
  }

  private boolean regionMatches(int at, String t) {
    for (int k = 0; k < t.length(); k++) {
      if (text[at + k] != t.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /** Chinese numerals: 十万, 两千, 一万五千, 两万五 (= 25000); digit runs without units read as digits. */
  private Token chinese(int i) {
    int n = text.length;
    long total = 0;
    long section = 0;
    int digit = -1;
    long lastUnit = 0;
    boolean anyUnit = false;
    boolean zeroAfterUnit = false;
    long concat = 0;
    int j = i;
    while (j < n) {
      char c = text[j];
      int d = chineseDigit(c);
      long u = chineseUnit(c);
      if (d < 0 && u <= 0) {
        break;
      }
      if (j > i && d >= 0 && startsLongTerm(j)) {
        break; // the 一 of 五一条 starts 一条 (per record), not a digit of 51
      }
      if (d >= 0) {
        if (d == 0 && anyUnit) {
          zeroAfterUnit = true;
        }
        digit = d;
        concat = concat * 10 + d;
      } else {
        anyUnit = true;
        zeroAfterUnit = false;
        long dv = digit < 0 ? 0 : digit;
        if (u >= 100_000_000L) {
          long s = total + section + dv;
          total = (s == 0 ? 1 : s) * u;
          section = 0;
        } else if (u == 10_000L) {
          long s = section + dv;
          total += (s == 0 ? 1 : s) * u;
          section = 0;
        } else {
          section += (digit < 0 ? 1 : digit) * u;
        }
        digit = -1;
        lastUnit = u;
      }
      j++;
    }
    if (j == i) {
      return null;
    }
    long value;
    if (!anyUnit) {
      value = concat;
    } else {
      value = total + section;
      if (digit > 0) {
        value += (!zeroAfterUnit && lastUnit >= 100) ? digit * (lastUnit / 10) : digit;
      }
    }
    BigDecimal low = adjacentDigitsLow(i, j, value);
    if (low == null && !anyUnit && j - i == 2 && adjacentPairBeforeMoney(i, j)) {
      // 三四元, 五六毛: two adjacent digits right before a money unit name a range (3 to 4 yuan), not 34
      value = chineseDigit(text[i + 1]);
      low = BigDecimal.valueOf(chineseDigit(text[i]));
    }
    Token t = new Token(Token.NUM, i, j);
    t.value = BigDecimal.valueOf(value);
    t.multiplied = anyUnit;
    t.singleDigit = !anyUnit && j - i == 1;
    t.rangeLow = low;
    return t;
  }

  /**
   * 三四元, 五六毛, 三四塊, 三四美元: a pair of adjacent digits (the second one more than the first) written
   * right before a money unit written in Chinese, as 三四十 is before 十.
   */
  private boolean adjacentPairBeforeMoney(int i, int j) {
    int a = chineseDigit(text[i]);
    int b = chineseDigit(text[i + 1]);
    if (a < 1 || b != a + 1 || j >= text.length) {
      return false;
    }
    return MONEY_UNIT_STARTS.indexOf(text[j]) >= 0;
  }

  /**
   * First characters of the money units a range of two adjacent digits may stand before: yuan and
   * its parts, and the Chinese names of other currencies (三四美元, 七八刀, 五六欧元, 三四英镑, 七八港币).
   */
  private static final String MONEY_UNIT_STARTS = "元块塊毛角分圆美刀欧歐镑鎊英港";

  /**
   * 四五百, 三四十, 五六万, 一两千: two adjacent digits (the second one more than the first) opening a numeral
   * whose other characters are all units name a range; the numeral's value reads the second digit
   * (the high bound, as before), and the low bound is returned. Null for any other numeral (一百二,
   * 四十五, 二三: no unit after the pair).
   */
  private BigDecimal adjacentDigitsLow(int i, int j, long value) {
    if (j - i < 3) {
      return null;
    }
    int a = chineseDigit(text[i]);
    int b = chineseDigit(text[i + 1]);
    if (a < 1 || b != a + 1) {
      return null;
    }
    for (int k = i + 2; k < j; k++) {
      if (chineseUnit(text[k]) <= 0) {
        return null;
      }
    }
    if (value % b != 0) {
      return null;
    }
    return BigDecimal.valueOf(value / b * a);
  }

  private boolean startsLongTerm(int j) {
    int count = vocab.trie.matches(text, j, ends, nodes);
    return count > 0 && ends[0] - j >= 2;
  }

  /**
   * The characters of Chinese numerals ({@link #chineseDigit} or {@link #chineseUnit}), one bit
   * each: a Chinese character that is no numeral (most) is told by one load, not two switches.
   */
  private static final long[] NUMERALS = new long[(Character.MAX_VALUE + 1) / 64];

  static {
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      if (chineseDigit((char) c) >= 0 || chineseUnit((char) c) > 0) {
        NUMERALS[c >>> 6] |= 1L << c;
      }
    }
  }

  /** Whether {@code c} is a character of a Chinese numeral (一, 两, 十, 万 ...). */
  static boolean isChineseNumeral(char c) {
    return c >= '\u3007' && (NUMERALS[c >>> 6] & 1L << c) != 0;
  }

  static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static int chineseDigit(char c) {
    return switch (c) {
      case '零', '〇' -> 0;
      case '一' -> 1;
      case '二', '两' -> 2;
      case '三' -> 3;
      case '四' -> 4;
      case '五' -> 5;
      case '六' -> 6;
      case '七' -> 7;
      case '八' -> 8;
      case '九' -> 9;
      default -> -1;
    };
  }

  static long chineseUnit(char c) {
    return switch (c) {
      case '十' -> 10L;
      case '百' -> 100L;
      case '千' -> 1000L;
      case '万' -> 10_000L;
      case '亿' -> 100_000_000L;
      default -> 0L;
    };
  }
}
