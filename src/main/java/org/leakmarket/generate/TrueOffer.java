package org.leakmarket.generate;

import java.math.BigDecimal;
import java.util.List;
import org.leakmarket.vocab.Product;

/**
 * One offer an advert really makes (ground truth), as the normaliser should find it: the price as
 * written ({@code amount} in {@code currency} buys {@code quantity} units; a range has per-unit
 * bounds), what is sold, the balance the goods carry, and the cell.
 *
 * @param lowAmount per-record lower bound as written (ranges only, else null)
 * @param highAmount per-record upper bound as written (ranges only, else null)
 * @param qualifier {@code up_to} for 最高/up to, {@code from} for 低至/from, else null (exact, or a
 *     range when the bounds are given)
 * @param balanceLow balance or credit limit as written, in {@code balanceCurrency} (null: none)
 * @param balanceHigh its high bound (equal to the low one unless the advert gives a range)
 * @param component which generating distribution the price came from ({@code zh_unit}..., or {@code
 *     fixed} for the hand-written demo adverts)
 */
public record TrueOffer(
    BigDecimal amount,
    String currency,
    long quantity,
    BigDecimal lowAmount,
    BigDecimal highAmount,
    Product product,
    String tier,
    String freshness,
    String category,
    List<String> issuers,
    String regionCode,
    String qualifier,
    BigDecimal balanceLow,
    BigDecimal balanceHigh,
    String balanceCurrency,
    String component) {

  public TrueOffer {
    issuers = issuers == null ? List.of() : List.copyOf(issuers);
    product = product == null ? Product.PERSONAL_RECORDS : product;
  }

  /** Whether the advert gives a range of per-record prices. */
  public boolean range() {
    return lowAmount != null && highAmount != null;
  }

  /** The contract's qualifier of the offer: exact, up_to, from or range. */
  public String contractQualifier() {
    return range() ? "range" : qualifier == null ? "exact" : qualifier;
  }
}
