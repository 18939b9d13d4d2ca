package org.leakmarket.normalize;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.leakmarket.normalize.PriceReader.Count;
import org.leakmarket.normalize.PriceReader.Money;
import org.leakmarket.normalize.PriceReader.Point;
import org.leakmarket.normalize.Vocabulary.Kind;
import org.leakmarket.reference.FxTable;
import org.leakmarket.vocab.Product;
import org.leakmarket.vocab.Qualifier;
import org.leakmarket.vocab.Reason;

/**
 * Turns one listing into zero or more offers, or one rejection (contracts section 4). Pure Java, no
 * Spark types: the Spark job calls it inside {@code mapPartitions}, {@code parse} calls it line by
 * line. Thread-safe and serialisable; all patterns and the vocabulary trie are built once ({@link
 * Vocabulary#shipped()}), never per call.
 *
 * <p>Three layers, one pass each:
 *
 * <ol>
 *   <li><b>Text grammar</b>: the text is folded ({@link AdvertText}), lexed once ({@link Lexer})
 *       and its price phrases read ({@link PriceReader}: money, counts, bundles, ranges,
 *       qualifiers, and the amounts that are not prices).
 *   <li><b>Attribute resolution</b>: the attribute words ({@link MentionFinder}) give each price
 *       point its product, tier, freshness, category, issuers, region and balance ({@link
 *       AttributeResolver}); structured hints win ({@link StructuredHints}).
 *   <li><b>Offer assembly</b>: each point is converted through the dated FX table and checked
 *       ({@link OfferAssembler}: {@link Assessment.Priced} or {@link Assessment.Rejected}); two
 *       statements of one price become one offer.
 * </ol>
 *
 * Costs a few microseconds per advert; allocation is proportional to its tokens.
 */
