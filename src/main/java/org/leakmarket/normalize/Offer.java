package org.leakmarket.normalize;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One price point found in a listing, or the single rejection line of a listing (contracts section
 * 4). Prices are per record; a range's point price is the geometric mean of its bounds.
 *
 * @param offerIndex 0-based index of the price point; null when rejected
 * @param status {@code ok} or {@code rejected}
 * @param reason rejection code, null when ok
 * @param detail human-readable detail of a rejection (never holds an identifier)
 * @param product what is sold (vocabulary.md "Product"); the first dimension of every market cell
 * @param balanceLowCny a balance or credit limit the goods carry, low bound in CNY (never a price)
 * @param balanceHighCny its high bound (equal to the low bound unless a range is given)
 * @param qualifier how the advert qualifies its price: exact, up_to, from, average, range
 * @param language the advert's main language (ISO 639-1)
 * @param postedAt the instant the listing was posted (null if the date was unreadable)
 * @param postedDate the calendar date of the posting in the poster's time zone; periods and the FX
 *     as-of rule use it
 */
public record Offer(
    String listingId,
    Integer offerIndex,
    String status,
    String reason,
    String detail,
    Double pricePerRecordCny,
    Double pricePerRecordLowCny,
    Double pricePerRecordHighCny,
    Double pricePerRecordUsd,
    Double amount,
    String currency,
    Long quantity,
    String product,
    Double balanceLowCny,
    Double balanceHighCny,
    String qualifier,
    String language,
    String tier,
    String freshness,
    String category,
    List<String> issuers,
    String regionCode,
    List<Evidence> evidence,
    Double confidence,
    Instant postedAt,
    LocalDate postedDate) {

  public static final String OK = "ok";
  public static final String REJECTED = "rejected";

  public Offer {
    issuers = issuers == null ? List.of() : List.copyOf(issuers);
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
  }

  public boolean ok() {
    return OK.equals(status);
  }

  /** The one line a rejected listing gives. */
  public static Offer rejected(
      String listingId, String reason, String detail, Instant postedAt, LocalDate postedDate) {
    return new Offer(
        listingId,
        null,
        REJECTED,
        reason,
        detail,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        List.of(),
        null,
        List.of(),
        null,
        postedAt,
        postedDate);
  }
}
