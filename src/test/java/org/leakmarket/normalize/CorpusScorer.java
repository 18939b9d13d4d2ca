package org.leakmarket.normalize;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.TreeSet;
import org.leakmarket.reference.FxTable;

/**
 * Scores the normaliser on a {@link RealCorpus}: per field, the share of expected values it reads
 * right, and the share of adverts read exactly right (every offer, every field). Prices are right
 * within 1% in the advert's own currency (both bounds of a range); balances within 1%; issuers as a
 * set; the other fields exactly. An expected offer the normaliser does not give counts as wrong in
 * every offer field. Pure Java; costs one normalisation per advert.
 */
final class CorpusScorer {
  /** Offer fields, then advert fields, in table order. */
  static final List<String> FIELDS =
      List.of(
          "price",
          "product",
          "tier",
          "freshness",
          "category",
          "issuers",
          "region",
          "balance",
          "qualifier",
          "language",
          "offers",
          "reason");

  static final double PRICE_TOLERANCE = 0.01;

  /** One wrong value, for the failure listing. */
  record Miss(String advert, int offer, String field, String expected, String got, String text) {}

  /** Counts per field, adverts exact, and what was wrong. */
  static final class Score {
    final String corpus;
    final Map<String, long[]> byField = new LinkedHashMap<>();
    long adverts;
    long exact;
    final List<Miss> misses = new ArrayList<>();

    Score(String corpus) {
      this.corpus = corpus;
      for (String f : FIELDS) {
        byField.put(f, new long[2]);
      }
    }

    void count(String field, boolean ok) {
      long[] c = byField.get(field);
      c[0]++;
      c[1] += ok ? 1 : 0;
    }

    /** Values compared for {@code field}. */
    long n(String field) {
      return byField.get(field)[0];
    }

    /** Share right, or NaN when the field was never compared. */
    double share(String field) {
      long[] c = byField.get(field);
      return c[0] == 0 ? Double.NaN : (double) c[1] / c[0];
    }

    double exactShare() {
      return adverts == 0 ? Double.NaN : (double) exact / adverts;
    }
  }

  private final Normalizer normalizer;
  private final FxTable fx;

  CorpusScorer(Normalizer normalizer, FxTable fx) {
    this.normalizer = normalizer;
    this.fx = fx;
  }

  Score score(RealCorpus corpus) {
    Score s = new Score(corpus.name());
    for (RealCorpus.Entry e : corpus.adverts()) {
      s.adverts++;
      if (score(e, normalizer.normalize(e.listing()), s)) {
        s.exact++;
      }
    }
    return s;
  }

  /** Scores one advert; true when it is read exactly right. */
  private boolean score(RealCorpus.Entry e, List<Offer> got, Score s) {
    String text = e.listing().text();
    List<Offer> ok = got.stream().filter(Offer::ok).toList();
    boolean exact = true;
    if (e.reject() != null) {
      boolean right = ok.isEmpty() && e.reject().equals(got.get(0).reason());
      s.count("reason", right);
      s.count("offers", ok.isEmpty());
      if (!right) {
        s.misses.add(new Miss(e.id(), -1, "reason", e.reject(), describe(got), text));
      }
      return right;
    }
    boolean countRight = ok.size() == e.expect().size();
    s.count("offers", countRight);
    if (!countRight) {
      exact = false;
      s.misses.add(
          new Miss(
              e.id(), -1, "offers", "" + e.expect().size(), ok.size() + " " + describe(got), text));
    }
    for (int i = 0; i < e.expect().size(); i++) {
      RealCorpus.Expected x = e.expect().get(i);
      Offer o = i < ok.size() ? ok.get(i) : null;
      exact &= field(s, e, i, "price", price(x, o, e), showPrice(x), showPrice(o), text);
      exact &= field(s, e, i, "product", eq(x.product(), o, Offer::product), text);
      exact &= field(s, e, i, "tier", eq(x.tier(), o, Offer::tier), text);
      exact &= field(s, e, i, "freshness", eq(x.freshness(), o, Offer::freshness), text);
      exact &= field(s, e, i, "category", eq(x.category(), o, Offer::category), text);
      String wantIssuers = new TreeSet<>(x.issuers()).toString();
      String gotIssuers = o == null ? null : new TreeSet<>(o.issuers()).toString();
      exact &=
          field(s, e, i, "issuers", wantIssuers.equals(gotIssuers), wantIssuers, gotIssuers, text);
      exact &= field(s, e, i, "region", eq(x.region(), o, Offer::regionCode), text);
      exact &=
          field(
              s,
              e,
              i,
              "balance",
              balance(x, o, e),
              x.balanceLow() == null
                  ? "none"
                  : x.balanceLow() + ".." + x.balanceHigh() + " " + x.balanceCurrency(),
              o == null
                  ? null
                  : o.balanceLowCny() == null
                      ? "none"
                      : o.balanceLowCny() + ".." + o.balanceHighCny() + " CNY",
              text);
      exact &= field(s, e, i, "qualifier", eq(x.qualifier(), o, Offer::qualifier), text);
      if (e.lang() != null) {
        exact &= field(s, e, i, "language", eq(e.lang(), o, Offer::language), text);
      }
    }
    return exact && countRight;
  }

