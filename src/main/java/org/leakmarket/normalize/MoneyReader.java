package org.leakmarket.normalize;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.leakmarket.normalize.PriceReader.Count;
import org.leakmarket.normalize.PriceReader.Money;
import org.leakmarket.normalize.PriceReader.Result;
import org.leakmarket.normalize.Vocabulary.Kind;

/**
 * Finds the money of an advert: amounts with a currency (¥5, 5元, 50 USDT, 20 cents), Chinese
 * compounds (三毛五, 一块五, 2块5毛), ranges (0.3-0.5元, 2分到5元, $5-$20, between $15 and $900), and bare
 * numbers that are prices by their position (0.5/条, 每条0.3, 300/万, 1000条/80, 只卖2万). Money that
 * {@link NotPrices} sets aside (balances, ratios, minimum order values) and conversions in brackets
 * (£17 ($25)) are not returned. Linear in the tokens.
 */
final class MoneyReader extends PhraseTokens {
  private static final BigDecimal TENTH = new BigDecimal("0.1");

  private final NotPrices notPrices;

  MoneyReader(PhraseTokens shared, NotPrices notPrices) {
    super(shared);
    this.notPrices = notPrices;
  }

  /** Money with a currency; balances, ratios and minimum order values are set aside in r. */
  List<Money> findMoneys(Result r) {
    List<Money> out = new ArrayList<>();
    int size = toks.size();
    Money restated = null; // the last price or conversion: cells of money after it may restate it
    for (int k = 0; k < size; k++) {
      if (role[k] != FREE) {
        continue;
      }
      Money m = moneyAt(k);
      if (m == null) {
        m = leadingRange(k);
      }
      if (m == null) {
        continue;
      }
      andCents(m);
      trailingRange(m);
      negative(m);
      for (int p = m.first; p <= m.last; p++) {
        role[p] = MONEY;
      }
      k = m.last;
      if (notPrice(m)) {
        continue;
      }
      if (reduction(m)) {
        r.asides.add(new PriceReader.Aside(m.start, m.end, "ignored.reduction"));
        continue;
      }
      if (conversion(m) || cellConversion(restated, m)) {
        r.asides.add(new PriceReader.Aside(m.start, m.end, "ignored.conversion"));
        restated = m;
        continue;
      }
      restated = null;
      if (faceValue(m)) {
        r.asides.add(new PriceReader.Aside(m.start, m.end, "ignored.face_value"));
        continue;
      }
      Money price = denominated(m);
      if (price != null) {
        r.asides.add(new PriceReader.Aside(m.start, m.end, "ignored.denomination"));
        out.add(price);
        k = price.last;
        continue;
      }
      if (notPrices.balanceBefore(m.first)
          || notPrices.balanceAfter(m.last)
          || notPrices.balanceStated(m)) {
        for (int p = m.first; p <= m.last; p++) {
          role[p] = BALANCE;
        }
        r.balances.add(m);
        continue;
      }
      String aside = notPrices.aside(m);
      if (aside != null) {
        r.asides.add(new PriceReader.Aside(m.start, m.end, aside));
        continue;
      }
      out.add(m);
      restated = m;
    }
    return out;
  }

  /**
   * USD 40 | € 34.04 £ 31.03, USD 5.70 | ₿ 0.0021: a market's price cell followed by its
   * conversions. Money in another currency that follows a price (or one of its conversions) with
   * only blanks and cell bars between restates that price; it is not a second price.
   */
  boolean cellConversion(Money prev, Money m) {
    if (prev == null
        || prev.last != m.first - 1
        || prev.defaulted
        || m.defaulted
        || prev.currency == null
        || m.currency == null
        || prev.currency.equals(m.currency)
        || m.high != null) {
      return false;
    }
    boolean bar = false;
    for (int i = prev.end; i < m.start; i++) {
      char c = text[i];
      if (c == '|') {
        bar = true;
      } else if (c != ' ' && c != '\t') {
        return false;
      }
    }
    return bar || prev.first > 0 && restatedCell(prev);
  }

  /** Whether money stands alone in its cell start: only blanks after the cell bar before it. */
  private boolean restatedCell(Money prev) {
    int i = skipBlanksBack(prev.start);
    return i >= 0 && text[i] == '|';
  }

