package org.leakmarket.generate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.special.Erf;
import org.leakmarket.vocab.Product;

/**
 * The generating price distributions and the listing mix, per product (vocabulary.md "Product"),
 * calibrated to the seed article, NOTES.md and public price indices:
 *
 * <ul>
 *   <li><b>personal_records</b>: Chinese groups sell customer records per 条; fresh credit-card
 *       records 0.5 CNY, second-hand 0.35, other categories cheaper, bulk bundles about a tenth;
 *       English sellers sell bulk leads and email lists (0.2 CNY a credit-card lead, under a fen an
 *       email).
 *   <li><b>card_credentials</b>: English card shops sell cards with CVV at about 15 USD, gold to
 *       premium several times more (10-40 USD in the middle); Chinese sellers 卡料带CVV cheaper.
 *   <li><b>card_clones</b>: dumps with PIN and cloned cards, about three times the price of
 *       credentials.
 *   <li><b>account_access</b>: bank and payment logins priced by their balance: the price grows as
 *       the square root of the balance (elasticity 0.5) around 26 USD at a 2,000 USD balance.
 *   <li><b>identity_documents</b>: ID photos and scans per set (手持身份证 about 20 CNY, passport scans
 *       about 19 USD).
 * </ul>
 *
 * Each offer's price is log-normal around the median of its cell (product × category × tier ×
 * freshness) and <em>component</em> (market zh/en × unit/bulk), times a monthly trend of +1.5%.
 *
 * <p><b>Composition shift</b>: the product shares of the listings move linearly from the first
 * month's to the last's (records fall from 80% to 55%; cards, logins and documents, mostly sold in
 * English and dearer, rise), scaled by {@link GeneratorSettings#compositionShift()}. Everything
 * else is drawn given the product and does not change with the month, so each cell's price moves by
 * the trend alone: a price index that ignores the product mix rises faster than the trend, a
 * hedonic index with product dummies recovers it.
 *
 * <p>It also computes the ground truth: the true median price of a cell is the median of the
 * mixture over components, weighted by the expected number of offers each component puts in the
 * cell (computed exactly from the listing mix below, not by simulation), found by bisection on the
 * mixture CDF. Costs microseconds per cell.
 */
public final class PriceModel {

  /** Market × pricing mode: who sells, and per record or in bulk. */
  public enum Component {
    ZH_UNIT,
    ZH_BULK,
    EN_UNIT,
    EN_BULK;

    boolean english() {
      return this == EN_UNIT || this == EN_BULK;
    }

    public String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    static Component of(boolean english, boolean bulk) {
      return english ? (bulk ? EN_BULK : EN_UNIT) : (bulk ? ZH_BULK : ZH_UNIT);
    }
  }

  /** Advert kinds; {@code mode} null for kinds that carry no offer. */
  public enum Kind {
    SINGLE,
    BUNDLE,
    RANGE,
    MAX,
    TIER_MENU,
    FRESH_MENU,
    STRUCTURED,
    BUY,
    NO_PRICE;

    public String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    boolean bulk() {
      return this == BUNDLE;
    }

    boolean hasOffers() {
      return this != BUY && this != NO_PRICE;
    }
  }

  /** The products the generator sells ({@code other} is not generated). */
  public static final List<Product> PRODUCTS =
      List.of(
          Product.PERSONAL_RECORDS,
          Product.CARD_CREDENTIALS,
          Product.CARD_CLONES,
          Product.ACCOUNT_ACCESS,
          Product.IDENTITY_DOCUMENTS);

  public static final List<String> TIERS =
      List.of("unknown", "standard", "gold", "platinum", "premium");
  public static final List<String> FRESHNESS = List.of("unknown", "new", "second_hand", "aged");

  static final double MONTHLY_TREND = 0.015;

  /** Share of listings of each product at the first month and at the last (composition shift). */
  private static final Map<Product, double[]> PRODUCT_SHARE =
      ordered(
          Product.PERSONAL_RECORDS,
          new double[] {0.80, 0.55},
          Product.CARD_CREDENTIALS,
          new double[] {0.08, 0.18},
          Product.CARD_CLONES,
          new double[] {0.03, 0.07},
          Product.ACCOUNT_ACCESS,
          new double[] {0.05, 0.12},
          Product.IDENTITY_DOCUMENTS,
          new double[] {0.04, 0.08});

