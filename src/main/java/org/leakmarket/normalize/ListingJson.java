package org.leakmarket.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * JSON form of listings (contracts section 2) and offers (section 4) for {@code parse} and the
 * benchmark: a listing object to {@link Listing} (numbers kept exactly as text, unknown fields into
 * {@code extra}, the default id from {@link ListingIds}), and an {@link Offer} to an object with
 * the snake_case field names of section 4. No I/O; one small allocation per field.
 */
public final class ListingJson {
  private ListingJson() {}

  /**
   * A listing from one JSON object. The default {@code listing_id} is computed from the fields as
   * written; {@code source} is then lower-cased.
   */
  public static Listing fromJson(JsonNode o) {
    // one pass over the object's fields (cheaper than a lookup per known name)
    String[] f = new String[KNOWN_ORDER.length];
    Map<String, String> extra = Map.of();
    for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      if (v.isNull()) {
        continue;
      }
      int k = index(e.getKey());
      if (k >= 0) {
        f[k] = text(v);
      } else {
        if (extra.isEmpty()) {
          extra = new HashMap<>();
        }
        extra.put(e.getKey(), v.isValueNode() ? v.asText() : v.toString());
      }
    }
    String id = f[0];
    if (id == null || id.isBlank()) {
      id = ListingIds.defaultId(f[1], f[2], f[3], f[4], f[5]);
    }
    String source = f[1] == null ? null : f[1].trim().toLowerCase(Locale.ROOT);
    return new Listing(
        id, source, f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11], f[12], f[13],
        extra);
  }

  private static final String[] KNOWN_ORDER = {
    "listing_id",
    "source",
    "channel",
    "seller",
    "posted_at",
    "text",
    "price",
    "currency",
    "quantity",
    "tier",
    "freshness",
    "category",
    "region",
    "issuer"
  };

  private static int index(String name) {
    return switch (name) {
      case "listing_id" -> 0;
      case "source" -> 1;
      case "channel" -> 2;
      case "seller" -> 3;
      case "posted_at" -> 4;
      case "text" -> 5;
      case "price" -> 6;
      case "currency" -> 7;
      case "quantity" -> 8;
      case "tier" -> 9;
      case "freshness" -> 10;
      case "category" -> 11;
      case "region" -> 12;
      case "issuer" -> 13;
      default -> -1;
    };
  }

  private static String text(JsonNode v) {
    if (v.isNumber()) {
      return v.decimalValue().toPlainString();
    }
    return v.isValueNode() ? v.asText() : v.toString();
  }

  /** The offer as a JSON object with the field names of contracts section 4, in that order. */
  public static ObjectNode toJson(ObjectMapper mapper, Offer o) {
    ObjectNode n = mapper.createObjectNode();
    n.put("listing_id", o.listingId());
    n.put("offer_index", o.offerIndex());
    n.put("status", o.status());
    n.put("reason", o.reason());
    n.put("detail", o.detail());
    n.put("price_per_record_cny", o.pricePerRecordCny());
    n.put("price_per_record_low_cny", o.pricePerRecordLowCny());
    n.put("price_per_record_high_cny", o.pricePerRecordHighCny());
    n.put("price_per_record_usd", o.pricePerRecordUsd());
    n.put("amount", o.amount());
    n.put("currency", o.currency());
    n.put("quantity", o.quantity());
    n.put("product", o.product());
    n.put("balance_low_cny", o.balanceLowCny());
    n.put("balance_high_cny", o.balanceHighCny());
    n.put("qualifier", o.qualifier());
    n.put("language", o.language());
    n.put("tier", o.tier());
    n.put("freshness", o.freshness());
    n.put("category", o.category());
    ArrayNode issuers = n.putArray("issuers");
    o.issuers().forEach(issuers::add);
    n.put("region_code", o.regionCode());
    ArrayNode ev = n.putArray("evidence");
    for (Evidence e : o.evidence()) {
      ev.addObject().put("field", e.field()).put("span", e.span()).put("rule", e.rule());
    }
    n.put("confidence", o.confidence());
    n.put("posted_at", o.postedAt() == null ? null : o.postedAt().toString());
    n.put("posted_date", o.postedDate() == null ? null : o.postedDate().toString());
    return n;
  }
}