  /**
   * 5欧元68, 10英镑00年148: in a Chinese advert, an amount in a foreign currency with a bare number
   * glued after it (a year of issue between them allowed) that closes the item names the goods by
   * their face value (banknotes, cards of that value); the bare number is their price in the
   * advert's currency. Returns that price, or null.
   */
  private Money denominated(Money m) {
    if (!"CNY".equals(defaultCurrency)
        || m.defaulted
        || m.high != null
        || m.currency == null
        || m.currency.equals(defaultCurrency)
        || m.last + 1 >= toks.size()) {
      return null;
    }
    int k = m.last + 1;
    Token t = toks.get(k);
    if (!t.isNum() || !bareOrCount(k) || t.start != m.end || t.multiplied) {
      return null;
    }
    if (t.end < text.length && text[t.end] == '年' && k + 1 < toks.size()) {
      Token n = toks.get(k + 1); // 10英镑00年148: the year the note was issued, then the price
      if (!n.isNum() || !bareOrCount(k + 1) || n.start != t.end + 1 || n.multiplied) {
        return null;
      }
      k++;
      t = n;
    }
    if (!closesItem(t.end) && !Normalizer.isSeparator(text, Math.min(t.end, text.length - 1))) {
      return null;
    }
    Money p = Money.bare(k, t, defaultCurrency);
    p.faceValued = true;
    for (int q = m.last + 1; q <= k; q++) {
      if (countAt[q] != null) {
        countAt[q].claimed = true; // 68 / 10欧元118: read as a count of the slash, it is a price
        countAt[q] = null;
      }
      role[q] = MONEY;
    }
    return p;
  }

  /** Token k is free, or a count of that number alone (no unit word). */
  private boolean bareOrCount(int k) {
    return role[k] == FREE
        || (role[k] == COUNT
            && countAt[k] != null
            && countAt[k].first == k
            && countAt[k].last == k);
  }

  /** A money expression starting at token k: ¥5, $ 5, 5元, 50 USDT, 三毛五, 一块五, 2块5毛. */
  /**
   * 12 dollars and 57 cents = 12.57: a smaller unit of the same currency (cents) joined by "and" to
   * a whole amount written with its unit after it is part of that amount.
   */
  private void andCents(Money m) {
    int a = m.last + 1;
    if (m.high != null || a + 2 >= toks.size()) {
      return;
    }
    Token and = toks.get(a);
    Token num = toks.get(a + 1);
    Token unit = toks.get(a + 2);
    Vocabulary.Meaning c = unit.get(Kind.CURRENCY);
    if (!and.has(Kind.AND)
        || !num.isNum()
        || role[a] != FREE
        || role[a + 1] != FREE
        || role[a + 2] != FREE
        || c == null
        || !c.has(Vocabulary.AFTER)
        || !c.value().equals(m.currency)
        || c.scale().compareTo(BigDecimal.ONE) >= 0
        || !wsGap(toks.get(m.last).end, and.start)
        || !wsGap(and.end, num.start)
        || !wsGap(num.end, unit.start)) {
      return;
    }
    m.low = m.low.add(num.value.multiply(c.scale()));
    m.last = a + 2;
    m.end = unit.end;
  }