  /** Share of each product's listings written in English (the rest in Chinese). */
  private static final Map<Product, Double> EN_SHARE =
      ordered(
          Product.PERSONAL_RECORDS, 0.06,
          Product.CARD_CREDENTIALS, 0.80,
          Product.CARD_CLONES, 0.70,
          Product.ACCOUNT_ACCESS, 0.60,
          Product.IDENTITY_DOCUMENTS, 0.40);

  // Listing mix per product and market (weights; normalised where drawn).
  static final Map<Kind, Double> ZH_RECORD_KINDS =
      ordered(
          Kind.SINGLE,
          0.34,
          Kind.BUNDLE,
          0.14,
          Kind.RANGE,
          0.06,
          Kind.MAX,
          0.05,
          Kind.TIER_MENU,
          0.08,
          Kind.FRESH_MENU,
          0.05,
          Kind.STRUCTURED,
          0.12,
          Kind.BUY,
          0.06,
          Kind.NO_PRICE,
          0.04);
  static final Map<Kind, Double> EN_RECORD_KINDS =
      ordered(Kind.BUNDLE, 0.86, Kind.BUY, 0.07, Kind.NO_PRICE, 0.07);
  static final Map<Kind, Double> EN_CARD_KINDS =
      ordered(
          Kind.SINGLE,
          0.38,
          Kind.BUNDLE,
          0.12,
          Kind.RANGE,
          0.07,
          Kind.MAX,
          0.05,
          Kind.TIER_MENU,
          0.10,
          Kind.STRUCTURED,
          0.14,
          Kind.BUY,
          0.07,
          Kind.NO_PRICE,
          0.07);
  static final Map<Kind, Double> GOODS_KINDS =
      ordered(
          Kind.SINGLE,
          0.52,
          Kind.BUNDLE,
          0.12,
          Kind.RANGE,
          0.06,
          Kind.STRUCTURED,
          0.12,
          Kind.BUY,
          0.09,
          Kind.NO_PRICE,
          0.09);

  static final Map<String, Double> ZH_RECORD_CATEGORIES =
      ordered(
          "credit_card",
          0.55,
          "bank_account",
          0.10,
          "loan",
          0.06,
          "securities",
          0.06,
          "insurance",
          0.05,
          "telecom",
          0.05,
          "ecommerce",
          0.04,
          "real_estate",
          0.03,
          "auto",
          0.03,
          "education",
          0.03);
  static final Map<String, Double> EN_RECORD_CATEGORIES =
      ordered("credit_card", 0.45, "ecommerce", 0.15, "telecom", 0.15, "other", 0.25);
  static final Map<String, Double> CARD_CATEGORIES = ordered("credit_card", 1.0);
  static final Map<String, Double> EN_ACCESS_CATEGORIES =
      ordered("bank_account", 0.6, "other", 0.25, "ecommerce", 0.15);
  static final Map<String, Double> ZH_ACCESS_CATEGORIES =
      ordered("bank_account", 0.7, "ecommerce", 0.3);
  static final Map<String, Double> DOCUMENT_CATEGORIES = ordered("other", 1.0);

  // Tier is drawn for card data only (credit-card records, credentials, clones).
  static final Map<String, Double> ZH_TIERS =
      ordered("unknown", 0.50, "standard", 0.15, "gold", 0.15, "platinum", 0.15, "premium", 0.05);
  static final Map<String, Double> EN_TIERS =
      ordered("unknown", 0.35, "standard", 0.20, "gold", 0.20, "platinum", 0.15, "premium", 0.10);
  static final Map<String, Double> ZH_FRESH =
      ordered("unknown", 0.35, "new", 0.35, "second_hand", 0.18, "aged", 0.12);
  static final Map<String, Double> EN_FRESH =
      ordered("unknown", 0.40, "new", 0.35, "second_hand", 0.10, "aged", 0.15);
  private static final Map<String, Double> NO_TIER = Map.of("unknown", 1.0);

