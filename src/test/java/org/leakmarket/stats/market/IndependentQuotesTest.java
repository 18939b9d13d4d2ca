package org.leakmarket.stats.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The unit of count: copies and sellers, each rule on a fixture small enough to count by hand. */
class IndependentQuotesTest {

  static IndependentQuotes.Offer offer(String seller, String copy, double price) {
    return new IndependentQuotes.Offer(seller, true, copy, price);
  }

  /**
   * Five sellers at 0.30 0.32 0.35 0.40 0.45, one of them (s9) posting ten quotes at 2.00 (a
   * foreign card shop's price in a customer-records cell). By hand: under weight offer the 15
   * sorted values are five small ones then ten 2.00s, median (8th) = 2.00; under weight seller the
   * six seller quotes are 0.30 0.32 0.35 0.40 0.45 2.00, median (0.35 + 0.40)/2 = 0.375, exactly
   * the median without s9's extra posts (it counts once, like any seller).
   */
  @Test
  void oneSellerPostingTenQuotesMovesTheMedianOnlyUnderOfferWeight() {
    List<IndependentQuotes.Offer> offers = new ArrayList<>();
    double[] others = {0.30, 0.32, 0.35, 0.40, 0.45};
    for (int i = 0; i < others.length; i++) {
      offers.add(offer("s" + i, "ad-" + i + "#0", others[i]));
    }
    for (int i = 0; i < 10; i++) {
      offers.add(offer("s9", "flood-" + i + "#0", 2.00));
    }
    IndependentQuotes.Result bySeller = IndependentQuotes.of(offers, QuoteWeight.SELLER);
    IndependentQuotes.Result byOffer = IndependentQuotes.of(offers, QuoteWeight.OFFER);
    assertThat(Percentiles.median(byOffer.values())).isEqualTo(2.00);
    assertThat(Percentiles.median(bySeller.values())).isCloseTo(0.375, within(1e-12));
    assertThat(bySeller.values()).containsExactly(0.30, 0.32, 0.35, 0.40, 0.45, 2.00);
    assertThat(bySeller.nQuotes()).isEqualTo(6);
    assertThat(byOffer.nQuotes()).isEqualTo(15);
    assertThat(bySeller.nOffers()).isEqualTo(15);
    assertThat(bySeller.nSellers()).isEqualTo(6);
    // the same seller once: the median the seller weighting gives
    List<IndependentQuotes.Offer> once = new ArrayList<>(offers.subList(0, 6));
    assertThat(Percentiles.median(IndependentQuotes.of(once, QuoteWeight.OFFER).values()))
        .isCloseTo(0.375, within(1e-12));
  }

  /** A seller's quotes count once at their type-7 median: 0.2, 0.5, 0.6, 1.0 gives 0.55. */
  @Test
  void aSellersQuotesCountOnceAtTheirMedian() {
    List<IndependentQuotes.Offer> offers =
        List.of(
            offer("a", "a1#0", 1.0),
            offer("a", "a2#0", 0.2),
            offer("a", "a3#0", 0.6),
            offer("a", "a4#0", 0.5),
            offer("b", "b1#0", 0.3));
    IndependentQuotes.Result r = IndependentQuotes.of(offers, QuoteWeight.SELLER);
    assertThat(r.values()).containsExactly(0.3, 0.55);
    assertThat(r.sellers())
        .extracting(IndependentQuotes.SellerQuotes::sellerId)
        .containsExactly("a", "b");
    assertThat(IndependentQuotes.of(offers, QuoteWeight.OFFER).sellers().get(0).values())
        .containsExactly(0.2, 0.5, 0.6, 1.0);
  }

  /**
   * Copies: one advert copied by three sellers at 0.5 counts once (attributed to the smallest
   * seller id, "c1"); a fourth copy at 0.6 is its own quote; another advert at 0.5 is its own
   * quote.
   */
  @Test
  void copiesAtOnePriceCountOnce() {
    List<IndependentQuotes.Offer> offers =
        List.of(
            offer("c3", "G#0", 0.5),
            offer("c1", "G#0", 0.5),
            offer("c2", "G#0", 0.5),
            offer("c4", "G#0", 0.6),
            offer("c5", "H#0", 0.5));
    IndependentQuotes.Result r = IndependentQuotes.of(offers, QuoteWeight.OFFER);
    assertThat(r.values()).containsExactly(0.5, 0.5, 0.6);
    assertThat(r.sellers())
        .extracting(IndependentQuotes.SellerQuotes::sellerId)
        .containsExactly("c1", "c4", "c5");
    assertThat(r.nOffers()).isEqualTo(5);
    assertThat(r.nSellers()).isEqualTo(5);
  }

