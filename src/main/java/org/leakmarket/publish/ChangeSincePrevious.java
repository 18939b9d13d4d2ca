package org.leakmarket.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.leakmarket.publish.PublicationModel.Change;
import org.leakmarket.publish.PublicationModel.HedonicPoint;
import org.leakmarket.publish.PublicationModel.IndexPoint;
import org.leakmarket.publish.PublicationModel.MarketCell;
import org.leakmarket.stats.market.Jevons;

/**
 * Derives "change since the previous period" from an already suppressed model: for the latest
 * period and the one before it, the hedonic and Jevons indices and the median of every market cell
 * published in both periods, with the percentage change. Only published numbers enter, so nothing
 * suppressed can leak through a difference. An index's change carries its own 95% interval when the
 * analysis gave one for exactly these two periods (the index point's {@link
 * PublicationModel.Link}); a cell median's change has none (methods.md gives a median an
 * order-statistic interval, not a difference of two). A Jevons change across a chain break is not a
 * change at all (the index restarts at 100) and is left out. Costs one pass over the cells.
 */
public final class ChangeSincePrevious {
  private ChangeSincePrevious() {}

  /** The latest two periods that have any published market figure, oldest first. */
  static Optional<String[]> lastTwoPeriods(PublicationModel m) {
    TreeSet<String> periods = new TreeSet<>();
    m.market().cells().stream().filter(c -> !c.suppressed()).forEach(c -> periods.add(c.period()));
    m.market().hedonic().stream()
        .filter(p -> !p.suppressed())
        .forEach(p -> periods.add(p.period()));
    m.market().jevons().stream().filter(p -> !p.suppressed()).forEach(p -> periods.add(p.period()));
    if (periods.size() < 2) {
      return Optional.empty();
    }
    String last = periods.last();
    return Optional.of(new String[] {periods.lower(last), last});
  }

  /** The changes, indices first then cells in key order. */
  public static List<Change> compute(PublicationModel m) {
    Optional<String[]> two = lastTwoPeriods(m);
    if (two.isEmpty()) {
      return List.of();
    }
    String prev = two.get()[0];
    String cur = two.get()[1];
    List<Change> out = new ArrayList<>();
    Map<String, HedonicPoint> hed = new TreeMap<>();
    for (HedonicPoint p : m.market().hedonic()) {
      if (!p.suppressed() && p.index() != null) {
        hed.put(p.period(), p);
      }
    }
    if (hed.containsKey(prev) && hed.containsKey(cur)) {
      HedonicPoint a = hed.get(prev);
      HedonicPoint b = hed.get(cur);
      add(out, FigureNames.HEDONIC, prev, cur, a.index(), b.index(), b.link());
    }
    Map<String, IndexPoint> jev = new TreeMap<>();
    for (IndexPoint p : m.market().jevons()) {
      if (!p.suppressed() && p.index() != null) {
        jev.put(p.period(), p);
      }
    }
    IndexPoint ja = jev.get(prev);
    IndexPoint jb = jev.get(cur);
    if (ja != null && jb != null && sameChain(ja, jb)) {
      add(out, FigureNames.JEVONS, prev, cur, ja.index(), jb.index(), jb.link());
    }
    Map<String, Double> before = new TreeMap<>();
    Map<String, Double> now = new TreeMap<>();
    for (MarketCell c : m.market().cells()) {
      if (c.suppressed() || c.medianCny() == null) {
        continue;
      }
      if (c.period().equals(prev)) {
        before.put(c.key(), c.medianCny());
      } else if (c.period().equals(cur)) {
        now.put(c.key(), c.medianCny());
      }
    }
    for (Map.Entry<String, Double> e : now.entrySet()) {
      String[] k = e.getKey().split("/", -1);
      add(
          out,
          FigureNames.marketCell(FigureNames.MEDIAN, k[0], k[1], k[2], k[3]),
          prev,
          cur,
          before.get(e.getKey()),
          e.getValue(),
          null); // a cell median's change has no interval
    }
    return out;
  }

  /**
   * Whether two Jevons points are in one chain segment (values of different ones do not compare).
   */
  private static boolean sameChain(IndexPoint a, IndexPoint b) {
    if (a.segment() != null && b.segment() != null) {
      return a.segment().equals(b.segment());
    }
    return !Jevons.NOTE_BREAK.equals(b.note()) && !Jevons.NOTE_BASE.equals(b.note());
  }

  /**
   * A figure's change when both values are published, with the link's interval when there is a link
   * (an index's) and it is from {@code prev}.
   */
  private static void add(
      List<Change> out,
      String figure,
      String prev,
      String cur,
      Double a,
      Double b,
      PublicationModel.Link link) {
    if (a == null || b == null) {
      return;
    }
    boolean own = link != null && prev.equals(link.from()) && link.low() != null;
    out.add(
        new Change(
            figure,
            prev,
            cur,
            a,
            b,
            CsvTables.pct(a, b),
            own ? 100.0 * (link.low() - 1) : null,
            own ? 100.0 * (link.high() - 1) : null));
  }
}