  Money moneyAt(int k) {
    int size = toks.size();
    Token t = toks.get(k);
    if (t.type == Token.TERM) {
      Vocabulary.Meaning cur = t.get(Kind.CURRENCY);
      if (cur == null || !cur.has(Vocabulary.BEFORE) || k + 1 >= size) {
        return null;
      }
      Token num = toks.get(k + 1);
      if (!num.isNum() || role[k + 1] != FREE || !wsGap(t.end, num.start)) {
        return null;
      }
      Money m = money(k, k + 1, num.value.multiply(cur.scale()), cur, t);
      if (k + 2 < size && role[k + 2] == FREE) {
        Token post = toks.get(k + 2);
        Vocabulary.Meaning c2 = post.get(Kind.CURRENCY);
        if (c2 != null
            && c2.has(Vocabulary.AFTER)
            && wsGap(num.end, post.start)
            && c2.value().equals(cur.value())
            && !opensAmount(k + 2)) {
          m.last = k + 2;
          m.end = post.end;
        }
      }
      return m;
    }
    if (!t.isNum() || k + 1 >= size || role[k + 1] != FREE) {
      return null;
    }
    if (measureBeforeCurrency(k) && role[k + 2] == FREE) {
      // 价格为2个BTC: the measure word stands between the number and its currency
      Token c = toks.get(k + 2);
      Vocabulary.Meaning mc = c.get(Kind.CURRENCY);
      return money(k, k + 2, t.value.multiply(mc.scale()), mc, c);
    }
    Token next = toks.get(k + 1);
    if (next.type == Token.UNKNOWN_CURRENCY && wsGap(t.end, next.start)) {
      Money m = new Money();
      m.first = k;
      m.last = k + 1;
      m.start = t.start;
      m.end = next.end;
      m.low = t.value;
      m.currency = next.code;
      m.unknown = true;
      m.currencyStart = next.start;
      m.currencyEnd = next.end;
      return m;
    }
    Vocabulary.Meaning cur = next.get(Kind.CURRENCY);
    if (cur == null
        || !cur.has(Vocabulary.AFTER)
        || !(wsGap(t.end, next.start) || bracketedUnit(t.end, next) || closedBefore(t.end, next))) {
      return null;
    }
    if (opensAmount(k + 1)) {
      return null; // 0.75$ is money; in "$5 $10" the second $ opens its own amount
    }
    Money m = money(k, k + 1, t.value.multiply(cur.scale()), cur, next);
    m.start = t.start;
    if (t.rangeLow != null) {
      // 四五百元: a numeral naming a range by two adjacent digits is a range of money
      m.high = m.low;
      m.low = t.rangeLow.multiply(cur.scale());
      return m;
    }
    BigDecimal scale = cur.scale();
    // Chinese compounds: 三毛五 = 0.35, 一块五 = 1.5, 2块5毛 = 2.5
    while ("CNY".equals(m.currency) && m.last + 1 < size && role[m.last + 1] == FREE) {
      Token a = toks.get(m.last + 1);
      if (!a.isNum() || a.start != toks.get(m.last).end) {
        break;
      }
      Token b = m.last + 2 < size ? toks.get(m.last + 2) : null;
      Vocabulary.Meaning bc = b == null || b.start != a.end ? null : b.get(Kind.CURRENCY);
      if (bc != null
          && "CNY".equals(bc.value())
          && bc.scale().compareTo(scale) < 0
          && role[m.last + 2] == FREE) {
        m.low = m.low.add(a.value.multiply(bc.scale()));
        scale = bc.scale();
        m.last += 2;
        m.end = b.end;
        continue;
      }
      boolean followedByUnit =
          b != null && b.start == a.end && (b.has(Kind.COUNT) || b.has(Kind.CURRENCY));
      if (a.singleDigit && scale.compareTo(TENTH) >= 0 && !followedByUnit && !oneOfAUnit(a)) {
        m.low = m.low.add(a.value.multiply(scale).movePointLeft(1));
        m.last += 1;
        m.end = a.end;
      }
      break;
    }
    return m;
  }

  /**
   * 300元一年, 50元一单, 0.5元一次, 300元两年: 一 or 两 right after the money, followed by a word that is no
   * numeral, counts the unit the price is for, and is no tenth (一块五 = 1.5, but not 300元一年 = 300.1).
   */
  private boolean oneOfAUnit(Token a) {
    char d = text[a.start];
    if (a.end - a.start != 1 || (d != '一' && d != '两') || a.end >= text.length) {
      return false;
    }
    char c = text[a.end];
    return c >= '\u3400' && c <= '\u9FFF' && !Lexer.isChineseNumeral(c);
  }

  /**
   * 1.11 [美元], 1 [BTC], 20 (USD): a currency in brackets after the number, as market tables and
   * exports print their unit; only blanks before the opening bracket, the closing one right after.
   */
  boolean bracketedUnit(int numEnd, Token cur) {
    int open = cur.start - 1;
    if (open < numEnd || cur.end >= text.length || !plain(numEnd, open)) {
      return false;
    }
    for (int i = numEnd; i < open; i++) {
      if (text[i] != ' ' && text[i] != '\t') {
        return false;
      }
    }
    char o = text[open];
    char c = text[cur.end];
    return (o == '[' && c == ']') || (o == '(' && c == ')') || (o == '（' && c == '）');
  }

  /**
   * （2000到3200）RMB: the amount closes a bracket and its currency follows the bracket; only the
   * closing bracket and blanks between, and the currency a code or word, not a glued unit.
   */
  boolean closedBefore(int numEnd, Token cur) {
    boolean closed = false;
    for (int i = numEnd; i < cur.start; i++) {
      char c = text[i];
      if ((c == ')' || c == '）') && !closed) {
        closed = true;
      } else if (c != ' ' && c != '\t') {
        return false;
      }
    }
    return closed && cur.end - cur.start > 1;
  }

  Money money(int first, int last, BigDecimal amount, Vocabulary.Meaning cur, Token curTok) {
    Money m = new Money();
    m.first = first;
    m.last = last;
    m.start = toks.get(first).start;
    m.end = toks.get(last).end;
    m.low = amount;
    m.scale = cur.scale();
    m.currency = cur.value();
    m.currencyStart = curTok.start;
    m.currencyEnd = curTok.end;
    m.currencyRule = cur.rule();
    return m;
  }

  /**
   * -0.10$ from the cost, -$5 off: a signed amount taken from a price is a reduction, not a price.
   */
  private boolean reduction(Money m) {
    if (m.low == null || m.low.signum() >= 0) {
      return false;
    }
    int i = skipBlanks(m.end);
    return startsWord(i, "from") || startsWord(i, "off");
  }

