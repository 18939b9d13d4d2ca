package org.leakmarket.normalize;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.leakmarket.normalize.Vocabulary.Kind;
import org.leakmarket.vocab.Qualifier;

/**
 * Reads the price points of an advert from its tokens: money expressions (with currency, Chinese
 * compounds like 三毛五, ranges), counts (10万条, 10k), and how they pair up: per record (每条, /条, each),
 * bundles in either order (2000元10万条, 10万条2000元, 每万条600元, $300 for 10k, 110 USDT for 5,000, 10,000
 * cards - $580, 十万条业主资料只要八千元), qualifiers (最高, up to, from, 起). Minimum orders and free trials are
 * recognised and kept out of the pairing. Linear in the number of tokens.
 */
final class PriceReader {

  /** An amount of money as written (a range has {@code high}). */
  static final class Money {
    int first;
    int last;
    int start;
    int end;
    BigDecimal low;
    BigDecimal high;
    BigDecimal scale = BigDecimal.ONE;
    String currency;
    boolean defaulted;
    boolean unknown;
    int currencyStart = -1;
    int currencyEnd = -1;

    /** The evidence rule of the currency word (currency.CNY), null when defaulted or unknown. */
    String currencyRule;
  }

  /** A number of records as written. */
  static final class Count {
    int first;
    int last;
    int start;
    int end;
    long n;
    boolean minOrder;
    boolean trial;
    boolean claimed;
  }

  /** One price point: money, and the count it buys (null: one record). */
  static final class Point {
    Money money;
    Count count;
    String rule;
    int start;
    int end;
    Qualifier qualifier;
    int qualStart = -1;
    int qualEnd = -1;
  }

  static final class Result {
    final List<Point> points = new ArrayList<>();
    final List<Count> ignored = new ArrayList<>();
  }

  private static final BigDecimal TENTH = new BigDecimal("0.1");

  /** The smallest bare number (no unit) read as a count after "price for" (110 USDT for 5,000). */
  private static final BigDecimal BARE_COUNT_MIN = BigDecimal.valueOf(100);

  /** Attribute words that may stand between a count and its price (十万条业主资料只要八千元). */
  private static final int ATTRIBUTE_KINDS =
      1 << Kind.CATEGORY.ordinal()
          | 1 << Kind.TIER.ordinal()
          | 1 << Kind.FRESHNESS.ordinal()
          | 1 << Kind.ISSUER.ordinal()
          | 1 << Kind.REGION.ordinal();

  private static final int FREE = 0;
  private static final int MONEY = 1;
  private static final int COUNT = 2;

  private final List<Token> toks;
  private final char[] text;
  private final String defaultCurrency;
  private final int[] role;
  private final Count[] countAt;
  private final boolean[] claimedEach;

  private PriceReader(List<Token> toks, char[] text, String defaultCurrency) {
    this.toks = toks;
    this.text = text;
    this.defaultCurrency = defaultCurrency;
    this.role = new int[toks.size()];
    this.countAt = new Count[toks.size()];
    this.claimedEach = new boolean[toks.size()];
  }

  static Result read(List<Token> toks, char[] text, String defaultCurrency) {
    return new PriceReader(toks, text, defaultCurrency).run();
  }

  private Result run() {
    Result r = new Result();
    List<Count> counts = findCounts();
    for (Count c : counts) {
      if (c.minOrder || c.trial) {
        r.ignored.add(c);
      }
    }
    List<Money> moneys = findMoneys();
    moneys.addAll(findBareMoneys());
    moneys.sort(Comparator.comparingInt(m -> m.start));
    for (Money m : moneys) {
      r.points.add(pair(m));
    }
    return r;
  }

  // ---- counts ----------------------------------------------------------------------------

