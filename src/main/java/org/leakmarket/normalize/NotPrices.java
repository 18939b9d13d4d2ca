package org.leakmarket.normalize;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.IntPredicate;
import org.leakmarket.normalize.PriceReader.Count;
import org.leakmarket.normalize.PriceReader.Money;
import org.leakmarket.normalize.PriceReader.Result;
import org.leakmarket.normalize.Vocabulary.Kind;

/**
 * The amounts of an advert that are not prices (vocabulary.md "Amounts that are not prices"):
 * identifiers after a contact word (QQ 123456), balances and credit limits (余额5万, balance up to
 * $1,000, $500 – $2,000 balances, 2,000 on account, the average limit ... was more than $4,000),
 * prices per dollar of balance (8 cents per dollar), minimum order values (两万元起卖, minimum order
 * $500), a market's worth ($5.3 billion), and the amounts in the description cell of a price-list
 * row whose last cell is its price. Linear in the tokens.
 */
final class NotPrices extends PhraseTokens {

  /** The words that label a market's price cell before its price cue (Sale Price : 17.00 USD). */
  private static final java.util.Set<String> LABEL_WORDS =
      java.util.Set.of("buy", "purchase", "sale", "sell", "selling");

  /**
   * The last '|' of the text as {@link #tableRow} found it (-1: none), read by {@link #middleCell}.
   */
  private int lastBar = -1;

  NotPrices(PhraseTokens shared) {
    super(shared);
  }

  /**
   * A price-list row whose cells are joined with '|' and whose last cell is a price alone ("Cloned
   * Mastercard with PIN | $25"): the price of the row, or null. Amounts in the other cells describe
   * the goods (PayPal transfers, $1000 – $3000 | $320): they are its balances, never prices; the
   * price may buy the row's count across the bar.
   */
  Money tableRow(List<Money> moneys, List<Count> counts, Result r) {
    int bar = -1;
    for (int i = bars ? text.length - 1 : -1; i >= 0; i--) {
      if (text[i] == '|') {
        bar = i;
        break;
      }
    }
    lastBar = bar;
    if (bar < 0) {
      return null;
    }
    // | USD 40 | € 34.04 £ 31.03 | AUD 55.22 CAD 52.88: cells that only restate the price in other
    // currencies may follow the price cell; the row's price cell is the one before them
    int cellEnd = text.length;
    for (int back = 0;
        back < 3
            && noMoneyAfter(moneys, bar)
            && conversionsOnly(bar + 1, cellEnd)
            && restatesMoney(bar + 1, cellEnd);
        back++) {
      int prev = bar - 1;
      while (prev >= 0 && text[prev] != '|') {
        prev--;
      }
      if (prev < 0) {
        break;
      }
      cellEnd = bar;
      bar = prev;
    }
    Money price = null;
    Money conversion = null;
    for (Money m : moneys) {
      if (m.start > bar) {
        if (price != null) {
          // Buy price USD 180.00 (0.1167 BTC), 150 USD = 0.00136 ฿: the same price restated in
          // another currency inside the cell, in brackets or after '=', is no second amount
          if (conversion != null || !conversionOf(price, m)) {
            return null;
          }
          conversion = m;
          continue;
        }
        price = m;
      }
    }
    if (conversion != null) {
      moneys.remove(conversion);
    }
    if (price == null
        || !onlyPriceWords(bar + 1, cellEnd)
        || !conversionsOnly(cellEnd, text.length)) {
      return null;
    }
    for (java.util.Iterator<Money> it = moneys.iterator(); it.hasNext(); ) {
      Money m = it.next();
      if (m != price && regularPrice(m, price, bar)) {
        // -38% | United States | $1,000 iTunes Gift Card – USA | $160.00 | $100.00: a sale card's
        // regular price, struck through before its sale price, is neither a price nor a balance
        it.remove();
        r.asides.add(new PriceReader.Aside(m.start, m.end, "ignored.regular_price"));
        continue;
      }
      if (m != price && restatesPrice(m, price, counts)) {
        // 120 dumps ... for 2100$ | USD 2,100.00, 99 x IDs / only $1 per piece ! | USD 99.00: the
        // title's own price of the lot or of one piece, the price cell's again: no balance
        it.remove();
        continue;
      }
      if (m != price && earningRate(m)) {
        // HOW 2 CREATE YOUR OWN BANK DROPS! CASHOUT $5000 PER DAY | Sale Price : 5.00 USD, How To
        // Cashout PAYPAL account. $200 in 8 min | Sale Price : 7.00 USD: an amount made in a span
        // of time is what the buyer is promised to earn, neither a price nor a balance
        it.remove();
        r.asides.add(new PriceReader.Aside(m.start, m.end, "ignored.earning"));
        continue;
      }
      if (m != price) {
        // the cell describes the goods, so its amount is what they carry: the balance moved by
        // a transfer or held on the account (PayPal 从被盗账户转账，1,000 至 3,000 美元 | 340 美元)
        it.remove();
        for (int p = m.first; p <= m.last; p++) {
          role[p] = BALANCE;
        }
        r.balances.add(m);
      }
    }
    return price;
  }