  private boolean startsWord(int i, String w) {
    int e = i + w.length();
    return e <= text.length
        && String.valueOf(text, i, w.length()).equals(w)
        && (e == text.length || !Character.isLetter(text[e]));
  }

  /**
   * 保证金1000元, deposit over $500: money named as something other than a price (kept out of the
   * offers), the word before it with at most qualifiers between (over, more than); or a word that
   * may follow its amount (£15 skip: the order value a method skips).
   */
  boolean notPrice(Money m) {
    if (!anyToken(Kind.NOT_PRICE)) {
      return false; // no word that names money otherwise (both readings below need one)
    }
    // The first deposit of a new user created is $50: a copula's subject names the sum
    return namedNotPrice(m) || notPrices.paymentStated(m);
  }

  private boolean namedNotPrice(Money m) {
    int a = m.last + 1;
    if (a < toks.size()) {
      Vocabulary.Meaning after = toks.get(a).get(Kind.NOT_PRICE);
      if (after != null && after.has(Vocabulary.AFTER) && gapOk(m.end, toks.get(a).start, 0)) {
        return true;
      }
    }
    int end = m.start;
    for (int b = m.first - 1; b >= 0 && b >= m.first - 3; b--) {
      Token before = toks.get(b);
      if (!gapOk(before.end, end, 2)) {
        return false;
      }
      if (before.has(Kind.NOT_PRICE)) {
        return true;
      }
      if ((before.kinds & QUALIFIER_KINDS) == 0 && !before.has(Kind.OVER)) {
        return false;
      }
      end = before.start;
    }
    return false;
  }

  /**
   * £17 ($25): money in brackets right after other money (or a balance) restates it in another
   * currency; it is not a second price.
   */
  boolean conversion(Money m) {
    int open = skipBlanksBack(m.start);
    // 1,000 美元(约 7,800 港元): an approximation word may open the bracket
    if (open >= 1 && text[open] == '约' && text[open - 1] == '(') {
      open -= 1;
    } else if (open >= 2 && text[open] == '合' && text[open - 1] == '约' && text[open - 2] == '(') {
      open -= 2;
    }
    if (open < 0 || text[open] != '(' || m.first == 0) {
      return false;
    }
    int close = skipBlanks(m.end);
    if (close >= text.length || text[close] != ')') {
      return false;
    }
    int before = m.first - 1;
    int prevEnd = skipBlanksBack(open) + 1;
    return toks.get(before).end == prevEnd && (role[before] == MONEY || role[before] == BALANCE);
  }

  /**
   * 50元打100元 (a prepaid card's seller: pay 50 for 100 of credit): money glued after 打 that is glued
   * after other money is the face value the price buys, not a second price.
   */
  private boolean faceValue(Money m) {
    int b = m.first - 1;
    return b >= 0
        && role[b] == MONEY
        && m.start >= 1
        && text[m.start - 1] == '打'
        && toks.get(b).end == m.start - 1;
  }

  /**
   * 0.3-0.5元, 3-5毛, 2000-3000元: a bare number, a range word, then money; also between a bare number
   * and money (between 30 and 60 dollars: the currency written after the high bound only).
   */
  Money leadingRange(int k) {
    if (!anyToken(Kind.RANGE) && !anyToken(Kind.BETWEEN)) {
      return null;
    }
    int size = toks.size();
    Token t = toks.get(k);
    if (!t.isNum()
        || k + 2 >= size
        || !(toks.get(k + 1).has(Kind.RANGE)
            || toks.get(k + 1).has(Kind.AND)
                && k > 0
                && toks.get(k - 1).has(Kind.BETWEEN)
                && gapOk(toks.get(k - 1).end, t.start, 0))
        || !wsGap(t.end, toks.get(k + 1).start)
        || !wsGap(toks.get(k + 1).end, toks.get(k + 2).start)
        || role[k + 2] != FREE) {
      return null;
    }
    Money hi = moneyAt(k + 2);
    if (hi == null || !toks.get(k + 2).isNum()) {
      return null;
    }
    if (t.value.multiply(hi.scale).compareTo(hi.low) > 0) {
      // 皇朝棋牌79万-8美金, dumps 101 - 35€: a number joined by a dash to a smaller amount is the count
      // the price buys or a code of the goods, not the low bound of a range (no seller writes a
      // range high to low)
      return null;
    }
    hi.high = hi.low;
    hi.low = t.value.multiply(hi.scale);
    hi.first = k;
    hi.start = t.start;
    order(hi);
    return hi;
  }

