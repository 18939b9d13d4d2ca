package org.leakmarket.normalize;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.leakmarket.normalize.PriceReader.Count;
import org.leakmarket.normalize.Vocabulary.Kind;

/**
 * Finds the counts of records in an advert's tokens: a number with a unit (10万条, 500套), with the
 * goods it counts and words between (40 verified Venmo logins, 800k Australian emails, 29万学生信息),
 * before "for" and a price (1000 for $1500), after a price and "for" (110 USDT for 5,000), and
 * shorthand counts before a lot's price (3000W 打包 2BTC); and marks those that a price does not buy:
 * minimum orders, free trials, stock on hand. Linear in the tokens.
 */
final class CountReader extends PhraseTokens {
  /** The smallest bare number (no unit) read as a count after "price for" (110 USDT for 5,000). */
  private static final BigDecimal BARE_COUNT_MIN = BigDecimal.valueOf(100);

  CountReader(PhraseTokens shared) {
    super(shared);
  }

  List<Count> findCounts() {
    List<Count> out = new ArrayList<>();
    int size = toks.size();
    for (int k = 0; k < size; k++) {
      Token t = toks.get(k);
      if (!t.isNum() || role[k] != FREE || t.value.signum() <= 0 || fractional(t.value)) {
        continue;
      }
      if (k > 0
          && toks.get(k - 1).type == Token.TERM
          && toks.get(k - 1).has(Kind.CURRENCY)
          && toks.get(k - 1).get(Kind.CURRENCY).has(Vocabulary.BEFORE)
          && wsGap(toks.get(k - 1).end, t.start)
          && !endsMoney(k - 1)) {
        continue; // $5,000: money, not a count (but in 91USDT1万条 the USDT closes 91)
      }
      Count c = null;
      Token next = k + 1 < size ? toks.get(k + 1) : null;
      int goods = goodsAfter(k);
      if (next != null
          && next.has(Kind.COUNT)
          && wsGap(t.end, next.start)
          && !measureBeforeCurrency(k)) {
        c = new Count();
        c.first = k;
        c.last = k + 1;
        c.end = next.end;
      } else if (goods > 0) {
        // 40 verified Venmo logins, 800k Australian emails, 29万学生信息, 4万数据
        c = new Count();
        c.first = k;
        c.last = goods;
        c.end = toks.get(goods).end;
      } else if (next != null
          && next.has(Kind.PER)
          && wsGap(t.end, next.start)
          && t.value.compareTo(BigDecimal.ONE) > 0
          && k + 2 < size
          && wsGap(next.end, toks.get(k + 2).start)
          && startsMoney(k + 2)
          && (text[next.start] == 'f' || text[next.start] == '/')) {
        // 1000 for $1500, 100/$50: a bare number before "for" and a price counts records
        c = new Count();
        c.first = k;
        c.last = k;
        c.end = t.end;
      } else if (k > 0
          && (toks.get(k - 1).has(Kind.PER) || toks.get(k - 1).has(Kind.MIN_ORDER))
          && wsGap(toks.get(k - 1).end, t.start)
          && t.multiplied
          && !(next != null
              && next.meanings != null
              && next.has(Kind.CURRENCY)
              && wsGap(t.end, next.start))) {
        c = new Count();
        c.first = k;
        c.last = k;
        c.end = t.end;
      } else if (k >= 2
          && toks.get(k - 1).has(Kind.PER)
          && TermTrie.isAsciiLetter(text[toks.get(k - 1).start])
          && wsGap(toks.get(k - 1).end, t.start)
          && t.value.compareTo(BARE_COUNT_MIN) >= 0
          && endsMoney(k - 2)
          && gapOk(toks.get(k - 2).end, toks.get(k - 1).start, 0)
          && !(next != null && next.has(Kind.CURRENCY) && wsGap(t.end, next.start))) {
        // 110 USDT for 5,000: a whole number after a price and "for"/"per" counts records even
        // without a unit; from 100 up, so that "$5 for 30 days" stays a price per record
        c = new Count();
        c.first = k;
        c.last = k;
        c.end = t.end;
      } else if ((k > 0
                  && toks.get(k - 1).has(Kind.PER)
                  && TermTrie.isAsciiLetter(text[toks.get(k - 1).start])
                  && wsGap(toks.get(k - 1).end, t.start)
              || timesBefore(t.start, t.multiplied))
          && t.value.compareTo(BARE_COUNT_MIN) >= 0
          && clauseEndsAt(t.end)) {
        // Premium-quality, per 1,000 | $5,500; followers x 1000 | $2: a count of 100 or more
        // after "per" or "x" that closes its clause (the price is elsewhere)
        c = new Count();
        c.first = k;
        c.last = k;
        c.end = t.end;
      } else if (t.multiplied
          && next != null
          && (next.has(Kind.LOT_ALL) && gapOk(t.end, next.start, 0)
              || wsGap(t.end, next.start) && startsMoney(k + 1) && !isMoneyScale(k))) {
        // a shorthand count before the lot's price: 3000W 打包 2BTC, 学生信息 20万 1.2btc
        c = new Count();
        c.first = k;
        c.last = k;
        c.end = t.end;
      }
      if (c == null
          && (timesAfter(k) // 3 x $25+ Verified acc, 3447 x Scans: a lone sign after the number
              // Spotify Premium Account (x3) | USD 8, Chase bank logs [10x] | $150: a sign inside
              // brackets counts the goods before it
              || bracketTimes(t)
              // 皇朝棋牌79万-8美金, 某平台12万用户-0.08BTC: a shorthand count dashed to a smaller
              // amount of money is the count that money buys, not the low end of a range
              || dashedCount(k)
              // 12万上海各银行…客户资料 | 111.03 [美元], 搜索记录500W，低价甩 | 4.44 [美元]: a
              // title's shorthand count, bought by the row's price when it is the only count
              || titleCount(k))) {
        c = new Count();
        c.first = k;
        c.last = k;
        c.end = t.end;
      }
      if (c == null) {
        continue;
      }
      c.start = t.start;
      c.n = t.value.longValue();
      flag(c, k);
      for (int p = c.first; p <= c.last; p++) {
        role[p] = COUNT;
        countAt[p] = c;
      }
      out.add(c);
      k = c.last;
    }
    return out;
  }