  private List<Count> findCounts() {
    List<Count> out = new ArrayList<>();
    int size = toks.size();
    for (int k = 0; k < size; k++) {
      Token t = toks.get(k);
      if (!t.isNum()
          || t.value.signum() <= 0
          || (t.value.scale() > 0 && t.value.stripTrailingZeros().scale() > 0)) {
        continue;
      }
      Count c = null;
      Token next = k + 1 < size ? toks.get(k + 1) : null;
      if (next != null && next.has(Kind.COUNT) && wsGap(t.end, next.start)) {
        c = new Count();
        c.first = k;
        c.last = k + 1;
        c.end = next.end;
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
      }
      if (c == null) {
        continue;
      }
      c.start = t.start;
      c.n = t.value.longValue();
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
      for (int p = c.first; p <= c.last; p++) {
        role[p] = COUNT;
        countAt[p] = c;
      }
      out.add(c);
      k = c.last;
    }
    return out;
  }

  /** Whether token k ends a money expression with an explicit currency (110 USDT, $580). */
  private boolean endsMoney(int k) {
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
  private boolean startsMoney(int k) {
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
    return cur != null && cur.has(Vocabulary.AFTER) && wsGap(t.end, n.start);
  }

  // ---- money -----------------------------------------------------------------------------

  private List<Money> findMoneys() {
    List<Money> out = new ArrayList<>();
    int size = toks.size();
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
      trailingRange(m);
      negative(m);
      for (int p = m.first; p <= m.last; p++) {
        role[p] = MONEY;
      }
      if (!notPrice(m)) {
        out.add(m);
      }
      k = m.last;
    }
    return out;
  }