  /** 2分到5元, $5-$20, $5-20, from $5 to $20, as little as 20 cents to $30, between $15 and $900. */
  void trailingRange(Money m) {
    if (!anyToken(Kind.RANGE) && !anyToken(Kind.AND)) {
      return; // no range word, no "and" after between: no high bound
    }
    int size = toks.size();
    int r = m.last + 1;
    // 7pence ($0.10) to £17: a conversion in brackets between the low bound and "to"
    int open = skipBlanks(m.end);
    if (m.high == null && open < text.length && text[open] == '(') {
      int close = open + 1;
      while (close < text.length && text[close] != ')' && !Normalizer.isSeparator(text, close)) {
        close++;
      }
      if (close < text.length && text[close] == ')') {
        int skip = r;
        while (skip < size && toks.get(skip).start < close) {
          skip++;
        }
        if (skip + 1 < size && toks.get(skip).has(Kind.RANGE) && skip > r) {
          Money inside = moneyAt(r);
          if (inside != null && inside.last == skip - 1 && !inside.currency.equals(m.currency)) {
            m.end = close + 1; // the range's text runs over the bracket
            r = skip;
            m.last = skip - 1;
          }
        }
      }
    }
    if (m.high != null
        || r + 1 >= size
        || !(toks.get(r).has(Kind.RANGE) || toks.get(r).has(Kind.AND) && afterBetween(m))
        || !wsGap(m.end, toks.get(r).start)
        || !wsGap(toks.get(r).end, toks.get(r + 1).start)
        || role[r + 1] != FREE) {
      return;
    }
    Money hi = moneyAt(r + 1);
    if (hi != null) {
      if (!hi.currency.equals(m.currency)) {
        return;
      }
      m.high = hi.low;
      m.last = hi.last;
      m.end = hi.end;
    } else {
      Token num = toks.get(r + 1);
      if (!num.isNum()) {
        return;
      }
      Token after = r + 2 < size ? toks.get(r + 2) : null;
      if (after != null
          && after.start == num.end
          && (after.has(Kind.COUNT) || after.has(Kind.CURRENCY))) {
        return;
      }
      if (num.end < text.length && (text[num.end] == '年' || text[num.end] == '月')) {
        return; // 8美金-19年7月脱裤: a date after the dash (when the data was taken), no high bound
      }
      m.high = num.value.multiply(m.scale);
      m.last = r + 1;
      m.end = num.end;
    }
    order(m);
  }

  /** Whether "between" (介于) stands right before the money: its "and" closes a range. */
  boolean afterBetween(Money m) {
    if (m.first == 0) {
      return false;
    }
    Token b = toks.get(m.first - 1);
    return b.has(Kind.BETWEEN) && gapOk(b.end, m.start, 0);
  }

  static void order(Money m) {
    if (m.high != null && m.high.compareTo(m.low) < 0) {
      BigDecimal t = m.low;
      m.low = m.high;
      m.high = t;
    }
  }

  /** -5元: a minus sign glued to the money and not part of a range. */
  void negative(Money m) {
    if (m.high != null || m.first == 0) {
      return;
    }
    Token dash = toks.get(m.first - 1);
    if (dash.end != m.start || dash.end - dash.start != 1 || text[dash.start] != '-') {
      return;
    }
    if (dash.start > 0 && text[dash.start - 1] == '-') {
      return; // $200-------$3,000: the last dash of a leader line, no minus sign
    }
    if (m.first >= 2) {
      Token before = toks.get(m.first - 2);
      if ((before.isNum() || role[m.first - 2] != FREE || before.has(Kind.GOODS))
          && wsGap(before.end, dash.start)) {
        return;
      }
    }
    m.low = m.low.negate();
    m.start = dash.start;
    m.first -= 1;
  }

