package org.leakmarket.stats.market;

import java.util.List;

/**
 * Lot-size classes of the hedonic regression (methods.md, Market): how many records one price buys
 * ({@code quantity}): a single record, up to a thousand, up to a hundred thousand, more. Bulk lots
 * sell far cheaper per record, so a shift between lot sizes must not read as a price change. Pure;
 * the Spark column in {@code market.QuoteInputs} uses the same bounds.
 */
public final class LotSize {
  public static final String SINGLE = "1";
  public static final String SMALL = "2-1e3";
  public static final String MEDIUM = "1e3-1e5";
  public static final String LARGE = ">1e5";
  public static final List<String> CLASSES = List.of(SINGLE, SMALL, MEDIUM, LARGE);

  /** Largest quantity of {@link #SMALL}. */
  public static final long SMALL_MAX = 1_000;

  /** Largest quantity of {@link #MEDIUM}. */
  public static final long MEDIUM_MAX = 100_000;

  private LotSize() {}

  /** The class of a quantity; a missing or non-positive quantity counts as one record. */
  public static String of(Long quantity) {
    long q = quantity == null || quantity < 1 ? 1 : quantity;
    if (q == 1) {
      return SINGLE;
    }
    if (q <= SMALL_MAX) {
      return SMALL;
    }
    return q <= MEDIUM_MAX ? MEDIUM : LARGE;
  }
}