  /** A money expression starting at token k: ¥5, $ 5, 5元, 50 USDT, 三毛五, 一块五, 2块5毛. */
  private Money moneyAt(int k) {
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
            && c2.value().equals(cur.value())) {
          m.last = k + 2;
          m.end = post.end;
        }
      }
      return m;
    }
    if (!t.isNum() || k + 1 >= size || role[k + 1] != FREE) {
      return null;
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
    if (cur == null || !cur.has(Vocabulary.AFTER) || !wsGap(t.end, next.start)) {
      return null;
    }
    Money m = money(k, k + 1, t.value.multiply(cur.scale()), cur, next);
    m.start = t.start;
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
      if (a.singleDigit && scale.compareTo(TENTH) >= 0 && !followedByUnit) {
        m.low = m.low.add(a.value.multiply(scale).movePointLeft(1));
        m.last += 1;
        m.end = a.end;
      }
      break;
    }
    return m;
  }

  private Money money(
      int first, int last, BigDecimal amount, Vocabulary.Meaning cur, Token curTok) {
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

  /** 保证金1000元: money named as something other than a price (kept out of the offers). */
  private boolean notPrice(Money m) {
    if (m.first == 0) {
      return false;
    }
    Token before = toks.get(m.first - 1);
    return before.has(Kind.NOT_PRICE) && gapOk(before.end, m.start, 2);
  }

  /** 0.3-0.5元, 3-5毛, 2000-3000元: a bare number, a range word, then money. */
  private Money leadingRange(int k) {
    int size = toks.size();
    Token t = toks.get(k);
    if (!t.isNum()
        || k + 2 >= size
        || !toks.get(k + 1).has(Kind.RANGE)
        || !wsGap(t.end, toks.get(k + 1).start)
        || !wsGap(toks.get(k + 1).end, toks.get(k + 2).start)
        || role[k + 2] != FREE) {
      return null;
    }
    Money hi = moneyAt(k + 2);
    if (hi == null || !toks.get(k + 2).isNum()) {
      return null;
    }
    hi.high = hi.low;
    hi.low = t.value.multiply(hi.scale);
    hi.first = k;
    hi.start = t.start;
    order(hi);
    return hi;
  }

  /** 2分到5元, $5-$20, $5-20, from $5 to $20. */
  private void trailingRange(Money m) {
    int size = toks.size();
    int r = m.last + 1;
    if (m.high != null
        || r + 1 >= size
        || !toks.get(r).has(Kind.RANGE)
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
      m.high = num.value.multiply(m.scale);
      m.last = r + 1;
      m.end = num.end;
    }
    order(m);
  }

  private static void order(Money m) {
    if (m.high != null && m.high.compareTo(m.low) < 0) {
      BigDecimal t = m.low;
      m.low = m.high;
      m.high = t;
    }
  }

  /** -5元: a minus sign glued to the money and not part of a range. */
  private void negative(Money m) {
    if (m.high != null || m.first == 0) {
      return;
    }
    Token dash = toks.get(m.first - 1);
    if (dash.end != m.start || dash.end - dash.start != 1 || text[dash.start] != '-') {
      return;
    }
    if (m.first >= 2) {
      Token before = toks.get(m.first - 2);
      if ((before.isNum() || role[m.first - 2] != FREE) && wsGap(before.end, dash.start)) {
        return;
      }
    }
    m.low = m.low.negate();
    m.start = dash.start;
    m.first -= 1;
  }

  /** Numbers with no currency that are prices by their position: 0.5/条, 300/万, 每条0.3, 1000条/80. */
  private List<Money> findBareMoneys() {
    List<Money> out = new ArrayList<>();
    int size = toks.size();
    for (int k = 0; k < size; k++) {
      Token t = toks.get(k);
      if (!t.isNum() || role[k] != FREE || t.value.precision() - t.value.scale() >= 7) {
        continue;
      }
      Token next = k + 1 < size ? toks.get(k + 1) : null;
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
      } else if (precededByEach(k) || precededByCount(k)) {
        last = k;
      }
      if (last < 0) {
        continue;
      }
      Money m = new Money();
      m.first = k;
      m.last = last;
      m.start = t.start;
      m.end = toks.get(last).end;
      m.low = t.value;
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

  private boolean precededByEach(int k) {
    int end = toks.get(k).start;
    for (int b = k - 1; b >= 0 && b >= k - 3; b--) {
      Token tb = toks.get(b);
      if (!gapOk(tb.end, end, 3)) {
        return false;
      }
      if (tb.has(Kind.MAX) || tb.has(Kind.MIN)) {
        end = tb.start;
        continue;
      }
      return tb.has(Kind.EACH) && role[b] == FREE;
    }
    return false;
  }

  private boolean precededByCount(int k) {
    int b = k - 1;
    if (b >= 0 && toks.get(b).has(Kind.PER) && gapOk(toks.get(b).end, toks.get(k).start, 0)) {
      b--;
    }
    if (b < 0 || role[b] != COUNT) {
      return false;
    }
    Count c = countAt[b];
    if (c.minOrder || c.trial || !gapOk(c.end, toks.get(k).start, 1)) {
      return false;
    }
    // a bare number after a count is a price only when the clause ends there (10万条2000)
    int end = toks.get(k).end;
    return end == text.length || text[end] == ' ' || Normalizer.isSeparator(text, end);
  }

  // ---- pairing ---------------------------------------------------------------------------

  private Point pair(Money m) {
    Point p = new Point();
    p.money = m;
    p.start = m.start;
    p.end = m.end;
    int size = toks.size();
    int a = m.last + 1;
    int prevEnd = m.end;
    // 3毛起: 起 right after a price makes it a "from" price
    if (a < size && toks.get(a).has(Kind.MIN_ORDER) && gapOk(prevEnd, toks.get(a).start, 0)) {
      qualify(p, toks.get(a), Qualifier.FROM);
      prevEnd = toks.get(a).end;
      a++;
    }
    // following per-record marker: 5毛/条, 5毛一条, $5 each, 0.5元1条
    if (a < size && gapOk(prevEnd, toks.get(a).start, 2)) {
      Token ta = toks.get(a);
      if (ta.has(Kind.EACH) && !claimedEach[a] && role[a] != MONEY) {
        claimedEach[a] = true;
        p.rule = "price.per_record";
        p.end = ta.end;
      } else if (role[a] == COUNT
          && countAt[a].first == a
          && countAt[a].n == 1
          && pairable(countAt[a])) {
        countAt[a].claimed = true;
        p.rule = "price.per_record";
        p.end = countAt[a].end;
      }
    }
    // walking back: qualifiers, a per-record marker, or a count (10万条2000元, 每万条600元, 1000条/80元)
    int end = m.start;
    for (int b = m.first - 1; b >= 0 && b >= m.first - 4; b--) {
      Token tb = toks.get(b);
      if (!gapOk(tb.end, end, 4)) {
        break;
      }
      if (tb.has(Kind.MAX) || tb.has(Kind.MIN)) {
        if (p.qualifier == null) {
          qualify(p, tb, tb.has(Kind.MAX) ? Qualifier.UP_TO : Qualifier.FROM);
        }
        end = tb.start;
        continue;
      }
      if (p.rule != null) {
        break;
      }
      if (tb.has(Kind.EACH) && !claimedEach[b] && role[b] == FREE) {
        claimedEach[b] = true;
        p.rule = "price.per_record";
        p.start = tb.start;
        end = tb.start;
        continue;
      }
      if (tb.has(Kind.PER) && role[b] == FREE) {
        end = tb.start;
        continue;
      }
      // 10,000 cards - $580: a dash after a count joins it to the price, it is no range
      if (tb.has(Kind.RANGE)
          && role[b] == FREE
          && b > 0
          && role[b - 1] == COUNT
          && tb.end - tb.start == 1
          && isDash(text[tb.start])) {
        end = tb.start;
        continue;
      }
      // 十万条业主资料只要八千元: what the records are may stand between the count and the price
      if (tb.type == Token.TERM
          && (tb.kinds & ATTRIBUTE_KINDS) != 0
          && (tb.kinds & ~ATTRIBUTE_KINDS) == 0
          && role[b] == FREE) {
        end = tb.start;
        continue;
      }
      if (role[b] == COUNT) {
        Count c = countAt[b];
        if (pairable(c) && gapOk(c.end, end, 3)) {
          bundle(p, c);
          p.start = Math.min(p.start, c.start);
          // 每万条: the 每 before the count belongs to the expression
          if (c.first > 0
              && toks.get(c.first - 1).has(Kind.PER)
              && wsGap(toks.get(c.first - 1).end, c.start)) {
            p.start = toks.get(c.first - 1).start;
          }
        }
        break;
      }
      break;
    }
    // following count: 2000元10万条, $300 for 10k, 50 USDT per 1k records
    if (p.rule == null) {
      int prev = prevEnd;
      for (int f = a; f < size && f <= a + 2; f++) {
        Token tf = toks.get(f);
        if (!gapOk(prev, tf.start, 4)) {
          break;
        }
        if (tf.has(Kind.PER) && role[f] == FREE) {
          prev = tf.end;
          continue;
        }
        if (role[f] == COUNT && countAt[f].first == f && pairable(countAt[f])) {
          bundle(p, countAt[f]);
          p.end = countAt[f].end;
        }
        break;
      }
    }
    if (p.rule == null) {
      p.rule = "price.implied_per_record";
    }
    return p;
  }

  private static boolean isDash(char c) {
    return c == '-' || c == '\u2013' || c == '\u2014';
  }

  private static boolean pairable(Count c) {
    return !c.minOrder && !c.trial && !c.claimed;
  }

  private static void bundle(Point p, Count c) {
    c.claimed = true;
    p.count = c;
    p.rule = c.n == 1 ? "price.per_record" : "price.bundle";
  }

  private static void qualify(Point p, Token t, Qualifier q) {
    p.qualifier = q;
    p.qualStart = t.start;
    p.qualEnd = t.end;
  }

  // ---- gaps ------------------------------------------------------------------------------

  /** Only whitespace, at most one character, between two positions. */
  private boolean wsGap(int from, int to) {
    if (to - from > 1) {
      return false;
    }
    return to == from || text[from] == ' ' || text[from] == '\t';
  }

  /** No clause separator and at most {@code maxFiller} non-blank characters between. */
  private boolean noSpace(int from, int to) {
    for (int k = from; k < to; k++) {
      if (Character.isWhitespace(text[k])) {
        return false;
      }
    }
    return true;
  }

  private boolean gapOk(int from, int to, int maxFiller) {
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
