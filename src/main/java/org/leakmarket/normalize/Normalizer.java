package org.leakmarket.normalize;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.leakmarket.normalize.PriceReader.Count;
import org.leakmarket.normalize.PriceReader.Money;
import org.leakmarket.normalize.PriceReader.Point;
import org.leakmarket.normalize.Vocabulary.Kind;
import org.leakmarket.reference.FxTable;

/**
 * Turns one listing into zero or more offers, or one rejection (contracts section 4). Pure Java, no
 * Spark types: the Spark job calls it inside {@code mapPartitions}, {@code parse} calls it line by
 * line. Thread-safe and serialisable; all patterns and the vocabulary trie are built once ({@link
 * Vocabulary#shipped()}), never per call.
 *
 * <p>Per listing: the text is folded (half-width, simplified, lower-case; same length, so every
 * evidence span is the input's own text), lexed once ({@link Lexer}), its price points read ({@link
 * PriceReader}), then each point gets the tier, freshness, issuers and region written next to it (a
 * menu) or in the whole advert, converted through the dated FX table and checked for plausibility.
 * Structured fields and hints win over the text; a conflict is recorded in the evidence. Costs a
 * few microseconds per advert; allocation is proportional to its tokens.
 */
public final class Normalizer implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final MathContext MC = MathContext.DECIMAL64;
  private static final String[] TIER_RANK = {"standard", "gold", "platinum", "premium"};
  private static final Set<String> TIERS =
      Set.of("standard", "gold", "platinum", "premium", "unknown");
  private static final Set<String> FRESHNESS = Set.of("new", "second_hand", "aged", "unknown");
  private static final Set<String> CATEGORIES =
      Set.of(
          "credit_card",
          "bank_account",
          "loan",
          "securities",
          "insurance",
          "telecom",
          "ecommerce",
          "real_estate",
          "auto",
          "education",
          "other");

  private final FxTable fx;
  private final NormalizerSettings settings;
  private final Vocabulary vocab;

  public Normalizer(FxTable fx, NormalizerSettings settings) {
    this(fx, settings, Vocabulary.shipped());
  }

  public Normalizer(FxTable fx, NormalizerSettings settings, Vocabulary vocab) {
    this.fx = fx;
    this.settings = settings;
    this.vocab = vocab;
  }

  /** A value found in the text, with where and by which rule. */
  private record Mention(
      Kind kind, String value, int start, int end, String rule, String[] codes, int flags) {}

  /** Attributes of one offer before FX. */
  private static final class Attrs {
    // product, balance and qualifier are placeholders until the normaliser reads them (issue 12)
    String product = "personal_records";
    Double balanceLowCny;
    Double balanceHighCny;
    String qualifier = "exact";
    String tier = "unknown";
    String freshness = "unknown";
    String category = "other";
    final List<String> issuers = new ArrayList<>();
    String region;
    final List<Evidence> evidence = new ArrayList<>();
    double confidencePenalty;
  }

  public List<Offer> normalize(Listing l) {
    String id =
        l.listingId() != null && !l.listingId().isBlank()
            ? l.listingId()
            : ListingIds.defaultId(l.source(), l.channel(), l.seller(), l.postedAt(), l.text());
    if (blank(l.source())) {
      return List.of(Offer.rejected(id, Reason.MISSING_FIELD, "source missing", null, null));
    }
    Optional<PostedAt.Parsed> posted = PostedAt.parse(l.postedAt(), l.source());
    if (posted.isEmpty()) {
      return List.of(
          Offer.rejected(
              id,
              Reason.BAD_DATE,
              blank(l.postedAt()) ? "posted_at missing" : "posted_at unreadable",
              null,
              null));
    }
    PostedAt.Parsed p = posted.get();
    String raw = l.text() == null ? "" : l.text();
    boolean structured = !blank(l.price());
    if (raw.isBlank() && !structured) {
      return List.of(
          Offer.rejected(
              id, Reason.MISSING_FIELD, "neither text nor price", p.instant(), p.date()));
    }
    char[] cased = raw.toCharArray();
    char[] lower = new char[cased.length];
    boolean cjk = false;
    for (int i = 0; i < lower.length; i++) {
      char c = vocab.fold(cased[i], true);
      cased[i] = c;
      lower[i] = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
      cjk |= c >= '\u3400' && c <= '\u9FFF';
    }
    List<Token> tokens = Lexer.lex(vocab, lower, cased, cjk);
    for (Token t : tokens) {
      if (t.has(Kind.BUY)) {
        return List.of(
            Offer.rejected(
                id,
                Reason.NOT_AN_OFFER,
                "buy request (" + raw.substring(t.start, t.end) + ")",
                p.instant(),
                p.date()));
      }
    }
    String structuredCurrency = blank(l.currency()) ? null : currencyCode(l.currency());
    String defaultCurrency = structuredCurrency != null ? structuredCurrency : cjk ? "CNY" : "USD";
    PriceReader.Result read = PriceReader.read(tokens, lower, defaultCurrency);
    List<Mention> mentions = mentions(tokens, lower, p.date());
    Ctx ctx = new Ctx(id, raw, p, cjk ? "zh" : "en");
    return structured
        ? structuredOffer(l, ctx, read, mentions, structuredCurrency)
        : textOffers(l, ctx, read, mentions);
  }

  private record Ctx(String id, String raw, PostedAt.Parsed posted, String language) {
    String span(int s, int e) {
      return raw.substring(s, e);
    }
  }

  // ---- text adverts ----------------------------------------------------------------------

  private List<Offer> textOffers(
      Listing l, Ctx ctx, PriceReader.Result read, List<Mention> mentions) {
    List<Point> pts = read.points;
    if (pts.isEmpty()) {
      String detail =
          read.ignored.isEmpty()
              ? "no price in the text"
              : "no price in the text (only a minimum order or free trial)";
      return List.of(rejected(ctx, Reason.NO_PRICE, detail));
    }
    List<Attrs> attrs = attributes(pts, mentions, ctx);
    List<Offer> ok = new ArrayList<>();
    List<Attrs> okAttrs = new ArrayList<>();
    List<String[]> dropped = new ArrayList<>();
    for (int i = 0; i < pts.size(); i++) {
      Point pt = pts.get(i);
      Attrs a = attrs.get(i);
      hints(l, a);
      Money m = pt.money;
      long q = pt.count == null ? 1 : pt.count.n;
      List<Evidence> ev = new ArrayList<>(16);
      ev.add(new Evidence("price", ctx.span(pt.start, pt.end), pt.rule));
      if (m.defaulted) {
        ev.add(new Evidence("currency", "", defaultRule(m.currency)));
      } else {
        ev.add(
            new Evidence(
                "currency",
                ctx.span(m.currencyStart, m.currencyEnd),
                m.currencyRule != null ? m.currencyRule : "currency." + m.currency));
      }
      if (pt.count != null) {
        ev.add(new Evidence("quantity", ctx.span(pt.count.start, pt.count.end), "quantity.bundle"));
      }
      if (m.high != null) {
        ev.add(new Evidence("price", ctx.span(m.start, m.end), "price.range.geometric_mean"));
      }
      if (pt.qualifier != null) {
        ev.add(
            new Evidence(
                "qualifier",
                ctx.span(pt.qualStart, pt.qualEnd),
                pt.qualifier.equals("max") ? "qualifier.max" : "qualifier.min"));
      }
      for (Count c : read.ignored) {
        ev.add(
            new Evidence(
                "quantity",
                ctx.span(c.start, c.end),
                c.trial ? "ignored.free_trial" : "ignored.min_order"));
      }
      double conf =
          switch (pt.rule) {
            case "price.implied_per_record" -> 0.7;
            default -> 0.9;
          };
      conf -= m.defaulted ? 0.15 : 0;
      conf -= m.high != null ? 0.05 : 0;
      conf -= a.confidencePenalty;
      Object result = price(ctx, m.low, m.high, q, m.currency, m.unknown, ev, a, conf, ok.size());
      if (result instanceof String[] rej) {
        dropped.add(new String[] {rej[0], rej[1], ctx.span(pt.start, pt.end)});
        continue;
      }
      Offer o = (Offer) result;
      // two statements of one price (2000元10万条，每条只要2分钱) are one offer
      int same = -1;
      for (int k = 0; k < ok.size(); k++) {
        if (samePrice(ok.get(k), o)) {
          same = k;
          break;
        }
      }
      if (same >= 0) {
        Offer first = ok.get(same);
        List<Evidence> merged = new ArrayList<>(first.evidence());
        merged.add(new Evidence("price", ctx.span(pt.start, pt.end), "price.restated"));
        ok.set(same, withEvidence(first, merged, first.offerIndex()));
        continue;
      }
      ok.add(o);
      okAttrs.add(a);
    }
    if (ok.isEmpty()) {
      String[] first = dropped.get(0);
      return List.of(rejected(ctx, first[0], first[1]));
    }
    if (!dropped.isEmpty()) {
      List<Evidence> ev = new ArrayList<>(ok.get(0).evidence());
      for (String[] d : dropped) {
        ev.add(new Evidence("price", d[2], "dropped." + d[0]));
      }
      ok.set(0, withEvidence(ok.get(0), ev, 0));
    }
    return List.copyOf(ok);
  }

  private static String defaultRule(String currency) {
    return switch (currency) {
      case "CNY" -> "currency.default.CNY";
      case "USD" -> "currency.default.USD";
      default -> "currency.default." + currency;
    };
  }

  private static boolean samePrice(Offer a, Offer b) {
    double x = a.pricePerRecordCny();
    double y = b.pricePerRecordCny();
    return Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y))
        && a.pricePerRecordLowCny().equals(b.pricePerRecordLowCny())
        && a.pricePerRecordHighCny().equals(b.pricePerRecordHighCny())
        && a.tier().equals(b.tier())
        && a.freshness().equals(b.freshness())
        && a.issuers().equals(b.issuers())
        && java.util.Objects.equals(a.regionCode(), b.regionCode());
  }

  private static Offer withEvidence(Offer o, List<Evidence> ev, Integer index) {
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
        o.amount(),
        o.currency(),
        o.quantity(),
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

  /**
   * Converts and checks one price point: an {@link Offer}, or {reason, detail} when the point
   * cannot be an offer.
   */
  private Object price(
      Ctx ctx,
      BigDecimal low,
      BigDecimal high,
      long q,
      String currency,
      boolean unknown,
      List<Evidence> ev,
      Attrs a,
      double conf,
      int index) {
    LocalDate date = ctx.posted().date();
    if (unknown || !vocab.currencyCodes.contains(currency)) {
      return new String[] {Reason.UNKNOWN_CURRENCY, "unknown currency " + currency};
    }
    if (low.signum() <= 0 || q <= 0) {
      return new String[] {
        Reason.PRICE_NONPOSITIVE, "price " + low.toPlainString() + " " + currency + " for " + q
      };
    }
    OptionalDouble rate = rate(currency, date);
    if (rate.isEmpty()) {
      return new String[] {
        Reason.FX_MISSING,
        "no " + currency + " rate within " + fx.maxAgeDays() + " days before " + date
      };
    }
    double r = rate.getAsDouble();
    double lowCny = perRecord(low, r, q);
    double highCny = high == null ? lowCny : perRecord(high, r, q);
    double point = high == null ? lowCny : Math.sqrt(lowCny * highCny);
    double amount =
        high == null ? low.doubleValue() : Math.sqrt(low.doubleValue() * high.doubleValue());
    if (point < settings.minPrice() || point > settings.maxPrice()) {
      return new String[] {
        Reason.PRICE_OUT_OF_RANGE,
        "per-record price "
            + point
            + " CNY outside ["
            + settings.minPrice()
            + ", "
            + settings.maxPrice()
            + "]"
      };
    }
    OptionalDouble usdRate = rate("USD", date);
    Double usd = usdRate.isPresent() ? point / usdRate.getAsDouble() : null;
    List<Evidence> all = ev;
    all.addAll(a.evidence);
    double confidence = Math.round(Math.max(0.05, Math.min(1.0, conf)) * 100) / 100.0;
    return new Offer(
        ctx.id(),
        index,
        Offer.OK,
        null,
        null,
        point,
        lowCny,
        highCny,
        usd,
        amount,
        currency,
        q,
        a.product,
        a.balanceLowCny,
        a.balanceHighCny,
        high == null ? a.qualifier : "range",
        ctx.language(),
        a.tier,
        a.freshness,
        a.category,
        a.issuers,
        a.region,
        all,
        confidence,
        ctx.posted().instant(),
        date);
  }

  private static final long[] POW10 = {
    1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L
  };

  /**
   * amount x rate / q as a double. In CNY with a short decimal amount, one division of two exact
   * integers: the correctly rounded quotient (2000元/10万条 is the double nearest 0.02).
   */
  private static double perRecord(BigDecimal amount, double rate, long q) {
    if (rate == 1.0
        && amount.scale() >= 0
        && amount.scale() < POW10.length
        && amount.precision() <= 15
        && q < (1L << 53) / POW10[amount.scale()]) {
      return amount.unscaledValue().longValue() / (double) (q * POW10[amount.scale()]);
    }
    if (rate == 1.0) {
      return amount.divide(BigDecimal.valueOf(q), MC).doubleValue();
    }
    return amount.doubleValue() * rate / q;
  }

  /** An FX lookup remembered: the same few currencies and dates recur in every partition. */
  private record Rate(String currency, LocalDate date, OptionalDouble rate) {}

  private static final int RATE_CACHE = 1024;
  private transient volatile Rate[] rates;

  private OptionalDouble rate(String currency, LocalDate date) {
    if ("CNY".equals(currency)) {
      return ONE;
    }
    Rate[] cache = rates;
    if (cache == null) {
      cache = new Rate[RATE_CACHE];
      rates = cache;
    }
    int slot = (currency.hashCode() * 31 + date.hashCode()) & (RATE_CACHE - 1);
    Rate r = cache[slot];
    if (r != null && r.date().equals(date) && r.currency().equals(currency)) {
      return r.rate();
    }
    OptionalDouble v = fx.cnyPerUnit(currency, date);
    cache[slot] = new Rate(currency, date, v);
    return v;
  }

  private static final OptionalDouble ONE = OptionalDouble.of(1.0);

  private static Offer rejected(Ctx ctx, String reason, String detail) {
    return Offer.rejected(ctx.id(), reason, detail, ctx.posted().instant(), ctx.posted().date());
  }

  // ---- structured listings ---------------------------------------------------------------

  private List<Offer> structuredOffer(
      Listing l,
      Ctx ctx,
      PriceReader.Result read,
      List<Mention> mentions,
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
              ctx.span(tp.start, tp.end),
              agrees ? "price.text_agrees" : "conflict.structured_wins"));
    }
    List<Point> single = new ArrayList<>();
    Attrs a = attributes(single, mentions, ctx).get(0);
    hints(l, a);
    Object result =
        price(ctx, amount, null, q, currency, unknown, ev, a, 1.0 - a.confidencePenalty, 0);
    if (result instanceof String[] rej) {
      return List.of(rejected(ctx, rej[0], rej[1]));
    }
    return List.of((Offer) result);
  }

  private Optional<Money> priceText(String s, String defaultCurrency) {
    char[] lower = vocab.norm(s, false).toCharArray();
    char[] cased = vocab.norm(s, true).toCharArray();
    boolean cjk = false;
    for (char c : lower) {
      cjk |= c >= '\u3400' && c <= '\u9FFF';
    }
    List<Token> toks = Lexer.lex(vocab, lower, cased, cjk);
    PriceReader.Result r =
        PriceReader.read(toks, lower, defaultCurrency == null ? "CNY" : defaultCurrency);
    if (r.points.size() != 1 && !(toks.size() == 1 && toks.get(0).isNum())) {
      return Optional.empty();
    }
    if (r.points.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(r.points.get(0).money);
  }

  /** A structured currency field (USD, 元, $, rmb) as a code; unrecognised codes upper-cased. */
  private String currencyCode(String raw) {
    for (Vocabulary.Meaning m : vocab.lookup(raw)) {
      if (m.kind() == Kind.CURRENCY) {
        return m.value();
      }
    }
    return raw.trim().toUpperCase(Locale.ROOT);
  }

  // ---- attributes ------------------------------------------------------------------------

  private List<Mention> mentions(List<Token> tokens, char[] lower, LocalDate posted) {
    List<Mention> out = new ArrayList<>();
    Mention hidden = null;
    for (Token t : tokens) {
      if ((t.kinds & ATTRIBUTE_MASK) == 0) {
        continue;
      }
      boolean issuer = false;
      for (Vocabulary.Meaning m : t.meanings) {
        switch (m.kind()) {
          case TIER, FRESHNESS, CATEGORY, ISSUER, REGION ->
              out.add(
                  new Mention(m.kind(), m.value(), t.start, t.end, m.rule(), m.codes(), m.flags()));
          default -> {}
        }
        issuer |= m.kind() == Kind.ISSUER;
      }
      if (issuer && hidden == null) {
        hidden = categoryInsideBankName(lower, t.start, t.end);
      }
    }
    // only when the advert names no category of its own: 江苏银行客户 信用卡资料 is card data
    if (hidden != null && out.stream().noneMatch(m -> m.kind() == Kind.CATEGORY)) {
      out.add(hidden);
      out.sort((x, y) -> Integer.compare(x.start(), y.start()));
    }
    for (Token t : tokens) {
      if (t.isNum() && t.end - t.start == 4 && Lexer.isAsciiDigit(lower[t.start])) {
        int year = t.value.intValue();
        int end = year >= 1900 && year < posted.getYear() ? yearDumpEnd(lower, t.end) : -1;
        if (end > 0) {
          out.add(
              new Mention(Kind.FRESHNESS, "aged", t.start, end, "freshness.year_dump", null, 0));
          out.sort((x, y) -> Integer.compare(x.start(), y.start()));
        }
      }
    }
    return out;
  }

  /**
   * A category word that begins inside a bank's name: 江苏银行客户资料 holds 银行客户 (bank customers,
   * vocabulary.md), but the longest match reads 江苏银行 (an issuer) and leaves 客户资料, which names no
   * category. When an issuer's name ends in 银行 and 银行 with the text after it is a category word
   * (银行客户, 银行数据, 银行资料, 银行账户; "US bank logs" likewise), that category is mentioned too, unless the
   * advert names a category of its own (江苏银行客户 信用卡资料: the bank's customers' card data).
   */
  private Mention categoryInsideBankName(char[] lower, int start, int end) {
    int bank = bankWordStart(lower, start, end);
    if (bank < 0) {
      return null;
    }
    for (int k = Math.min(12, lower.length - end); k >= 1; k--) {
      int e = end + k;
      if (Character.isWhitespace(lower[e - 1])
          || (TermTrie.isAsciiLetter(lower[e - 1])
              && e < lower.length
              && TermTrie.isAsciiLetter(lower[e]))) {
        continue; // a term ends on a word's end ("bank log" is not in "bank logins")
      }
      for (Vocabulary.Meaning m : vocab.lookup(String.valueOf(lower, bank, end - bank + k))) {
        if (m.kind() == Kind.CATEGORY) {
          return new Mention(
              Kind.CATEGORY,
              m.value(),
              bank,
              end + k,
              m.rule() + ".inside_issuer",
              m.codes(),
              m.flags());
        }
      }
    }
    return null;
  }

  /** Where the closing 银行 or "bank" of an issuer's name starts (工商银行, us bank), or -1. */
  private int bankWordStart(char[] s, int start, int end) {
    if (end - start >= 3
        && vocab.fold(s[end - 2], false) == '银'
        && vocab.fold(s[end - 1], false) == '行') {
      return end - 2;
    }
    if (end - start >= 6 && String.valueOf(s, end - 4, 4).equals("bank") && s[end - 5] == ' ') {
      return end - 4;
    }
    return -1;
  }

  /** Where a dump word after a year ends (2019年数据, 2019 database), or -1. */
  private int yearDumpEnd(char[] s, int from) {
    int i = from;
    while (i < s.length && (s[i] == ' ' || s[i] == '年' || s[i] == '的')) {
      i++;
    }
    for (String w : vocab.yearDumpWords) {
      int e = i + w.length();
      if (e > s.length) {
        continue;
      }
      boolean match = true;
      for (int k = 0; k < w.length() && match; k++) {
        match = s[i + k] == w.charAt(k);
      }
      if (match
          && !(TermTrie.isAsciiLetter(w.charAt(w.length() - 1))
              && e < s.length
              && TermTrie.isAsciiLetter(s[e]))) {
        return e;
      }
    }
    return -1;
  }

  private static final Kind[] ATTRIBUTE_KINDS = {
    Kind.TIER, Kind.FRESHNESS, Kind.ISSUER, Kind.REGION, Kind.CATEGORY
  };
  private static final int ATTRIBUTE_MASK =
      1 << Kind.TIER.ordinal()
          | 1 << Kind.FRESHNESS.ordinal()
          | 1 << Kind.ISSUER.ordinal()
          | 1 << Kind.REGION.ordinal()
          | 1 << Kind.CATEGORY.ordinal();

  /**
   * The attributes of each price point. With one point every mention counts. With several (a menu),
   * a kind of value written between prices (普卡三毛 金卡一块) belongs to the price it precedes; a kind
   * written once only (a header: 工行信用卡：普卡三毛 金卡一块) belongs to all.
   */
  private List<Attrs> attributes(List<Point> pts, List<Mention> mentions, Ctx ctx) {
    int n = Math.max(1, pts.size());
    List<Attrs> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(new Attrs());
    }
    if (mentions.isEmpty()) {
      return out;
    }
    boolean anyCategory = false;
    Mention card = null;
    for (Mention m : mentions) {
      anyCategory |= m.kind() == Kind.CATEGORY;
      if (card == null && m.kind() == Kind.TIER && (m.flags() & Vocabulary.CARD) != 0) {
        card = m;
      }
    }
    if (!anyCategory && card != null) {
      // 白金卡客户资料: a card tier with no category word says the data is about credit cards
      for (Attrs a : out) {
        a.category = "credit_card";
        a.evidence.add(
            new Evidence(
                "category", ctx.span(card.start(), card.end()), "category.credit_card.from_tier"));
      }
    }
    for (Kind kind : ATTRIBUTE_KINDS) {
      List<Mention> all = null;
      for (Mention m : mentions) {
        if (m.kind() == kind) {
          if (all == null) {
            all = new ArrayList<>(4);
          }
          all.add(m);
        }
      }
      if (all == null) {
        continue;
      }
      List<List<Mention>> per = n > 1 && kind != Kind.CATEGORY ? local(pts, all, kind) : null;
      for (int i = 0; i < n; i++) {
        apply(kind, per == null ? all : per.get(i), out.get(i), ctx);
      }
    }
    return out;
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
      int to = pts.get(i).start;
      List<Mention> in = new ArrayList<>(2);
      for (Mention m : all) {
        if (m.start() >= from && m.start() < to) {
          in.add(m);
        }
      }
      gapsWith += in.isEmpty() ? 0 : 1;
      per.add(in);
    }
    if (gapsWith < 2) {
      return null;
    }
    if (kind == Kind.ISSUER || kind == Kind.REGION) {
      for (int i = 1; i < n; i++) {
        if (per.get(i).isEmpty()) {
          per.set(i, per.get(i - 1)); // a header names the bank for the prices that follow
        }
      }
    }
    return per;
  }

  private static void apply(Kind kind, List<Mention> ms, Attrs a, Ctx ctx) {
    if (ms.isEmpty()) {
      return;
    }
    switch (kind) {
      case TIER -> {
        Mention best = null;
        for (Mention m : ms) {
          if (best == null || rank(m.value()) > rank(best.value())) {
            best = m;
          }
        }
        a.tier = best.value();
        a.evidence.add(
            new Evidence(
                "tier",
                ctx.span(best.start(), best.end()),
                ms.size() > 1 && distinct(ms) > 1 ? best.rule() + ".highest_named" : best.rule()));
      }
      case FRESHNESS -> {
        Mention first = ms.get(0);
        a.freshness = first.value();
        a.evidence.add(
            new Evidence("freshness", ctx.span(first.start(), first.end()), first.rule()));
        if (distinct(ms) > 1) {
          a.confidencePenalty += 0.1;
        }
      }
      case CATEGORY -> {
        Mention first = ms.get(0);
        a.category = first.value();
        a.evidence.add(
            new Evidence("category", ctx.span(first.start(), first.end()), first.rule()));
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
            a.evidence.add(new Evidence("issuers", ctx.span(m.start(), m.end()), m.rule()));
          }
        }
      }
      case REGION -> {
        Mention first = ms.get(0);
        a.region = first.value();
        a.evidence.add(
            new Evidence("region_code", ctx.span(first.start(), first.end()), first.rule()));
        if (distinct(ms) > 1) {
          a.confidencePenalty += 0.1;
        }
      }
      default -> {}
    }
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

  private static int rank(String tier) {
    for (int i = 0; i < TIER_RANK.length; i++) {
      if (TIER_RANK[i].equals(tier)) {
        return i;
      }
    }
    return -1;
  }

  /** Structured hints win over the text; a disagreement is kept in the evidence. */
  private void hints(Listing l, Attrs a) {
    if (!blank(l.tier())) {
      a.tier =
          override("tier", l.tier(), a.tier, "unknown", resolve(l.tier(), Kind.TIER, TIERS), a);
    }
    if (!blank(l.freshness())) {
      a.freshness =
          override(
              "freshness",
              l.freshness(),
              a.freshness,
              "unknown",
              resolve(l.freshness(), Kind.FRESHNESS, FRESHNESS),
              a);
    }
    if (!blank(l.category())) {
      a.category =
          override(
              "category",
              l.category(),
              a.category,
              "other",
              resolve(l.category(), Kind.CATEGORY, CATEGORIES),
              a);
    }
    if (!blank(l.region())) {
      a.region = override("region_code", l.region(), a.region, null, region(l.region()), a);
    }
    if (!blank(l.issuer())) {
      List<String> codes = new ArrayList<>();
      for (String part : l.issuer().split("[,;/|、，]")) {
        if (part.isBlank()) {
          continue;
        }
        String[] found = null;
        for (Vocabulary.Meaning m : vocab.lookup(part)) {
          if (m.kind() == Kind.ISSUER) {
            found = m.codes();
          }
        }
        if (found == null) {
          found = new String[] {part.trim().toUpperCase(Locale.ROOT)};
        }
        for (String c : found) {
          if (!codes.contains(c)) {
            codes.add(c);
          }
        }
      }
      if (!a.issuers.isEmpty() && !a.issuers.equals(codes)) {
        a.evidence.add(
            new Evidence("issuers", String.join(",", a.issuers), "conflict.structured_wins"));
      }
      a.evidence.removeIf(e -> e.field().equals("issuers") && !e.rule().startsWith("conflict"));
      a.evidence.add(new Evidence("issuers", l.issuer(), "structured.issuer"));
      a.issuers.clear();
      a.issuers.addAll(codes);
    }
  }

  private String override(
      String field, String raw, String textValue, String none, String resolved, Attrs a) {
    if (resolved == null) {
      a.evidence.add(new Evidence(field, raw, "structured." + field + ".unrecognised"));
      return textValue;
    }
    if (textValue != null && !textValue.equals(none) && !textValue.equals(resolved)) {
      a.evidence.add(new Evidence(field, textValue, "conflict.structured_wins"));
    }
    a.evidence.removeIf(e -> e.field().equals(field) && !e.rule().startsWith("conflict"));
    a.evidence.add(new Evidence(field, raw, "structured." + field));
    return resolved;
  }

  private String resolve(String raw, Kind kind, Set<String> allowed) {
    String v = raw.trim().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    if (allowed.contains(v)) {
      return v;
    }
    for (Vocabulary.Meaning m : vocab.lookup(raw)) {
      if (m.kind() == kind) {
        return m.value();
      }
    }
    return null;
  }

  private String region(String raw) {
    String t = raw.trim();
    Optional<String> code = vocab.regions().codeOf(t);
    if (code.isPresent()) {
      return code.get();
    }
    for (Vocabulary.Meaning m : vocab.lookup(t)) {
      if (m.kind() == Kind.REGION) {
        return m.value();
      }
    }
    return t.matches("[A-Za-z]{2}") ? t.toUpperCase(Locale.ROOT) : null;
  }

  // ---- helpers ---------------------------------------------------------------------------

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  /**
   * A clause separator: ，。；！？ and their ASCII forms, new lines, |, and a full stop not inside a
   * number.
   */
  static boolean isSeparator(char[] t, int k) {
    char c = t[k];
    switch (c) {
      case '，', ',', '。', ';', '；', '!', '！', '?', '？', '\n', '\r', '|' -> {
        return true;
      }
      case '.' -> {
        boolean digitBefore = k > 0 && t[k - 1] >= '0' && t[k - 1] <= '9';
        boolean digitAfter = k + 1 < t.length && t[k + 1] >= '0' && t[k + 1] <= '9';
        return !(digitBefore || digitAfter);
      }
      default -> {
        return false;
      }
    }
  }
}
