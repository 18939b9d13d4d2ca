package org.leakmarket.generate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.List;

/**
 * One generated listing: the line written to {@code listings.jsonl} (JSON, or a deliberately broken
 * or empty line) and its ground truth, which never goes into the listing itself.
 *
 * @param line the exact input line (without newline)
 * @param listingId the id in the line (null for an empty line)
 * @param kind advert kind ({@code single}, {@code bundle}, ..., {@code fixed}); bad rows keep the
 *     kind of the advert they were made from
 * @param market {@code zh}, {@code en}, or {@code fixed}
 * @param bad the kind of bad row ({@code malformed_json}, {@code empty_line}, ...), else null
 * @param status {@code ok} when the listing makes at least one offer, else {@code rejected}
 * @param reason the reason code a correct pipeline gives a rejected listing
 * @param postedDate the posting date as the pipeline reads it (poster's zone), null if unreadable
 * @param repostOf listing id of the advert this one reposts, else null
 * @param offers the true offers, in text order (empty when rejected)
 * @param chainTier reseller-chain level (1 first-tier broker .. 4 end buyer) of a fixed advert,
 *     else null
 */
public record GeneratedListing(
    String line,
    String listingId,
    String kind,
    String market,
    String bad,
    String status,
    String reason,
    String detail,
    LocalDate postedDate,
    String repostOf,
    List<Priced> offers,
    Integer chainTier) {

  private static final MathContext TEN = new MathContext(10);

  /**
   * A true offer with its CNY per-record values under the FX rule at the posting date, and the tier
   * and freshness the advert <em>states</em>: the offer's drawn values, or {@code unknown} where
   * the advert's template has no word for them (what a perfect reader can know; the cell a market
   * table can put the offer in).
   */
  public record Priced(
      TrueOffer offer,
      double cny,
      double lowCny,
      double highCny,
      Double balanceLowCny,
      Double balanceHighCny,
      String statedTier,
      String statedFreshness) {
    /** An offer whose advert states its tier and freshness. */
    public Priced(
        TrueOffer offer,
        double cny,
        double lowCny,
        double highCny,
        Double balanceLowCny,
        Double balanceHighCny) {
      this(
          offer,
          cny,
          lowCny,
          highCny,
          balanceLowCny,
          balanceHighCny,
          offer.tier(),
          offer.freshness());
    }

    /** The same offer with the tier and freshness its advert states. */
    Priced stated(String tier, String freshness) {
      return new Priced(
          offer, cny, lowCny, highCny, balanceLowCny, balanceHighCny, tier, freshness);
    }
  }

  public GeneratedListing {
    offers = offers == null ? List.of() : List.copyOf(offers);
  }

  public boolean ok() {
    return "ok".equals(status);
  }

  /** {@code yyyy-MM} of the posting date, or null. */
  public String period() {
    return postedDate == null ? null : postedDate.toString().substring(0, 7);
  }

  /** The ground-truth line: {@code line} is the 1-based line number in the listings file. */
  public ObjectNode truthJson(long lineNo) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode n = f.objectNode();
    n.put("line", lineNo);
    n.put("listing_id", listingId);
    n.put("kind", kind);
    n.put("market", market);
    n.put("bad", bad);
    n.put("status", status);
    n.put("reason", reason);
    n.put("detail", detail);
    n.put("posted_date", postedDate == null ? null : postedDate.toString());
    n.put("period", period());
    n.put("repost_of", repostOf);
    if (chainTier != null) {
      n.put("chain_tier", chainTier);
    }
    ArrayNode arr = n.putArray("offers");
    for (int i = 0; i < offers.size(); i++) {
      Priced p = offers.get(i);
      TrueOffer o = p.offer();
      ObjectNode on = arr.addObject();
      on.put("offer_index", i);
      on.put("price_per_record_cny", decimal(p.cny()));
      on.put("price_per_record_low_cny", decimal(p.lowCny()));
      on.put("price_per_record_high_cny", decimal(p.highCny()));
      on.put("amount", o.amount());
      on.put("currency", o.currency());
      on.put("quantity", o.quantity());
      if (o.range()) {
        on.put("low_amount", o.lowAmount());
        on.put("high_amount", o.highAmount());
      }
      on.put("product", o.product().code());
      on.put("tier", o.tier());
      on.put("freshness", o.freshness());
      on.put("category", o.category());
      ArrayNode iss = on.putArray("issuers");
      o.issuers().forEach(iss::add);
      on.put("region_code", o.regionCode());
      on.put("qualifier", o.contractQualifier());
      if (o.balanceLow() != null) {
        on.put("balance_low", o.balanceLow());
        on.put("balance_high", o.balanceHigh());
        on.put("balance_currency", o.balanceCurrency());
        on.put("balance_low_cny", decimal(p.balanceLowCny()));
        on.put("balance_high_cny", decimal(p.balanceHighCny()));
      }
      on.put("component", o.component());
    }
    return n;
  }

  /** Ten significant digits: exact enough to compare, stable across platforms when printed. */
  static double round(double v) {
    return decimal(v).doubleValue();
  }

  /**
   * Ten significant digits as a decimal: written as plain digits by BigDecimal, not by
   * Double.toString (whose output changed between JDK releases), so truth files are the same bytes
   * on every JVM.
   */
  static BigDecimal decimal(double v) {
    return new BigDecimal(v).round(TEN).stripTrailingZeros();
  }
}
