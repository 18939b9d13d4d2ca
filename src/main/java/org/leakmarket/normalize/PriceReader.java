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
 * prices per dollar of balance and minimum order values. The counts are found by {@link
 * CountReader}, the money by {@link MoneyReader}, the amounts that are not prices by {@link
 * NotPrices}, all sharing one {@link PhraseTokens}; this class pairs them. Linear in the number of
 * tokens.
 */
final class PriceReader extends PhraseTokens {

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

    /** The price of goods named by a face value in another currency (5欧元68: banknotes). */
    boolean faceValued;

    int currencyStart = -1;
    int currencyEnd = -1;

    /** The evidence rule of the currency word (currency.CNY), null when defaulted or unknown. */
    String currencyRule;

    /** The bare number token {@code t} (at index {@code k}) as money in the advert's currency. */
    static Money bare(int k, Token t, String defaultCurrency) {
      Money m = new Money();
      m.first = k;
      m.last = k;
      m.start = t.start;
      m.end = t.end;
      m.low = t.value;
      m.currency = defaultCurrency;
      m.defaulted = true;
      return m;
    }
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

  /** Money in text order (one comparator for every advert, not one per sort). */
  private static final Comparator<Money> BY_START = Comparator.comparingInt(m -> m.start);

  private final NotPrices notPrices;
  private final CountReader counts;
  private final MoneyReader moneys;

  private PriceReader(List<Token> toks, char[] text, String defaultCurrency) {
    super(toks, text, defaultCurrency);
    this.notPrices = new NotPrices(this);
    this.counts = new CountReader(this);
    this.moneys = new MoneyReader(this, notPrices);
  }

  static Result read(List<Token> toks, char[] text, String defaultCurrency) {
    return new PriceReader(toks, text, defaultCurrency).run();
  }

  private Result run() {
    Result r = new Result();
    notPrices.markIdentifiers();
    notPrices.markBareBalances(r);
    List<Count> counts = this.counts.findCounts();
    for (Count c : counts) {
      if (c.minOrder || c.trial || c.stock) {
        r.ignored.add(c);
      }
    }
    List<Money> moneys = this.moneys.findMoneys(r);
    pairedFaceValues(moneys, r);
    boolean written = !moneys.isEmpty();
    for (Money b : this.moneys.findBareMoneys()) {
      // 1.TG教程价格168 / 2. 暗网教程188: a bare price after a price word also names money
      written |= this.moneys.precededByCue(b.first);
      moneys.add(b);
    }
    Money lastCell = this.moneys.lastCellMoney(moneys, r.balances);
    if (lastCell != null) {
      moneys.add(lastCell); // ... with $5,000 balance ... | 150: the row's bare price cell
    }
    if (written && "CNY".equals(defaultCurrency)) {
      moneys.addAll(this.moneys.findMenuMoneys()); // 云短信呼 300RMB  可骂人400 无限电话轰450
    }
    Money bareCell = null;
    if (moneys.isEmpty()) {
      moneys.addAll(this.moneys.findCellMoneys()); // | 2.50 |: a table row's bare price cell
      bareCell = moneys.isEmpty() ? null : moneys.get(0);
    }
    moneys.sort(BY_START);
    Money tableCell = notPrices.tableRow(moneys, counts, r);
    Money priceCell = tableCell != null ? tableCell : bareCell;
    if (priceCell == null) {
      priceCell = notPrices.middleCell(moneys); // ... | $100 | Seller447 | Buy
    }
    // indexed: the for-each's iterator was 2% of the normaliser's allocation (not scalarised)
    for (int i = 0; i < moneys.size(); i++) {
      Money m = moneys.get(i);
      boolean moved = movedTo(m);
      Point p = pair(m);
      if (moved && p.qualifier == Qualifier.FROM) {
        p.qualifier = null; // the from of "rose from USD 9 to USD 14" opens the move, not a price
        p.qualStart = -1;
        p.qualEnd = -1;
      }
      if (m == priceCell && p.count == null) {
        Count c = NotPrices.onlyPairable(counts);
        if (c != null) {
          bundle(p, c); // 10,000 Australian emails | $100: the row's price buys its count
        }
      }
      if (m == tableCell && p.qualifier == null) {
        cellQualifier(p);
      }
      r.points.add(p);
    }
    pricedBounds(r.points);
    carryQualifier(r.points, this::joinedByOr);
    spreadRange(r.points);
    averagedInSentence(r.points);
    carryQualifier(r.points, this::joinedAsList);
    lotsWithoutCount(r, counts);
    minimumsAfterPerRecord(r);
    if (sellsTheLot
        && r.points.size() == 1
        && r.points.get(0).count == null
        && !"price.per_record".equals(r.points.get(0).rule)) {
      // 100万随机身份信息，0.01BTC打包: the one price of a lot sold whole buys the one count; a
      // price written per record (车主信息0.3元一条 共有30万条 可打包) stays per record
      Count c = NotPrices.onlyPairable(counts);
      if (c != null) {
        bundle(r.points.get(0), c);
      }
    }
    if (r.points.size() == 1) {
      soldFor(r.points.get(0), counts);
      pricedClause(r.points.get(0), counts);
    }
    r.balances.sort(BY_START);
    for (Money b : r.balances) {
      dotThousands(b);
    }
    return r;
  }

