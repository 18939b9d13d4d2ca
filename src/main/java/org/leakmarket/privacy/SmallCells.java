package org.leakmarket.privacy;

/**
 * The primary small-cell rule of privacy.md §4, written once. The gold writers call it when they
 * write a table's {@code suppressed} column (market cells), and the publication's secondary rule
 * ({@code publish.Suppression}) calls it for the breakdowns whose groups only exist per label;
 * nothing else decides whether a cell is small. Constant time.
 */
public final class SmallCells {
  private SmallCells() {}

  /**
   * A market cell is hidden with fewer than {@code k} independent quotes or fewer than {@code
   * minSellers} distinct sellers. Quotes never outnumber offers, so this holds the offers rule too.
   */
  public static boolean marketCellHidden(long quotes, long sellers, int k, int minSellers) {
    return quotes < k || sellers < minSellers;
  }

  /**
   * A count of persons, records or offers is hidden below {@code k}; an unknown count (null) is
   * hidden, since nothing shows it is large enough.
   */
  public static boolean countHidden(Long count, int k) {
    return count == null || count < k;
  }
}
