package org.leakmarket.normalize;

import java.util.ArrayList;
import java.util.List;
import org.leakmarket.normalize.PriceReader.Money;
import org.leakmarket.normalize.PriceReader.Point;
import org.leakmarket.normalize.Vocabulary.Kind;
import org.leakmarket.vocab.Category;
import org.leakmarket.vocab.Freshness;
import org.leakmarket.vocab.Product;
import org.leakmarket.vocab.Tier;

/**
 * Gives each price point of an advert its attributes from the words around it. With one point every
 * mention counts. With several (a menu), a kind of value written between prices (普卡三毛 金卡一块) belongs
 * to the price it follows in the text; a kind written once only (a header: 工行信用卡：普卡三毛 金卡一块) belongs
 * to all. Within one point: the highest tier named, the strongest product word (ties: the first),
 * the first freshness, category and region, every issuer. Linear in points times mentions; no
 * allocation beyond the result.
 */
final class AttributeResolver {
  private static final Kind[] KINDS = {
    Kind.TIER, Kind.FRESHNESS, Kind.ISSUER, Kind.REGION, Kind.CATEGORY, Kind.PRODUCT
  };

  private static final int KIND_COUNT = Kind.values().length;

  /** The code of a region word that names no one country (countries.tsv: EU, worldwide). */
  private static final String NO_REGION = "NONE";

  private AttributeResolver() {}