  /**
   * The quote of a copied advert belongs to its earliest post, not to whichever seller key sorts
   * first (keys are keyed hashes: their order changes with the pseudonymisation key). Seller "a"
   * copied "z"'s advert a day later: the copy counts once, as z's, and under seller weighting z's
   * quote is the median of 0.5 and its other quote 0.7 = 0.6, while a keeps only its own 2.0.
   */
  @Test
  void aCopyCountsAsTheEarliestPost() {
    List<IndependentQuotes.Offer> offers =
        List.of(
            new IndependentQuotes.Offer("a", true, "G#0", 0.5, "2015-01-11T09:00:00|L2"),
            new IndependentQuotes.Offer("z", true, "G#0", 0.5, "2015-01-10T09:00:00|L1"),
            new IndependentQuotes.Offer("z", true, "H#0", 0.7, "2015-01-12T09:00:00|L3"),
            new IndependentQuotes.Offer("a", true, "K#0", 2.0, "2015-01-12T09:00:00|L4"));
    IndependentQuotes.Result r = IndependentQuotes.of(offers, QuoteWeight.SELLER);
    // z posted first (L1, 01-10), a first on 01-12: sellers in order of first post
    assertThat(r.sellers())
        .extracting(IndependentQuotes.SellerQuotes::sellerId)
        .containsExactly("z", "a");
    assertThat(r.sellers().get(0).values()[0]).isCloseTo(0.6, within(1e-12));
    assertThat(r.sellers().get(1).values()).containsExactly(2.0);
    assertThat(r.nOffers()).isEqualTo(4);
  }

  /**
   * A new pseudonymisation key renames every seller (keyed hashes sort differently) but changes no
   * post: the sellers come in the same order, so the seller bootstrap's replicates are the same
   * numbers. Ordered by id instead, the renaming below reverses the order and the replicates differ
   * (checked at the end, so this test can fail).
   */
  @Test
  void theSellerOrderAndTheBootstrapDoNotDependOnTheKey() {
    String[] posts = {"2015-01-10T09:00|L1", "2015-01-11T09:00|L2", "2015-01-12T09:00|L3"};
    double[] prices = {0.5, 0.9, 3.0};
    List<IndependentQuotes.Offer> key1 = new ArrayList<>();
    List<IndependentQuotes.Offer> key2 = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      key1.add(new IndependentQuotes.Offer("s" + i, true, "L" + i + "#0", prices[i], posts[i]));
      key2.add(
          new IndependentQuotes.Offer("t" + (9 - i), true, "L" + i + "#0", prices[i], posts[i]));
    }
    IndependentQuotes.Result a = IndependentQuotes.of(key1, QuoteWeight.SELLER);
    IndependentQuotes.Result b = IndependentQuotes.of(key2, QuoteWeight.SELLER);
    assertThat(b.sellers())
        .extracting(IndependentQuotes.SellerQuotes::sellerId)
        .containsExactly("t9", "t8", "t7");
    double[] ra = SellerBootstrap.logGeometricMeans(a.sellers(), 50, 7L, "cell@2015-01");
    double[] rb = SellerBootstrap.logGeometricMeans(b.sellers(), 50, 7L, "cell@2015-01");
    assertThat(rb).containsExactly(ra);
    List<IndependentQuotes.SellerQuotes> byId = new ArrayList<>(b.sellers());
    byId.sort(java.util.Comparator.comparing(IndependentQuotes.SellerQuotes::sellerId));
    assertThat(SellerBootstrap.logGeometricMeans(byId, 50, 7L, "cell@2015-01")).isNotEqualTo(ra);
  }

  @Test
  void unknownSellersAreNotCountedAsSellersAndOrderDoesNotMatter() {
    List<IndependentQuotes.Offer> offers = new ArrayList<>();
    offers.add(new IndependentQuotes.Offer("~anon:L1#0", false, "L1#0", 0.4));
    offers.add(new IndependentQuotes.Offer("~anon:L2#0", false, "L2#0", 0.7));
    offers.add(offer("s", "L3#0", 0.9));
    IndependentQuotes.Result r = IndependentQuotes.of(offers, QuoteWeight.SELLER);
    assertThat(r.nSellers()).isEqualTo(1);
    assertThat(r.nQuotes()).isEqualTo(3);
    List<IndependentQuotes.Offer> shuffled = new ArrayList<>(offers);
    Collections.shuffle(shuffled, new Random(1));
    assertThat(IndependentQuotes.of(shuffled, QuoteWeight.SELLER).values()).isEqualTo(r.values());
  }
}
