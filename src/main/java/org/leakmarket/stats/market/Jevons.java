package org.leakmarket.stats.market;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Chained Jevons elementary price index with matched cells (methods.md, Market). For two
 * consecutive observed periods, the matched cells are the elementary cells with at least {@link
 * Rules#minSellers} sellers in both; the link is the geometric mean of their price relatives {@code
 * g_i,t / g_i,t-1} ({@code g} the cell's geometric-mean price); the index chains the links, base
 * 100 in the first period. Computed in logs, cells in key order, so it is deterministic.
 *
 * <p><b>Chain breaks.</b> A link with fewer than {@link Rules#minCells} matched cells measures the
 * price change of too few goods to stand for the market: the chain breaks there, the period gets
 * note {@value #NOTE_BREAK} and starts a new segment at 100, and indices of different segments are
 * not comparable (the publication says so). Periods are the observed labels in lexicographic order
 * (chronological for one period unit); a period with no offer at all is not a row, and the link
 * then spans the gap.
 *
 * <p><b>Interval.</b> Each cell-period carries B bootstrap replicates of its log geometric mean
 * ({@link SellerBootstrap}); replicate b of the index chains the replicate-b relatives over the
 * same matched cells, and the interval is the type-7 {@code alpha/2} and {@code 1 − alpha/2}
 * percentiles of the B replicate indices (percentile bootstrap; the base of a segment has none).
 * The link into a period gets its own interval the same way, from the B replicate links: it is the
 * interval of the change since the previous period, which the two periods' index intervals do not
 * give (their errors are correlated through the chain).
 *
 * <p>Cost: O(cells · periods · B) on the driver over pre-aggregated cells.
 */
public final class Jevons {
  public static final String NOTE_BASE = "base";
  public static final String NOTE_CHAINED = "chained";
  public static final String NOTE_BREAK = "chain_break";

  /**
   * Matching rules.
   *
   * @param minSellers sellers a cell needs in both periods of a link (2)
   * @param minCells matched cells a link needs, else the chain breaks (3)
   * @param alpha 1 − confidence level of the interval (0.05)
   */
  public record Rules(int minSellers, int minCells, double alpha) implements java.io.Serializable {
    public static final Rules DEFAULT = new Rules(2, 3, 0.05);

    public Rules {
      if (minSellers < 1 || minCells < 1 || !(alpha > 0 && alpha < 1)) {
        throw new IllegalArgumentException(
            "rules need minSellers, minCells >= 1 and alpha in (0, 1), got "
                + minSellers
                + ", "
                + minCells
                + ", "
                + alpha);
      }
    }
  }

  /**
   * One elementary cell in one period.
   *
   * @param logGeometricMean mean of ln(price) over the cell's independent quotes
   * @param nSellers distinct sellers
   * @param nQuotes independent quotes
   * @param replicates B bootstrap replicates of {@code logGeometricMean} (may be empty: no
   *     interval)
   */
  public record CellPeriod(
      String period,
      String cellKey,
      double logGeometricMean,
      int nSellers,
      long nQuotes,
      double[] replicates) {}

  /**
   * One period of the chained index.
   *
   * @param link the link relative into this period (null at a base or break)
   * @param index the index in its segment
   * @param ciLow lower bound of the interval (null at a segment's base or without replicates)
   * @param from the period the link comes from (null at a base or break)
   * @param linkLow lower bound of the link's interval (null without a link or replicates)
   * @param nCells cells matched for the link (at a break: the too few that matched)
   * @param cells keys of the matched cells, sorted
   * @param nQuotes quotes of period t in the matched cells
   * @param segment 1 for the first chain, +1 after each break
   * @param note {@value #NOTE_BASE}, {@value #NOTE_CHAINED} or {@value #NOTE_BREAK}
   */
  public record Link(
      String period,
      Double link,
      double index,
      Double ciLow,
      Double ciHigh,
      int nCells,
      List<String> cells,
      long nQuotes,
      int segment,
      String note,
      String from,
      Double linkLow,
      Double linkHigh) {

    /** A row without a link (a base or a break). */
    Link(
        String period,
        double index,
        int nCells,
        List<String> cells,
        long nQuotes,
        int segment,
        String note) {
      this(
          period, null, index, null, null, nCells, cells, nQuotes, segment, note, null, null, null);
    }
  }

  private Jevons() {}

  /** The chained index over every period present in {@code cells}. */
  public static List<Link> chain(List<CellPeriod> cells, Rules rules) {
    return chain(cells, List.of(), rules);
  }

  /**
   * The chained index over every period present in {@code cells} or named in {@code periods} (a
   * period whose cells all have too few sellers to be given still gets its row: a base or a break).
   */
  public static List<Link> chain(
      List<CellPeriod> cells, java.util.Collection<String> periods, Rules rules) {
    TreeMap<String, TreeMap<String, CellPeriod>> byPeriod = new TreeMap<>();
    for (String p : periods) {
      byPeriod.put(p, new TreeMap<>());
    }
    int b = -1;
    for (CellPeriod c : cells) {
      if (!Double.isFinite(c.logGeometricMean())) {
        throw new IllegalArgumentException(
            "log geometric mean must be finite, was: " + c.logGeometricMean());
      }
      if (b < 0) {
        b = c.replicates().length;
      } else if (b != c.replicates().length) {
        throw new IllegalArgumentException(
            "every cell needs the same number of replicates: "
                + b
                + " vs "
                + c.replicates().length);
      }
      CellPeriod prev =
          byPeriod.computeIfAbsent(c.period(), p -> new TreeMap<>()).put(c.cellKey(), c);
      if (prev != null) {
        throw new IllegalArgumentException("duplicate cell " + c.cellKey() + " in " + c.period());
      }
    }
    int replicates = Math.max(b, 0);
    List<Link> out = new ArrayList<>();
    double logIndex = 0;
    double[] logReplicates = new double[replicates];
    int segment = 0;
    TreeMap<String, CellPeriod> previous = null;
    String previousPeriod = null;
    for (Map.Entry<String, TreeMap<String, CellPeriod>> e : byPeriod.entrySet()) {
      if (previous == null) {
        segment = 1;
        out.add(new Link(e.getKey(), 100.0, 0, List.of(), 0, 1, NOTE_BASE));
        previous = e.getValue();
        previousPeriod = e.getKey();
        continue;
      }
      List<CellPeriod[]> matched = new ArrayList<>();
      for (CellPeriod now : e.getValue().values()) {
        CellPeriod before = previous.get(now.cellKey());
        if (before != null
            && before.nSellers() >= rules.minSellers()
            && now.nSellers() >= rules.minSellers()) {
          matched.add(new CellPeriod[] {before, now});
        }
      }
      List<String> keys = matched.stream().map(m -> m[1].cellKey()).toList();
      long quotes = matched.stream().mapToLong(m -> m[1].nQuotes()).sum();
      if (matched.size() < rules.minCells()) {
        segment++;
        logIndex = 0;
        Arrays.fill(logReplicates, 0);
        out.add(new Link(e.getKey(), 100.0, keys.size(), keys, quotes, segment, NOTE_BREAK));
      } else {
        double logLink = 0;
        double[] repLinks = new double[replicates];
        for (CellPeriod[] m : matched) {
          logLink += m[1].logGeometricMean() - m[0].logGeometricMean();
          for (int r = 0; r < replicates; r++) {
            repLinks[r] += m[1].replicates()[r] - m[0].replicates()[r];
          }
        }
        logLink /= matched.size();
        logIndex += logLink;
        double[] indices = new double[replicates];
        double[] links = new double[replicates];
        for (int r = 0; r < replicates; r++) {
          logReplicates[r] += repLinks[r] / matched.size();
          indices[r] = 100.0 * StrictMath.exp(logReplicates[r]);
          links[r] = StrictMath.exp(repLinks[r] / matched.size());
        }
        Double lo = null;
        Double hi = null;
        Double linkLo = null;
        Double linkHi = null;
        if (replicates > 0) {
          Arrays.sort(indices);
          lo = Percentiles.exact(indices, rules.alpha() / 2);
          hi = Percentiles.exact(indices, 1 - rules.alpha() / 2);
          Arrays.sort(links);
          linkLo = Percentiles.exact(links, rules.alpha() / 2);
          linkHi = Percentiles.exact(links, 1 - rules.alpha() / 2);
        }
        out.add(
            new Link(
                e.getKey(),
                StrictMath.exp(logLink),
                100.0 * StrictMath.exp(logIndex),
                lo,
                hi,
                keys.size(),
                keys,
                quotes,
                segment,
                NOTE_CHAINED,
                previousPeriod,
                linkLo,
                linkHi));
      }
      previous = e.getValue();
      previousPeriod = e.getKey();
    }
    return out;
  }
}