  /**
   * Whether a whole number of at least 2 fills a bracket with a multiplication sign glued to it:
   * (x3), [10x], (×5). Unbracketed glued signs stay model names (X5, x64).
   */
  boolean bracketTimes(Token t) {
    if (!plainCountOfTwo(t) || t.start < 1 || t.end >= text.length) {
      return false;
    }
    int open = t.start - 1;
    int close = t.end;
    if (isTimes(text[open])) {
      open--;
    } else if (isTimes(text[close])) {
      close++;
    } else {
      return false;
    }
    return open >= 0
        && close < text.length
        && (text[open] == '(' && text[close] == ')' || text[open] == '[' && text[close] == ']');
  }

  /**
   * Whether a lone multiplication sign follows the whole number {@code t} (a blank before or not, a
   * blank after): 3 x $25+, 3447 x Scans, 10x accounts. A letter or digit glued after the sign (2
   * x50, 3xl) is no count sign.
   */
  boolean timesAfter(int k) {
    Token t = toks.get(k);
    if (!plainCountOfTwo(t)
        || (t.start > 0 && (text[t.start - 1] == '.' || text[t.start - 1] == ','))) {
      return false;
    }
    int i = t.end;
    if (i < text.length && text[i] == ' ') {
      i++;
    }
    if (i >= text.length || !isTimes(text[i])) {
      return false;
    }
    i++;
    if (i >= text.length || text[i] != ' ') {
      return false;
    }
    // 2 x $10 outside a table row may be two items at $10 each; in a title before the row's
    // price cell (3 x $25+ Verified acc | USD 11.98) the money is what each one holds
    int after = k + 1;
    while (after < toks.size() && toks.get(after).end <= i) {
      after++;
    }
    return after >= toks.size() || !startsMoney(after) || barAfter(i);
  }

  /** A whole number of at least 2 written without a multiplier (3, 10; not 3k, 2.5). */
  private static boolean plainCountOfTwo(Token t) {
    return !t.multiplied && t.value.compareTo(BigDecimal.valueOf(2)) >= 0 && !fractional(t.value);
  }

  /** Whether a cell bar stands anywhere from {@code from} on. */
  private boolean barAfter(int from) {
    for (int j = from; j < text.length; j++) {
      if (text[j] == '|') {
        return true;
      }
    }
    return false;
  }

  private static boolean isTimes(char c) {
    return c == 'x' || c == 'X' || c == '\u00D7';
  }

