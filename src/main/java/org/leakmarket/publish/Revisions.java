package org.leakmarket.publish;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.leakmarket.publish.PublicationModel.HedonicPoint;
import org.leakmarket.publish.PublicationModel.IndexPoint;
import org.leakmarket.publish.PublicationModel.MarketCell;
import org.leakmarket.publish.PublicationModel.Revision;

/**
 * Published figures that changed: the figures of an earlier publication (as published, after
 * suppression) against the same figures computed now. Compared: each market cell's median and offer
 * count, and the Jevons and hedonic index of each period. A figure that was suppressed then was
 * never published and cannot be revised; a cell that has disappeared is revised to null. Pure Java
 * over two models.
 */
public final class Revisions {
  private static final double TOLERANCE = 1e-9;

  private Revisions() {}

  /**
   * @param before the earlier publication's published (suppressed) model
   * @param now the same label's raw model from the current tables
   */
  public static List<Revision> between(PublicationModel before, PublicationModel now) {
    List<Revision> out = new ArrayList<>();
    Map<String, MarketCell> current = new HashMap<>();
    for (MarketCell c : now.market().cells()) {
      current.put(c.period() + " " + c.key(), c);
    }
    for (MarketCell old : before.market().cells()) {
      if (old.suppressed()) {
        continue;
      }
      // a cell published before cells had a product is the legacy product's
      String product = old.product() == null ? FigureNames.LEGACY_PRODUCT : old.product();
      MarketCell c = current.get(old.period() + " " + product + "/" + old.seriesKey());
      add(
          out,
          FigureNames.marketCell(
              FigureNames.MEDIAN, product, old.category(), old.tier(), old.freshness()),
          old.period(),
          old.medianCny(),
          c == null ? null : c.medianCny());
      add(
          out,
          FigureNames.marketCell("n_offers", product, old.category(), old.tier(), old.freshness()),
          old.period(),
          old.nOffers() == null ? null : old.nOffers().doubleValue(),
          c == null || c.nOffers() == null ? null : c.nOffers().doubleValue());
    }
    Map<String, Double> jevons = new HashMap<>();
    now.market().jevons().forEach(p -> jevons.put(p.period(), p.index()));
    for (IndexPoint p : before.market().jevons()) {
      if (!p.suppressed()) {
        add(out, FigureNames.JEVONS, p.period(), p.index(), jevons.get(p.period()));
      }
    }
    Map<String, Double> hedonic = new HashMap<>();
    now.market().hedonic().forEach(p -> hedonic.put(p.period(), p.index()));
    for (HedonicPoint p : before.market().hedonic()) {
      if (!p.suppressed()) {
        add(out, FigureNames.HEDONIC, p.period(), p.index(), hedonic.get(p.period()));
      }
    }
    return out;
  }

  private static void add(
      List<Revision> out, String figure, String period, Double old, Double now) {
    if (old == null) {
      return;
    }
    if (now == null || Math.abs(old - now) > TOLERANCE * Math.max(1, Math.abs(old))) {
      out.add(new Revision(figure, period, old, now));
    }
  }
}
