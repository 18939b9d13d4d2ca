package org.leakmarket.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * JSON form of listings (contracts section 2) and offers (section 4) for {@code parse} and the
 * benchmark: a listing object to {@link Listing} (numbers kept exactly as text, unknown fields
 * into {@code extra}, the default id from {@link ListingIds}), and an {@link Offer} to an object
 * with the snake_case field names of section 4. No I/O; one small allocation per field.
 */
public final class ListingJson {
  private static final Set<String> KNOWN = Set.of("listing_id", "source", "channel", "seller", "posted_at",
      "text", "price", "currency", "quantity", "tier", "freshness", "category", "region", "issuer");

  private ListingJson() {}

  /**
   * A listing from one JSON object. The default {@code listing_id} is computed from the fields
   * as written; {@code source} is then lower-cased.
   */
  public static Listing fromJson(JsonNode o) {
    String source = text(o, "source");
    String channel = text(o, "channel");
    String seller = text(o, "seller");
    String postedAt = text(o, "posted_at");
    String text = text(o, "text");
    String id = text(o, "listing_id");
    if (id == null || id.isBlank()) {
      id = ListingIds.defaultId(source, channel, seller, postedAt, text);
    }
    Map<String, String> extra = Map.of();
    for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      if (!KNOWN.contains(f.getKey()) && !f.getValue().isNull()) {
        if (extra.isEmpty()) {
          extra = new HashMap<>();
        }
        extra.put(f.getKey(), f.getValue().isValueNode() ? f.getValue().asText() : f.getValue().toString());
      }
    }
    return new Listing(id, source == null ? null : source.trim().toLowerCase(Locale.ROOT), channel, seller,
        postedAt, text, text(o, "price"), text(o, "currency"), text(o, "quantity"), text(o, "tier"),
        text(o, "freshness"), text(o, "category"), text(o, "region"), text(o, "issuer"), extra);
  }

  private static String text(JsonNode o, String field) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
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
