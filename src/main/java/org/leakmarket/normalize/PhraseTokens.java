package org.leakmarket.normalize;

import java.math.BigDecimal;
import java.util.List;
import org.leakmarket.normalize.PriceReader.Count;
import org.leakmarket.normalize.Vocabulary.Kind;

/**
 * The tokens of one advert and what each has been read as so far (free, money, count, balance,
 * identifier): the state the readers of its price phrases ({@link CountReader}, {@link
 * MoneyReader}, {@link NotPrices}, {@link PriceReader}) share, with the gap tests they all use. One
 * per advert; the arrays are shared, not copied, between the readers.
 */
class PhraseTokens {
  static final int FREE = 0;
  static final int MONEY = 1;
  static final int COUNT = 2;
  static final int BALANCE = 3;

  /** A number that is an identifier (QQ 123456): never a count, price or balance. */
  static final int IDENT = 4;

  /** Attribute words that may stand between a count and its price (十万条业主资料只要八千元). */
  static final int ATTRIBUTE_KINDS =
      1 << Kind.CATEGORY.ordinal()
          | 1 << Kind.TIER.ordinal()
          | 1 << Kind.FRESHNESS.ordinal()
          | 1 << Kind.ISSUER.ordinal()
          | 1 << Kind.REGION.ordinal()
          | 1 << Kind.PRODUCT.ordinal()
          | 1 << Kind.GOODS.ordinal()
          | 1 << Kind.IGNORE.ordinal();

  /** Words that may stand between a price and what it is qualified or counted by. */
  static final int FILLER_KINDS =
      ATTRIBUTE_KINDS
          | 1 << Kind.PRICE_CUE.ordinal()
          | 1 << Kind.LOT_ALL.ordinal()
          | 1 << Kind.STOCK.ordinal();

  /** Qualifier words: up to, from, on average. */
  static final int QUALIFIER_KINDS =
      1 << Kind.MAX.ordinal() | 1 << Kind.MIN.ordinal() | 1 << Kind.AVERAGE.ordinal();

  final List<Token> toks;
  final char[] text;
  final String defaultCurrency;
  final int[] role;
  final Count[] countAt;
  final boolean[] claimedEach;

  /** Whether the advert sells its stock whole (打包, the lot): stock counts are then bought. */
  final boolean sellsTheLot;

  /**
   * Bit {@code 1 << kind.ordinal()} set for each kind among all the tokens' meanings: a rule whose
   * trigger word is absent from the advert is skipped with one test ({@link #anyToken}).
   */
  final int tokenKinds;

  /** Whether a table bar ('|') occurs in the text: the rules of table cells need one. */
  final boolean bars;

  PhraseTokens(List<Token> toks, char[] text, String defaultCurrency) {
    this.toks = toks;
    this.text = text;
    this.defaultCurrency = defaultCurrency;
    this.role = new int[toks.size()];
    this.countAt = new Count[toks.size()];
    this.claimedEach = new boolean[toks.size()];
    int kinds = 0;
    for (Token t : toks) {
      kinds |= t.kinds;
    }
    this.tokenKinds = kinds;
    this.sellsTheLot = (kinds & 1 << Kind.LOT_ALL.ordinal()) != 0;
    boolean bar = false;
    for (char c : text) {
      if (c == '|') {
        bar = true;
        break;
      }
    }
    this.bars = bar;
  }

  /** Another reader of the same phrase: the same tokens and roles. */
  PhraseTokens(PhraseTokens shared) {
    this.toks = shared.toks;
    this.text = shared.text;
    this.defaultCurrency = shared.defaultCurrency;
    this.role = shared.role;
    this.countAt = shared.countAt;
    this.claimedEach = shared.claimedEach;
    this.sellsTheLot = shared.sellsTheLot;
    this.tokenKinds = shared.tokenKinds;
    this.bars = shared.bars;
  }

  /** Whether some token of the advert has a meaning of kind {@code k}. */
  boolean anyToken(Kind k) {
    return (tokenKinds & 1 << k.ordinal()) != 0;
  }

  /** Whether token k ends a money expression with an explicit currency (110 USDT, $580). */
  boolean endsMoney(int k) {
    Token t = toks.get(k);
    if (t.type == Token.TERM) {
      Vocabulary.Meaning cur = t.get(Kind.CURRENCY);
      return cur != null
          && cur.has(Vocabulary.AFTER)
          && k > 0
          && toks.get(k - 1).isNum()
          && wsGap(toks.get(k - 1).end, t.start);
    }
    if (!t.isNum() || k == 0) {
      return false;
    }
    Vocabulary.Meaning cur = toks.get(k - 1).get(Kind.CURRENCY);
    return cur != null && cur.has(Vocabulary.BEFORE) && wsGap(toks.get(k - 1).end, t.start);
  }

  /** Whether token k starts a money expression with an explicit currency ($1500, 1500元). */
  boolean startsMoney(int k) {
    Token t = toks.get(k);
    if (t.type == Token.TERM) {
      Vocabulary.Meaning cur = t.get(Kind.CURRENCY);
      return cur != null && cur.has(Vocabulary.BEFORE);
    }
    if (!t.isNum() || k + 1 >= toks.size()) {
      return false;
    }
    Token n = toks.get(k + 1);
    Vocabulary.Meaning cur = n.get(Kind.CURRENCY);
    return cur != null && cur.has(Vocabulary.AFTER) && wsGap(t.end, n.start) && !opensAmount(k + 1);
  }

