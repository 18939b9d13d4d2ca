package org.leakmarket.stats.market;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Chained Jevons elementary price index (methods.md, Market). For each pair of consecutive observed
 * periods, the link is the geometric mean of the price relatives {@code g_i,t / g_i,t-1} over the
 * elementary cells i present in both periods; the index chains the links, base 100 in the first
 * period. Computed in logs, cells in key order, so it is deterministic.
 *
 * <p>A link with no common cell has no defined relative: its {@link Link#link()} is null and the
 * index is carried forward from the previous period (the usual carry-forward imputation, i.e. "no
 * measured change"), flagged by {@link Link#note()} = {@value #NOTE_NO_COMMON}, so later periods
 * still have a level. Periods are the observed period labels in lexicographic order (which is
 * chronological for one period unit); a calendar period with no offer at all is not a row.
 *
 * <p>Cost: O(total cells log cells), driver-side over pre-aggregated cells.
 */
public final class Jevons {
  public static final String NOTE_BASE = "base";
  public static final String NOTE_CHAINED = "chained";
  public static final String NOTE_NO_COMMON = "no_common_cells_carried_forward";

  /** One elementary cell's geometric-mean price in one period. */
  public record CellPrice(String period, String cellKey, double geometricMean, long nOffers) {}

  /**
   * One period of the chained index.
   *
   * @param link the period's link relative (null in the base period or with no common cell)
   * @param nCells number of cells that entered the link
   * @param cells their keys, sorted
   * @param nOffers offers of period t in those cells
   */
  public record Link(
      String period,
      Double link,
      double index,
      int nCells,
      List<String> cells,
      long nOffers,
      String note) {}

  private Jevons() {}

  /** The chained index over every period present in {@code cells}. */
  public static List<Link> chain(List<CellPrice> cells) {
    TreeMap<String, TreeMap<String, CellPrice>> byPeriod = new TreeMap<>();
    for (CellPrice c : cells) {
      if (!(c.geometricMean() > 0) || Double.isInfinite(c.geometricMean())) {
        throw new IllegalArgumentException(
            "geometric mean must be positive and finite, was: " + c.geometricMean());
      }
      CellPrice prev =
          byPeriod.computeIfAbsent(c.period(), p -> new TreeMap<>()).put(c.cellKey(), c);
      if (prev != null) {
        throw new IllegalArgumentException("duplicate cell " + c.cellKey() + " in " + c.period());
      }
    }
    List<Link> out = new ArrayList<>();
    double logIndex = 0;
    TreeMap<String, CellPrice> previous = null;
    for (Map.Entry<String, TreeMap<String, CellPrice>> e : byPeriod.entrySet()) {
      if (previous == null) {
        out.add(new Link(e.getKey(), null, 100.0, 0, List.of(), 0, NOTE_BASE));
      } else {
        List<String> common = new ArrayList<>();
        double sumLogRelative = 0;
        long offers = 0;
        for (CellPrice now : e.getValue().values()) {
          CellPrice before = previous.get(now.cellKey());
          if (before != null) {
            common.add(now.cellKey());
            sumLogRelative +=
                StrictMath.log(now.geometricMean()) - StrictMath.log(before.geometricMean());
            offers += now.nOffers();
          }
        }
        if (common.isEmpty()) {
          out.add(
              new Link(
                  e.getKey(),
                  null,
                  100.0 * StrictMath.exp(logIndex),
                  0,
                  List.of(),
                  0,
                  NOTE_NO_COMMON));
        } else {
          double logLink = sumLogRelative / common.size();
          logIndex += logLink;
          out.add(
              new Link(
                  e.getKey(),
                  StrictMath.exp(logLink),
                  100.0 * StrictMath.exp(logIndex),
                  common.size(),
                  List.copyOf(common),
                  offers,
                  NOTE_CHAINED));
        }
      }
      previous = e.getValue();
    }
    return out;
  }
}