  /**
   * Numbers with no currency that are prices by their position: 0.5/条, 300/万, 每条0.3, 1000条/80, 只卖2万
   * (in the advert's currency).
   */
  List<Money> findBareMoneys() {
    List<Money> out = new ArrayList<>();
    int size = toks.size();
    for (int k = 0; k < size; k++) {
      Token t = toks.get(k);
      if (!t.isNum() || role[k] != FREE || t.value.precision() - t.value.scale() >= 7) {
        continue;
      }
      if (yearAfterPreposition(t)) {
        continue; // $6 to $10 each in 2011: the year of the report, not a price
      }
      Token next = k + 1 < size ? toks.get(k + 1) : null;
      if (next != null
          && next.has(Kind.RANGE)
          && k + 2 < size
          && role[k + 2] == COUNT
          && countAt[k + 2].first == k + 2
          && wsGap(t.end, next.start)
          && wsGap(next.end, toks.get(k + 2).start)) {
        continue; // 一人可操作2-5笔贷款: the low end of a range of counts, no price
      }
      int last = -1;
      BigDecimal high = null;
      if (next != null && next.has(Kind.EACH) && wsGap(t.end, next.start)) {
        last = k;
      } else if (next != null
          && next.has(Kind.PER)
          && k + 2 < size
          && role[k + 2] == COUNT
          && countAt[k + 2].first == k + 2
          && wsGap(t.end, next.start)) {
        last = k;
      } else if (next != null
          && next.has(Kind.RANGE)
          && k + 3 < size
          && toks.get(k + 2).isNum()
          && role[k + 2] == FREE
          && toks.get(k + 3).has(Kind.EACH)
          && wsGap(t.end, next.start)) {
        last = k + 2;
        high = toks.get(k + 2).value;
      } else if (followedByFrom(k)) {
        last = k; // 全场5连1999起: a bare amount with 起 glued after it is a "from" price
      } else if ((precededByEach(k) || precededByCount(k) || precededByCue(k) || followedByCue(k))
          && !measuresOther(k)) {
        last = k;
        if (precededByCue(k)
            && next != null
            && next.has(Kind.RANGE)
            && k + 2 < size
            && toks.get(k + 2).isNum()
            && role[k + 2] == FREE
            && wsGap(t.end, next.start)
            && wsGap(next.end, toks.get(k + 2).start)) {
          // 价格再68到150之间: a range of bare amounts after a price word
          last = k + 2;
          high = toks.get(k + 2).value;
        }
      }
      if (last < 0) {
        continue;
      }
      int result = high == null && last == k ? formulaResult(k) : -1;
      Money m = new Money();
      m.first = k;
      m.last = result > 0 ? result : last;
      m.start = t.start;
      m.end = toks.get(m.last).end;
      m.low = result > 0 ? toks.get(result).value : t.value;
      last = m.last;
      m.high = high;
      m.currency = defaultCurrency;
      m.defaulted = true;
      order(m);
      for (int p = k; p <= last; p++) {
        role[p] = MONEY;
      }
      out.add(m);
      k = last;
    }
    return out;
  }

  /**
   * The other items of a Chinese price menu whose items write a currency or a price word on some
   * prices only (云短信呼 300RMB 云骂人呼叫接听后可骂人400 无限电话轰450; 暗网教程188 带教…): a bare number glued after the
   * words of its item and closing it (whitespace, a bracket, a slash or the end follows) is that
   * item's price in the advert's currency. Called only when the advert names money with a currency
   * or a price word elsewhere, so a lone number in prose stays no price.
   */
  List<Money> findMenuMoneys() {
    List<Money> out = new ArrayList<>();
    for (int k = 0; k < toks.size(); k++) {
      Token t = toks.get(k);
      if (!t.isNum()
          || role[k] != FREE
          || t.multiplied
          || t.value.signum() <= 0
          || t.value.precision() - t.value.scale() >= 6
          || t.start == 0
          || Character.UnicodeScript.of(text[t.start - 1]) != Character.UnicodeScript.HAN
          || !closesItem(t.end)
          || (k > 0 && toks.get(k - 1).end == t.start && !namesGoods(toks.get(k - 1)))) {
        continue;
      }
      Money m = Money.bare(k, t, defaultCurrency);
      role[k] = MONEY;
      out.add(m);
    }
    return out;
  }

  /**
   * Whether a menu item ends at {@code end}: the text ends, or whitespace, a bracket or / follows.
   */
  private boolean closesItem(int end) {
    if (end >= text.length) {
      return true;
    }
    char c = text[end];
    return c == ' ' || c == '\t' || c == ')' || c == '）' || c == '/' || c == ']' || c == '】';
  }

  /**
   * A market table row whose price cell is a bare amount written as money (`| 2.50 |`, `| 12.00
   * |`): a number with exactly two decimals filling a cell of its own is the row's price, in the
   * advert's currency. Read only when the row names no other money, so a listing ID, a date or a
   * count cell (no decimals) is never taken.
   */
  List<Money> findCellMoneys() {
    if (!bars) {
      return List.of(); // fillsCell needs a bar
    }
    List<Money> out = new ArrayList<>();
    for (int k = 0; k < toks.size(); k++) {
      Token t = toks.get(k);
      if (!t.isNum() || role[k] != FREE || !moneyForm(t) || !fillsCell(t)) {
        continue;
      }
      Money m = Money.bare(k, t, defaultCurrency);
      order(m);
      role[k] = MONEY;
      out.add(m);
    }
    return out.size() == 1 ? out : List.of();
  }