  /** A value and the normaliser's, compared exactly. */
  private record Pair(boolean ok, String want, String got) {}

  private static Pair eq(String want, Offer o, java.util.function.Function<Offer, String> f) {
    String got = o == null ? null : f.apply(o);
    return new Pair(o != null && Objects.equals(want, got), want, got);
  }

  private static boolean field(Score s, RealCorpus.Entry e, int i, String f, Pair p, String text) {
    return field(s, e, i, f, p.ok(), p.want(), p.got(), text);
  }

  private static boolean field(
      Score s,
      RealCorpus.Entry e,
      int i,
      String f,
      boolean ok,
      String want,
      String got,
      String text) {
    s.count(f, ok);
    if (!ok) {
      s.misses.add(new Miss(e.id(), i, f, want, got, text));
    }
    return ok;
  }

  /** Right within 1% in the advert's currency: the same currency, both bounds close. */
  private boolean price(RealCorpus.Expected x, Offer o, RealCorpus.Entry e) {
    if (o == null || !x.currency().equalsIgnoreCase(o.currency()) || e.postedDate() == null) {
      return false;
    }
    OptionalDouble rate = fx.cnyPerUnit(o.currency(), e.postedDate());
    if (rate.isEmpty()) {
      return false;
    }
    double r = rate.getAsDouble();
    return close(x.low() * r, o.pricePerRecordLowCny())
        && close(x.high() * r, o.pricePerRecordHighCny());
  }

  private boolean balance(RealCorpus.Expected x, Offer o, RealCorpus.Entry e) {
    if (o == null) {
      return false;
    }
    if (x.balanceLow() == null) {
      return o.balanceLowCny() == null && o.balanceHighCny() == null;
    }
    if (o.balanceLowCny() == null || e.postedDate() == null) {
      return false;
    }
    OptionalDouble rate = fx.cnyPerUnit(x.balanceCurrency(), e.postedDate());
    if (rate.isEmpty()) {
      return false;
    }
    double r = rate.getAsDouble();
    return close(x.balanceLow() * r, o.balanceLowCny())
        && close(x.balanceHigh() * r, o.balanceHighCny());
  }

  private static boolean close(double want, Double got) {
    return got != null && Math.abs(got - want) <= PRICE_TOLERANCE * Math.abs(want);
  }

  private static String showPrice(RealCorpus.Expected x) {
    return x.price() != null
        ? x.price() + " " + x.currency() + " x" + x.quantity()
        : x.low() + ".." + x.high() + " " + x.currency();
  }

  private static String showPrice(Offer o) {
    if (o == null) {
      return null;
    }
    double perRecord = o.amount() / o.quantity();
    return String.format(Locale.ROOT, "%.6g %s x%d", perRecord, o.currency(), o.quantity());
  }

  private static String describe(List<Offer> got) {
    List<String> out = new ArrayList<>();
    for (Offer o : got) {
      out.add(o.ok() ? showPrice(o) : "rejected " + o.reason());
    }
    return out.toString();
  }

  /**
   * The figures as a Markdown table, one column per corpus: adverts, exact share, then the share
   * right of each field with the number of values compared.
   */
  static String table(List<Score> scores) {
    StringBuilder b = new StringBuilder("| field |");
    StringBuilder rule = new StringBuilder("|---|");
    for (Score s : scores) {
      b.append(' ').append(s.corpus).append(" |");
      rule.append("---:|");
    }
    b.append('\n').append(rule).append('\n');
    b.append("| adverts |");
    for (Score s : scores) {
      b.append(' ').append(s.adverts).append(" |");
    }
    b.append("\n| **exact** |");
    for (Score s : scores) {
      b.append(' ').append(cell(s.exactShare(), s.adverts)).append(" |");
    }
    b.append('\n');
    for (String f : FIELDS) {
      b.append("| ").append(f).append(" |");
      for (Score s : scores) {
        b.append(' ').append(cell(s.share(f), s.n(f))).append(" |");
      }
      b.append('\n');
    }
    return b.toString();
  }

  private static String cell(double share, long n) {
    return Double.isNaN(share) ? "–" : String.format(Locale.ROOT, "%.1f%% (%d)", 100 * share, n);
  }
}
