package org.leakmarket.normalize;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

/**
 * The limits and last checks around the normaliser, applied per listing where the Spark job calls
 * it ({@link OfferNormalizeJob}); the normaliser itself is left alone. Turns into a single
 * rejection line:
 *
 * <ul>
 *   <li>an advert text or price longer than {@code maxChars} ({@code text_too_long}), before the
 *       normaliser sees it: its time grows faster than the text (a 1 MB line of "5元 " keeps it busy
 *       for many minutes), so one hostile line must not hold a task,
 *   <li>an advert giving more than {@code maxOffers} offers ({@code too_many_offers}: a 10,000-item
 *       menu is quarantined, not exploded into 10,000 rows),
 *   <li>a posting date outside {@code [earliest, latest]} ({@code bad_date}: 1900 and 2100 are
 *       scraping errors, not market history),
 *   <li>an exception or an offer that breaks the contract (non-finite or non-positive price,
 *       quantity below 1, low above high) ({@code normalizer_error}, with the exception's class
 *       only: a message could quote the advert). One bad advert must not stop a job of millions;
 *       the fuzz tests make sure the normaliser itself never gets here.
 * </ul>
 *
 * Pure Java, serializable (shipped to executors with the job); costs a loop over the offers.
 */
public final class OfferGuard implements Serializable {
  private static final long serialVersionUID = 1L;

  /** An advert text longer than {@code max_advert_chars}. */
  public static final String TEXT_TOO_LONG = "text_too_long";

  /** More offers in one advert than {@code max_offers_per_listing}. */
  public static final String TOO_MANY_OFFERS = "too_many_offers";

  /** The normaliser failed on the advert, or gave an offer that breaks the contract. */
  public static final String NORMALIZER_ERROR = "normalizer_error";

  private final int maxOffers;
  private final int maxChars;
  private final LocalDate earliest;
  private final LocalDate latest;

  /**
   * @param maxOffers most offers one advert may give
   * @param maxChars longest advert text (and structured price) normalised
   * @param earliest earliest plausible posting date (null: none)
   * @param latest latest plausible posting date (null: none)
   */
  public OfferGuard(int maxOffers, int maxChars, LocalDate earliest, LocalDate latest) {
    this.maxOffers = maxOffers;
    this.maxChars = maxChars;
    this.earliest = earliest;
    this.latest = latest;
  }

  /** No limits: what the normaliser says, checked for the contract only. */
  public static OfferGuard none() {
    return new OfferGuard(Integer.MAX_VALUE, Integer.MAX_VALUE, null, null);
  }

  /** The offers of {@code l}, or one rejection line; never throws for any listing. */
  public List<Offer> offers(Normalizer normalizer, Listing l) {
    return offers(normalizer::normalize, l);
  }

  /** As above, with any normalising function (tests give one that fails). */
  public List<Offer> offers(Function<Listing, List<Offer>> normalize, Listing l) {
    int chars = Math.max(length(l.text()), length(l.price()));
    if (chars > maxChars) {
      return List.of(
          Offer.rejected(
              id(l),
              TEXT_TOO_LONG,
              "advert of " + chars + " characters > limit " + maxChars + " (max_advert_chars)",
              null,
              null));
    }
    List<Offer> offers;
    try {
      offers = normalize.apply(l);
    } catch (RuntimeException | StackOverflowError e) {
      return List.of(
          Offer.rejected(
              id(l), NORMALIZER_ERROR, "normaliser failed: " + e.getClass().getName(), null, null));
    }
    if (offers.isEmpty()) {
      return List.of(
          Offer.rejected(id(l), NORMALIZER_ERROR, "normaliser gave no line", null, null));
    }
    Offer first = offers.get(0);
    LocalDate d = first.postedDate();
    if (d != null
        && ((earliest != null && d.isBefore(earliest)) || (latest != null && d.isAfter(latest)))) {
      return List.of(
          Offer.rejected(
              first.listingId(),
              Reason.BAD_DATE,
              "posted " + d + ", outside " + earliest + " .. " + latest,
              first.postedAt(),
              d));
    }
    if (offers.size() > maxOffers) {
      return List.of(
          Offer.rejected(
              first.listingId(),
              TOO_MANY_OFFERS,
              offers.size() + " offers > limit " + maxOffers + " (max_offers_per_listing)",
              first.postedAt(),
              d));
    }
    for (int i = 0; i < offers.size(); i++) {
      String broken = broken(offers.get(i), i, offers.size());
      if (broken != null) {
        return List.of(
            Offer.rejected(
                first.listingId(),
                NORMALIZER_ERROR,
                "offer " + i + " " + broken,
                first.postedAt(),
                d));
      }
    }
    return offers;
  }

  /** What is wrong with an offer under contracts section 4, or null. */
  public static String broken(Offer o, int i, int n) {
    if (!o.ok()) {
      if (!Offer.REJECTED.equals(o.status())) {
        return "has status " + o.status();
      }
      if (n != 1 || o.reason() == null || o.offerIndex() != null) {
        return "is a rejection without a reason or among offers";
      }
      return null;
    }
    if (o.offerIndex() == null || o.offerIndex() != i) {
      return "has index " + o.offerIndex();
    }
    Double p = o.pricePerRecordCny();
    Double lo = o.pricePerRecordLowCny();
    Double hi = o.pricePerRecordHighCny();
    if (!positiveFinite(p) || !positiveFinite(lo) || !positiveFinite(hi)) {
      return "has a price that is not a positive finite number";
    }
    if (lo > p * (1 + 1e-9) || p > hi * (1 + 1e-9)) {
      return "has a price outside its own range";
    }
    if (o.quantity() == null || o.quantity() < 1) {
      return "has a quantity below 1";
    }
    if (o.pricePerRecordUsd() != null && !positiveFinite(o.pricePerRecordUsd())) {
      return "has a USD price that is not a positive finite number";
    }
    return null;
  }

  private static int length(String s) {
    return s == null ? 0 : s.length();
  }

  private static boolean positiveFinite(Double d) {
    return d != null && d > 0 && !d.isInfinite();
  }

  private static String id(Listing l) {
    try {
      return l.listingId() != null && !l.listingId().isBlank()
          ? l.listingId()
          : ListingIds.defaultId(l.source(), l.channel(), l.seller(), l.postedAt(), l.text());
    } catch (RuntimeException e) {
      return "unknown";
    }
  }
}