  /**
   * Whether token k is a shorthand count (79万, 60W, 3k: at least 1,000) glued by a dash to money
   * whose amount, written without a multiplier, is smaller than the count (79万-8美金, 3k-$200).
   */
  boolean dashedCount(int k) {
    Token t = toks.get(k);
    if (!t.multiplied || t.value.compareTo(BigDecimal.valueOf(1000)) < 0 || k + 2 >= toks.size()) {
      return false;
    }
    Token dash = toks.get(k + 1);
    if (!dash.has(Kind.RANGE)
        || dash.end - dash.start != 1
        || text[dash.start] != '-'
        || !gapOk(t.end, dash.start, 0)
        || !gapOk(dash.end, toks.get(k + 2).start, 0)
        || !startsMoney(k + 2)) {
      return false;
    }
    // the money's number is the token after the dash, or after its currency sign ($8); a sign that
    // ends the text has none (某游戏79万-$)
    int at = toks.get(k + 2).isNum() ? k + 2 : k + 3;
    if (at >= toks.size()) {
      return false;
    }
    Token amount = toks.get(at);
    return amount.isNum() && !amount.multiplied && amount.value.compareTo(t.value) < 0;
  }

  /** Whether a multiplication sign (x, ×) stands alone right before {@code start}: x 1000. */
  boolean timesBefore(int start, boolean shorthand) {
    int i = start - 1;
    while (i >= 0 && text[i] == ' ') {
      i--;
    }
    if (i < 0
        || (text[i] != 'x' && text[i] != '\u00D7')
        || i == start - 1 && text[i] == 'x' && !shorthand) {
      return false; // "x1000" glued is left alone: it may be a model name; "x1K" is a count
    }
    return i == 0 || !TermTrie.isAsciiLetter(text[i - 1]) && !Lexer.isAsciiDigit(text[i - 1]);
  }