  /** Tier menus: which tiers a price list names, with probabilities. */
  static final List<List<String>> TIER_MENUS =
      List.of(
          List.of("standard", "gold", "platinum"), List.of("standard", "gold"),
          List.of("gold", "platinum"), List.of("standard", "gold", "platinum", "premium"));

  static final double[] TIER_MENU_P = {0.5, 0.2, 0.2, 0.1};
  static final List<List<String>> FRESH_MENUS =
      List.of(List.of("new", "second_hand"), List.of("new", "second_hand", "aged"));
  static final double[] FRESH_MENU_P = {0.6, 0.4};

  // Medians in CNY at the first month for freshness new, tier unknown.
  private static final Map<String, Double> ZH_RECORD_BASE =
      ordered(
          "credit_card",
          0.5,
          "bank_account",
          0.4,
          "loan",
          0.3,
          "securities",
          0.3,
          "insurance",
          0.2,
          "telecom",
          0.05,
          "ecommerce",
          0.03,
          "real_estate",
          0.2,
          "auto",
          0.15,
          "education",
          0.1);

  /** English bulk lists: 0.2 CNY a credit-card lead, about 0.0008 an email address. */
  private static final Map<String, Double> EN_RECORD_BULK_BASE =
      ordered("credit_card", 0.2, "ecommerce", 0.05, "telecom", 0.01, "other", 0.0008);

  private static final double BULK_FACTOR = 0.1;

  /** Unit medians of the other products: {zh, en} in CNY per unit (a card, a login, a set). */
  private static final Map<String, double[]> UNIT_BASE =
      ordered(
          "card_credentials/credit_card", new double[] {30, 92},
          "card_clones/credit_card", new double[] {200, 300},
          "account_access/bank_account", new double[] {120, 160},
          "account_access/other", new double[] {80, 120},
          "account_access/ecommerce", new double[] {10, 20},
          "identity_documents/other", new double[] {20, 120});

  /** A login's price grows as balance^0.5 around this balance (CNY), per market {zh, en}. */
  static final double BALANCE_ELASTICITY = 0.5;

  static final double[] REFERENCE_BALANCE_CNY = {20_000, 12_420};

  /** Spread of ln(balance) around the reference. */
  static final double BALANCE_SIGMA = 0.8;

  private static final Map<String, Double> ZH_TIER_MULT =
      ordered("unknown", 1.0, "standard", 0.8, "gold", 2.5, "platinum", 6.0, "premium", 10.0);
  private static final Map<String, Double> EN_TIER_MULT =
      ordered("unknown", 1.0, "standard", 0.9, "gold", 1.4, "platinum", 2.5, "premium", 4.0);
  private static final Map<String, Double> ZH_FRESH_MULT =
      ordered("new", 1.0, "unknown", 0.85, "second_hand", 0.7, "aged", 0.3);
  private static final Map<String, Double> EN_FRESH_MULT =
      ordered("new", 1.0, "unknown", 0.9, "second_hand", 0.6, "aged", 0.35);

  private PriceModel() {}

  /** Spread of ln(price) around the median within a component (balances add to logins). */
  public static double sigma(Component c) {
    return switch (c) {
      case ZH_UNIT -> 0.45;
      case ZH_BULK -> 0.6;
      case EN_UNIT -> 0.35;
      case EN_BULK -> 0.5;
    };
  }

  /** The spread of ln(price) of a cell's offers from one component, balances included. */
  public static double sigma(Component c, Product p) {
    double s = sigma(c);
    if (carriesBalance(p, c)) {
      double b = BALANCE_ELASTICITY * BALANCE_SIGMA;
      return StrictMath.sqrt(s * s + b * b);
    }
    return s;
  }

  /** Whether offers of this product and component carry a balance (single logins). */
  static boolean carriesBalance(Product p, Component c) {
    return p == Product.ACCOUNT_ACCESS && (c == Component.EN_UNIT || c == Component.ZH_UNIT);
  }

  /** Multiplier of month {@code monthIndex} (0 = first month): +1.5% a month. */
  public static double trend(int monthIndex) {
    return StrictMath.exp(MONTHLY_TREND * monthIndex);
  }

