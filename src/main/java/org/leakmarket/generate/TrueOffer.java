package org.leakmarket.generate;

import java.math.BigDecimal;
import java.util.List;

/**
 * One offer an advert really makes (ground truth), as the normaliser should find it: the price as
 * written ({@code amount} in {@code currency} buys {@code quantity} records; a range has per-record
 * bounds), its CNY value per record under the FX rule, and the cell.
 *
 * @param lowAmount per-record lower bound as written (ranges only, else null)
 * @param highAmount per-record upper bound as written (ranges only, else null)
 * @param qualifier {@code max} for 最高/up to, {@code min} for 低至/from, else null
 * @param component which generating distribution the price came from ({@code zh_unit}..., or {@code
 *     fixed} for the hand-written demo adverts)
 */
public record TrueOffer(
    BigDecimal amount,
    String currency,
    long quantity,
    BigDecimal lowAmount,
    BigDecimal highAmount,
    String tier,
    String freshness,
    String category,
    List<String> issuers,
    String regionCode,
    String qualifier,
    String component) {

  public TrueOffer {
    issuers = issuers == null ? List.of() : List.copyOf(issuers);
  }

  /** Whether the advert gives a range of per-record prices. */
  public boolean range() {
    return lowAmount != null && highAmount != null;
  }
}