  /**
   * Whether the currency symbol at token {@code k}, one also written before its amount ($), opens
   * the number right after it: in "3,000 $55" and "$5 $10" the $ belongs to the amount it opens,
   * not to the one it follows (0.75$ is money).
   */
  boolean opensAmount(int k) {
    Token c = toks.get(k);
    Vocabulary.Meaning cur = c.get(Kind.CURRENCY);
    return cur != null
        && cur.has(Vocabulary.BEFORE)
        && !Character.isLetter(text[c.start])
        && k + 1 < toks.size()
        && toks.get(k + 1).isNum()
        && wsGap(c.end, toks.get(k + 1).start);
  }

  /** No letter, digit or Chinese character between two positions. */
  boolean plain(int from, int to) {
    for (int i = from; i < to; i++) {
      char c = text[i];
      if (Character.isLetterOrDigit(c)) {
        return false;
      }
    }
    return true;
  }

  /**
   * 2个BTC, 5个U: the measure word 个 glued between number {@code k} and a currency written after it;
   * the three are money, not a count.
   */
  boolean measureBeforeCurrency(int k) {
    if (k + 2 >= toks.size()) {
      return false;
    }
    Token m = toks.get(k + 1);
    Token c = toks.get(k + 2);
    Vocabulary.Meaning cur = c.get(Vocabulary.Kind.CURRENCY);
    return m.end - m.start == 1
        && text[m.start] == '个'
        && m.start == toks.get(k).end
        && c.start == m.end
        && cur != null
        && cur.has(Vocabulary.AFTER);
  }

  /**
   * Whether {@code v} has a fractional part ({@code v.stripTrailingZeros().scale() > 0}) without
   * the copy: a value of at most 15 digits converts to the double nearest it, which is a whole
   * number exactly when the value is (a fraction of such a value is at least 10^-scale, more than
   * the rounding can move it).
   */
  static boolean fractional(BigDecimal v) {
    if (v.scale() <= 0) {
      return false;
    }
    if (v.precision() <= 15) {
      double d = v.doubleValue();
      return d != Math.rint(d);
    }
    return v.stripTrailingZeros().scale() > 0;
  }

  static boolean isDash(char c) {
    return c == '-' || c == '\u2013' || c == '\u2014';
  }

  static boolean pairable(Count c) {
    return !c.minOrder && !c.trial && !c.claimed && !c.stock;
  }

  /** Whether token {@code t} is exactly {@code word} as written (the text is lower-cased). */
  boolean spells(Token t, String word) {
    return spells(t.start, t.end, word);
  }

  /** Whether the text from {@code start} to {@code end} is exactly {@code word}. */
  boolean spells(int start, int end, String word) {
    if (end - start != word.length() || start < 0 || end > text.length) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      if (text[start + i] != word.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** The index of the first non-blank character at or after {@code i} (text length if none). */
  int skipBlanks(int i) {
    while (i < text.length && (text[i] == ' ' || text[i] == '\t')) {
      i++;
    }
    return i;
  }

  /** The index of the last non-blank character before {@code i} (-1 if none). */
  int skipBlanksBack(int i) {
    int j = i - 1;
    while (j >= 0 && (text[j] == ' ' || text[j] == '\t')) {
      j--;
    }
    return j;
  }

  /** Only whitespace, at most one character, between two positions. */
  boolean wsGap(int from, int to) {
    if (to - from > 1) {
      return false;
    }
    return to == from || text[from] == ' ' || text[from] == '\t';
  }

  /** No whitespace between two positions. */
  boolean noSpace(int from, int to) {
    for (int k = from; k < to; k++) {
      if (Character.isWhitespace(text[k])) {
        return false;
      }
    }
    return true;
  }

  /**
   * 至少 or 最少 ("at least") at token {@code k}, right before money priced per record: a per-record
   * marker right after the money (至少5毛一条, 至少1元/条) or earlier in the same clause (每个学生名单卖价至少一元).
   * Such money is a "from" price (README convention 8: "X or more", 最低), not a minimum order value
   * (至少1万元起, 至少消费2000元), which has no per-record marker.
   */
  boolean atLeastPerRecord(int k, int moneyLast, int moneyEnd) {
    Token t = toks.get(k);
    if (!t.has(Kind.MIN_ORDER)
        || t.end - t.start != 2
        || text[t.start + 1] != '少'
        || (text[t.start] != '至' && text[t.start] != '最')) {
      return false;
    }
    int a = moneyLast + 1;
    if (a < toks.size()
        && toks.get(a).has(Kind.EACH)
        && gapOk(moneyEnd, toks.get(a).start, 2)
        && !(a + 1 < toks.size()
            && toks.get(a + 1).isNum()
            && gapOk(toks.get(a).end, toks.get(a + 1).start, 0))) {
      // 至少5毛一条; but in 至少消费1000元 每条3毛 the 每条 opens the next price
      return true;
    }
    int end = t.start;
    for (int b = k - 1; b >= 0; b--) {
      Token tb = toks.get(b);
      for (int c = tb.end; c < end; c++) {
        if (Normalizer.isSeparator(text, c)) {
          return false;
        }
      }
      if (tb.isNum()) {
        return false; // 每条5毛 至少1万元: the marker belongs to the amount before
      }
      if (tb.has(Kind.EACH)) {
        return true;
      }
      end = tb.start;
    }
    return false;
  }

  /** No clause separator and at most {@code maxFiller} non-blank characters between. */
  boolean gapOk(int from, int to, int maxFiller) {
    int filler = 0;
    for (int k = from; k < to; k++) {
      char c = text[k];
      if (Normalizer.isSeparator(text, k)) {
        return false;
      }
      if (c != ' ' && c != '\t' && ++filler > maxFiller) {
        return false;
      }
    }
    return true;
  }
}
