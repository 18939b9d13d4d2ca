package org.leakmarket.normalize;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.leakmarket.normalize.Vocabulary.Kind;
import org.leakmarket.vocab.Qualifier;

/**
 * Reads the price phrases of an advert from its tokens: money expressions (with currency, Chinese
 * compounds like 三毛五, ranges, between ... and), counts (10万条, 10k, 40 verified Venmo logins,
 * 12万用户), and how they pair up: per record (每条, /条, each), bundles in either order (2000元10万条,
 * 10万条2000元, 每万条600元, $300 for 10k, 110 USDT for 5,000, 10,000 cards - $580, 十万条业主资料只要八千元),
 * qualifiers (最高, up to, from, as little as, 平均, 起). It also sets apart the amounts that are not
 * prices: minimum orders and free trials (counts), stock on hand, balances and credit limits,
 * prices per dollar of balance and minimum order values. Linear in the number of tokens.
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
    boolean stock;
    boolean claimed;

    /** The evidence rule of a count that says nothing about a price, else null. */
    String ignoredRule() {
      return trial ? "ignored.free_trial" : minOrder ? "ignored.min_order" : "ignored.stock";
    }
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

  /** Money that is not a price, with the rule that set it apart. */
  record Aside(int start, int end, String rule) {}

  static final class Result {
    final List<Point> points = new ArrayList<>();

    /** Counts that say nothing about a price: minimum orders, free trials, stock on hand. */
    final List<Count> ignored = new ArrayList<>();

    /** Minimum order values and prices per dollar of balance. */
    final List<Aside> asides = new ArrayList<>();

    /** Balances and credit limits, in text order. */
    final List<Money> balances = new ArrayList<>();
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
          | 1 << Kind.REGION.ordinal()
          | 1 << Kind.PRODUCT.ordinal()
          | 1 << Kind.GOODS.ordinal()
          | 1 << Kind.IGNORE.ordinal();

  /** Words that may stand between a price and what it is qualified or counted by. */
  private static final int FILLER_KINDS =
      ATTRIBUTE_KINDS
          | 1 << Kind.PRICE_CUE.ordinal()
          | 1 << Kind.LOT_ALL.ordinal()
          | 1 << Kind.STOCK.ordinal();

  /** Qualifier words: up to, from, on average. */
  private static final int QUALIFIER_KINDS =
      1 << Kind.MAX.ordinal() | 1 << Kind.MIN.ordinal() | 1 << Kind.AVERAGE.ordinal();

  private static final int FREE = 0;
  private static final int MONEY = 1;
  private static final int COUNT = 2;
  private static final int BALANCE = 3;

  /** A number that is an identifier (QQ 123456): never a count, price or balance. */
  private static final int IDENT = 4;

  private final List<Token> toks;
  private final char[] text;
  private final String defaultCurrency;
  private final int[] role;
  private final Count[] countAt;
  private final boolean[] claimedEach;
  private final boolean sellsTheLot;

  private PriceReader(List<Token> toks, char[] text, String defaultCurrency) {
    this.toks = toks;
    this.text = text;
    this.defaultCurrency = defaultCurrency;
    this.role = new int[toks.size()];
    this.countAt = new Count[toks.size()];
    this.claimedEach = new boolean[toks.size()];
    boolean lot = false;
    for (Token t : toks) {
      lot |= t.has(Kind.LOT_ALL);
    }
    this.sellsTheLot = lot;
  }

  static Result read(List<Token> toks, char[] text, String defaultCurrency) {
    return new PriceReader(toks, text, defaultCurrency).run();
  }

  private Result run() {
    Result r = new Result();
    markIdentifiers();
    markBareBalances(r);
    List<Count> counts = findCounts();
    for (Count c : counts) {
      if (c.minOrder || c.trial || c.stock) {
        r.ignored.add(c);
      }
    }
    List<Money> moneys = findMoneys(r);
    moneys.addAll(findBareMoneys());
    moneys.sort(Comparator.comparingInt(m -> m.start));
    Money priceCell = tableRow(moneys, counts, r);
    for (Money m : moneys) {
      Point p = pair(m);
      if (m == priceCell && p.count == null) {
        Count c = onlyPairable(counts);
        if (c != null) {
          bundle(p, c); // 10,000 Australian emails | $100: the row's price buys its count
        }
      }
      r.points.add(p);
    }
    r.balances.sort(Comparator.comparingInt(m -> m.start));
    return r;
  }

  // ---- table rows ------------------------------------------------------------------------

  /**
   * A price-list row whose cells are joined with '|' and whose last cell is a price alone ("Cloned
   * Mastercard with PIN | $25"): the price of the row, or null. Amounts in the other cells describe
   * the goods (PayPal transfers, $1000 – $3000 | $320) and are set aside; the price may buy the
   * row's count across the bar.
   */
  private Money tableRow(List<Money> moneys, List<Count> counts, Result r) {
    int bar = -1;
    for (int i = text.length - 1; i >= 0; i--) {
      if (text[i] == '|') {
        bar = i;
        break;
      }
    }
    if (bar < 0) {
      return null;
    }
    Money price = null;
    for (Money m : moneys) {
      if (m.start > bar) {
        if (price != null) {
          return null;
        }
        price = m;
      }
    }
    if (price == null || !onlyPriceWords(bar + 1)) {
      return null;
    }
    for (java.util.Iterator<Money> it = moneys.iterator(); it.hasNext(); ) {
      Money m = it.next();
      if (m != price) {
        it.remove();
        r.asides.add(new Aside(m.start, m.end, "ignored.description_amount"));
      }
    }
    return price;
  }

  /**
   * Whether the text from {@code from} holds only a price: its money, per-record words, qualifiers
   * and connectors, and no letter or Chinese character outside them.
   */
  private boolean onlyPriceWords(int from) {
    int covered = from;
    for (int k = 0; k < toks.size(); k++) {
      Token t = toks.get(k);
      if (t.end <= from) {
        continue;
      }
      boolean ok =
          role[k] == MONEY
              || t.has(Kind.EACH)
              || t.has(Kind.PER)
              || (t.kinds & QUALIFIER_KINDS) != 0
              || t.has(Kind.RANGE);
      if (!ok || !plain(covered, t.start)) {
        return false;
      }
      covered = t.end;
    }
    return plain(covered, text.length);
  }

  /** No letter, digit or Chinese character between two positions. */
  private boolean plain(int from, int to) {
    for (int i = from; i < to; i++) {
      char c = text[i];
      if (Character.isLetterOrDigit(c)) {
        return false;
      }
    }
    return true;
  }

  /** The one count a price could buy, or null when there is none or more than one. */
  private static Count onlyPairable(List<Count> counts) {
    Count only = null;
    for (Count c : counts) {
      if (pairable(c)) {
        if (only != null) {
          return null;
        }
        only = c;
      }
    }
    return only;
  }

  // ---- identifiers and balances ----------------------------------------------------------

  /** QQ 123456, 电话13800138000, tel: 555: a number after a contact word is an identifier. */
  private void markIdentifiers() {
    for (int k = 1; k < toks.size(); k++) {
      Token t = toks.get(k);
      Token before = toks.get(k - 1);
      if (t.isNum() && before.has(Kind.CONTACT) && gapOk(before.end, t.start, 2)) {
        role[k] = IDENT;
      }
    }
  }

  /**
   * Bare numbers that are balances: after a balance word (余额5万, balance over 3,000) or before one
   * (5万余额, 2,000 on account), in the advert's currency.
   */
  private void markBareBalances(Result r) {
    for (int k = 0; k < toks.size(); k++) {
      Token t = toks.get(k);
      if (!t.isNum() || role[k] != FREE || t.value.signum() <= 0 || startsMoney(k)) {
        continue;
      }
      if (k > 0 && toks.get(k - 1).type == Token.TERM && toks.get(k - 1).has(Kind.CURRENCY)) {
        continue; // $ 5: money, read below
      }
      Token next = k + 1 < toks.size() ? toks.get(k + 1) : null;
      if (next != null
          && (next.has(Kind.COUNT) || next.has(Kind.GOODS))
          && wsGap(t.end, next.start)) {
        continue; // 余额 10万条 would be a count
      }
      if (balanceBefore(k) || balanceAfter(k)) {
        Money m = new Money();
        m.first = k;
        m.last = k;
        m.start = t.start;
        m.end = t.end;
        m.low = t.value;
        m.currency = defaultCurrency;
        m.defaulted = true;
        role[k] = BALANCE;
        r.balances.add(m);
      }
    }
  }

  /**
   * Whether a balance word stands before token {@code k}, with at most qualifiers (up to, over) and
   * a short word (of, 在) between: balance up to $1,000, with a balance of $5,000, 余额5万.
   */
  private boolean balanceBefore(int k) {
    int end = toks.get(k).start;
    for (int b = k - 1; b >= 0 && b >= k - 3; b--) {
      Token tb = toks.get(b);
      if (!gapOk(tb.end, end, 3)) {
        return false;
      }
      if ((tb.kinds & QUALIFIER_KINDS) != 0 || tb.has(Kind.OVER)) {
        end = tb.start;
        continue;
      }
      // in "$500 - $2,000 balances $25" the word closes the amount before it, not this one
      return tb.has(Kind.BALANCE) && !(b > 0 && closesAmount(b));
    }
    return false;
  }

  /** Whether the word at {@code b} follows a number or money (5万余额, $2,000 balances). */
  private boolean closesAmount(int b) {
    if (!toks.get(b).get(Kind.BALANCE).has(Vocabulary.AFTER)) {
      return false;
    }
    Token before = toks.get(b - 1);
    boolean amount = before.isNum() || role[b - 1] == BALANCE || before.has(Kind.CURRENCY);
    return amount && gapOk(before.end, toks.get(b).start, 1);
  }

  /** Whether a balance word follows token {@code k} (5万余额, $2,000 balances, 2,000 on account). */
  private boolean balanceAfter(int k) {
    Token t = toks.get(k);
    int a = k + 1;
    if (a < toks.size() && toks.get(a).has(Kind.OVER) && gapOk(t.end, toks.get(a).start, 1)) {
      t = toks.get(a++); // 5万以上余额
    }
    return a < toks.size()
        && toks.get(a).has(Kind.BALANCE)
        && toks.get(a).get(Kind.BALANCE).has(Vocabulary.AFTER)
        && gapOk(t.end, toks.get(a).start, 1);
  }

  // ---- counts ----------------------------------------------------------------------------

  private List<Count> findCounts() {
    List<Count> out = new ArrayList<>();
    int size = toks.size();
    for (int k = 0; k < size; k++) {
      Token t = toks.get(k);
      if (!t.isNum()
          || role[k] != FREE
          || t.value.signum() <= 0
          || (t.value.scale() > 0 && t.value.stripTrailingZeros().scale() > 0)) {
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
      if (next != null && next.has(Kind.COUNT) && wsGap(t.end, next.start)) {
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

  /** Minimum order, free trial, stock on hand: a count that a price does not buy. */
  private void flag(Count c, int k) {
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
  private int goodsAfter(int k) {
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
        return j;
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

  /**
   * How many unknown words stand between two tokens of a counted phrase, or -1 when what stands
   * there is not such words: English words (letters, hyphens, apostrophes), or up to four Chinese
   * characters when {@code cjkAllowed}.
   */
  private int fillerWords(int from, int to, boolean cjkAllowed) {
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
  private boolean isMoneyScale(int k) {
    Token t = toks.get(k);
    return k + 1 < toks.size()
        && toks.get(k + 1).has(Kind.CURRENCY)
        && toks.get(k + 1).get(Kind.CURRENCY).has(Vocabulary.AFTER)
        && wsGap(t.end, toks.get(k + 1).start);
  }

  /** A year as a number (2019 database): four digits from 1990 to 2035, no shorthand. */
  private boolean isYear(Token t) {
    if (t.multiplied || t.end - t.start != 4 || !Lexer.isAsciiDigit(text[t.start])) {
      return false;
    }
    int y = t.value.intValue();
    return y >= 1990 && y <= 2035 && t.value.scale() <= 0;
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

  /** Money with a currency; balances, ratios and minimum order values are set aside in r. */
  private List<Money> findMoneys(Result r) {
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
      k = m.last;
      if (notPrice(m)) {
        continue;
      }
      if (balanceBefore(m.first) || balanceAfter(m.last)) {
        for (int p = m.first; p <= m.last; p++) {
          role[p] = BALANCE;
        }
        r.balances.add(m);
        continue;
      }
      String aside = aside(m);
      if (aside != null) {
        r.asides.add(new Aside(m.start, m.end, aside));
        continue;
      }
      out.add(m);
    }
    return out;
  }

  /**
   * Why money is not a price although it looks like one, or null: 8 cents per dollar (a ratio to
   * the balance), 两万元起卖 and minimum order $500 (a minimum order value).
   */
  private String aside(Money m) {
    int a = m.last + 1;
    if (a < toks.size() && gapOk(m.end, toks.get(a).start, 0)) {
      Token next = toks.get(a);
      if (next.has(Kind.RATIO)) {
        return "ignored.ratio";
      }
      Vocabulary.Meaning mo = next.get(Kind.MIN_ORDER);
      boolean opensCount =
          a + 1 < toks.size() && toks.get(a + 1).isNum() && wsGap(next.end, toks.get(a + 1).start);
      if (mo != null && !mo.has(Vocabulary.PRICE_FROM) && !opensCount) {
        // 两万元起卖, $500 minimum; but in "$45 minimum 5k" the word opens a count
        return "ignored.min_order_value";
      }
    }
    if (m.first > 0) {
      Token before = toks.get(m.first - 1);
      if (before.has(Kind.MIN_ORDER) && gapOk(before.end, m.start, 2)) {
        return "ignored.min_order_value";
      }
    }
    return null;
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

  /** 2分到5元, $5-$20, $5-20, from $5 to $20, as little as 20 cents to $30, between $15 and $900. */
  private void trailingRange(Money m) {
    int size = toks.size();
    int r = m.last + 1;
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
      m.high = num.value.multiply(m.scale);
      m.last = r + 1;
      m.end = num.end;
    }
    order(m);
  }

  /** Whether "between" (介于) stands right before the money: its "and" closes a range. */
  private boolean afterBetween(Money m) {
    if (m.first == 0) {
      return false;
    }
    Token b = toks.get(m.first - 1);
    return b.has(Kind.BETWEEN) && gapOk(b.end, m.start, 0);
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
      } else if (precededByEach(k) || precededByCount(k) || precededByCue(k)) {
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
      if ((tb.kinds & QUALIFIER_KINDS) != 0 || tb.has(Kind.PRICE_CUE)) {
        end = tb.start;
        continue;
      }
      return tb.has(Kind.EACH) && role[b] == FREE;
    }
    return false;
  }

  /** 只卖2万, 售价：500: a bare number right after a word that says a price follows. */
  private boolean precededByCue(int k) {
    if (k == 0) {
      return false;
    }
    Token tb = toks.get(k - 1);
    return tb.has(Kind.PRICE_CUE) && gapOk(tb.end, toks.get(k).start, 1);
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
    if (!pairable(c) || !gapOk(c.end, toks.get(k).start, 1)) {
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
    if (a < size
        && toks.get(a).has(Kind.MIN_ORDER)
        && toks.get(a).get(Kind.MIN_ORDER).has(Vocabulary.PRICE_FROM)
        && gapOk(prevEnd, toks.get(a).start, 0)) {
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
    for (int b = m.first - 1; b >= 0 && b >= m.first - 6; b--) {
      Token tb = toks.get(b);
      if (!gapOk(tb.end, end, 4)) {
        break;
      }
      if ((tb.kinds & QUALIFIER_KINDS) != 0) {
        if (p.qualifier == null) {
          qualify(
              p,
              tb,
              tb.has(Kind.MAX)
                  ? Qualifier.UP_TO
                  : tb.has(Kind.MIN) ? Qualifier.FROM : Qualifier.AVERAGE);
        }
        end = tb.start;
        continue;
      }
      if (p.rule != null) {
        break;
      }
      if (tb.has(Kind.EACH) && !claimedEach[b] && role[b] == FREE) {
        Vocabulary.Meaning each = tb.get(Kind.EACH);
        if (each.has(Vocabulary.LOT) && followingCount(a, prevEnd) != null) {
          // 一份 2000 元 10 万条: the lot is the count that follows, not one record
          end = tb.start;
          continue;
        }
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
          && (tb.kinds & FILLER_KINDS) != 0
          && (tb.kinds & ~FILLER_KINDS) == 0
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
      Count c = followingCount(a, prevEnd);
      if (c != null) {
        bundle(p, c);
        p.end = c.end;
      }
    }
    if (p.rule == null) {
      p.rule = "price.implied_per_record";
    }
    return p;
  }

  /** The pairable count that follows a price, a connector (for, per, /) at most between. */
  private Count followingCount(int a, int prevEnd) {
    int prev = prevEnd;
    for (int f = a; f < toks.size() && f <= a + 2; f++) {
      Token tf = toks.get(f);
      if (!gapOk(prev, tf.start, 4)) {
        return null;
      }
      if (tf.has(Kind.PER) && role[f] == FREE) {
        prev = tf.end;
        continue;
      }
      if (role[f] == COUNT && countAt[f].first == f && pairable(countAt[f])) {
        return countAt[f];
      }
      return null;
    }
    return null;
  }

  private static boolean isDash(char c) {
    return c == '-' || c == '\u2013' || c == '\u2014';
  }

  private static boolean pairable(Count c) {
    return !c.minOrder && !c.trial && !c.claimed && !c.stock;
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

  /** No whitespace between two positions. */
  private boolean noSpace(int from, int to) {
    for (int k = from; k < to; k++) {
      if (Character.isWhitespace(text[k])) {
        return false;
      }
    }
    return true;
  }

  /** No clause separator and at most {@code maxFiller} non-blank characters between. */
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