  /** What joins a price to the amount it buys on a rate line: for, =, or a leader of dashes. */
  /**
   * Whether the text from {@code from} to {@code to} joins a rate line's two amounts: the regex
   * {@code (?i)\s*(?:for|=|-{2,}|→|->)\s*} checked by hand, without a string and a matcher for each
   * pair of amounts.
   */
  private boolean pairJoin(int from, int to) {
    while (from < to && regexSpace(text[from])) {
      from++;
    }
    while (to > from && regexSpace(text[to - 1])) {
      to--;
    }
    int n = to - from;
    if (n == 1) {
      return text[from] == '=' || text[from] == '→';
    }
    if (n == 3 && text[from] == 'f' && text[from + 1] == 'o' && text[from + 2] == 'r') {
      return true; // the text is lower-cased: (?i)for
    }
    if (n == 2 && text[from] == '-' && text[from + 1] == '>') {
      return true;
    }
    if (n < 2) {
      return false;
    }
    for (int k = from; k < to; k++) {
      if (text[k] != '-') {
        return false;
      }
    }
    return true;
  }

  /** A character of the regex class \s (no Unicode flag): space, \t, \n, \x0B, \f, \r. */
  private static boolean regexSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  /**
   * 20$ for 250$, $1800 = $150, $200-------$3,000: two single amounts of one currency joined on a
   * rate line by for, '=' or a leader of dashes, one at least three times the other, are a price
   * and the amount it buys (a transfer, a card's load, a balance): the larger is the goods'
   * balance, the smaller the price, whichever comes first (Loaded CashApp Account $2500= $300).
   */
  private void pairedFaceValues(List<Money> moneys, Result r) {
    for (int i = 0; i + 1 < moneys.size(); i++) {
      Money a = moneys.get(i);
      Money b = moneys.get(i + 1);
      if (a.high != null
          || b.high != null
          || a.low == null
          || b.low == null
          || a.currency == null
          || !a.currency.equals(b.currency)
          || a.low.signum() <= 0
          || b.low.signum() <= 0
          || a.end > b.start
          || !pairJoin(a.end, b.start)) {
        continue;
      }
      BigDecimal three = BigDecimal.valueOf(3);
      Money face;
      if (b.low.compareTo(a.low.multiply(three)) >= 0) {
        face = b;
      } else if (a.low.compareTo(b.low.multiply(three)) >= 0) {
        face = a;
      } else {
        continue;
      }
      moneys.remove(face);
      for (int p = face.first; p <= face.last; p++) {
        role[p] = BALANCE;
      }
      r.balances.add(face); // the next pair starts after this one's price, at i + 1 either way
    }
  }

  /** Currencies whose amounts are written with many decimals (0.035 BTC), never dot-grouped. */
  private static final java.util.Set<String> DECIMAL_CURRENCIES =
      java.util.Set.of("BTC", "ETH", "LTC", "XMR", "BCH", "USDT");

  /**
   * known balance 1.000$ - 10,000$, BALANCE from $1.000 to $100.000: a balance whose number is
   * written with dots between groups of three digits (1.000, 100.000, 2.500.000) groups thousands,
   * as the European card shops write them; a balance of a dollar with three decimals is never sold.
   * Crypto amounts (1.500 BTC) keep their decimals.
   */
  private void dotThousands(Money b) {
    if (b.currency == null || DECIMAL_CURRENCIES.contains(b.currency)) {
      return;
    }
    boolean lowDone = false;
    for (int k = b.first; k <= b.last && k < toks.size(); k++) {
      Token t = toks.get(k);
      if (!t.isNum() || t.value == null) {
        continue;
      }
      BigDecimal grouped = dotGrouped(t);
      if (!lowDone) {
        lowDone = true;
        if (grouped != null && b.low != null && b.low.compareTo(t.value) == 0) {
          b.low = grouped;
        }
      } else if (grouped != null && b.high != null && b.high.compareTo(t.value) == 0) {
        b.high = grouped;
      }
    }
  }

  /** The token's digits read with its dots as thousands separators (1.000 = 1000), else null. */
  private BigDecimal dotGrouped(Token t) {
    // [1-9][0-9]{0,2}(\.[0-9]{3})+ checked by hand: a regex per balance number was 2% of the
    // normaliser's time
    int e = t.end;
    int k = t.start;
    if (e - k < 5 || text[k] < '1' || text[k] > '9') {
      return null;
    }
    k++;
    for (int lead = 0; lead < 2 && k < e && Lexer.isAsciiDigit(text[k]); lead++) {
      k++;
    }
    if (k == e) {
      return null;
    }
    while (k < e) {
      if (text[k] != '.'
          || k + 4 > e
          || !Lexer.isAsciiDigit(text[k + 1])
          || !Lexer.isAsciiDigit(text[k + 2])
          || !Lexer.isAsciiDigit(text[k + 3])) {
        return null;
      }
      k += 4;
    }
    return new BigDecimal(new String(text, t.start, e - t.start).replace(".", ""));
  }