  /**
   * The last cell of a price-list row when it is a bare number alone and the row's other money is
   * written inside words (a balance, a transfer limit): "Visa US Card | ... with $5,000 balance ...
   * | 150" prices the row in the currency of that money. Null when the last cell holds anything
   * else, when some money fills a cell alone ("$565.00 | 3": the bare cell is then a count), or
   * when the row names no money at all.
   */
  Money lastCellMoney(List<Money> moneys, List<Money> balances) {
    if (!bars) {
      return null; // fillsCell needs a bar
    }
    Money named = !moneys.isEmpty() ? moneys.get(0) : balances.isEmpty() ? null : balances.get(0);
    if (named == null || named.defaulted || named.unknown) {
      return null;
    }
    for (Money m : moneys) {
      if (aloneInCell(m.start, m.end)) {
        return null;
      }
    }
    int k = toks.size() - 1;
    if (k < 0) {
      return null;
    }
    Token t = toks.get(k);
    if (!t.isNum() || role[k] != FREE || t.value.signum() <= 0 || !fillsCell(t) || yearLike(t)) {
      return null;
    }
    for (Money m : moneys) {
      if (m.start > t.start) {
        return null;
      }
    }
    Money m = new Money();
    m.first = k;
    m.last = k;
    m.start = t.start;
    m.end = t.end;
    m.low = t.value;
    m.currency = named.currency;
    m.defaulted = true;
    order(m);
    role[k] = MONEY;
    return m;
  }

  private boolean yearLike(Token t) {
    return t.end - t.start == 4
        && t.value.scale() <= 0
        && t.value.intValue() >= 1900
        && t.value.intValue() <= 2099;
  }

  /** Whether the span is the only content (letters, digits) of its '|' cell. */
  private boolean aloneInCell(int start, int end) {
    for (int i = start - 1; i >= 0 && text[i] != '|'; i--) {
      if (Character.isLetterOrDigit(text[i])) {
        return false;
      }
    }
    for (int i = end; i < text.length && text[i] != '|'; i++) {
      if (Character.isLetterOrDigit(text[i])) {
        return false;
      }
    }
    return true;
  }

  private boolean moneyForm(Token t) {
    int dot = t.end - 3;
    if (dot <= t.start || text[dot] != '.') {
      return false;
    }
    for (int i = t.start; i < t.end; i++) {
      if (i != dot && (text[i] < '0' || text[i] > '9')) {
        return false;
      }
    }
    return true;
  }

  private boolean fillsCell(Token t) {
    int b = t.start - 1;
    while (b >= 0 && text[b] == ' ') {
      b--;
    }
    int a = t.end;
    while (a < text.length && text[a] == ' ') {
      a++;
    }
    return b >= 0 && text[b] == '|' && (a == text.length || text[a] == '|');
  }

  private static final java.util.Set<String> YEAR_PREPOSITIONS =
      java.util.Set.of("in", "since", "until", "of", "during");

  /**
   * 2011 in "each in 2011": four plain digits of a year right after in, since, until, of, during.
   */
  private boolean yearAfterPreposition(Token t) {
    if (t.end - t.start != 4 || t.value.scale() > 0) {
      return false;
    }
    for (int k = t.start; k < t.end; k++) {
      if (!Lexer.isAsciiDigit(text[k])) {
        return false;
      }
    }
    int year = t.value.intValue();
    if (year < 1990 || year > 2039) {
      return false;
    }
    int e = t.start;
    while (e > 0 && text[e - 1] == ' ') {
      e--;
    }
    int s = e;
    while (s > 0 && Character.isLetter(text[s - 1])) {
      s--;
    }
    return e > s && YEAR_PREPOSITIONS.contains(String.valueOf(text, s, e - s).toLowerCase());
  }

  boolean precededByEach(int k) {
    int end = toks.get(k).start;
    for (int b = k - 1; b >= 0 && b >= k - 3; b--) {
      Token tb = toks.get(b);
      if (!gapOk(tb.end, end, 3)) {
        return false;
      }
      if ((tb.kinds & QUALIFIER_KINDS) != 0 || tb.has(Kind.PRICE_CUE)) {
        end = tb.start;
        continue;
      }
      return tb.has(Kind.EACH) && role[b] == FREE;
    }
    return false;
  }

  /**
   * 一个109级, 开通25个月: a bare number with a Chinese word glued after it that the vocabulary does not
   * know measures something else (a level, an age, a count of followers), so it is no amount of
   * money even after 一个 or 价格.
   */
  boolean measuresOther(int k) {
    int end = toks.get(k).end;
    if (end >= text.length
        || Character.UnicodeScript.of(text[end]) != Character.UnicodeScript.HAN) {
      return false;
    }
    return k + 1 >= toks.size() || toks.get(k + 1).start != end;
  }

