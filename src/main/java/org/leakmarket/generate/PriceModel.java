package org.leakmarket.generate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.special.Erf;

/**
 * The generating price distributions and the listing mix, calibrated to the seed article and
 * NOTES.md: a Chinese advert for fresh credit-card records has median 0.5 CNY per record,
 * second-hand 0.35, gold/platinum a few yuan (up to 5), bulk bundles about a tenth of that
 * (2000元/10万条 = 0.02 is a low bulk draw); English card shops sell cards with CVV at about 15 USD,
 * platinum and premium several times more. Each offer's price is log-normal around the median of
 * its cell and <em>component</em> (market zh/en × unit/bulk), times a monthly trend of +1.5% so
 * price indices have something to show.
 *
 * <p>It also computes the ground truth: the true median price of a cell (period × category × tier ×
 * freshness) is the median of the mixture over components, weighted by the expected number of
 * offers each component puts in the cell (computed exactly from the listing mix below, not by
 * simulation), found by bisection on the mixture CDF. Costs microseconds per cell.
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

  public static final List<String> TIERS =
      List.of("unknown", "standard", "gold", "platinum", "premium");
  public static final List<String> FRESHNESS = List.of("unknown", "new", "second_hand", "aged");

  static final double ZH_SHARE = 0.88;
  static final double MONTHLY_TREND = 0.015;

  // Listing mix per market (weights; normalised where drawn).
  static final Map<Kind, Double> ZH_KINDS =
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
  static final Map<Kind, Double> EN_KINDS =
      ordered(
          Kind.SINGLE,
          0.40,
          Kind.BUNDLE,
          0.15,
          Kind.RANGE,
          0.05,
          Kind.MAX,
          0.05,
          Kind.TIER_MENU,
          0.08,
          Kind.FRESH_MENU,
          0.03,
          Kind.STRUCTURED,
          0.14,
          Kind.BUY,
          0.06,
          Kind.NO_PRICE,
          0.04);

  static final Map<String, Double> ZH_CATEGORIES =
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
  static final Map<String, Double> EN_CATEGORIES =
      ordered("credit_card", 0.80, "bank_account", 0.12, "ecommerce", 0.08);

  // Tier is drawn for credit-card offers only; other categories have no card level.
  static final Map<String, Double> ZH_TIERS =
      ordered("unknown", 0.50, "standard", 0.15, "gold", 0.15, "platinum", 0.15, "premium", 0.05);
  static final Map<String, Double> EN_TIERS =
      ordered("unknown", 0.35, "standard", 0.20, "gold", 0.20, "platinum", 0.15, "premium", 0.10);
  static final Map<String, Double> ZH_FRESH =
      ordered("unknown", 0.35, "new", 0.35, "second_hand", 0.18, "aged", 0.12);
  static final Map<String, Double> EN_FRESH =
      ordered("unknown", 0.40, "new", 0.35, "second_hand", 0.10, "aged", 0.15);

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
  private static final Map<String, Double> ZH_BASE =
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
  private static final double ZH_BULK_FACTOR = 0.1;
  // 15 USD at ~6.15 CNY/USD for a card with CVV; bank logs and shop accounts as sold in the same
  // shops.
  private static final Map<String, Double> EN_UNIT_BASE =
      ordered("credit_card", 92.0, "bank_account", 300.0, "ecommerce", 30.0);
  // English bulk "leads" lists ($300 for 10k is 0.18 CNY a record).
  private static final Map<String, Double> EN_BULK_BASE =
      ordered("credit_card", 0.2, "bank_account", 0.5, "ecommerce", 0.1);
  private static final Map<String, Double> ZH_TIER_MULT =
      ordered("unknown", 1.0, "standard", 0.8, "gold", 2.5, "platinum", 6.0, "premium", 10.0);
  private static final Map<String, Double> EN_TIER_MULT =
      ordered("unknown", 1.0, "standard", 0.9, "gold", 1.4, "platinum", 2.5, "premium", 4.0);
  private static final Map<String, Double> ZH_FRESH_MULT =
      ordered("new", 1.0, "unknown", 0.85, "second_hand", 0.7, "aged", 0.3);
  private static final Map<String, Double> EN_FRESH_MULT =
      ordered("new", 1.0, "unknown", 0.9, "second_hand", 0.6, "aged", 0.35);

  private PriceModel() {}

  public static double sigma(Component c) {
    return switch (c) {
      case ZH_UNIT -> 0.45;
      case ZH_BULK -> 0.6;
      case EN_UNIT -> 0.35;
      case EN_BULK -> 0.5;
    };
  }

  /** Multiplier of month {@code monthIndex} (0 = first month): +1.5% a month. */
  public static double trend(int monthIndex) {
    return StrictMath.exp(MONTHLY_TREND * monthIndex);
  }

  /**
   * Median CNY per record of a component's offers in a cell at the first month; 0 if it sells none.
   */
  public static double median(Component c, String category, String tier, String freshness) {
    boolean en = c.english();
    Double base =
        switch (c) {
          case ZH_UNIT -> ZH_BASE.get(category);
          case ZH_BULK ->
              ZH_BASE.containsKey(category) ? ZH_BASE.get(category) * ZH_BULK_FACTOR : null;
          case EN_UNIT -> EN_UNIT_BASE.get(category);
          case EN_BULK -> EN_BULK_BASE.get(category);
        };
    if (base == null) {
      return 0;
    }
    double t = (en ? EN_TIER_MULT : ZH_TIER_MULT).get(tier);
    double f = (en ? EN_FRESH_MULT : ZH_FRESH_MULT).get(freshness);
    return base * t * f;
  }

  static Map<Kind, Double> kinds(boolean english) {
    return english ? EN_KINDS : ZH_KINDS;
  }

  static Map<String, Double> categories(boolean english) {
    return english ? EN_CATEGORIES : ZH_CATEGORIES;
  }

  static Map<String, Double> tiers(boolean english) {
    return english ? EN_TIERS : ZH_TIERS;
  }

  static Map<String, Double> freshness(boolean english) {
    return english ? EN_FRESH : ZH_FRESH;
  }

  /** A cell of the market table, without its period. */
  public record Cell(String category, String tier, String freshness) {}

  /** The true median of one cell at the first month, and each component's expected share of it. */
  public record CellTruth(
      Cell cell, double medianCny, double offersPerListing, Map<Component, Double> weights) {}

  /**
   * Expected offers per generated listing (bad rows and reposts aside), by component and cell: sum
   * over markets and kinds of P(market) P(kind) E[offers of the kind in the cell].
   */
  public static Map<Cell, Map<Component, Double>> expectedOffers() {
    Map<Cell, Map<Component, Double>> out = new LinkedHashMap<>();
    for (boolean en : new boolean[] {false, true}) {
      double pm = en ? 1 - ZH_SHARE : ZH_SHARE;
      Map<Kind, Double> kinds = kinds(en);
      double kTotal = kinds.values().stream().mapToDouble(Double::doubleValue).sum();
      for (Map.Entry<Kind, Double> k : kinds.entrySet()) {
        if (!k.getKey().hasOffers()) {
          continue;
        }
        Component comp =
            en
                ? (k.getKey().bulk() ? Component.EN_BULK : Component.EN_UNIT)
                : (k.getKey().bulk() ? Component.ZH_BULK : Component.ZH_UNIT);
        double pk = pm * k.getValue() / kTotal;
        switch (k.getKey()) {
          case TIER_MENU -> {
            for (int i = 0; i < TIER_MENUS.size(); i++) {
              for (String tier : TIER_MENUS.get(i)) {
                for (Map.Entry<String, Double> f : freshness(en).entrySet()) {
                  add(
                      out,
                      new Cell("credit_card", tier, f.getKey()),
                      comp,
                      pk * TIER_MENU_P[i] * f.getValue());
                }
              }
            }
          }
          case FRESH_MENU -> {
            for (int i = 0; i < FRESH_MENUS.size(); i++) {
              for (String f : FRESH_MENUS.get(i)) {
                add(out, new Cell("credit_card", "unknown", f), comp, pk * FRESH_MENU_P[i]);
              }
            }
          }
          default -> {
            for (Map.Entry<String, Double> c : categories(en).entrySet()) {
              Map<String, Double> tiers =
                  c.getKey().equals("credit_card") ? tiers(en) : Map.of("unknown", 1.0);
              for (Map.Entry<String, Double> t : tiers.entrySet()) {
                for (Map.Entry<String, Double> f : freshness(en).entrySet()) {
                  add(
                      out,
                      new Cell(c.getKey(), t.getKey(), f.getKey()),
                      comp,
                      pk * c.getValue() * t.getValue() * f.getValue());
                }
              }
            }
          }
        }
      }
    }
    return out;
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
    double lo = StrictMath.log(1e-6);
    double hi = StrictMath.log(1e6);
    for (int i = 0; i < 200 && hi - lo > 1e-12; i++) {
      double mid = (lo + hi) / 2;
      double cdf = 0;
      for (Map.Entry<Component, Double> w : weights.entrySet()) {
        double m = median(w.getKey(), cell.category(), cell.tier(), cell.freshness());
        double z = (mid - StrictMath.log(m)) / sigma(w.getKey());
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
    if (w > 0) {
      out.computeIfAbsent(cell, k -> new LinkedHashMap<>()).merge(c, w, Double::sum);
    }
  }

  @SuppressWarnings("unchecked")
  private static <K> Map<K, Double> ordered(Object... kv) {
    Map<K, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((K) kv[i], (Double) kv[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(m);
  }
}
