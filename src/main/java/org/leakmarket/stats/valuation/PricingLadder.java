package org.leakmarket.stats.valuation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The pricing ladder of methods.md (Value at market prices): a group of exposed records of one
 * sample (period, category, tier, freshness) is priced by the first rule that applies:
 *
 * <ol>
 *   <li>the sample's own advertised price, when the manifest links the sample to a priced listing;
 *   <li>the median of the matching published {@code personal_records} cell with at least {@link
 *       #MIN_QUOTES} independent quotes;
 *   <li>the same with freshness dropped: the quotes of the published cells of that period, category
 *       and tier pooled, at least {@link #MIN_QUOTES} of them;
 *   <li>the same with tier dropped too (period and category);
 *   <li>the same over the quarter: the category's cells of every month of the period's quarter
 *       (skipped when cells are already by quarter or year);
 *   <li>otherwise the group is left unpriced and counted.
 * </ol>
 *
 * A suppressed cell is never used, neither alone nor in a pool. Six quotes is the smallest n with a
 * distribution-free 95% interval for a median (methods.md, Market), so every price has one; a cell
 * of three offers, one of them a misfiled card-shop price, can no longer set the value of a sample
 * (issue 13: 77% of the old total came from such a cell).
 *
 * <p>Pooling counts each cell's independent quotes; a seller quoting in two pooled cells (fresh and
 * second-hand, say) counts once in each, so a pooled cell can hold a seller twice. Pure Java; cost
 * linear in the number of cells per group priced.
 */
public final class PricingLadder {
  /** Fewest independent quotes a price may rest on. */
  public static final int MIN_QUOTES = 6;

  /** The wildcard of a dropped dimension in a pooled cell's key. */
  public static final String ANY = "*";

  private final List<PriceCell> usable;

  /**
   * @param cells published {@code personal_records} cells of the base grain
   */
  public PricingLadder(Collection<PriceCell> cells) {
    List<PriceCell> u = new ArrayList<>();
    for (PriceCell c : cells) {
      if (!c.suppressed() && c.nQuotes() > 0) {
        u.add(c);
      }
    }
    this.usable = List.copyOf(u);
  }

  /**
   * Prices one group.
   *
   * @param ownPrice the sample's own advertised price per record (see {@link OwnPrice}), or null
   * @param listingId the listing that price comes from, or null
   */
  public Pricing price(
      String period,
      String category,
      String tier,
      String freshness,
      Double ownPrice,
      String listingId) {
    if (ownPrice != null && ownPrice > 0 && Double.isFinite(ownPrice)) {
      return new Pricing(PricingRule.OWN_PRICE, listingId, List.of(), ownPrice, 0);
    }
    if (period == null || category == null) {
      return Pricing.unpriced();
    }
    Pricing p =
        pooled(
            PricingRule.CELL,
            PriceCell.key(period, category, tier, freshness),
            c ->
                c.period().equals(period)
                    && c.category().equals(category)
                    && Objects.equals(c.tier(), tier)
                    && Objects.equals(c.freshness(), freshness));
    if (p != null) {
      return p;
    }
    p =
        pooled(
            PricingRule.CELL_ANY_FRESHNESS,
            PriceCell.key(period, category, tier, ANY),
            c ->
                c.period().equals(period)
                    && c.category().equals(category)
                    && Objects.equals(c.tier(), tier));
    if (p != null) {
      return p;
    }
    p =
        pooled(
            PricingRule.CELL_ANY_TIER,
            PriceCell.key(period, category, ANY, ANY),
            c -> c.period().equals(period) && c.category().equals(category));
    if (p != null) {
      return p;
    }
    String quarter = quarterOf(period);
    if (quarter != null) {
      p =
          pooled(
              PricingRule.QUARTER,
              PriceCell.key(quarter, category, ANY, ANY),
              c -> quarter.equals(quarterOf(c.period())) && c.category().equals(category));
      if (p != null) {
        return p;
      }
    }
    return Pricing.unpriced();
  }

  private Pricing pooled(PricingRule rule, String key, Predicate<PriceCell> member) {
    List<PriceCell> members = new ArrayList<>();
    long n = 0;
    for (PriceCell c : usable) {
      if (member.test(c)) {
        members.add(c);
        n += c.nQuotes();
      }
    }
    return n >= MIN_QUOTES ? new Pricing(rule, key, members, null, n) : null;
  }

  /** {@code 2015-02} → {@code 2015-Q1}; null for a label that is not a month. */
  public static String quarterOf(String period) {
    if (period == null
        || period.length() != 7
        || period.charAt(4) != '-'
        || !Character.isDigit(period.charAt(5))) {
      return null;
    }
    int month = Integer.parseInt(period.substring(5, 7));
    return period.substring(0, 4) + "-Q" + ((month - 1) / 3 + 1);
  }
}