  /**
   * Median CNY per unit of a component's offers in a cell at the first month (for logins: at the
   * reference balance, which is also the median balance); 0 if it sells none.
   */
  public static double median(Component c, Cell cell) {
    boolean en = c.english();
    Double base;
    if (cell.product() == Product.PERSONAL_RECORDS) {
      base =
          switch (c) {
            case ZH_UNIT -> ZH_RECORD_BASE.get(cell.category());
            case ZH_BULK ->
                ZH_RECORD_BASE.containsKey(cell.category())
                    ? ZH_RECORD_BASE.get(cell.category()) * BULK_FACTOR
                    : null;
            case EN_UNIT -> null;
            case EN_BULK -> EN_RECORD_BULK_BASE.get(cell.category());
          };
    } else {
      double[] unit = UNIT_BASE.get(cell.product().code() + "/" + cell.category());
      base =
          unit == null
              ? null
              : unit[en ? 1 : 0]
                  * (c == Component.EN_BULK || c == Component.ZH_BULK ? BULK_FACTOR : 1);
    }
    if (base == null) {
      return 0;
    }
    double t = (en ? EN_TIER_MULT : ZH_TIER_MULT).get(cell.tier());
    double f = (en ? EN_FRESH_MULT : ZH_FRESH_MULT).get(cell.freshness());
    return base * t * f;
  }

  /** Share of each product's listings at month {@code m} of {@code months}, shift in [0, 1]. */
  public static Map<Product, Double> productShares(int m, int months, double shift) {
    double x = months <= 1 ? 0 : shift * m / (double) (months - 1);
    Map<Product, Double> out = new LinkedHashMap<>();
    for (Map.Entry<Product, double[]> e : PRODUCT_SHARE.entrySet()) {
      double[] s = e.getValue();
      out.put(e.getKey(), s[0] + x * (s[1] - s[0]));
    }
    return out;
  }

  static double englishShare(Product p) {
    return EN_SHARE.get(p);
  }

  static Map<Kind, Double> kinds(Product p, boolean english) {
    return switch (p) {
      case PERSONAL_RECORDS -> english ? EN_RECORD_KINDS : ZH_RECORD_KINDS;
      case CARD_CREDENTIALS -> english ? EN_CARD_KINDS : GOODS_KINDS;
      default -> GOODS_KINDS;
    };
  }

  static Map<String, Double> categories(Product p, boolean english) {
    return switch (p) {
      case PERSONAL_RECORDS -> english ? EN_RECORD_CATEGORIES : ZH_RECORD_CATEGORIES;
      case CARD_CREDENTIALS, CARD_CLONES -> CARD_CATEGORIES;
      case ACCOUNT_ACCESS -> english ? EN_ACCESS_CATEGORIES : ZH_ACCESS_CATEGORIES;
      default -> DOCUMENT_CATEGORIES;
    };
  }

  /** Tiers of card data: credit-card records, credentials and clones; else unknown only. */
  static Map<String, Double> tiers(Product p, String category, boolean english) {
    boolean cards =
        p == Product.CARD_CREDENTIALS
            || p == Product.CARD_CLONES
            || (p == Product.PERSONAL_RECORDS && category.equals("credit_card") && !english);
    return cards ? (english ? EN_TIERS : ZH_TIERS) : NO_TIER;
  }

  static Map<String, Double> freshness(boolean english) {
    return english ? EN_FRESH : ZH_FRESH;
  }

  /** A cell of the market table, without its period. */
  public record Cell(Product product, String category, String tier, String freshness) {}

  /**
   * The true median of one cell at the first month, each component's expected share of it, and the
   * cell's expected offers per listing of its product (multiply by the product's share of a month).
   */
  public record CellTruth(
      Cell cell, double medianCny, double offersPerProductListing, Map<Component, Double> weights) {

    /** Expected offers per generated listing at month {@code m}. */
    public double offersPerListing(int m, int months, double shift) {
      return offersPerProductListing * productShares(m, months, shift).get(cell.product());
    }
  }