  /**
   * A database containing 50 million records ... for only $800; (1 million records) pack ...
   * selling for $1,500: the one price of a sentence, introduced by "for", buys the one count of
   * goods written before it in that sentence (the lot sold whole).
   */
  private void soldFor(Point p, List<Count> counts) {
    if (p.count != null || !"price.implied_per_record".equals(p.rule) || p.money.high != null) {
      return;
    }
    int b = p.money.first - 1;
    if (b < 0 || role[b] != FREE) {
      return;
    }
    Token f = toks.get(b);
    if (!f.has(Kind.PER)
        || !spells(f, "for")
        || !(gapOk(f.end, p.money.start, 0) || onlyOrJust(f.end, p.money.start))) {
      return;
    }
    Count c = NotPrices.onlyPairable(counts);
    if (c != null && c.n > 1 && c.end <= f.start && !sentenceEndBetween(c.end, p.money.start)) {
      bundle(p, c);
    }
  }

  /**
   * 某运营商的1700万开户数据被叫卖，价格为100美元: a clause that is only a price word (价格, 售价) and the advert's one
   * price, with a written currency, prices the goods of the clause before it in the same sentence:
   * that price buys the one count of 1,000 or more written there (the lot listed).
   */
  private void pricedClause(Point p, List<Count> counts) {
    if (p.count != null
        || !"price.implied_per_record".equals(p.rule)
        || p.money.high != null
        || p.money.defaulted
        || "CNY".equals(p.money.currency) && p.money.low.compareTo(java.math.BigDecimal.ONE) < 0) {
      return; // 价格为0.5元: an amount under one yuan is a price per record (每条5毛), not a lot's
    }
    int cueStart;
    if (p.qualifier != null) {
      // 总数大约有80000条,最低价21000元 (zh12): a qualifier that opens the clause as its price word
      // (最低价, 起价为, 最高价) prices the lot as 售价 does, and keeps its qualifier
      if (p.qualStart < 0 || p.qualEnd > p.money.start || !priceWordAfterQualifier(p)) {
        return;
      }
      cueStart = p.qualStart;
    } else {
      int b = p.money.first - 1;
      if (b < 0 || role[b] != FREE) {
        return;
      }
      Token cue = toks.get(b);
      if (!cue.has(Kind.PRICE_CUE)
          || cue.get(Kind.PRICE_CUE).has(Vocabulary.AFTER)
          || !(gapOk(cue.end, p.money.start, 1) || onlyAdverb(cue.end, p.money.start))) {
        return; // 售价为100美元, 售价仅为2美元
      }
      cueStart = cue.start;
    }
    int before = skipBlanksBack(cueStart);
    if (before >= 0 && text[before] != ',' && text[before] != '，') {
      before = afterTimePhrase(before); // 7月份时售价为30000美元: a time may open the clause
    }
    if (before < 0 || text[before] != ',' && text[before] != '，') {
      return; // the price word must open its clause
    }
    int after = skipBlanks(p.money.end);
    if (after < text.length && !Normalizer.isSeparator(text, after)) {
      return; // and the price close it
    }
    // only the counts before the price's clause: a free sample offered after it (同时提供5万个账户的免费样本)
    // is no count of the lot
    List<Count> earlier = new ArrayList<>();
    for (Count k : counts) {
      if (k.end <= before && (p.qualifier == null || inClauseBefore(k, before))) {
        earlier.add(k); // a qualified price: only the counts of the clause right before (zh12)
      }
    }
    Count c = NotPrices.onlyPairable(earlier);
    if (c == null
        || c.n < 1000
        || sentenceEndBetween(c.end, before)
        || !inClauseBefore(c, before)
        || thresholdOrTally(c)) {
      return; // the count stands in the clause right before the price's
    }
    bundle(p, c);
  }

  /** Words that make a count a tally or a flow, not the lot (已成交2万条, 日均出货1万条, 好评1万条). */
  private static final String[] TALLY_WORDS = {
    "成交", "累计", "卖出", "售出", "出货", "好评", "日均", "每天", "每日", "每月", "新增"
  };

  /**
   * 10万条以上, 已成交2万条, 每天能出3万条: a count followed by 以上 is a threshold (a minimum order), and a count
   * whose clause tallies sales or output is a flow; neither is the lot a price buys (vocabulary.md,
   * "Amounts that are not prices").
   */
  private boolean thresholdOrTally(Count c) {
    int a = c.last + 1;
    if (a < toks.size() && toks.get(a).has(Kind.OVER) && gapOk(c.end, toks.get(a).start, 0)) {
      return true;
    }
    int k = c.start;
    while (k > 0
        && text[k - 1] != ','
        && text[k - 1] != '，'
        && !Normalizer.isSeparator(text, k - 1)) {
      k--;
    }
    String clause = String.valueOf(text, k, c.start - k);
    for (String w : TALLY_WORDS) {
      if (clause.contains(w)) {
        return true;
      }
    }
    return false;
  }

  /** Whether no separator stands between the end of a count and the comma before a price clause. */
  private boolean inClauseBefore(Count c, int before) {
    for (int k = c.end; k < before; k++) {
      if (Normalizer.isSeparator(text, k)) {
        return false;
      }
    }
    return true;
  }

  /**
   * 最低价21000元, 起价为1500美元, 最高价格: only the rest of a price word (价, 价格, 为) stands between a min or
   * max qualifier and its price.
   */
  private boolean priceWordAfterQualifier(Point p) {
    String gap = String.valueOf(text, p.qualEnd, p.money.start - p.qualEnd).strip();
    return gap.equals("价")
        || gap.equals("为")
        || gap.equals("价为")
        || gap.equals("价格")
        || gap.equals("价格为")
        || gap.equals("售价")
        || gap.equals("售价为");
  }

