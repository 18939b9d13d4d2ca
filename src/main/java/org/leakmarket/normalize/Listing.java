package org.leakmarket.normalize;

import java.util.Map;

/**
 * One scraped listing as read (contracts section 2), every field as text so that nothing is lost
 * before validation: a non-numeric price is a rejection reason, not a parse failure.
 *
 * @param listingId stable id (never null here: the reader fills the SHA-256 default)
 * @param extra unknown input fields, kept
 */
public record Listing(
    String listingId,
    String source,
    String channel,
    String seller,
    String postedAt,
    String text,
    String price,
    String currency,
    String quantity,
    String tier,
    String freshness,
    String category,
    String region,
    String issuer,
    Map<String, String> extra) {

  public Listing {
    extra = extra == null ? Map.of() : Map.copyOf(extra);
  }
}