  /**
   * Expected offers per listing of each product (bad rows and reposts aside), by component and
   * cell: sum over markets and kinds of P(market | product) P(kind) E[offers of the kind in the
   * cell]. The product's share of a month multiplies it.
   */
  public static Map<Cell, Map<Component, Double>> expectedOffers() {
    Map<Cell, Map<Component, Double>> out = new LinkedHashMap<>();
    for (Product p : PRODUCTS) {
      for (boolean en : new boolean[] {false, true}) {
        double pm = en ? englishShare(p) : 1 - englishShare(p);
        Map<Kind, Double> kinds = kinds(p, en);
        double kTotal = kinds.values().stream().mapToDouble(Double::doubleValue).sum();
        for (Map.Entry<Kind, Double> k : kinds.entrySet()) {
          if (!k.getKey().hasOffers()) {
            continue;
          }
          Component comp = Component.of(en, k.getKey().bulk());
          double pk = pm * k.getValue() / kTotal;
          addKind(out, p, en, k.getKey(), comp, pk);
        }
      }
    }
    return out;
  }

  private static void addKind(
      Map<Cell, Map<Component, Double>> out,
      Product p,
      boolean en,
      Kind kind,
      Component comp,
      double pk) {
    switch (kind) {
      case TIER_MENU -> {
        for (int i = 0; i < TIER_MENUS.size(); i++) {
          for (String tier : TIER_MENUS.get(i)) {
            for (Map.Entry<String, Double> f : freshness(en).entrySet()) {
              add(
                  out,
                  new Cell(p, "credit_card", tier, f.getKey()),
                  comp,
                  pk * TIER_MENU_P[i] * f.getValue());
            }
          }
        }
      }
      case FRESH_MENU -> {
        for (int i = 0; i < FRESH_MENUS.size(); i++) {
          for (String f : FRESH_MENUS.get(i)) {
            add(out, new Cell(p, "credit_card", "unknown", f), comp, pk * FRESH_MENU_P[i]);
          }
        }
      }
      default -> {
        for (Map.Entry<String, Double> c : categories(p, en).entrySet()) {
          for (Map.Entry<String, Double> t : tiers(p, c.getKey(), en).entrySet()) {
            for (Map.Entry<String, Double> f : freshness(en).entrySet()) {
              add(
                  out,
                  new Cell(p, c.getKey(), t.getKey(), f.getKey()),
                  comp,
                  pk * c.getValue() * t.getValue() * f.getValue());
            }
          }
        }
      }
    }
  }

  /** The true median of every cell with offers, at the first month (multiply by {@link #trend}). */
  public static List<CellTruth> cellTruths() {
    List<CellTruth> out = new ArrayList<>();
    for (Map.Entry<Cell, Map<Component, Double>> e : expectedOffers().entrySet()) {
      double total = e.getValue().values().stream().mapToDouble(Double::doubleValue).sum();
      out.add(
          new CellTruth(e.getKey(), mixtureMedian(e.getKey(), e.getValue()), total, e.getValue()));
    }
    return out;
  }

  /** Median of the weighted log-normal mixture of a cell, by bisection on log price. */
  static double mixtureMedian(Cell cell, Map<Component, Double> weights) {
    double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
    double lo = StrictMath.log(1e-7);
    double hi = StrictMath.log(1e7);
    for (int i = 0; i < 200 && hi - lo > 1e-12; i++) {
      double mid = (lo + hi) / 2;
      double cdf = 0;
      for (Map.Entry<Component, Double> w : weights.entrySet()) {
        double m = median(w.getKey(), cell);
        double z = (mid - StrictMath.log(m)) / sigma(w.getKey(), cell.product());
        cdf += w.getValue() / total * 0.5 * (1 + Erf.erf(z / StrictMath.sqrt(2)));
      }
      if (cdf < 0.5) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return StrictMath.exp((lo + hi) / 2);
  }

  private static void add(Map<Cell, Map<Component, Double>> out, Cell cell, Component c, double w) {
    if (w > 0 && median(c, cell) > 0) {
      out.computeIfAbsent(cell, k -> new LinkedHashMap<>()).merge(c, w, Double::sum);
    }
  }

  @SuppressWarnings("unchecked")
  private static <K, V> Map<K, V> ordered(Object... kv) {
    Map<K, V> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((K) kv[i], (V) kv[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(m);
  }
}
