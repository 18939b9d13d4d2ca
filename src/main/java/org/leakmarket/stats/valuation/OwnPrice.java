package org.leakmarket.stats.valuation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The price per record a sample's own listing asks (rule 1 of {@link PricingLadder}). A listing may
 * be a menu with several price points (fresh 0.5, second-hand 0.35, gold 5): a group of records
 * takes the median of the listing's offers of its own tier when there are any, else the median of
 * all the listing's offers. Pure Java; no cost worth naming.
 */
public final class OwnPrice {
  private OwnPrice() {}

  /** One offer of the listing: its tier and price per record in CNY. */
  public record Offer(String tier, double pricePerRecordCny) {}

  /** The own price for records of {@code tier}, or null when the listing has no usable offer. */
  public static Double of(List<Offer> offers, String tier) {
    List<Double> same = new ArrayList<>();
    List<Double> all = new ArrayList<>();
    for (Offer o : offers) {
      double p = o.pricePerRecordCny();
      if (!(p > 0) || !Double.isFinite(p)) {
        continue; // a rejected or garbled price is no price
      }
      all.add(p);
      if (Objects.equals(o.tier(), tier)) {
        same.add(p);
      }
    }
    List<Double> use = same.isEmpty() ? all : same;
    if (use.isEmpty()) {
      return null;
    }
    return Quotes.median(use.stream().mapToDouble(Double::doubleValue).sorted().toArray());
  }
}