  /**
   * 1999起 at the end of a clause: a bare number followed by the 起 that makes a price a "from" price
   * (price_words.tsv flag price_from), in an advert written in Chinese.
   */
  boolean followedByFrom(int k) {
    if (k + 1 >= toks.size() || !"CNY".equals(defaultCurrency)) {
      return false;
    }
    Token t = toks.get(k);
    Token ta = toks.get(k + 1);
    Vocabulary.Meaning mo = ta.get(Kind.MIN_ORDER);
    if (mo == null || !mo.has(Vocabulary.PRICE_FROM) || ta.start != t.end || t.multiplied) {
      return false;
    }
    int end = ta.end;
    return end == text.length || Normalizer.isSeparator(text, end);
  }

  /** 只卖2万, 售价：500: a bare number right after a word that says a price follows. */
  boolean precededByCue(int k) {
    if (k == 0) {
      return false;
    }
    Token tb = toks.get(k - 1);
    return tb.has(Kind.PRICE_CUE)
        && !tb.get(Kind.PRICE_CUE).has(Vocabulary.AFTER)
        && gapOk(tb.end, toks.get(k).start, 1);
  }

  /**
   * 价格为 500×(1+1)=1000: the index of the number after '=' that closes an arithmetic expression
   * (digits, spaces, brackets and + - × * / signs only, one sign at least) opened by the price
   * token {@code k}: the result is the price. Else -1.
   */
  private int formulaResult(int k) {
    int i = toks.get(k).end;
    boolean sign = false;
    while (i < text.length && text[i] != '=') {
      char c = text[i];
      if (c == '×' || c == '*' || c == '+' || c == '-' || c == '/') {
        sign = true;
      } else if (!(Lexer.isAsciiDigit(c) || c == ' ' || c == '(' || c == ')' || c == '.')) {
        return -1;
      }
      i++;
    }
    if (!sign || i >= text.length) {
      return -1;
    }
    int j = k + 1;
    while (j < toks.size() && toks.get(j).start < i) {
      Token tj = toks.get(j);
      boolean signTerm = !tj.isNum() && tj.end - tj.start == 1 && text[tj.start] == '+';
      if (!signTerm && (!tj.isNum() || role[j] != FREE)) {
        return -1;
      }
      j++;
    }
    if (j >= toks.size() || !toks.get(j).isNum() || role[j] != FREE) {
      return -1;
    }
    for (int g = i + 1; g < toks.get(j).start; g++) {
      if (text[g] != ' ') {
        return -1;
      }
    }
    return j;
  }

  /** 暗网教程188: a word glued before a menu price that only names the goods (products.tsv). */
  private static boolean namesGoods(Token t) {
    return t.type == Token.TERM && t.kinds == 1 << Kind.PRODUCT.ordinal();
  }

  /**
   * 数据0.0003出, 50賣你: a bare number with a sale verb glued after it; 600每周 1000每月: a plain number
   * with the period of a service glued after it.
   */
  boolean followedByCue(int k) {
    if (k + 1 >= toks.size()) {
      return false;
    }
    Token ta = toks.get(k + 1);
    Vocabulary.Meaning cue = ta.get(Kind.PRICE_CUE);
    return cue != null
        && cue.has(Vocabulary.AFTER)
        && ta.start == toks.get(k).end
        && !(cue.has(Vocabulary.PERIOD) && toks.get(k).multiplied);
  }

  boolean precededByCount(int k) {
    int b = k - 1;
    if (b >= 0 && toks.get(b).has(Kind.PER) && gapOk(toks.get(b).end, toks.get(k).start, 0)) {
      b--;
    }
    if (b < 0 || role[b] != COUNT) {
      return false;
    }
    Count c = countAt[b];
    if (!pairable(c) || !gapOk(c.end, toks.get(k).start, 1)) {
      return false;
    }
    // a bare number after a count is a price only when the clause ends there (10万条2000)
    int end = toks.get(k).end;
    return (end == text.length || text[end] == ' ' || Normalizer.isSeparator(text, end))
        && !percentAt(end);
  }

  /**
   * Whether a percent sign follows from {@code end}, after the decimal part of a number that the
   * lexer left out (4,661 credit cards (98,5% were Mastercard): a share, never a price).
   */
  boolean percentAt(int end) {
    int i = end;
    if (i + 1 < text.length
        && (text[i] == ',' || text[i] == '.')
        && Lexer.isAsciiDigit(text[i + 1])) {
      i++;
      while (i < text.length && Lexer.isAsciiDigit(text[i])) {
        i++;
      }
    }
    while (i < text.length && text[i] == ' ') {
      i++;
    }
    return i < text.length && (text[i] == '%' || text[i] == '\uFF05');
  }
}