  /**
   * 7月份时, 当时, 目前, 去年: the offset of the comma before a short time phrase that ends at {@code last}
   * (the phrase alone between the comma and the price word), else {@code last}.
   */
  private int afterTimePhrase(int last) {
    int k = last;
    while (k >= 0
        && k > last - 6
        && text[k] != ','
        && text[k] != '，'
        && !Normalizer.isSeparator(text, k)) {
      k--;
    }
    if (k < 0 || text[k] != ',' && text[k] != '，') {
      return last;
    }
    String phrase = String.valueOf(text, k + 1, last - k).strip();
    return phrase.matches("([0-9一二三四五六七八九十]{1,3}月份?|[今去前]年|当时|此前|目前|现在|最初|最近|近日)时?") ? k : last;
  }

  /** 售价仅为2美元: whether only an adverb of "only" (仅为, 仅需, 只需, 只要, 仅) stands between two offsets. */
  private boolean onlyAdverb(int from, int to) {
    String gap = String.valueOf(text, from, to - from).strip();
    return gap.equals("仅为")
        || gap.equals("仅需")
        || gap.equals("只需")
        || gap.equals("只要")
        || gap.equals("仅");
  }

  /** Whether only the word "only" or "just" (and blanks) stands between two offsets. */
  private boolean onlyOrJust(int from, int to) {
    String gap = String.valueOf(text, from, to - from).strip();
    return gap.equals("only") || gap.equals("just");
  }

  // ---- identifiers and balances ----------------------------------------------------------