  /** One {@link Attributes} per point (one when there is no point: a structured listing). */
  static List<Attributes> resolve(
      List<Point> pts, List<Mention> mentions, List<Money> balances, AdvertText text) {
    int n = Math.max(1, pts.size());
    List<Attributes> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(new Attributes());
    }
    if (!balances.isEmpty()) {
      balances(pts, balances, out, text);
    }
    if (mentions.isEmpty()) {
      return out;
    }
    // the mentions of each kind, in text order: one pass instead of one per kind
    @SuppressWarnings("unchecked")
    List<Mention>[] byKind = new List[KIND_COUNT];
    Mention card = null;
    for (Mention m : mentions) {
      int k = m.kind().ordinal();
      List<Mention> l = byKind[k];
      if (l == null) {
        l = new ArrayList<>(4);
        byKind[k] = l;
      }
      l.add(m);
      if (card == null && m.kind() == Kind.TIER && (m.flags() & Vocabulary.CARD) != 0) {
        card = m;
      }
    }
    boolean anyCategory = byKind[Kind.CATEGORY.ordinal()] != null;
    if (!anyCategory && card != null) {
      // 白金卡客户资料: a card tier with no category word says the data is about credit cards
      for (Attributes a : out) {
        a.category = Category.CREDIT_CARD;
        a.evidence.add(
            new Evidence(
                "category", text.span(card.start(), card.end()), "category.credit_card.from_tier"));
      }
    }
    for (Kind kind : KINDS) {
      List<Mention> all = byKind[kind.ordinal()];
      if (all == null) {
        continue;
      }
      List<List<Mention>> per = n > 1 && kind != Kind.CATEGORY ? local(pts, all, kind) : null;
      for (int i = 0; i < n; i++) {
        apply(kind, per == null ? all : per.get(i), out.get(i), text);
      }
    }
    if (n > 1 && anyCategory) {
      otherGoodsNoFirstCategory(pts, mentions, out);
    }
    for (Attributes a : out) {
      if (!anyCategory) {
        // both read a category from other words only when the advert writes none
        bankLogins(a, byKind[Kind.ISSUER.ordinal()], text);
        cardGoods(a, byKind[Kind.PRODUCT.ordinal()], text);
      }
      if (a.product == Product.OTHER && a.tier != Tier.UNKNOWN) {
        // a card tier names card goods or their holders' records (vocabulary.md "Product"): on a
        // phone card (黑卡 ... 带50话费) or a service the word is no tier
        a.tier = Tier.UNKNOWN;
        a.evidence.removeIf(e -> "tier".equals(e.field()));
        if (a.category == Category.CREDIT_CARD
            && a.evidence.removeIf(e -> "category.credit_card.from_tier".equals(e.rule()))) {
          a.category = Category.OTHER; // nor does it make the goods card data
        }
      }
    }
    return out;
  }

  /**
   * Cards $3 each, the average price of cards, each card: when a card word is what the price buys
   * and no category word is written, the goods are card goods, credit_card (real-corpus convention
   * 2). Only when the card word decides the product: in "emails per 100k cards" or "Gmail account,
   * card X-1234" other goods are sold, and fullz alone stays an identity (convention 3).
   */
  private static void cardGoods(Attributes a, List<Mention> products, AdvertText text) {
    if (a.category != Category.OTHER
        || a.product != Product.CARD_CREDENTIALS
        || a.productCardWordAt < 0
        || products == null) {
      return;
    }
    for (Mention m : products) {
      if (m.start() == a.productCardWordAt) {
        a.category = Category.CREDIT_CARD;
        a.evidence.add(
            new Evidence(
                "category", text.span(m.start(), m.end()), "category.credit_card.from_card_goods"));
        return;
      }
    }
  }

  /**
   * Credit card information ... for as little as £28 ..., while login details for email accounts
   * ... for £90: when every category word stands with the first goods, a later price whose own
   * words (since the price before it) name goods of another product, and no category, keeps none of
   * theirs. A header that names the goods of every item (工行信用卡：普卡三毛 金卡一块) still holds for all.
   */
  private static void otherGoodsNoFirstCategory(
      List<Point> pts, List<Mention> mentions, List<Attributes> out) {
    int firstEnd = pts.get(0).end;
    for (Mention m : mentions) {
      if (m.kind() == Kind.CATEGORY && m.start() >= firstEnd) {
        return;
      }
    }
    Product first = out.get(0).product;
    for (int i = 1; i < pts.size(); i++) {
      Attributes a = out.get(i);
      if (a.product == first || a.category == Category.OTHER) {
        continue;
      }
      int from = pts.get(i - 1).end;
      int to = pts.get(i).end;
      boolean ownGoods = false;
      for (Mention m : mentions) {
        if (m.kind() == Kind.PRODUCT && m.start() >= from && m.start() < to && strength(m) >= 2) {
          ownGoods = true;
          break;
        }
      }
      if (ownGoods) {
        a.category = Category.OTHER;
        a.evidence.removeIf(e -> "category".equals(e.field()));
      }
    }
  }

  /**
   * $35,000 BOA logins, Chase login: a login (a defining account word) to a named bank with no
   * category word is a bank login, bank_account (real-corpus convention 2 counts bank logins as
   * bank logs). A bank's name alone, or beside an account that only hints (PayPal account with a
   * bank attached), still sets no category.
   */
  private static void bankLogins(Attributes a, List<Mention> issuers, AdvertText text) {
    if (a.category != Category.OTHER
        || a.product != Product.ACCOUNT_ACCESS
        || a.productDefinedAt < 0
        || a.issuers.isEmpty()
        || issuers == null) {
      return;
    }
    Mention m = issuers.get(0); // the first bank named
    a.category = Category.BANK_ACCOUNT;
    a.evidence.add(
        new Evidence(
            "category", text.span(m.start(), m.end()), "category.bank_account.from_bank_login"));
  }

  /**
   * The balance of each point: with several prices and balances written between them, the one
   * before each price (a menu of balances; also when the only one stands between two prices); else
   * the first balance for all.
   */
  private static void balances(
      List<Point> pts, List<Money> balances, List<Attributes> out, AdvertText text) {
    int n = out.size();
    List<Money> per = new ArrayList<>(n);
    int gapsWith = 0;
    for (int i = 0; i < n && pts.size() > 1; i++) {
      int from = i == 0 ? 0 : pts.get(i - 1).end;
      int to = pts.get(i).start;
      Money in = null;
      for (Money b : balances) {
        if (in == null && b.start >= from && b.start < to) {
          in = b;
        }
      }
      gapsWith += in == null ? 0 : 1;
      per.add(in);
    }
    // one balance written between two prices (cards $10 - $40; with >$5k limit $110 - $120)
    // belongs to the price after it, as in a menu; one before the first price is a header
    boolean menu = gapsWith >= 2 || gapsWith == 1 && per.get(0) == null;
    // $200 for balance $2k $400 for balance $5k: every price followed by its own balance and none
    // before the first is a menu written price first
    List<Money> after = balancesAfter(pts, balances);
    if (after != null && per.get(0) == null) {
      per = after;
      menu = true;
    }
    Money only = menu ? null : spanned(balances);
    for (int i = 0; i < n; i++) {
      Money b = menu ? per.get(i) : only;
      if (b != null) {
        out.get(i).balance = b;
        out.get(i)
            .evidence
            .add(
                new Evidence(
                    "balance",
                    text.span(b.start, b.end),
                    b.high != null ? "balance.range" : "balance"));
      }
    }
  }

  /**
   * The balance all the prices share: the first one written; but balances in bands for the same
   * price (KNOWN BALANCE 1k$ TO 5K$, 5K$ TO 20K$, 20K$ TO 50K$ | 10.29 USD), all in one currency,
   * span from the lowest bound to the highest (1k-50k).
   */
  private static Money spanned(List<Money> balances) {
    Money first = balances.get(0);
    if (balances.size() < 2 || first.high == null) {
      return first;
    }
    java.math.BigDecimal low = first.low;
    java.math.BigDecimal high = first.high;
    for (Money b : balances) {
      if (b.currency == null
          || !b.currency.equals(first.currency)
          || b.high == null
          || b.low == null
          || b.scale.compareTo(first.scale) != 0) {
        return first;
      }
      low = low.min(b.low);
      high = high.max(b.high);
    }
    Money m = new Money();
    m.first = first.first;
    m.last = balances.get(balances.size() - 1).last;
    m.start = first.start;
    m.end = balances.get(balances.size() - 1).end;
    m.low = low;
    m.high = high;
    m.scale = first.scale;
    m.currency = first.currency;
    m.defaulted = first.defaulted;
    m.currencyStart = first.currencyStart;
    m.currencyEnd = first.currencyEnd;
    m.currencyRule = first.currencyRule;
    return m;
  }

  /** The balance written after each price and before the next, or null if a price has none. */
  private static List<Money> balancesAfter(List<Point> pts, List<Money> balances) {
    int n = pts.size();
    if (n < 2) {
      return null;
    }
    List<Money> after = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int from = pts.get(i).end;
      int to = i + 1 < n ? pts.get(i + 1).start : Integer.MAX_VALUE;
      Money in = null;
      for (Money b : balances) {
        if (in == null && b.start >= from && b.start < to) {
          in = b;
        }
      }
      if (in == null) {
        return null;
      }
      after.add(in);
    }
    return after;
  }

  /**
   * Mentions per price point when the kind is written between prices, else null (all apply to all).
   */
  private static List<List<Mention>> local(List<Point> pts, List<Mention> all, Kind kind) {
    int n = pts.size();
    List<List<Mention>> per = new ArrayList<>(n);
    int gapsWith = 0;
    for (int i = 0; i < n; i++) {
      int from = i == 0 ? 0 : pts.get(i - 1).end;
      int to = pts.get(i).end; // a word inside the price phrase (一张人脸0.5元) is its own
      List<Mention> in = new ArrayList<>(2);
      for (Mention m : all) {
        if (m.start() >= from && m.start() < to) {
          in.add(m);
        }
      }
      gapsWith += in.isEmpty() ? 0 : 1;
      per.add(in);
    }
    if (gapsWith < 2 && per.get(0).isEmpty()) {
      List<List<Mention>> after = following(pts, all);
      if (after != null) {
        return after;
      }
    }
    if (gapsWith < 2) {
      return null;
    }
    if (kind == Kind.FRESHNESS && per.get(0).size() > 1) {
      // 一手网贷 实时3元，隔夜1元: before the first price, the word next to it is that item's own; an
      // earlier one is the listing's (一手) and holds for items that name no freshness of their own
      // (real-corpus convention 12)
      List<Mention> header = per.get(0).subList(0, per.get(0).size() - 1);
      for (int i = 1; i < n; i++) {
        List<Mention> own = new ArrayList<>(per.get(i));
        own.addAll(header);
        per.set(i, own);
      }
    }
    if (kind == Kind.ISSUER || kind == Kind.REGION || kind == Kind.PRODUCT) {
      for (int i = 1; i < n; i++) {
        if (per.get(i).isEmpty()) {
          per.set(i, per.get(i - 1)); // a header names the bank for the prices that follow
        } else if (kind == Kind.PRODUCT && allWeak(per.get(i)) && !allWeak(per.get(i - 1))) {
          // clone card ... $400 for balance $5k: a weak hint between prices keeps the header's
          // goods
          per.set(i, per.get(i - 1));
        }
      }
    }
    return per;
  }

  /**
   * A menu written price first (5元一张脸、25元一个网站账号): nothing of the kind before the first price, and
   * the words after each price (up to the next) name its goods. Null unless at least two prices
   * have such words after them.
   */
  private static List<List<Mention>> following(List<Point> pts, List<Mention> all) {
    int n = pts.size();
    List<List<Mention>> per = new ArrayList<>(n);
    int with = 0;
    for (int i = 0; i < n; i++) {
      int from = pts.get(i).end;
      int to = i + 1 < n ? pts.get(i + 1).start : Integer.MAX_VALUE;
      List<Mention> in = new ArrayList<>(2);
      for (Mention m : all) {
        if (m.start() >= from && m.start() < to) {
          in.add(m);
        }
      }
      with += in.isEmpty() ? 0 : 1;
      per.add(in);
    }
    return with >= 2 ? per : null;
  }

  private static boolean allWeak(List<Mention> ms) {
    for (Mention m : ms) {
      if ((m.flags() & Vocabulary.WEAK) == 0) {
        return false;
      }
    }
    return true;
  }

  /** The rule of each tier word with ".highest_named" (a handful): built once, not per point. */
  private static final java.util.concurrent.ConcurrentHashMap<String, String> HIGHEST_NAMED =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** {@code rule + ".highest_named"}, the string concatenated once per distinct rule. */
  private static String highestNamed(String rule) {
    String s = HIGHEST_NAMED.get(rule);
    if (s == null) {
      s = rule + ".highest_named";
      if (HIGHEST_NAMED.size() < 256) {
        HIGHEST_NAMED.put(rule, s);
      }
    }
    return s;
  }

  private static void apply(Kind kind, List<Mention> ms, Attributes a, AdvertText text) {
    if (ms.isEmpty()) {
      return;
    }
    switch (kind) {
      case TIER -> {
        Mention best = null;
        for (Mention m : ms) {
          if (best == null || ((Tier) m.code()).rank() > ((Tier) best.code()).rank()) {
            best = m;
          }
        }
        a.tier = (Tier) best.code();
        a.evidence.add(
            new Evidence(
                "tier",
                text.span(best.start(), best.end()),
                ms.size() > 1 && distinct(ms) > 1 ? highestNamed(best.rule()) : best.rule()));
      }
      case FRESHNESS -> {
        // an age word with no freshness (隔夜, 周内) only keeps a menu item's price from the
        // freshness of another item; the first word with a freshness wins
        Mention first = null;
        for (Mention m : ms) {
          if (first == null && m.code() != Freshness.UNKNOWN) {
            first = m;
          }
        }
        if (first == null) {
          return;
        }
        a.freshness = (Freshness) first.code();
        a.evidence.add(
            new Evidence("freshness", text.span(first.start(), first.end()), first.rule()));
        if (distinct(ms) > 1) {
          a.confidencePenalty += 0.1;
        }
      }
      case CATEGORY -> {
        Mention first = ms.get(0);
        a.category = (Category) first.code();
        a.evidence.add(
            new Evidence("category", text.span(first.start(), first.end()), first.rule()));
      }
      case PRODUCT -> {
        Mention best = null;
        for (Mention m : ms) {
          if (best == null || strength(m) > strength(best)) {
            best = m;
          }
        }
        a.product = (Product) best.code();
        a.evidence.add(new Evidence("product", text.span(best.start(), best.end()), best.rule()));
        if (strength(best) >= 3) {
          a.productDefinedAt = best.start();
        }
        if (strength(best) == 1 && best.code() == Product.CARD_CREDENTIALS) {
          a.productCardWordAt = best.start();
        }
      }
      case ISSUER -> {
        List<String> codes = a.issuers;
        for (Mention m : ms) {
          boolean added = false;
          for (String c : m.codes()) {
            if (!codes.contains(c)) {
              codes.add(c);
              added = true;
            }
          }
          if (added) {
            a.evidence.add(new Evidence("issuers", text.span(m.start(), m.end()), m.rule()));
          }
        }
      }
      case REGION -> {
        if (listedWithNoRegion(ms, text)) {
          return; // US/EU paypal accounts: a list of places, one of them no country (convention 11)
        }
        if (listedWithCode(ms, text)) {
          return; // dumps uk/usa/ca, fullz uk, us: a list of countries gives none (convention 11)
        }
        ms = countries(ms);
        if (ms.isEmpty()) {
          return; // EU, worldwide: a region word that names no one country (convention 11)
        }
        if (severalCountries(ms)) {
          return; // Hong Kong and the Philippines: a list of countries gives none (convention 11)
        }
        Mention first = ms.get(0);
        a.region = first.value();
        a.evidence.add(
            new Evidence("region_code", text.span(first.start(), first.end()), first.rule()));
        if (distinct(ms) > 1) {
          a.confidencePenalty += 0.1;
        }
      }
      default -> {}
    }
  }

  /**
   * How firmly a product word says what the goods are: 4 a whole kit, 3 defining, 2 a goods noun, 1
   * a hint, 0 an attribute of the goods (balance).
   */
  static int strength(Mention m) {
    if ((m.flags() & Vocabulary.KIT) != 0) {
      return 4;
    }
    if ((m.flags() & Vocabulary.STRONG) != 0) {
      return 3;
    }
    if ((m.flags() & Vocabulary.ATTRIBUTE) != 0) {
      return 0;
    }
    return (m.flags() & Vocabulary.WEAK) != 0 ? 1 : 2;
  }

  /**
   * The mentions that name a country or province: a region word with no code (EU, INTL, worldwide;
   * value {@code NONE}) only keeps a menu item from the region of the item before it.
   */
  private static List<Mention> countries(List<Mention> ms) {
    int none = 0;
    for (Mention m : ms) {
      none += NO_REGION.equals(m.value()) ? 1 : 0;
    }
    if (none == 0) {
      return ms;
    }
    List<Mention> out = new ArrayList<>(ms.size() - none);
    for (Mention m : ms) {
      if (!NO_REGION.equals(m.value())) {
        out.add(m);
      }
    }
    return out;
  }

  /**
   * Whether a region word that names no one country (EU, worldwide) is joined to a country by a
   * slash, comma, ampersand, plus or "and" (US/EU, USA & Europe): the pair lists several places.
   */
  private static boolean listedWithNoRegion(List<Mention> ms, AdvertText text) {
    for (int i = 0; i + 1 < ms.size(); i++) {
      Mention a = ms.get(i);
      Mention b = ms.get(i + 1);
      if (NO_REGION.equals(a.value()) == NO_REGION.equals(b.value()) || b.start() < a.end()) {
        continue;
      }
      String between = new String(text.lower, a.end(), b.start() - a.end()).strip();
      if (between.equals("/")
          || between.equals(",")
          || between.equals("&")
          || between.equals("+")
          || between.equals("and")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Country codes as sellers write them in lower or title case in a list (dumps uk/usa/ca, cvv uk,
   * us): too short to be country words alone (us, ca are English words), they name a country only
   * when a list joins them to a country the advert names.
   */
  private static final java.util.Set<String> LISTED_CODES =
      java.util.Set.of(
          "us", "usa", "uk", "gb", "ca", "au", "aus", "eu", "nz", "de", "fr", "es", "nl", "mx",
          "br", "jp", "ch");

  /**
   * Whether a country the advert names is joined by a slash, comma, ampersand, plus or "and" to a
   * country code in any case that names another place (dumps uk/usa/ca, usa/uk cvv, fullz uk, us):
   * a list of countries (README convention 11, thirteenth English round).
   */
  private static boolean listedWithCode(List<Mention> ms, AdvertText text) {
    char[] t = text.lower;
    for (Mention m : ms) {
      if (NO_REGION.equals(m.value())) {
        continue;
      }
      String after = codeBeside(t, m.end(), 1);
      String before = codeBeside(t, m.start(), -1);
      String self = m.value().toLowerCase(java.util.Locale.ROOT);
      if (after != null && !sameCountry(after, self)
          || before != null && !sameCountry(before, self)) {
        return true;
      }
    }
    return false;
  }

  private static boolean sameCountry(String code, String iso) {
    return code.equals(iso)
        || iso.equals("us") && code.equals("usa")
        || iso.equals("gb") && code.equals("uk")
        || iso.equals("au") && code.equals("aus");
  }

  /**
   * The code of {@link #LISTED_CODES} joined to position {@code at} by a list joiner, looking after
   * it ({@code dir} 1) or before it (-1); null when there is none.
   */
  private static String codeBeside(char[] t, int at, int dir) {
    int n = t.length;
    int i = dir > 0 ? at : at - 1;
    while (i >= 0 && i < n && t[i] == ' ') {
      i += dir;
    }
    if (i < 0 || i >= n) {
      return null;
    }
    if (t[i] == '/' || t[i] == ',' || t[i] == '&' || t[i] == '+') {
      i += dir;
    } else if (dir > 0 && i + 3 <= n && t[i] == 'a' && t[i + 1] == 'n' && t[i + 2] == 'd') {
      i += 3;
    } else if (dir < 0 && i >= 2 && t[i] == 'd' && t[i - 1] == 'n' && t[i - 2] == 'a') {
      i -= 3;
    } else {
      return null;
    }
    while (i >= 0 && i < n && t[i] == ' ') {
      i += dir;
    }
    int s = i;
    int e = i;
    while (e >= 0 && e < n && TermTrie.isAsciiLetter(t[e])) {
      e += dir;
    }
    int from = dir > 0 ? s : e + 1;
    int to = dir > 0 ? e : s + 1;
    if (to - from < 2 || to - from > 3) {
      return null;
    }
    String w = new String(t, from, to - from);
    if (!LISTED_CODES.contains(w) || dir > 0 && !codesToTheEnd(t, e)) {
      return null;
    }
    return w;
  }

  /**
   * Whether the list that goes on at {@code e} (after a code) holds only codes and ends with a
   * word: {@code uk/usa/ca} does; {@code ca/tx/fl} (US states), {@code fr/en} (languages) and
   * {@code de-duped} do not.
   */
  private static boolean codesToTheEnd(char[] t, int e) {
    int n = t.length;
    while (e < n && (t[e] == '/' || t[e] == '&' || t[e] == '+')) {
      int s = e + 1;
      int f = s;
      while (f < n && TermTrie.isAsciiLetter(t[f])) {
        f++;
      }
      if (f - s < 2 || f - s > 3 || !LISTED_CODES.contains(new String(t, s, f - s))) {
        return false;
      }
      e = f;
    }
    return e >= n || t[e] != '-';
  }

  /** Two or more different places, one of them a country outside China (an ISO code). */
  private static boolean severalCountries(List<Mention> ms) {
    if (distinct(ms) < 2) {
      return false;
    }
    for (Mention m : ms) {
      String v = m.value();
      if (v.length() == 2 && Character.isLetter(v.charAt(0)) && Character.isLetter(v.charAt(1))) {
        return true;
      }
    }
    return false;
  }

  private static int distinct(List<Mention> ms) {
    String first = ms.get(0).value();
    for (int i = 1; i < ms.size(); i++) {
      if (!ms.get(i).value().equals(first)) {
        return 2;
      }
    }
    return 1;
  }
}