  /** Whether only blanks stand between {@code from} and the end of the text or of its clause. */
  boolean clauseEndsAt(int from) {
    for (int i = from; i < text.length; i++) {
      if (Normalizer.isSeparator(text, i) || text[i] == ':') {
        return true; // plays x1K: $1, per 1,000: $5,500 (a colon introduces the price)
      }
      if (text[i] != ' ' && text[i] != '\t') {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether token k is a shorthand count (12万, 500W) in the description cell of a price-list row
   * ("title | price"): a whole number of at least 1,000, not part of a range, not money, not over
   * or under a bound (2百万以上), not a flow (每日更新3-5万).
   */
  boolean titleCount(int k) {
    Token t = toks.get(k);
    if (!t.multiplied || t.value.compareTo(BigDecimal.valueOf(1000)) < 0) {
      return false;
    }
    if (!barAfter(t.end)) {
      return false;
    }
    if (k > 0) {
      Token b = toks.get(k - 1);
      if ((b.has(Kind.RANGE) || b.has(Kind.PER) || b.has(Kind.OVER) || b.has(Kind.CURRENCY))
          && gapOk(b.end, t.start, 0)) {
        return false;
      }
    }
    if (k + 1 < toks.size()) {
      Token a = toks.get(k + 1);
      if ((a.has(Kind.RANGE) || a.has(Kind.OVER) || a.has(Kind.CURRENCY) || a.has(Kind.BALANCE))
          && gapOk(t.end, a.start, 1)) {
        return false;
      }
    }
    return true;
  }

  /** Minimum order, free trial, stock on hand: a count that a price does not buy. */
  void flag(Count c, int k) {
    int size = toks.size();
    int after = c.last + 1;
    // 1万条起; but in "$45 per 1k cards minimum 5k" the word opens the next count, not this one
    if (after < size
        && toks.get(after).has(Kind.MIN_ORDER)
        && gapOk(c.end, toks.get(after).start, 1)
        && !(after + 1 < size
            && toks.get(after + 1).isNum()
            && wsGap(toks.get(after).end, toks.get(after + 1).start))) {
      c.minOrder = true;
    }
    int before = k - 1;
    if (before >= 0 && toks.get(before).has(Kind.PER)) {
      before--;
    }
    if (before >= 0
        && (toks.get(before).has(Kind.MIN_ORDER) || toks.get(before).has(Kind.MIN))
        && gapOk(toks.get(before).end, c.start, 2)) {
      c.minOrder = true;
    }
    if ((k > 0 && toks.get(k - 1).has(Kind.TRIAL) && gapOk(toks.get(k - 1).end, c.start, 4))
        || (after < size
            && toks.get(after).has(Kind.TRIAL)
            && gapOk(c.end, toks.get(after).start, 2)
            && noSpace(c.end, toks.get(after).start))) {
      // 200条免费 / 200条试用, written together; after a space a trial word starts another
      // clause (130元2万条 可先试用再付款: try before paying, the 2万条 are sold)
      c.trial = true;
    }
    // 库存10万条, 共有15万个, 1m records available: stock on hand, unless the lot is sold whole
    boolean stockBefore =
        k > 0 && toks.get(k - 1).has(Kind.STOCK) && gapOk(toks.get(k - 1).end, c.start, 2);
    boolean stockAfter =
        after < size && toks.get(after).has(Kind.STOCK) && gapOk(c.end, toks.get(after).start, 1);
    c.stock = (stockBefore || stockAfter) && !sellsTheLot && !c.minOrder && !c.trial;
  }

  /**
   * The goods noun that token {@code k} (a whole number) counts, with words between allowed (40
   * verified Venmo logins, 29万学生信息), or -1. Between them: attribute words and, in English, up to
   * three other words; in Chinese, after a shorthand count (万, w, k), up to four characters. A year
   * (2019 database) counts nothing.
   */
  int goodsAfter(int k) {
    if (!anyToken(Kind.GOODS)) {
      return -1; // no goods noun to count
    }
    Token t = toks.get(k);
    if (isYear(t)) {
      return -1;
    }
    int prevEnd = t.end;
    int words = 0;
    for (int j = k + 1; j < toks.size() && j <= k + 5; j++) {
      Token tj = toks.get(j);
      int w = fillerWords(prevEnd, tj.start, t.multiplied);
      if (w < 0 || (words += w) > 3) {
        return -1;
      }
      if (tj.has(Kind.GOODS)) {
        boolean scaledOnly = (tj.get(Kind.GOODS).flags() & Vocabulary.SCALED) != 0;
        return scaledOnly && !t.multiplied && Lexer.isAsciiDigit(text[t.start]) ? -1 : j;
      }
      if (slashInWord(tj)) {
        prevEnd = tj.end; // 10 x USA CREDIT/DEBIT CARD: the slash joins two alternatives
        continue;
      }
      if (j == k + 1 && tj.start == t.end && tj.end - tj.start == 1 && text[tj.start] == '+') {
        prevEnd = tj.end; // 100+ cards: at least 100, read as 100 (convention 8)
        continue;
      }
      if (tj.type != Token.TERM
          || (tj.kinds & ATTRIBUTE_KINDS) == 0
          || (tj.kinds & ~ATTRIBUTE_KINDS) != 0) {
        return -1;
      }
      prevEnd = tj.end;
    }
    return -1;
  }

  /** Whether the token is a lone slash glued between two English words (credit/debit). */
  boolean slashInWord(Token tj) {
    return tj.end - tj.start == 1
        && text[tj.start] == '/'
        && tj.start > 0
        && tj.end < text.length
        && TermTrie.isAsciiLetter(text[tj.start - 1])
        && TermTrie.isAsciiLetter(text[tj.end]);
  }

  /**
   * How many unknown words stand between two tokens of a counted phrase, or -1 when what stands
   * there is not such words: English words (letters, hyphens, apostrophes), or up to four Chinese
   * characters when {@code cjkAllowed}.
   */
  int fillerWords(int from, int to, boolean cjkAllowed) {
    int words = 0;
    boolean inWord = false;
    int cjk = 0;
    for (int i = from; i < to; i++) {
      char c = text[i];
      if (c == ' ' || c == '\t') {
        inWord = false;
      } else if (TermTrie.isAsciiLetter(c) || c == '-' || c == '\'' || c == '&') {
        if (!inWord) {
          words++;
        }
        inWord = true;
      } else if (c >= '\u3400' && c <= '\u9FFF' && cjkAllowed) {
        if (++cjk > 4) {
          return -1;
        }
      } else {
        return -1;
      }
    }
    return words;
  }

  /** Whether the number is the first half of a money range or compound (2万-3万元 is not a count). */
  boolean isMoneyScale(int k) {
    Token t = toks.get(k);
    return k + 1 < toks.size()
        && toks.get(k + 1).has(Kind.CURRENCY)
        && toks.get(k + 1).get(Kind.CURRENCY).has(Vocabulary.AFTER)
        && wsGap(t.end, toks.get(k + 1).start);
  }

  /** A year as a number (2019 database): four digits from 1990 to 2035, no shorthand. */
  boolean isYear(Token t) {
    if (t.multiplied || t.end - t.start != 4 || !Lexer.isAsciiDigit(text[t.start])) {
      return false;
    }
    int y = t.value.intValue();
    return y >= 1990 && y <= 2035 && t.value.scale() <= 0;
  }
}
