package org.leakmarket.generate;

import java.io.Serializable;
import java.time.YearMonth;

/**
 * What a listing generator draws from: the seed, the months covered, the shares of bad rows and
 * reposts, and how many sellers there are. Small and serialisable, so Spark ships it to executors
 * and each partition rebuilds the same generator.
 *
 * @param seed the random seed; with the row id it fixes every row
 * @param firstMonth first month of postings, {@code yyyy-MM}
 * @param months number of months of postings
 * @param badShare share of rows turned into bad rows (malformed, missing date, bad price...)
 * @param repostShare share of rows that repost an earlier row's advert (cross-post or copy)
 * @param sellerPool number of distinct sellers per market
 * @param compositionShift how far the product mix moves from the first month's shares to the last
 *     month's ({@link PriceModel#productShares}): 1 the full shift (the default), 0 a constant mix
 */
public record GeneratorSettings(
    long seed,
    String firstMonth,
    int months,
    double badShare,
    double repostShare,
    int sellerPool,
    double compositionShift)
    implements Serializable {

  public static final String DEFAULT_FIRST_MONTH = "2014-12";
  public static final int DEFAULT_MONTHS = 7;

  public GeneratorSettings {
    YearMonth first = YearMonth.parse(firstMonth);
    if (months < 1) {
      throw new IllegalArgumentException("months must be at least 1, got " + months);
    }
    // The shipped FX table covers 2014-10..2016-12: foreign prices outside it could not be
    // converted.
    if (first.isBefore(YearMonth.of(2014, 10))
        || first.plusMonths(months - 1L).isAfter(YearMonth.of(2016, 12))) {
      throw new IllegalArgumentException(
          "months must lie within the FX table (2014-10..2016-12), got "
              + firstMonth
              + " + "
              + months);
    }
    if (badShare < 0 || badShare > 1 || repostShare < 0 || repostShare > 1) {
      throw new IllegalArgumentException(
          "shares must be in [0,1], got bad " + badShare + ", repost " + repostShare);
    }
    if (compositionShift < 0 || compositionShift > 1) {
      throw new IllegalArgumentException(
          "compositionShift must be in [0,1], got " + compositionShift);
    }
    if (sellerPool < 1) {
      throw new IllegalArgumentException("sellerPool must be at least 1, got " + sellerPool);
    }
  }

  /**
   * Dec 2014 - Jun 2015, 5% bad rows, 10% reposts, one seller per 12 listings (40 to 10^6), the
   * full composition shift.
   */
  public static GeneratorSettings defaults(long seed, long listings) {
    int pool = (int) Math.max(40, Math.min(1_000_000, listings / 12));
    return new GeneratorSettings(seed, DEFAULT_FIRST_MONTH, DEFAULT_MONTHS, 0.05, 0.10, pool, 1.0);
  }

  public GeneratorSettings withShares(double bad, double repost) {
    return new GeneratorSettings(
        seed, firstMonth, months, bad, repost, sellerPool, compositionShift);
  }

  public GeneratorSettings withMonths(String first, int n) {
    return new GeneratorSettings(
        seed, first, n, badShare, repostShare, sellerPool, compositionShift);
  }

  public GeneratorSettings withCompositionShift(double shift) {
    return new GeneratorSettings(
        seed, firstMonth, months, badShare, repostShare, sellerPool, shift);
  }

  /** The product shares of month {@code index}. */
  java.util.Map<org.leakmarket.vocab.Product, Double> productShares(int index) {
    return PriceModel.productShares(index, months, compositionShift);
  }

  YearMonth month(int index) {
    return YearMonth.parse(firstMonth).plusMonths(index);
  }
}