public final class Normalizer implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Vocabulary vocab;
  private final MentionFinder mentions;
  private final StructuredHints hints;
  private final OfferAssembler assembler;

  public Normalizer(FxTable fx, NormalizerSettings settings) {
    this(fx, settings, Vocabulary.shipped());
  }

  public Normalizer(FxTable fx, NormalizerSettings settings, Vocabulary vocab) {
    this.vocab = vocab;
    this.mentions = new MentionFinder(vocab);
    this.hints = new StructuredHints(vocab);
    this.assembler = new OfferAssembler(fx, settings, vocab);
  }

  public List<Offer> normalize(Listing l) {
    String id =
        !blank(l.listingId())
            ? l.listingId()
            : ListingIds.defaultId(l.source(), l.channel(), l.seller(), l.postedAt(), l.text());
    if (blank(l.source())) {
      return List.of(Offer.rejected(id, Reason.MISSING_FIELD.code(), "source missing", null, null));
    }
    Optional<PostedAt.Parsed> posted = PostedAt.parse(l.postedAt(), l.source());
    if (posted.isEmpty()) {
      return List.of(
          Offer.rejected(
              id,
              Reason.BAD_DATE.code(),
              blank(l.postedAt()) ? "posted_at missing" : "posted_at unreadable",
              null,
              null));
    }
    PostedAt.Parsed p = posted.get();
    boolean structured = !blank(l.price());
    if (blank(l.text()) && !structured) {
      return List.of(
          Offer.rejected(
              id, Reason.MISSING_FIELD.code(), "neither text nor price", p.instant(), p.date()));
    }
    AdvertText text = AdvertText.of(vocab, l.text());
    List<Token> tokens = Lexer.lex(vocab, text.lower, text.cased, text.cjk);
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.has(Kind.BUY) && !amountNeeded(tokens, i, text.lower) && !testimonial(t, tokens)) {
        return List.of(
            Offer.rejected(
                id,
                Reason.NOT_AN_OFFER.code(),
                "buy request (" + text.span(t.start, t.end) + ")",
                p.instant(),
                p.date()));
      }
    }
    String structuredCurrency = blank(l.currency()) ? null : currencyCode(l.currency());
    String defaultCurrency =
        structuredCurrency != null ? structuredCurrency : text.cjk ? "CNY" : "USD";
    PriceReader.Result read = PriceReader.read(tokens, text.lower, defaultCurrency);
    List<Mention> found = mentions.find(tokens, text.lower, p.date());
    OfferAssembler.Context ctx =
        new OfferAssembler.Context(id, p.instant(), p.date(), text.language);
    return structured
        ? structuredOffer(l, ctx, text, read, found, structuredCurrency)
        : textOffers(l, ctx, text, read, found, tokens);
  }

  /**
   * A told purchase (买了一批) in an advert that prices its goods per record (老客户买了一批都说好 车主资料 5毛一条) is
   * the seller's testimonial, not a buyer's story.
   */
  private static boolean testimonial(Token t, List<Token> tokens) {
    if ((t.get(Kind.BUY).flags() & Vocabulary.TOLD) == 0) {
      return false;
    }
    for (Token o : tokens) {
      if (o.has(Kind.EACH) && o.get(Kind.EACH).flags() == 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * £300 NEEDED IN WALLET: a request word right after an amount (a number, or a currency word after
   * one) that it may follow (price_words.tsv: needed, not_price, follows) states a requirement, not
   * a buy request; "Netflix account needed" still asks for goods.
   */
  private static boolean amountNeeded(List<Token> tokens, int i, char[] text) {
    Token t = tokens.get(i);
    Vocabulary.Meaning np = t.get(Kind.NOT_PRICE);
    if (i == 0 || np == null || !np.has(Vocabulary.AFTER)) {
      return false;
    }
    Token prev = tokens.get(i - 1);
    boolean amount =
        prev.isNum() || (prev.has(Kind.CURRENCY) && i >= 2 && tokens.get(i - 2).isNum());
    for (int k = prev.end; amount && k < t.start; k++) {
      amount = text[k] == ' ';
    }
    return amount && t.start - prev.end <= 1;
  }

  // ---- text adverts ----------------------------------------------------------------------

  private List<Offer> textOffers(
      Listing l,
      OfferAssembler.Context ctx,
      AdvertText text,
      PriceReader.Result read,
      List<Mention> found,
      List<Token> tokens) {
    List<Point> pts = read.points;
    if (pts.isEmpty()) {
      String detail =
          read.ignored.isEmpty() && read.asides.isEmpty() && read.balances.isEmpty()
              ? "no price in the text"
              : "no price in the text (only amounts that are not prices: minimum orders, trials,"
                  + " stock, balances, ratios)";
      return List.of(rejected(ctx, Reason.NO_PRICE, detail));
    }
    List<Attributes> attrs = AttributeResolver.resolve(pts, found, read.balances, text);
    boolean namesRecords = !text.cjk || namesRecords(found, tokens, pts, text.lower);
    List<Offer> ok = new ArrayList<>();
    List<Assessment.Rejected> dropped = new ArrayList<>();
    List<String> droppedSpans = new ArrayList<>();
    for (int i = 0; i < pts.size(); i++) {
      Point pt = pts.get(i);
      Attributes a = attrs.get(i);
      hints.apply(l, a);
      Money m = pt.money;
      if (m.faceValued && a.product == Product.PERSONAL_RECORDS && !named(a, "product")) {
        a.product = Product.OTHER; // 5欧元68: notes of a face value are goods, not records
      }
      if (a.product == Product.PERSONAL_RECORDS && !named(a, "product") && !namesRecords) {
        // 0.05BTC出，也就是2200 / 王者荣耀改空白名（10元到20元不等）: no goods word, no unit or count of
        // records, no look-up and nobody whose data it is; personal_records is the default only for
        // adverts priced per 条 (vocabulary.md "Product"), so the goods are other
        a.product = Product.OTHER;
        a.evidence.add(new Evidence("product", "", "product.other.no_records_named"));
      }
      if (a.product == Product.PERSONAL_RECORDS && lookUpPerQuery(tokens, pt, text.lower)) {
        // 查开房记录 300元/次, 可查户籍 每单80元: a look-up priced per query or order is a service
        // (README convention 14: as query credits, convention 5, and vocabulary.md's other)
        a.product = Product.OTHER;
        a.evidence.add(new Evidence("product", "", "product.other.lookup_per_query"));
      } else if (a.product == Product.OTHER
          && lookUpNamed(a)
          && lookUpPerRecord(tokens, pt, text.lower)) {
        // 查档 开房记录 80元/条, 每查询1条个人征信信息…300至350元: a look-up priced per 条 delivers a record
        // (README convention 5), whatever the look-up word (查询, 代查, 查档: a service) says
        a.product = Product.PERSONAL_RECORDS;
        a.evidence.add(new Evidence("product", "", "product.records.lookup_per_record"));
      }
      List<Evidence> ev = priceEvidence(text, pt, read);
      double conf = "price.implied_per_record".equals(pt.rule) ? 0.7 : 0.9;
      conf -= m.defaulted ? 0.15 : 0;
      conf -= m.high != null ? 0.05 : 0;
      conf -= a.confidencePenalty;
      OfferAssembler.Amount amt =
          new OfferAssembler.Amount(
              m.low,
              m.high,
              pt.count == null ? 1 : pt.count.n,
              m.currency,
              m.unknown,
              pt.qualifier == null ? Qualifier.EXACT : pt.qualifier);
      Assessment result = assembler.assess(ctx, amt, a, ev, conf, ok.size());
      if (result instanceof Assessment.Rejected r) {
        dropped.add(r);
        droppedSpans.add(text.span(pt.start, pt.end));
        continue;
      }
      Offer o = ((Assessment.Priced) result).offer();
      int same = restated(ok, o);
      if (same >= 0 && i > 0 && acrossCells(text, pts.get(i - 1).end, pt.start)) {
        same = -1; // LuxChecker (0.50$ / check) | 0check (0.50$ / check): two items of a list
      }
      if (same < 0 && !ok.isEmpty()) {
        Token n = totalCount(ok, o, tokens, pt.start, pt.end);
        if (n != null) {
          // 按照每条信息3毛钱计算…售价1.2万元 (4万余条): the total of the price just read, one offer
          Offer first = ok.get(ok.size() - 1);
          List<Evidence> merged = new ArrayList<>(first.evidence());
          merged.add(new Evidence("price", text.span(pt.start, pt.end), "price.restated.total"));
          if (first.quantity() == 1) {
            merged.add(new Evidence("quantity", text.span(n.start, n.end), "quantity.total"));
          }
          ok.set(
              ok.size() - 1,
              first.quantity() == 1
                  ? asBundle(first, o, Math.round(n.value.doubleValue()), merged)
                  : withEvidence(first, merged));
          continue;
        }
      }
      if (same >= 0) {
        // two statements of one price (2000元10万条，每条只要2分钱) are one offer
        // the statement that names what the price buys is kept (£3.50 per card = £350 total for
        // 100 cards: the bundle of 100)
        Offer first = ok.get(same);
        boolean keepNew =
            first.quantity() != null
                && first.quantity() == 1
                && o.quantity() != null
                && o.quantity() > 1;
        List<Evidence> merged = new ArrayList<>((keepNew ? o : first).evidence());
        merged.add(new Evidence("price", text.span(pt.start, pt.end), "price.restated"));
        ok.set(same, withEvidence(keepNew ? o : first, first.offerIndex(), merged));
      } else {
        ok.add(o);
      }
    }
    if (ok.isEmpty()) {
      Assessment.Rejected first = dropped.get(0);
      return List.of(rejected(ctx, first.reason(), first.detail()));
    }
    if (!dropped.isEmpty()) {
      List<Evidence> ev = new ArrayList<>(ok.get(0).evidence());
      for (int k = 0; k < dropped.size(); k++) {
        ev.add(
            new Evidence(
                "price", droppedSpans.get(k), "dropped." + dropped.get(k).reason().code()));
      }
      ok.set(0, withEvidence(ok.get(0), ev));
    }
    // one offer (most adverts): the same immutable list as List.copyOf, without its array copy
    return ok.size() == 1 ? List.of(ok.get(0)) : List.copyOf(ok);
  }

  /**
   * The evidence of a price as read: its span, currency, count, range, qualifier, what was ignored.
   */
  private static List<Evidence> priceEvidence(AdvertText text, Point pt, PriceReader.Result read) {
    Money m = pt.money;
    List<Evidence> ev = new ArrayList<>(16);
    ev.add(new Evidence("price", text.span(pt.start, pt.end), pt.rule));
    if (m.defaulted) {
      ev.add(new Evidence("currency", "", "currency.default." + m.currency));
    } else {
      ev.add(
          new Evidence(
              "currency",
              text.span(m.currencyStart, m.currencyEnd),
              m.currencyRule != null ? m.currencyRule : "currency." + m.currency));
    }
    if (pt.count != null) {
      ev.add(new Evidence("quantity", text.span(pt.count.start, pt.count.end), "quantity.bundle"));
    }
    if (m.high != null) {
      ev.add(new Evidence("price", text.span(m.start, m.end), "price.range.geometric_mean"));
    }
    if (pt.qualifier != null) {
      ev.add(
          new Evidence(
              "qualifier", text.span(pt.qualStart, pt.qualEnd), qualifierRule(pt.qualifier)));
    }
    for (Count c : read.ignored) {
      ev.add(new Evidence("quantity", text.span(c.start, c.end), c.ignoredRule()));
    }
    for (PriceReader.Aside x : read.asides) {
      ev.add(new Evidence("price", text.span(x.start(), x.end()), x.rule()));
    }
    return ev;
  }

  private static String qualifierRule(Qualifier q) {
    return switch (q) {
      case UP_TO -> "qualifier.max";
      case FROM -> "qualifier.min";
      default -> "qualifier." + q.code();
    };
  }

  /**
   * The index of the offer just read when it has the same price and attributes, or -1: a price said
   * again after another item's price (户籍资料100元/条…车辆档案50元/条…住宿记录100元/条) is a new item.
   */
  private static int restated(List<Offer> ok, Offer o) {
    int k = ok.size() - 1;
    return k >= 0 && samePrice(ok.get(k), o) ? k : -1;
  }

  /**
   * The number token that writes N when the offer just read (one amount, no count of its own) is N
   * (100 or more) times the point price of the offer before it and the advert writes N as a count
   * (with 万/k, or before a count unit or goods noun) (按每条3毛钱计算 … 共计4万余条 … 售价1.2万元; 12 元 1000 个,
   * 要刷出“10 万+”仅需要 1200 元): the amount is that price's total for N records, not another item (the
   * number is not the amount's own, {@code from}..{@code to}). Else null. Runs only for the second
   * and later offers of an advert.
   */
  private static Token totalCount(List<Offer> ok, Offer o, List<Token> tokens, int from, int to) {
    Offer f = ok.get(ok.size() - 1);
    if (o.quantity() == null
        || o.quantity() != 1
        || !f.currency().equals(o.currency())
        || !sameGoods(f, o)
        || !near(f.pricePerRecordLowCny(), f.pricePerRecordHighCny())
        || !near(o.pricePerRecordLowCny(), o.pricePerRecordHighCny())) {
      return null;
    }
    double n = o.pricePerRecordCny() / f.pricePerRecordCny();
    if (n < 100 || n > 1e12 || Math.abs(n - Math.rint(n)) > 1e-6 * n) {
      return null;
    }
    for (int k = 0; k < tokens.size(); k++) {
      Token t = tokens.get(k);
      if (t.isNum()
          && (t.end <= from || t.start >= to)
          && near(t.value.doubleValue(), n)
          && (t.multiplied || countFollows(tokens, k))) {
        return t;
      }
    }
    return null;
  }

  /**
   * The offer {@code unit} (one record) as the bundle of {@code n} records that {@code total} buys.
   */
  private static Offer asBundle(Offer unit, Offer total, long n, List<Evidence> ev) {
    return copy(unit, unit.offerIndex(), total.amount(), total.currency(), n, ev);
  }

  /** Whether a count unit or a goods noun follows the number token {@code k} (4000条, 1000 个). */
  private static boolean countFollows(List<Token> tokens, int k) {
    if (k + 1 >= tokens.size()) {
      return false;
    }
    Token next = tokens.get(k + 1);
    return (next.has(Kind.COUNT) || next.has(Kind.GOODS)) && next.start - tokens.get(k).end <= 1;
  }

  private static boolean sameGoods(Offer a, Offer b) {
    return a.product().equals(b.product())
        && a.tier().equals(b.tier())
        && a.freshness().equals(b.freshness())
        && a.issuers().equals(b.issuers())
        && Objects.equals(a.regionCode(), b.regionCode());
  }

  private static boolean samePrice(Offer a, Offer b) {
    // compared to a relative 1e-9: £150 / 100 and £1.50 convert to CNY with different rounding
    return near(a.pricePerRecordCny(), b.pricePerRecordCny())
        && near(a.pricePerRecordLowCny(), b.pricePerRecordLowCny())
        && near(a.pricePerRecordHighCny(), b.pricePerRecordHighCny())
        && a.product().equals(b.product())
        && a.tier().equals(b.tier())
        && a.freshness().equals(b.freshness())
        && a.issuers().equals(b.issuers())
        && Objects.equals(a.regionCode(), b.regionCode());
  }

  /** Whether a table bar ('|') stands between two positions of the advert. */
  private static boolean acrossCells(AdvertText text, int from, int to) {
    for (int k = Math.max(0, from); k < to && k < text.lower.length; k++) {
      if (text.lower[k] == '|') {
        return true;
      }
    }
    return false;
  }

  private static boolean near(double x, double y) {
    return Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y));
  }

  private static Offer withEvidence(Offer o, List<Evidence> ev) {
    return withEvidence(o, o.offerIndex(), ev);
  }

  private static Offer withEvidence(Offer o, Integer index, List<Evidence> ev) {
    return copy(o, index, o.amount(), o.currency(), o.quantity(), ev);
  }

  /** The offer with another index, amount as read, and evidence; every other field kept. */
  private static Offer copy(
      Offer o, Integer index, Double amount, String currency, Long quantity, List<Evidence> ev) {
    return new Offer(
        o.listingId(),
        index,
        o.status(),
        o.reason(),
        o.detail(),
        o.pricePerRecordCny(),
        o.pricePerRecordLowCny(),
        o.pricePerRecordHighCny(),
        o.pricePerRecordUsd(),
        amount,
        currency,
        quantity,
        o.product(),
        o.balanceLowCny(),
        o.balanceHighCny(),
        o.qualifier(),
        o.language(),
        o.tier(),
        o.freshness(),
        o.category(),
        o.issuers(),
        o.regionCode(),
        ev,
        o.confidence(),
        o.postedAt(),
        o.postedDate());
  }

  private static Offer rejected(OfferAssembler.Context ctx, Reason reason, String detail) {
    return Offer.rejected(ctx.listingId(), reason.code(), detail, ctx.postedAt(), ctx.date());
  }

  // ---- structured listings ---------------------------------------------------------------

  private List<Offer> structuredOffer(
      Listing l,
      OfferAssembler.Context ctx,
      AdvertText text,
      PriceReader.Result read,
      List<Mention> found,
      String structuredCurrency) {
    BigDecimal amount;
    String currency = structuredCurrency;
    boolean unknown = false;
    long q;
    try {
      amount = new BigDecimal(l.price().trim());
    } catch (NumberFormatException e) {
      // a price written as text ("5毛", "$5"): read it like advert text
      Optional<Money> m = priceText(l.price(), structuredCurrency);
      if (m.isEmpty()) {
        return List.of(rejected(ctx, Reason.MALFORMED, "price is not a number"));
      }
      amount = m.get().low;
      unknown = m.get().unknown;
      currency = currency != null ? currency : m.get().currency;
    }
    try {
      q = blank(l.quantity()) ? 1 : new BigDecimal(l.quantity().trim()).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      return List.of(rejected(ctx, Reason.MALFORMED, "quantity is not a whole number"));
    }
    if (currency == null) {
      currency = "CNY";
    }
    List<Evidence> ev = new ArrayList<>();
    ev.add(new Evidence("price", l.price(), "structured.price"));
    if (!blank(l.currency())) {
      ev.add(new Evidence("currency", l.currency(), "structured.currency"));
    } else {
      ev.add(new Evidence("currency", "", "currency.default.CNY"));
    }
    if (!blank(l.quantity())) {
      ev.add(new Evidence("quantity", l.quantity(), "structured.quantity"));
    }
    for (Point tp : read.points) {
      Money tm = tp.money;
      long tq = tp.count == null ? 1 : tp.count.n;
      boolean agrees =
          tm.high == null
              && tm.currency.equals(currency)
              && tm.low
                      .multiply(BigDecimal.valueOf(q))
                      .compareTo(amount.multiply(BigDecimal.valueOf(tq)))
                  == 0;
      ev.add(
          new Evidence(
              "price",
              text.span(tp.start, tp.end),
              agrees ? "price.text_agrees" : "conflict.structured_wins"));
    }
    Attributes a = AttributeResolver.resolve(List.of(), found, read.balances, text).get(0);
    hints.apply(l, a);
    OfferAssembler.Amount amt =
        new OfferAssembler.Amount(amount, null, q, currency, unknown, Qualifier.EXACT);
    Assessment result = assembler.assess(ctx, amt, a, ev, 1.0 - a.confidencePenalty, 0);
    if (result instanceof Assessment.Rejected r) {
      return List.of(rejected(ctx, r.reason(), r.detail()));
    }
    return List.of(((Assessment.Priced) result).offer());
  }

  private Optional<Money> priceText(String s, String defaultCurrency) {
    AdvertText t = AdvertText.of(vocab, s);
    List<Token> toks = Lexer.lex(vocab, t.lower, t.cased, t.cjk);
    PriceReader.Result r =
        PriceReader.read(toks, t.lower, defaultCurrency == null ? "CNY" : defaultCurrency);
    if (r.points.size() != 1 && !(toks.size() == 1 && toks.get(0).isNum())) {
      return Optional.empty();
    }
    if (r.points.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(r.points.get(0).money);
  }

  /** Distinct structured currency fields remembered (a listing source writes a handful). */
  private static final int CURRENCY_CACHE_LIMIT = 1024;

  /**
   * The code of each structured currency field seen, so that the vocabulary look-up (folding the
   * field, a trie walk) runs once per distinct field, not per listing. Built on first use.
   */
  private transient volatile java.util.Map<String, String> currencyCodes;

  /** A structured currency field (USD, 元, $, rmb) as a code; unrecognised codes upper-cased. */
  private String currencyCode(String raw) {
    java.util.Map<String, String> cache = currencyCodes;
    if (cache == null) {
      synchronized (this) {
        cache = currencyCodes;
        if (cache == null) {
          cache = new java.util.concurrent.ConcurrentHashMap<>();
          currencyCodes = cache;
        }
      }
    }
    String code = cache.get(raw);
    if (code == null) {
      code = lookUpCurrencyCode(raw);
      if (cache.size() < CURRENCY_CACHE_LIMIT) {
        cache.put(raw, code);
      }
    }
    return code;
  }

  private String lookUpCurrencyCode(String raw) {
    for (Vocabulary.Meaning m : vocab.lookup(raw)) {
      if (m.kind() == Kind.CURRENCY) {
        return m.value();
      }
    }
    return raw.trim().toUpperCase(Locale.ROOT);
  }

  // ---- helpers ---------------------------------------------------------------------------

  /**
   * Whether a Chinese advert says, in any word, that it sells records about people: a category,
   * bank or card tier (whose data), a unit or per-unit marker other than a query's (条, 一张, 每人, 户,
   * not 次), a count the price buys, a price below one yuan (2分到5元, 3毛起: the price band of records,
   * vocabulary.md "Product"), or a look-up (查, 寻人, 找人). Without any of these and without a goods
   * word the default personal_records does not apply (vocabulary.md: the default for adverts priced
   * per 条).
   */
  private static boolean namesRecords(
      List<Mention> found, List<Token> tokens, List<Point> pts, char[] lower) {
    for (Mention m : found) {
      if (m.kind() == Kind.CATEGORY || m.kind() == Kind.ISSUER || m.kind() == Kind.TIER) {
        return true;
      }
    }
    for (Point p : pts) {
      if (p.count != null
          || ("CNY".equals(p.money.currency)
              && p.money.low != null
              && p.money.low.compareTo(BigDecimal.ONE) < 0)) {
        return true;
      }
    }
    for (Token t : tokens) {
      if ((t.has(Kind.EACH) || t.has(Kind.COUNT)) && !perQuery(t, lower)) {
        return true;
      }
    }
    for (int i = 0; i < lower.length; i++) {
      char c = lower[i];
      if (c == '查' || (i + 1 < lower.length && (c == '寻' || c == '找') && lower[i + 1] == '人')) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the price of {@code pt} is per query or per order (每次, /次, 每单, /单 claimed by it) in an
   * advert that offers a look-up (查, not 查收 "check receipt").
   */
  private static boolean lookUpPerQuery(List<Token> tokens, Point pt, char[] lower) {
    boolean perQuery = false;
    for (Token t : tokens) {
      if (t.start >= pt.start
          && t.end <= pt.end
          && t.end > t.start
          && t.has(Kind.EACH)
          && perQuery(t, lower)) {
        perQuery = true;
        break;
      }
    }
    if (!perQuery) {
      return false;
    }
    for (int i = 0; i + 1 < lower.length; i++) {
      if (lower[i] == '查' && LOOK_UP_OBJECTS.indexOf(lower[i + 1]) >= 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * What a look-up's 查 is followed by when it looks a person up (查询, 查档, 查开房, 查户籍, 查征信, 查机主, 查手机,
   * 查个人, 查身份, 查人, 查车, 查婚姻, 查住址, 查酒店, 查快递, 查话单, 查银行, 查通话); not 查收, 查重 (de-duplicated), 查物流, 查看 or 可查
   * alone, which a seller of order records also writes.
   */
  private static final String LOOK_UP_OBJECTS = "询詢档檔开開户戶征徵机機手个個身人车車婚住酒快话話银銀通";

  /** The look-up words of products.tsv, as an advert may write them. */
  private static final java.util.Set<String> LOOK_UP_WORDS =
      java.util.Set.of("查询", "查詢", "代查", "查档", "查檔");

  /** Whether the offer's product was read from a look-up word (查询, 代查, 查档). */
  private static boolean lookUpNamed(Attributes a) {
    for (Evidence e : a.evidence) {
      if ("product".equals(e.field()) && LOOK_UP_WORDS.contains(e.span())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the advert counts its look-ups by the record (a unit or count in 条), and the price of
   * {@code pt} is not per query or order.
   */
  private static boolean lookUpPerRecord(List<Token> tokens, Point pt, char[] lower) {
    boolean perRecord = false;
    for (Token t : tokens) {
      if (t.end <= t.start || !(t.has(Kind.EACH) || t.has(Kind.COUNT))) {
        continue;
      }
      if (perQuery(t, lower) && t.start >= pt.start && t.end <= pt.end) {
        return false;
      }
      char c = lower[t.end - 1];
      perRecord |= c == '条' || c == '條';
    }
    return perRecord;
  }

  /** 次, 每次, 单次, /次, 每单, /单: a unit of queries, uses or orders, not of records. */
  private static boolean perQuery(Token t, char[] lower) {
    return t.end > t.start && (lower[t.end - 1] == '次' || lower[t.end - 1] == '单');
  }

  /** Whether a word of the advert set the attribute {@code field} (its evidence is there). */
  private static boolean named(Attributes a, String field) {
    for (Evidence e : a.evidence) {
      if (field.equals(e.field())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Null, empty or whitespace only ({@link String#isBlank}); a field that starts with a visible
   * ASCII character or a Chinese character (nearly all) is answered from that character.
   */
  static boolean blank(String s) {
    if (s == null || s.isEmpty()) {
      return true;
    }
    char c = s.charAt(0);
    if (c > ' ' && c < 0x7F || c >= '\u4E00' && c <= '\u9FFF') {
      return false;
    }
    return s.isBlank();
  }

  /**
   * A clause separator: ，。；！？ and their ASCII forms, new lines, |, and a full stop that is not a
   * decimal point nor part of an ellipsis.
   */
  static boolean isSeparator(char[] t, int k) {
    char c = t[k];
    if (c > '|' && c != '。' && c < '！') {
      return false; // most characters of an advert (letters, Chinese): one test, not the switch
    }
    switch (c) {
      case '，', ',', '。', ';', '；', '!', '！', '?', '？', '\n', '\r', '|' -> {
        return true;
      }
      case '.' -> {
        if ((k > 0 && t[k - 1] == '.') || (k + 1 < t.length && t[k + 1] == '.')) {
          return false; // an ellipsis (80万条...只卖2万) joins, it does not separate
        }
        // a decimal point has a digit after it (0.5, .5); "$17. minimum 5k" ends a sentence
        boolean digitAfter = k + 1 < t.length && t[k + 1] >= '0' && t[k + 1] <= '9';
        return !digitAfter;
      }
      default -> {
        return false;
      }
    }
  }
}