  /**
   * A cell that holds only a discount (-38%, 25% off, save 20%): the sale badge of a shop's product
   * card (twelfth English round). Group 1, 2 or 3 is the percentage.
   */
  private static final java.util.regex.Pattern DISCOUNT_CELL =
      java.util.regex.Pattern.compile(
          "(?i)\\s*(?:-\\s*(\\d{1,2}(?:\\.\\d+)?)\\s*%|(\\d{1,2}(?:\\.\\d+)?)\\s*%\\s*off"
              + "|save\\s+(\\d{1,2}(?:\\.\\d+)?)\\s*%)\\s*");

  /**
   * Whether {@code m} is the regular price a sale card strikes through before its sale price: one
   * amount alone in the cell right before the price cell (which opens at {@code bar}), in the
   * price's currency and larger, while another cell of the row holds only a discount that takes it
   * to the price (within the rounding of a whole percentage: 1% of the amount).
   */
  private boolean regularPrice(Money m, Money price, int bar) {
    if (!sameCurrencyPoints(m, price) || m.low.compareTo(price.low) <= 0) {
      return false;
    }
    int prev = bar - 1;
    while (prev >= 0 && text[prev] != '|') {
      prev--;
    }
    if (m.start <= prev || m.end > bar || !onlyPriceWords(prev + 1, bar)) {
      return false;
    }
    int cell = 0;
    for (int i = 0; i <= prev; i++) {
      if (i == prev || text[i] == '|') {
        java.util.regex.Matcher d =
            DISCOUNT_CELL.matcher(java.nio.CharBuffer.wrap(text, cell, i - cell));
        if (d.matches()) {
          String pct =
              d.group(1) != null ? d.group(1) : d.group(2) != null ? d.group(2) : d.group(3);
          BigDecimal sale =
              m.low.multiply(BigDecimal.ONE.subtract(new BigDecimal(pct).movePointLeft(2)));
          return sale.subtract(price.low).abs().compareTo(m.low.movePointLeft(2)) <= 0;
        }
        cell = i + 1;
      }
    }
    return false;
  }

  /** A span of time after an amount: per day, a week, daily, in 8 min, within 2 hours. */
  private static final java.util.regex.Pattern EARNING_RATE =
      java.util.regex.Pattern.compile(
          "(?i)\\s*(?:(?:per|a|an|each|every|/)\\s*(?:day|week|hour|month)s?\\b|daily\\b|weekly\\b"
              + "|(?:in|within)\\s+\\d+\\s*(?:min|mins|minutes?|hrs?|hours?|days?)\\b)");

  /**
   * Whether the amount {@code m} of a description cell is followed by a span of time (CASHOUT $5000
   * PER DAY, $200 in 8 min, make $1,000 a week): an earning promised by a guide or method.
   */
  private boolean earningRate(Money m) {
    String after = new String(text, m.end, Math.min(text.length - m.end, 40));
    int bar = after.indexOf('|');
    if (bar >= 0) {
      after = after.substring(0, bar);
    }
    return EARNING_RATE.matcher(after).lookingAt();
  }

  /**
   * Whether {@code m} restates {@code price} in another currency right after it: only blanks and an
   * opening bracket, '=' or '≈' between them, and a closing bracket or the cell's end after it.
   */
  private boolean conversionOf(Money price, Money m) {
    if (price.currency == null || m.currency == null || price.currency.equals(m.currency)) {
      return false;
    }
    boolean marked = false;
    for (int i = price.end; i < m.start; i++) {
      char c = text[i];
      if (c == '(' || c == '[' || c == '=' || c == '≈') {
        marked = true;
      } else if (c != ' ' && c != '\t') {
        return false;
      }
    }
    return marked;
  }

  /** Whether two amounts are single points (no range) in one written currency. */
  private static boolean sameCurrencyPoints(Money m, Money price) {
    return m.currency != null
        && m.currency.equals(price.currency)
        && m.low != null
        && price.low != null
        && (m.high == null || m.high.compareTo(m.low) == 0)
        && (price.high == null || price.high.compareTo(price.low) == 0);
  }

