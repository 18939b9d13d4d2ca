package org.leakmarket.stats.market;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The independent quotes of one market cell in one period (methods.md, Market, unit of count), from
 * its unique offers (reposts by one seller already collapsed into one offer upstream).
 *
 * <ol>
 *   <li><b>Copies</b>: offers sharing a copy key (the copy group of their advert and the offer's
 *       position in it) at exactly the same price count once, attributed to the seller of the
 *       earliest post among them (the original advert; ties by listing id, then seller id); copies
 *       at different prices stay separate quotes.
 *   <li><b>Sellers</b> ({@link QuoteWeight#SELLER}): the remaining quotes of one seller count once,
 *       at their median (type 7, as {@link Percentiles}). {@link QuoteWeight#OFFER} keeps them all.
 * </ol>
 *
 * <p>The result does not depend on the order the offers arrive in (they are sorted first), so the
 * Spark wiring may hand them over in any partition order. Cost: O(n log n) for n offers, O(n)
 * memory.
 */
public final class IndependentQuotes {

  /**
   * One unique offer of the cell.
   *
   * @param sellerId who quoted it; an offer without a known seller gets an id of its own, never
   *     merged on a guess
   * @param sellerKnown whether {@code sellerId} is a real seller key (counted in {@code n_sellers})
   * @param copyKey copy group and offer position; an advert nobody copied has a key of its own
   * @param price price per record (CNY)
   * @param origin sorts the copies of one advert oldest first (first post time, then listing id):
   *     the earliest is the original and keeps the quote. Never a seller key, so that which copy
   *     survives does not depend on the pseudonymisation key
   */
  public record Offer(
      String sellerId, boolean sellerKnown, String copyKey, double price, String origin) {

    /** An offer with no post time: copies of it are told apart by seller id only. */
    public Offer(String sellerId, boolean sellerKnown, String copyKey, double price) {
      this(sellerId, sellerKnown, copyKey, price, "");
    }
  }

  /** One seller's quotes after the copy rule, ascending. */
  public record SellerQuotes(String sellerId, double[] values) {}

  /**
   * The cell's independent quotes.
   *
   * @param values the independent quote values, ascending (what the cell's statistics describe)
   * @param sellers the values grouped by seller, sellers in order of their first post (what a
   *     seller bootstrap resamples, by position); under {@link QuoteWeight#SELLER} each holds one
   *     value
   * @param nOffers unique offers in the cell
   * @param nSellers distinct known sellers among them
   */
  public record Result(double[] values, List<SellerQuotes> sellers, long nOffers, long nSellers) {
    public int nQuotes() {
      return values.length;
    }
  }

  private IndependentQuotes() {}

  /** Applies the copy rule, then the weight. */
  public static Result of(List<Offer> offers, QuoteWeight weight) {
    List<Offer> sorted = new ArrayList<>(offers);
    sorted.sort(
        Comparator.comparing(Offer::copyKey)
            .thenComparingDouble(Offer::price)
            .thenComparing(Offer::origin)
            .thenComparing(Offer::sellerId));
    long known = sorted.stream().filter(Offer::sellerKnown).map(Offer::sellerId).distinct().count();
    // copies: the first of each (copy key, price) run is the earliest post
    List<Offer> quotes = new ArrayList<>();
    Offer previous = null;
    for (Offer o : sorted) {
      if (previous == null
          || !o.copyKey().equals(previous.copyKey())
          || Double.compare(o.price(), previous.price()) != 0) {
        quotes.add(o);
      }
      previous = o;
    }
    quotes.sort(Comparator.comparing(Offer::sellerId).thenComparingDouble(Offer::price));
    List<SellerQuotes> sellers = new ArrayList<>();
    List<String> firstPosts = new ArrayList<>();
    int i = 0;
    while (i < quotes.size()) {
      int j = i;
      String first = quotes.get(i).origin();
      while (j < quotes.size() && quotes.get(j).sellerId().equals(quotes.get(i).sellerId())) {
        if (quotes.get(j).origin().compareTo(first) < 0) {
          first = quotes.get(j).origin();
        }
        j++;
      }
      double[] own = new double[j - i];
      for (int k = i; k < j; k++) {
        own[k - i] = quotes.get(k).price();
      }
      // already ascending: sorted by seller then price
      if (weight == QuoteWeight.SELLER) {
        own = new double[] {Percentiles.median(own)};
      }
      sellers.add(new SellerQuotes(quotes.get(i).sellerId(), own));
      firstPosts.add(first);
      i = j;
    }
    sellers = inOrderOfFirstPost(sellers, firstPosts);
    double[] values = sellers.stream().flatMapToDouble(s -> Arrays.stream(s.values())).toArray();
    Arrays.sort(values);
    return new Result(values, List.copyOf(sellers), offers.size(), known);
  }

  /**
   * Sellers ordered by their earliest independent quote's origin (first post time, then listing
   * id), the seller id breaking ties only between offers without a post time. A seller bootstrap
   * draws sellers by position, so ordering them by their keyed-hash ids would make its interval
   * change with the pseudonymisation key; first posts do not.
   */
  private static List<SellerQuotes> inOrderOfFirstPost(
      List<SellerQuotes> sellers, List<String> firstPosts) {
    Integer[] order = new Integer[sellers.size()];
    for (int k = 0; k < order.length; k++) {
      order[k] = k;
    }
    // the list is in seller-id order, and the sort is stable: equal first posts keep id order
    Arrays.sort(order, Comparator.comparing(firstPosts::get));
    List<SellerQuotes> out = new ArrayList<>(order.length);
    for (int k : order) {
      out.add(sellers.get(k));
    }
    return out;
  }
}