  // ---- money -----------------------------------------------------------------------------

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
    // $1,000 or more, $10 or less: a qualifier written after the price
    if (p.qualifier == null
        && a < size
        && postfixQualifier(toks.get(a))
        && !isSign(toks.get(a))
        && gapOk(prevEnd, toks.get(a).start, 0)) {
      qualify(p, toks.get(a), toks.get(a).has(Kind.MIN) ? Qualifier.FROM : Qualifier.UP_TO);
      prevEnd = toks.get(a).end;
      a++;
    }
    // $10 on average: an average written right after its price
    if (p.qualifier == null
        && a < size
        && toks.get(a).has(Kind.AVERAGE)
        && gapOk(prevEnd, toks.get(a).start, 1)) {
      qualify(p, toks.get(a), Qualifier.AVERAGE);
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
      // 1.5 million addresses sell for $100, 1,000 logins can sell for $5,000: the verb of selling
      // between the goods and their price is no word of its own
      if (!gapOk(tb.end, end, 4 + saleVerbChars(tb.end, end))) {
        break;
      }
      if (postfixQualifier(tb)) {
        break; // "or more" qualifies the price before it
      }
      // 每个学生名单卖价至少一元, 至少5毛一条: "at least" before a price per record is a from price
      if (b == m.first - 1 && atLeastPerRecord(b, m.last, m.end)) {
        if (p.qualifier == null) {
          qualify(p, tb, Qualifier.FROM);
        }
        end = tb.start;
        continue;
      }
      // Fullz from Canada $15, addresses from England sell for $100: from before a place names
      // where the goods come from, it qualifies no price
      if (originFrom(b)) {
        end = tb.start;
        continue;
      }
      // Up to ~$1,170: an approximation mark between a qualifier and its price
      if (b == m.first - 1
          && tb.end == m.start
          && tb.end - tb.start == 1
          && text[tb.start] == '~'
          && (b == 0 || role[b - 1] != MONEY && !toks.get(b - 1).isNum())) {
        end = tb.start;
        continue;
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
      if (p.rule != null && !(tb.has(Kind.PER) && role[b] == FREE)) {
        break; // but 低至每月350美元: a qualifier may stand before 每
      }
      if (tb.has(Kind.EACH) && !claimedEach[b] && role[b] == FREE) {
        Vocabulary.Meaning each = tb.get(Kind.EACH);
        if (each.has(Vocabulary.LOT) && followingCount(a, prevEnd) != null) {
          // 一份 2000 元 10 万条: the lot is the count that follows, not one record
          end = tb.start;
          continue;
        }
        Count held = each.has(Vocabulary.LOT) ? packageHolds(b) : null;
        if (held != null) {
          // 将2300余万笔资料“包裹”出售，一包售价五千美金: a package or batch holds the count written before it
          bundle(p, held);
          break;
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
        if (pairable(c) && gapOk(c.end, end, 3 + saleVerbChars(c.end, end))) {
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
    // 22 美元+, $22+: a plus sign glued to the price, ending its phrase, when no qualifier before it
    // says otherwise (Up to $500+ stays up_to; $70 + free shipping is a sum)
    if (p.qualifier == null && m.last + 1 < size) {
      Token plus = toks.get(m.last + 1);
      if (postfixQualifier(plus) && isSign(plus) && plus.start == m.end && !wordAfter(plus.end)) {
        qualify(p, plus, Qualifier.FROM);
      }
    }
    // following count: 2000元10万条, $300 for 10k, 50 USDT per 1k records
    if (p.rule == null) {
      Count c = followingCount(a, prevEnd);
      if (c != null) {
        bundle(p, c);
        p.end = c.end;
      }
    }
    // 100+ cards: £3.50 per card = £350 total: a total buys the count its line opened with
    if (p.rule == null && totalAfter(m)) {
      Count c = countBeforeInLine(m);
      if (c != null) {
        bundle(p, c);
      }
    }
    if (p.rule == null) {
      p.rule = "price.implied_per_record";
    }
    return p;
  }

  /** Whether the word "total" follows the money: £350 total, $80 in total. */
  private boolean totalAfter(Money m) {
    int i = m.end;
    while (i < text.length && text[i] == ' ') {
      i++;
    }
    if (i + 3 <= text.length && text[i] == 'i' && text[i + 1] == 'n' && text[i + 2] == ' ') {
      i += 3;
    }
    return i + 5 <= text.length
        && String.valueOf(text, i, 5).equals("total")
        && (i + 5 == text.length || !Character.isLetter(text[i + 5]));
  }

  /** The last pairable count before the money on its line (no line break between), or null. */
  private Count countBeforeInLine(Money m) {
    for (int b = m.first - 1; b >= 0; b--) {
      for (int i = toks.get(b).end;
          i < (b + 1 < toks.size() ? toks.get(b + 1).start : m.start);
          i++) {
        if (text[i] == '\n') {
          return null;
        }
      }
      if (role[b] == COUNT && pairable(countAt[b]) && countAt[b].n > 1) {
        return countAt[b];
      }
    }
    return null;
  }

  /**
   * 欧盟国民身份证（平均） | 120 美元: a qualifier that closes its phrase in the description cell of a
   * price-list row qualifies the row's price; one before words or an amount of its own (帐户最低 2,000
   * 美元, transfer from stolen account) does not.
   */
  private void cellQualifier(Point p) {
    for (int k = 0; k < toks.size() && toks.get(k).end <= p.money.start; k++) {
      Token t = toks.get(k);
      if ((t.kinds & QUALIFIER_KINDS) == 0
          || role[k] != FREE
          || postfixQualifier(t)
          || originFrom(k)) {
        continue;
      }
      if (!closesPhrase(t.end)) {
        continue; // from stolen account, 最低 2,000 美元: the word belongs to what follows it
      }
      {
        qualify(
            p,
            t,
            t.has(Kind.MAX)
                ? Qualifier.UP_TO
                : t.has(Kind.MIN) ? Qualifier.FROM : Qualifier.AVERAGE);
        return;
      }
    }
  }

  /** Whether only blanks and closing brackets stand between {@code from} and a separator. */
  private boolean closesPhrase(int from) {
    for (int i = from; i < text.length; i++) {
      char c = text[i];
      if (Normalizer.isSeparator(text, i)) {
        return true;
      }
      if (c != ' ' && c != '\t' && c != ')' && c != '）' && c != ']' && c != '】') {
        return false;
      }
    }
    return true;
  }

  /** A qualifier written as a sign (+), not a word. */
  private boolean isSign(Token t) {
    return !Character.isLetterOrDigit(text[t.start]);
  }

  /** Whether a word (a letter, a digit, a Chinese character) follows, blanks skipped. */
  private boolean wordAfter(int from) {
    int i = from;
    while (i < text.length && (text[i] == ' ' || text[i] == '\t')) {
      i++;
    }
    return i < text.length && Character.isLetterOrDigit(text[i]);
  }

  /** A qualifier written after its price: or more, and up (from); or less (up to). */
  private static boolean postfixQualifier(Token t) {
    return t.has(Kind.MIN) && t.get(Kind.MIN).has(Vocabulary.AFTER)
        || t.has(Kind.MAX) && t.get(Kind.MAX).has(Vocabulary.AFTER);
  }

  /** How many times a record's price a "from" amount must be to read as a minimum order. */
  private static final BigDecimal MINIMUM_ORDER_TIMES = BigDecimal.valueOf(100);

  /**
   * 每条0.5元，最低1000元起 / 0.3元一条，1000元起 / 每条0.5元…最低价1000元: after a price written per record, a "from"
   * amount with no unit or count, in the same currency, at least 100 times that price and with no
   * item (goods, tier, category, issuer, region) named between them, is the smallest order, not a
   * second price per record (vocabulary.md: a minimum order value is neither a price nor a count).
   * A menu's next item (普卡3毛 金卡5元起) names its item, and its prices are close.
   */
  private void minimumsAfterPerRecord(Result r) {
    if (r.points.size() < 2) {
      return;
    }
    List<Point> keep = new ArrayList<>();
    Point perRecord = null;
    for (Point p : r.points) {
      if (perRecord != null
          && p.qualifier == Qualifier.FROM
          && p.count == null
          && p.money.high == null
          && "price.implied_per_record".equals(p.rule)
          && p.money.currency.equals(perRecord.money.currency)
          && p.money.low.compareTo(perRecord.money.low.multiply(MINIMUM_ORDER_TIMES)) >= 0
          && !namesAnItem(perRecord.end, p.start)) {
        r.asides.add(new Aside(p.money.start, p.money.end, "ignored.min_order_value"));
        continue;
      }
      if ("price.per_record".equals(p.rule) && p.money.high == null) {
        perRecord = p;
      }
      keep.add(p);
    }
    if (keep.size() < r.points.size()) {
      r.points.clear();
      r.points.addAll(keep);
    }
  }

  /**
   * The kinds of word that name a menu's item: its goods, product, tier, category, issuer, region.
   */
  private static final int ITEM_KINDS =
      ATTRIBUTE_KINDS & ~(1 << Kind.FRESHNESS.ordinal() | 1 << Kind.IGNORE.ordinal());

  /** Whether a token between {@code from} and {@code to} names goods or an attribute of them. */
  private boolean namesAnItem(int from, int to) {
    for (Token t : toks) {
      if (t.start >= from && t.end <= to && (t.kinds & ITEM_KINDS) != 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * 0.1元一条;要是全部打包,1500元: beside prices per record, a price for the whole lot that names no count
   * gives no price per record; it is set aside ("ignored.lot_without_count"), unless the advert
   * names one count no other price buys: the lot is that count. A lot word between the previous
   * price and this one, or after this one up to the next, marks it.
   */
  private void lotsWithoutCount(Result r, List<Count> counts) {
    if (!sellsTheLot || r.points.size() < 2) {
      return;
    }
    List<Point> keep = new ArrayList<>();
    for (int i = 0; i < r.points.size(); i++) {
      Point p = r.points.get(i);
      int from = i == 0 ? 0 : r.points.get(i - 1).end;
      int to = i + 1 < r.points.size() ? r.points.get(i + 1).start : text.length;
      boolean lot = false;
      for (Token t : toks) {
        lot |=
            t.has(Kind.LOT_ALL)
                && ((t.start >= from && t.end <= p.start) || (t.start >= p.end && t.end <= to));
      }
      Count stock = lot ? NotPrices.onlyPairable(counts) : null;
      if (lot && p.count == null && "price.implied_per_record".equals(p.rule) && stock != null) {
        // 手头有16万条…打包出售的话,3000元就卖: the lot's price buys the one count left unpriced
        bundle(p, stock);
        keep.add(p);
      } else if (lot && p.count == null && "price.implied_per_record".equals(p.rule)) {
        r.asides.add(new Aside(p.money.start, p.money.end, "ignored.lot_without_count"));
      } else {
        keep.add(p);
      }
    }
    if (!keep.isEmpty() && keep.size() < r.points.size()) {
      r.points.clear();
      r.points.addAll(keep);
    }
  }

  /**
   * 订阅费从每月200美元到每年1700美元不等, 价格在每月250至1000美元之间: two prices joined by 到/至 (a period word such as 每年
   * may stand before the second) and closed by 不等 or 之间 are the bounds of one range, not two
   * offers.
   */
  private void spreadRange(List<Point> pts) {
    for (int i = 0; i + 1 < pts.size(); i++) {
      Point a = pts.get(i);
      Point b = pts.get(i + 1);
      if (a.money.high != null
          || b.money.high != null
          || a.count != null
          || b.count != null
          || a.money.currency == null
          || !a.money.currency.equals(b.money.currency)
          || a.money.end > b.money.start) {
        continue;
      }
      int g = a.money.end;
      while (g < b.money.start && Character.isWhitespace(text[g])) {
        g++;
      }
      if (g == b.money.start || text[g] != '到' && text[g] != '至') {
        continue; // the gap, stripped, must open with 到 or 至: no string for the others
      }
      String gap = String.valueOf(text, a.money.end, b.money.start - a.money.end).strip();
      if (gap.isEmpty()
          || gap.charAt(0) != '到' && gap.charAt(0) != '至'
          || gap.length() > 4
          || !gap.substring(1).strip().matches("(每|一)?(月|年|周|天|季度?)?")) {
        continue;
      }
      int after = skipBlanks(b.money.end);
      boolean closed =
          after + 2 <= text.length
              && (text[after] == '不' && text[after + 1] == '等'
                  || text[after] == '之' && text[after + 1] == '间');
      if (!closed || b.money.low.compareTo(a.money.low) <= 0) {
        continue;
      }
      a.money.high = b.money.low;
      a.money.last = b.money.last;
      a.money.end = b.money.end;
      a.end = Math.max(a.end, b.end);
      pts.remove(i + 1);
    }
  }

  /**
   * A price without a qualifier takes the qualifier of the qualified price just before it when
   * {@code joined} says the text between the two joins them into one statement.
   */
  private void carryQualifier(List<Point> pts, Gap joined) {
    for (int i = 1; i < pts.size(); i++) {
      Point prev = pts.get(i - 1);
      Point cur = pts.get(i);
      if (cur.qualifier != null || prev.qualifier == null || prev.money.end > cur.start) {
        continue;
      }
      if (joined.joins(prev.money.end, cur.start)) {
        cur.qualifier = prev.qualifier;
        cur.qualStart = prev.qualStart;
        cur.qualEnd = prev.qualEnd;
      }
    }
  }

  /**
   * 低至每月350美元或单次300美元: a price joined by 或/or to a qualified price in the same clause takes its
   * qualifier.
   */
  private boolean joinedByOr(int from, int to) {
    boolean or = false;
    for (int k = from; k < to; k++) {
      if (Normalizer.isSeparator(text, k)) {
        return false;
      }
      or |=
          text[k] == '或'
              || (k + 4 <= to
                  && text[k] == ' '
                  && text[k + 1] == 'o'
                  && text[k + 2] == 'r'
                  && text[k + 3] == ' ');
    }
    return or;
  }

  /**
   * The average price of a stolen card is $9.70; On average, each card resells for $10: an average
   * word earlier in the same sentence qualifies the first price after it, when no other amount (a
   * price or a balance) stands between them and the word does not follow an amount of its own ($10
   * on average, ... $40 million). Linear in tokens per point.
   */
  private void averagedInSentence(List<Point> pts) {
    if (!anyToken(Kind.AVERAGE)) {
      return;
    }
    for (Point p : pts) {
      if (p.qualifier != null) {
        continue;
      }
      // the gap to the price grows token by token: only its new part is scanned for a sentence end
      int checkedFrom = p.money.start;
      for (int b = p.money.first - 1; b >= 0; b--) {
        Token tb = toks.get(b);
        if (role[b] != FREE || sentenceEndBetween(tb.end, checkedFrom)) {
          break;
        }
        checkedFrom = Math.min(checkedFrom, tb.end);
        if (tb.has(Kind.AVERAGE)) {
          boolean ownAmount =
              b > 0 && role[b - 1] != FREE && gapOk(toks.get(b - 1).end, tb.start, 1);
          if (!ownAmount) {
            qualify(p, tb, Qualifier.AVERAGE);
          }
          break;
        }
      }
    }
  }

  /**
   * Average asking prices of $247, $160 and $101: a price in a bare list after a qualified price
   * (only a comma, "and" or both between them) takes its qualifier.
   */
  private boolean joinedAsList(int from, int to) {
    String gap = String.valueOf(text, from, to - from).strip();
    return gap.equals(",") || gap.equals("and") || gap.equals(", and");
  }

  /** Whether the text between two prices joins them into one statement. */
  private interface Gap {
    boolean joins(int from, int to);
  }

  /**
   * 一包, 每包, 一批 (a package, a batch: never one record) before a price, no count after it: the lot
   * holds the nearest pairable count of 1,000 or more written before it in the same sentence (tenth
   * Chinese round: 黑客将2300余万笔资料“包裹”出售，一包售价五千美金), else null.
   */
  private Count packageHolds(int b) {
    Token t = toks.get(b);
    if (!spells(t, "一包") && !spells(t, "每包") && !spells(t, "一批")) {
      return null;
    }
    for (int k = b - 1; k >= 0; k--) {
      if (role[k] == COUNT && countAt[k].first == k) {
        Count c = countAt[k];
        if (sentenceEndBetween(c.end, t.start)) {
          return null;
        }
        if (pairable(c) && c.n >= 1000) {
          return c;
        }
      }
    }
    return null;
  }

  /** A full stop, semicolon, line break or cell border (not a comma) between two offsets. */
  private boolean sentenceEndBetween(int from, int to) {
    for (int k = from; k < to; k++) {
      if (Normalizer.isSeparator(text, k) && text[k] != ',' && text[k] != '，') {
        return true;
      }
    }
    return false;
  }

  /** The pairable count that follows a price, a connector (for, per, /) at most between. */
  private Count followingCount(int a, int prevEnd) {
    int prev = prevEnd;
    for (int f = a; f < toks.size() && f <= a + 2; f++) {
      Token tf = toks.get(f);
      // 6000元左右就可以发送10万条: 左右/上下 ("about") and the adverb 就 ("then") between the price and
      // the verb phrase are no words of their own
      int filler = 4 + emptyWords(prev, tf.start);
      if (!gapOk(prev, tf.start, filler) || itemBreak(prevEnd, tf.start)) {
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

  /**
   * The characters of 左右, 上下 and 就 between two offsets (words that add nothing between a price and
   * its count).
   */
  private int emptyWords(int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      if (text[i] == '就') {
        n++;
      } else if (i + 1 < to
          && (text[i] == '左' && text[i + 1] == '右' || text[i] == '上' && text[i + 1] == '下')) {
        n += 2;
        i++;
      }
    }
    return n;
  }

  /**
   * 0.7 BTC / 拥有600张信用卡的数据库= 0.5 BTC: a slash then a Chinese word before a count ends the item (the
   * count opens the next one); 50 USDT / 1k and 300元/万条 stay prices per count.
   */
  private boolean itemBreak(int from, int to) {
    boolean slash = false;
    for (int i = from; i < to; i++) {
      char c = text[i];
      if (c == '/') {
        slash = true;
      } else if (slash && Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
        return true;
      }
    }
    return false;
  }

  private static void bundle(Point p, Count c) {
    c.claimed = true;
    p.count = c;
    p.rule = c.n == 1 ? "price.per_record" : "price.bundle";
  }

  /** A verb of change right before "from" (rose from, fell from, dropped from), blanks after it. */
  private static final java.util.regex.Pattern MOVED_FROM =
      java.util.regex.Pattern.compile(
          "(?:^|[^a-z])(?:rose|risen|rises|rise|fell|fallen|falls|fall|increased|increases"
              + "|decreased|decreases|dropped|drops|declined|declines|climbed|climbs|jumped|jumps"
              + "|grew|grown|grows|soared|slipped|went up|gone up|went down|gone down)"
              + "\\s+from\\s*$");

  private static final java.util.regex.Pattern FALL_VERB =
      java.util.regex.Pattern.compile(
          "fell|fallen|falls|fall|decreas|dropped|drops|declin|slipped|went down|gone down");

  /**
   * The average price rose from USD 9 to USD 14, fell from USD 33 to USD 22: a price that moved
   * from one figure to another is the figure it moved to, no range; the money becomes its later
   * bound.
   */
  private boolean movedTo(Money m) {
    if (m.high == null || m.low == null) {
      return false;
    }
    int lo = Math.max(0, m.start - 40);
    // the regex needs "from" at the end of the window (blanks after it), or a blank there and the
    // money opening with "from": without either (nearly every range) no string and no matcher
    boolean fromOpens =
        m.start > lo && regexSpace(text[m.start - 1]) && spells(m.start, m.start + 4, "from");
    if (!fromOpens && !endsWithFrom(lo, m.start)) {
      return false;
    }
    String before = new String(text, lo, m.start - lo);
    java.util.regex.Matcher mm = MOVED_FROM.matcher(before);
    boolean moved = mm.find();
    if (!moved && spells(m.start, m.start + 4, "from")) {
      mm = MOVED_FROM.matcher(before + "from");
      moved = mm.find();
    }
    if (moved) {
      // the bounds are kept low to high: a fall ends on the lower figure, a rise on the higher
      if (!FALL_VERB.matcher(mm.group()).find()) {
        m.low = m.high;
      }
      m.high = null;
    }
    return moved;
  }

  /**
   * Whether the text from {@code lo} to {@code end} ends with "from" and then only characters that
   * {@code from\s*$} lets stand after it (\s, and a line terminator, which {@code $} may precede).
   */
  private boolean endsWithFrom(int lo, int end) {
    int k = end;
    while (k > lo
        && (regexSpace(text[k - 1])
            || text[k - 1] == (char) 0x85
            || text[k - 1] == (char) 0x2028
            || text[k - 1] == (char) 0x2029)) {
      k--;
    }
    return k - 4 >= lo && spells(k - 4, k, "from");
  }

  /**
   * Anywhere from $82 for a Gmail account to $1,000 for Twitter accounts: when each bound of a from
   * ... to span names its own goods the two are two prices, each exact; the from opens the span and
   * qualifies neither.
   */
  private void pricedBounds(List<Point> pts) {
    for (int i = 0; i + 1 < pts.size(); i++) {
      Point a = pts.get(i);
      Point b = pts.get(i + 1);
      if (a.qualifier != Qualifier.FROM
          || a.qualStart < 0
          || !spells(a.qualStart, a.qualEnd, "from")
          || a.money.high != null
          || b.money.high != null
          || a.end > b.start) {
        continue;
      }
      int k = b.money.first - 1;
      if (k < 0
          || !toks.get(k).has(Kind.RANGE)
          || !spells(toks.get(k), "to")
          || !String.valueOf(text, toks.get(k).end, b.money.start - toks.get(k).end).isBlank()
          || toks.get(k).start < a.end
          || sentenceEndBetween(a.end, b.start)) {
        continue;
      }
      // goods named between the bounds: a word of the goods after the first price
      boolean goods = false;
      for (int g = a.money.last + 1; g < k; g++) {
        goods |= toks.get(g).has(Kind.PRODUCT) || toks.get(g).has(Kind.GOODS);
      }
      if (goods) {
        a.qualifier = null;
        a.qualStart = -1;
        a.qualEnd = -1;
      }
    }
  }

  /**
   * Words of selling that may stand between goods and their price: sell for, can sell for, go for.
   */
  private static final java.util.Set<String> SALE_VERBS =
      java.util.Set.of(
          "sell",
          "sells",
          "sold",
          "selling",
          "go",
          "goes",
          "went",
          "going",
          "cost",
          "costs",
          "costing",
          "fetch",
          "fetches",
          "fetched",
          "can",
          "could",
          "may",
          "might",
          "will",
          "would",
          "is",
          "are",
          "was",
          "were",
          "be",
          "being",
          "been",
          "bring",
          "brings",
          "in",
          "for",
          "at",
          "typically",
          "usually",
          "now",
          "reportedly");

  /** The letters of selling words (SALE_VERBS) between two offsets. */
  private int saleVerbChars(int from, int to) {
    int n = 0;
    int i = from;
    while (i < to) {
      if (!TermTrie.isAsciiLetter(text[i])) {
        i++;
        continue;
      }
      int j = i;
      while (j < to && TermTrie.isAsciiLetter(text[j])) {
        j++;
      }
      if (SALE_VERBS.contains(new String(text, i, j - i))) {
        n += j - i;
      }
      i = j;
    }
    return n;
  }

  /**
   * Fullz from Canada, addresses from England: the word from right before a place (blanks between)
   * says where the goods come from; it is no "from" price.
   */
  private boolean originFrom(int k) {
    Token t = toks.get(k);
    return t.has(Kind.MIN)
        && spells(t, "from")
        && k + 1 < toks.size()
        && role[k + 1] == FREE
        && toks.get(k + 1).has(Kind.REGION)
        && String.valueOf(text, t.end, toks.get(k + 1).start - t.end).isBlank();
  }

  private static void qualify(Point p, Token t, Qualifier q) {
    p.qualifier = q;
    p.qualStart = t.start;
    p.qualEnd = t.end;
  }
}