  /**
   * Whether an amount of the description cell is the price cell's own price again, in the same
   * currency: the same single amount, or the price of one piece of a count the row gives (count x
   * amount = price).
   */
  private static boolean restatesPrice(Money m, Money price, List<Count> counts) {
    if (!sameCurrencyPoints(m, price) || m.low.signum() <= 0) {
      return false;
    }
    if (m.low.compareTo(price.low) == 0) {
      return true;
    }
    for (Count c : counts) {
      if (c.end <= m.start
          && c.n > 1
          && m.low.multiply(BigDecimal.valueOf(c.n)).compareTo(price.low) == 0) {
        return true;
      }
    }
    return false;
  }

  private static boolean noMoneyAfter(List<Money> moneys, int bar) {
    for (Money m : moneys) {
      if (m.start > bar) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the text between {@code from} and {@code to} holds only restated money: conversions
   * read as money, currency codes (known or not) and numbers, between blanks and cell bars.
   */
  private boolean conversionsOnly(int from, int to) {
    return only(from, to, k -> namesMoney(k) || toks.get(k).isNum(), this::barsOnly);
  }

  /** Positions between which a gap is allowed. */
  private interface Gap {
    boolean allows(int from, int to);
  }

  /**
   * Whether every token between {@code from} and {@code to} passes {@code tokenOk} and the text
   * around and between them passes {@code gap}.
   */
  private boolean only(int from, int to, IntPredicate tokenOk, Gap gap) {
    int covered = from;
    for (int k = 0; k < toks.size(); k++) {
      Token t = toks.get(k);
      if (t.end <= from) {
        continue;
      }
      if (t.start >= to) {
        break;
      }
      if (!tokenOk.test(k) || !gap.allows(covered, t.start)) {
        return false;
      }
      covered = t.end;
    }
    return gap.allows(covered, to);
  }

  /**
   * Whether the cell between the positions names money: a conversion read as money or a currency
   * code (AUD 55.22), not bare numbers alone (a count or date column keeps the row as it was).
   */
  private boolean restatesMoney(int from, int to) {
    for (int k = 0; k < toks.size(); k++) {
      Token t = toks.get(k);
      if (t.start >= from && t.end <= to && namesMoney(k)) {
        return true;
      }
    }
    for (int i = Math.max(from, 0); i < to; i++) {
      if (codeAt(i, to)) {
        return true;
      }
    }
    return false;
  }

  /** Whether token {@code k} names money: read as money, or a currency (known or not). */
  private boolean namesMoney(int k) {
    Token t = toks.get(k);
    return role[k] == MONEY || t.type == Token.UNKNOWN_CURRENCY || t.has(Kind.CURRENCY);
  }

  /** Only blanks, cell bars and currency codes (AUD, CAD: three capitals) between the positions. */
  private boolean barsOnly(int from, int to) {
    for (int i = Math.max(from, 0); i < to; i++) {
      if (codeAt(i, to)) {
        i += 2;
        continue;
      }
      char c = text[i];
      if (c != ' ' && c != '\t' && c != '|') {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether a currency code of three capitals (AUD, CAD) starts at {@code i} and ends by {@code
   * to}, after a blank or at the start, and not inside a longer word.
   */
  private boolean codeAt(int i, int to) {
    return i + 3 <= to
        && text[i] >= 'A'
        && text[i] <= 'Z'
        && (i == 0 || text[i - 1] == ' ')
        && Character.isUpperCase(text[i + 1])
        && Character.isUpperCase(text[i + 2])
        && text[i + 1] < 128
        && text[i + 2] < 128
        && (i + 3 >= text.length || !Character.isLetter(text[i + 3]));
  }

  /**
   * Whether the text from {@code from} holds only a price: its money, per-record words, qualifiers
   * and connectors, and no letter or Chinese character outside them.
   */
  boolean onlyPriceWords(int from) {
    return onlyPriceWords(from, text.length);
  }

  /** {@link #onlyPriceWords(int)} for the text between {@code from} and {@code to}. */
  boolean onlyPriceWords(int from, int to) {
    return only(
        from,
        to,
        k -> {
          Token t = toks.get(k);
          return role[k] == MONEY
              || t.has(Kind.EACH)
              || t.has(Kind.PER)
              || (t.kinds & QUALIFIER_KINDS) != 0
              || t.has(Kind.RANGE)
              || t.has(Kind.PRICE_CUE);
        },
        this::plainOrLabel);
  }

  /** A gap of {@link #onlyPriceWords}: plain, or a price cell's label word. */
  private boolean plainOrLabel(int from, int to) {
    return plain(from, to) || labelWord(from, to);
  }

  /**
   * A price cell's label before its money (Buy price USD 180.00, Purchase price: $25, Sale Price :
   * 17.00 USD, Selling price: $40): the word buy, purchase, sale, sell or selling alone in the gap,
   * right before a price cue.
   */
  private boolean labelWord(int from, int to) {
    String gap = new String(text, from, Math.max(to - from, 0)).strip();
    if (!LABEL_WORDS.contains(gap.toLowerCase(java.util.Locale.ROOT))) {
      return false;
    }
    for (Token t : toks) {
      if (t.start == to) {
        return t.has(Kind.PRICE_CUE);
      }
    }
    return false;
  }

  /**
   * #54 | 100 mixed shells | $100 | Seller447 | Buy: a shop table row whose price cell stands
   * between other cells (seller, button, date after it) rather than last: the row's one money when
   * it fills a cell alone, else null. The last cell is {@link #tableRow}'s.
   */
  Money middleCell(List<Money> moneys) {
    if (moneys.size() != 1 || lastBar < 0) {
      return null; // no cell border at all (tableRow's scan found none): no second pass
    }
    Money m = moneys.get(0);
    int before = m.start - 1;
    while (before >= 0 && text[before] != '|') {
      before--;
    }
    int after = m.end;
    while (after < text.length && text[after] != '|') {
      after++;
    }
    if (before < 0 || after >= text.length) {
      return null;
    }
    return onlyPriceWords(before + 1, after) ? m : null;
  }

  /**
   * The one count a price could buy, or null when there is none or more than one (the same number
   * written again counts once).
   */
  static Count onlyPairable(List<Count> counts) {
    Count only = null;
    for (Count c : counts) {
      if (pairable(c)) {
        if (only != null && c.n == only.n) {
          continue; // 100 mixed shells | 100 mixed shells mixed country: one lot written twice
        }
        if (only != null) {
          return null;
        }
        only = c;
      }
    }
    return only;
  }

  /** QQ 123456, 电话13800138000, tel: 555: a number after a contact word is an identifier. */
  void markIdentifiers() {
    if (anyToken(Kind.CONTACT)) { // no contact word: no contact number
      for (int k = 1; k < toks.size(); k++) {
        Token t = toks.get(k);
        Token before = toks.get(k - 1);
        if (t.isNum()
            && before.has(Kind.CONTACT)
            && gapOk(before.end, t.start, 2)
            && !(hanBetween(before.end, t.start) && t.value.precision() - t.value.scale() < 5)) {
          role[k] =
              IDENT; // but 电话轰450 (a phone-bombing service at 450): a word, then a short number
        }
      }
    }
    for (int k = 0; k < toks.size(); k++) {
      Token t = toks.get(k);
      if (t.isNum() && !currencyGlued(k) && inHandleOrAddress(t.start, t.end)) {
        role[k] = IDENT; // @xl9kf_bot, xl9gw.xyz, t.me/xl9xd_bot: a digit of a name is no amount
      }
    }
    if (saysBuy()) { // no "buy": no promotion (the regexes below run only then)
      for (int k = 0; k < toks.size(); k++) {
        if (toks.get(k).isNum() && promotion(toks.get(k))) {
          role[k] = IDENT;
        }
      }
    }
  }

  /**
   * Whether the number at [start, end) lies inside a Telegram handle, a domain or a link path
   * (tenth Chinese round, look-up bots' spam: 《TG:@xl9kf_bot》, 【网址:xl9gw.xyz】, t.me/xl9xd_bot): the
   * run of ASCII letters, digits and '_' around it starts with a letter and follows '@' or '/', or
   * is followed by '.' and a letter. A run starting with a digit (@5usd, /10k, 5k.) is left to the
   * other readings.
   */
  private boolean inHandleOrAddress(int start, int end) {
    int a = start;
    while (a > 0 && nameChar(text[a - 1])) {
      a--;
    }
    int b = end;
    while (b < text.length && nameChar(text[b])) {
      b++;
    }
    if (a == start || !TermTrie.isAsciiLetter(text[a])) {
      return false;
    }
    boolean after = a > 0 && (text[a - 1] == '@' || text[a - 1] == '/');
    boolean domain = b + 1 < text.length && text[b] == '.' && TermTrie.isAsciiLetter(text[b + 1]);
    return after || domain;
  }

  /**
   * Whether the number at token k is an amount with its currency code glued before it and nothing
   * name-like after it (price:usd50.Contact, 10 pcs/usd100, 每条rmb5.qq): such a run looks like a
   * handle or a domain to {@link #inHandleOrAddress} but is a price.
   */
  private boolean currencyGlued(int k) {
    if (k == 0) {
      return false;
    }
    Token t = toks.get(k);
    Token code = toks.get(k - 1);
    return code.has(Kind.CURRENCY)
        && code.end == t.start
        && (code.start == 0 || !nameChar(text[code.start - 1]))
        && (t.end == text.length || !nameChar(text[t.end]));
  }

  private static boolean nameChar(char c) {
    return TermTrie.isAsciiLetter(c) || c >= '0' && c <= '9' || c == '_';
  }

  /** Whether the text holds "buy" in any case: the word every promotion starts with. */
  private boolean saysBuy() {
    return saysBuy(0, text.length);
  }

  /** Whether "buy" in any case stands wholly between {@code from} and {@code to}. */
  private boolean saysBuy(int from, int to) {
    for (int i = from; i + 2 < to; i++) {
      if ((text[i] | 0x20) == 'b' && (text[i + 1] | 0x20) == 'u' && (text[i + 2] | 0x20) == 'y') {
        return true;
      }
    }
    return false;
  }

  /** buy 2 get 1, the 1 of buy 2 get 1 (free): the numbers of a promotion. */
  private static final java.util.regex.Pattern PROMOTION_BEFORE =
      java.util.regex.Pattern.compile("(?i)(?:^|[^a-z])buy\\s*(?:\\d+\\s*,?\\s*get\\s*)?$");

  private static final java.util.regex.Pattern PROMOTION_AFTER =
      java.util.regex.Pattern.compile("(?i)\\s*,?\\s*get\\s*\\d");

  /**
   * Whether the number token {@code t} belongs to a promotion (BUY2GET1FREE, BUY 6 GET 6 FREE, buy
   * 3 get 1 free): neither a price nor a count of the goods the price buys.
   */
  private boolean promotion(Token t) {
    if (!saysBuy(Math.max(0, t.start - 12), t.start)) {
      return false; // the regex before the number needs "buy" in its 12-character window
    }
    String before =
        new String(text, Math.max(0, t.start - 12), t.start - Math.max(0, t.start - 12));
    java.util.regex.Matcher b = PROMOTION_BEFORE.matcher(before);
    if (!b.find()) {
      return false;
    }
    if (b.group().toLowerCase(java.util.Locale.ROOT).contains("get")) {
      return true; // the second number: buy 2 get 1
    }
    String after = new String(text, t.end, Math.min(12, text.length - t.end));
    return PROMOTION_AFTER.matcher(after).lookingAt();
  }

  /** Whether a Chinese character stands between two positions. */
  private boolean hanBetween(int from, int to) {
    for (int i = from; i < to; i++) {
      if (Character.UnicodeScript.of(text[i]) == Character.UnicodeScript.HAN) {
        return true;
      }
    }
    return false;
  }

  /**
   * Bare numbers that are balances: after a balance word (余额5万, balance over 3,000) or before one
   * (5万余额, 2,000 on account), in the advert's currency.
   */
  void markBareBalances(Result r) {
    if (!anyToken(Kind.BALANCE) && !anyToken(Kind.OVER)) {
      return; // balanceBefore and balanceAfter need a balance word, or "over" after an account word
    }
    for (int k = 0; k < toks.size(); k++) {
      Token t = toks.get(k);
      if (!t.isNum() || role[k] != FREE || t.value.signum() <= 0 || startsMoney(k)) {
        continue;
      }
      if (k > 0 && toks.get(k - 1).type == Token.TERM && toks.get(k - 1).has(Kind.CURRENCY)) {
        continue; // $ 5: money, read below
      }
      Token next = k + 1 < toks.size() ? toks.get(k + 1) : null;
      boolean over = k > 0 && toks.get(k - 1).has(Kind.OVER);
      if (next != null
          && (next.has(Kind.COUNT) || next.has(Kind.GOODS) && !over)
          && wsGap(t.end, next.start)) {
        continue; // 余额 10万条 would be a count; but 存款过千万客户 names the customers' deposits
      }
      if ((balanceBefore(k) || balanceAfter(k)) && !serviceCode(t)) {
        Money m = Money.bare(k, t, defaultCurrency);
        role[k] = BALANCE;
        if (k + 2 < toks.size()
            && toks.get(k + 1).has(Kind.RANGE)
            && toks.get(k + 2).isNum()
            && role[k + 2] == FREE
            && wsGap(t.end, toks.get(k + 1).start)
            && wsGap(toks.get(k + 1).end, toks.get(k + 2).start)) {
          // 存款(1000万-1亿): a range of balances
          m.low = shorthandLow(t, toks.get(k + 2));
          m.high = toks.get(k + 2).value;
          m.last = k + 2;
          m.end = toks.get(k + 2).end;
          role[k + 2] = BALANCE;
          MoneyReader.order(m);
          k += 2;
        } else if (balanceAfter(k) && rangeBefore(k)) {
          // 1k - 5k HIGH BALANCED: the balance word closes a range of bare amounts
          Token low = toks.get(k - 2);
          m.low = shorthandLow(low, t);
          m.high = t.value;
          m.first = k - 2;
          m.start = low.start;
          role[k - 2] = BALANCE;
          MoneyReader.order(m);
        }
        r.balances.add(m);
      }
    }
  }

  /**
   * US Dumps 101, 201 High balance: a card's three-digit service code (101, 201, 121, 221, 206,
   * 226) in an advert of dumps or tracks names the magnetic stripe, never an amount of money.
   */
  private boolean serviceCode(Token t) {
    if (t.value == null) {
      return false;
    }
    int v;
    try {
      v = t.value.intValueExact();
    } catch (ArithmeticException e) {
      return false;
    }
    if (v != 101 && v != 201 && v != 121 && v != 221 && v != 206 && v != 226) {
      return false;
    }
    for (Token o : toks) {
      Vocabulary.Meaning p = o.get(Kind.PRODUCT);
      if (p != null && "card_clones".equals(p.value())) {
        return true;
      }
    }
    return false;
  }

  /** Whether a free bare number and a range word stand right before token {@code k} (1k - 5k). */
  private boolean rangeBefore(int k) {
    return k >= 2
        && toks.get(k - 2).isNum()
        && role[k - 2] == FREE
        && toks.get(k - 2).value.signum() > 0
        && toks.get(k - 1).has(Kind.RANGE)
        && wsGap(toks.get(k - 2).end, toks.get(k - 1).start)
        && wsGap(toks.get(k - 1).end, toks.get(k).start);
  }

  /**
   * The low end of a range whose high end alone carries an English shorthand multiplier (5 to 15K,
   * 1-5k): the shorthand applies to both ends when the low figure scaled stays below the high one
   * (500-5k stays 500). Chinese multipliers are read as written.
   */
  BigDecimal shorthandLow(Token low, Token high) {
    if (low.multiplied || !high.multiplied || high.end - high.start < 2) {
      return low.value;
    }
    char last = Character.toLowerCase(text[high.end - 1]);
    BigDecimal scale =
        switch (last) {
          case 'k' -> BigDecimal.valueOf(1000);
          case 'm' -> BigDecimal.valueOf(1_000_000);
          default -> null;
        };
    if (scale == null) {
      return low.value;
    }
    BigDecimal scaled = low.value.multiply(scale);
    return scaled.compareTo(high.value) <= 0 ? scaled : low.value;
  }

  /**
   * Whether a balance word stands before token {@code k}, with at most qualifiers (up to, over) and
   * a short word (of, 在) between: balance up to $1,000, with a balance of $5,000, 余额5万.
   */
  boolean balanceBefore(int k) {
    if (!anyToken(Kind.BALANCE) && !anyToken(Kind.OVER)) {
      return false; // true needs a balance word, or "over" before an account word
    }
    int end = toks.get(k).start;
    boolean over = false;
    for (int b = k - 1; b >= 0 && b >= k - 3; b--) {
      Token tb = toks.get(b);
      if (!gapOk(tb.end, end, 3) && !(tb.has(Kind.BALANCE) && commaOnly(tb.end, end))) {
        return false;
      }
      if ((tb.kinds & QUALIFIER_KINDS) != 0 || tb.has(Kind.OVER)) {
        over |= tb.has(Kind.OVER);
        end = tb.start;
        continue;
      }
      // balances of between $70,000 and $150,000: "between" opens the balance range itself
      if (tb.has(Kind.BETWEEN) && b == k - 1) {
        end = tb.start;
        continue;
      }
      // transfer from stolen account above $1K: an account over an amount holds that amount
      if (over
          && ACCOUNT_WORDS.contains(
              String.valueOf(text, tb.start, tb.end - tb.start).toLowerCase())) {
        return true;
      }
      // in "$500 - $2,000 balances $25" the word closes the amount before it, not this one
      return tb.has(Kind.BALANCE) && !(b > 0 && closesAmount(b));
    }
    return false;
  }

  /**
   * Whether only blanks and one comma stand between: "Sold RBC Bank Log Balance, $17,359" names the
   * balance with a comma where others write a colon.
   */
  private boolean commaOnly(int from, int to) {
    int commas = 0;
    for (int i = from; i < to; i++) {
      char c = text[i];
      if (c == ',') {
        commas++;
      } else if (c != ' ' && c != '\t') {
        return false;
      }
    }
    return commas == 1 && text[from] == ',';
  }

  /** Goods that hold money: an amount after "over"/"above" next to them is their balance. */
  private static final java.util.Set<String> ACCOUNT_WORDS =
      java.util.Set.of("account", "accounts", "log", "logs", "bank log", "bank logs");

  /** From a billion up, money written with a scale word is a market's worth, not a price. */
  private static final java.math.BigDecimal AGGREGATE =
      java.math.BigDecimal.valueOf(1_000_000_000L);

  /** Copulas that state a balance: "the average limit observed was more than $4,000". */
  private static final java.util.Set<String> COPULAS = java.util.Set.of("is", "was", "are", "were");

  /**
   * Whether money starts the amount of a sentence whose subject is a balance word: a balance word,
   * up to five other words, a copula (is, was), qualifiers, the amount ("the average advertised
   * credit card limit observed by Symantec was more than $4,000").
   */
  boolean balanceStated(Money m) {
    if (!anyToken(Kind.BALANCE)) {
      return false; // no balance word to state one
    }
    int k = m.first;
    int after = m.last + 1;
    if (after < toks.size()
        && toks.get(after).has(Kind.EACH)
        && gapOk(m.end, toks.get(after).start, 1)) {
      return false; // "balance transfers are $40 each": a price per record
    }
    int end = toks.get(k).start;
    int b = k - 1;
    while (b >= 0
        && ((toks.get(b).kinds & QUALIFIER_KINDS) != 0 || toks.get(b).has(Kind.OVER))
        && gapOk(toks.get(b).end, end, 0)) {
      end = toks.get(b).start;
      b--;
    }
    int ws = copulaBefore(end);
    if (ws < 0) {
      return false;
    }
    if (b < 0 || !toks.get(b).has(Kind.BALANCE) || toks.get(b).end > ws) {
      return false;
    }
    return fewWordsBetween(toks.get(b).end, ws);
  }

  /** The start of a copula (is, are, was) that ends, blanks aside, at {@code end}; else -1. */
  private int copulaBefore(int end) {
    int w = end;
    while (w > 0 && text[w - 1] == ' ') {
      w--;
    }
    int ws = w;
    while (ws > 0 && TermTrie.isAsciiLetter(text[ws - 1])) {
      ws--;
    }
    return ws < w && COPULAS.contains(new String(text, ws, w - ws)) ? ws : -1;
  }

  /**
   * Whether only blanks and at most five ASCII words stand between two offsets (a copula's
   * subject).
   */
  private boolean fewWordsBetween(int from, int to) {
    int words = 0;
    boolean inWord = false;
    for (int i = from; i < to; i++) {
      char c = text[i];
      if (c == ' ') {
        inWord = false;
      } else if (TermTrie.isAsciiLetter(c)) {
        words += inWord ? 0 : 1;
        inWord = true;
      } else {
        return false;
      }
    }
    return words <= 5;
  }

  /**
   * Whether money is stated by a copula whose subject names a sum that is no price (twelfth English
   * round, shop rules): a not-price word (deposit, purchase amount), up to five other words, a
   * copula (is, was), the amount ("The first deposit of a new user created is $50").
   */
  boolean paymentStated(Money m) {
    int ws = copulaBefore(m.start);
    if (ws < 0) {
      return false;
    }
    // the subject is words and blanks only, at most five words besides the not-price phrase: the
    // scan back stops there, so a long advert costs no more than a short one per amount
    int lim = ws;
    int words = 0;
    while (lim > 0 && words <= 8) {
      char c = text[lim - 1];
      if (c == ' ') {
        lim--;
      } else if (TermTrie.isAsciiLetter(c)) {
        while (lim > 0 && TermTrie.isAsciiLetter(text[lim - 1])) {
          lim--;
        }
        words++;
      } else {
        break;
      }
    }
    int b = m.first - 1;
    while (b >= 0 && toks.get(b).start >= ws) {
      b--;
    }
    // the nearest not-price word before the copula; other words (new, user) may stand between
    while (b >= 0
        && toks.get(b).start >= lim
        && (toks.get(b).get(Kind.NOT_PRICE) == null
            || toks.get(b).get(Kind.NOT_PRICE).has(Vocabulary.AFTER))) {
      b--;
    }
    if (b < 0 || toks.get(b).start < lim) {
      return false;
    }
    int after = m.last + 1;
    if (after < toks.size()
        && toks.get(after).has(Kind.EACH)
        && gapOk(m.end, toks.get(after).start, 1)) {
      return false; // direct deposit fullz are $25 each: a price per record
    }
    if (b + 1 < m.first
        && toks.get(b + 1).end <= ws
        && (toks.get(b + 1).has(Kind.GOODS) || toks.get(b + 1).has(Kind.PRODUCT))
        && gapOk(toks.get(b).end, toks.get(b + 1).start, 0)) {
      return false; // deposit logs are $40, salary accounts are $30: the word qualifies the goods
    }
    return fewWordsBetween(toks.get(b).end, ws);
  }

  /** Whether the word at {@code b} follows a number or money (5万余额, $2,000 balances). */
  boolean closesAmount(int b) {
    if (!toks.get(b).get(Kind.BALANCE).has(Vocabulary.AFTER)) {
      return false;
    }
    Token before = toks.get(b - 1);
    boolean amount = before.isNum() || role[b - 1] == BALANCE || before.has(Kind.CURRENCY);
    return amount && gapOk(before.end, toks.get(b).start, 1) && !opensLarger(b);
  }

  /**
   * $5k balance $50k, $200 for balance $2k: a balance word between two amounts names the larger one
   * after it (the balance), not the smaller one before it (the price); in "$500 - $2,000 balances
   * $25" the word closes the larger amount before it.
   */
  private boolean opensLarger(int b) {
    int p = b - 1;
    if (p >= 1 && !toks.get(p).isNum() && toks.get(p).has(Kind.CURRENCY)) {
      p--; // 500 USD balance 5000 USD
    }
    int n = b + 1;
    if (n < toks.size()
        && !toks.get(n).isNum()
        && toks.get(n).has(Kind.CURRENCY)
        && gapOk(toks.get(b).end, toks.get(n).start, 0)) {
      n++; // balance $50k
    }
    if (p < 0 || n >= toks.size() || !toks.get(p).isNum() || !toks.get(n).isNum()) {
      return false;
    }
    return gapOk(toks.get(n - 1).end, toks.get(n).start, 0)
        && toks.get(n).value.compareTo(toks.get(p).value) > 0;
  }

  /** Whether a balance word follows token {@code k} (5万余额, $2,000 balances, 2,000 on account). */
  boolean balanceAfter(int k) {
    if (!anyToken(Kind.BALANCE)) {
      return false;
    }
    Token t = toks.get(k);
    int a = k + 1;
    if (a < toks.size() && toks.get(a).has(Kind.OVER) && gapOk(t.end, toks.get(a).start, 1)) {
      t = toks.get(a++); // 5万以上余额
    } else if (a < toks.size() && plusGlued(t, toks.get(a))) {
      t = toks.get(a++); // 2000+ Balance: the plus glued to the amount, a minimum balance
    }
    return a < toks.size()
        && toks.get(a).has(Kind.BALANCE)
        && toks.get(a).get(Kind.BALANCE).has(Vocabulary.AFTER)
        && gapOk(t.end, toks.get(a).start, 1)
        && !opensLarger(a);
  }

  /**
   * 2000+ Balance: a plus glued after a number that stands alone (not SOCKS5+BALANCE, where the
   * number ends a word and the plus joins a list) with a blank after it.
   */
  private boolean plusGlued(Token num, Token plus) {
    return plus.has(Kind.MIN)
        && plus.start == num.end
        && plus.end == plus.start + 1
        && text[plus.start] == '+'
        && plus.end < text.length
        && text[plus.end] == ' '
        && (num.start == 0 || !Character.isLetter(text[num.start - 1]));
  }

  /**
   * Why money is not a price although it looks like one, or null: 8 cents per dollar (a ratio to
   * the balance), 两万元起卖 and minimum order $500 (a minimum order value).
   */
  String aside(Money m) {
    for (int k = m.first; k <= m.last; k++) {
      Token t = toks.get(k);
      if (t.isNum() && t.multiplied && t.value.compareTo(AGGREGATE) >= 0) {
        return "ignored.aggregate_value"; // $5.3 billion: what a whole market is worth
      }
    }
    if (!anyToken(Kind.RATIO) && !anyToken(Kind.MIN_ORDER)) {
      return null; // the other asides need a ratio or minimum-order word
    }
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
      if (before.has(Kind.MIN_ORDER)
          && gapOk(before.end, m.start, 2)
          && !atLeastPerRecord(m.first - 1, m.last, m.end)) {
        return "ignored.min_order_value";
      }
    }
    return null;
  }
}
