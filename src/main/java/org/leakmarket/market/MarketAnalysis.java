package org.leakmarket.market;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.leakmarket.config.LeakmarketConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The market stage in one call, for the pipeline: from {@code silver/offers}-shaped rows (ok offers
 * with {@code period}) to the assigned offers, the unique offers, the cells, the volume, the
 * indices and the copy report. Every output is a lazy Dataset except the price index (built on the
 * driver from small aggregates, so its jobs run in this call); {@link Result#copyGroups()} runs its
 * jobs when called. Write or cache the outputs as needed (each is recomputed from {@code offers}
 * per action otherwise).
 *
 * <p>Cells: the base grain (period x category x tier x freshness) and, when extra dimensions are
 * configured, one breakdown by all of them together, in one table told apart by {@code dimensions}.
 * Hedonic controls: tier, freshness, category, plus region and source when those are configured
 * extra dimensions.
 */
public final class MarketAnalysis {
  private static final Logger LOG = LoggerFactory.getLogger(MarketAnalysis.class);

  /** The stage's outputs. {@code assigned} is what {@code silver/offers} holds. */
  public record Result(
      Dataset<Row> assigned,
      Dataset<Row> unique,
      Dataset<Row> cells,
      Dataset<Row> volume,
      Dataset<Row> priceIndex,
      Dataset<Row> copyPairs) {

    /** Copy groups of {@link #copyPairs}; runs the label-propagation jobs when called. */
    public Dataset<Row> copyGroups() {
      return CopyGroups.groups(copyPairs);
    }
  }

  private MarketAnalysis() {}

  /**
   * Runs the market analyses with the resolved configuration.
   *
   * @param assigned {@code silver/offers}: ok offers with {@code period}, already through {@link
   *     OfferDedup#assign} (the normalise stage does it once)
   */
  public static Result run(Dataset<Row> assigned, LeakmarketConfig config) {
    Dataset<Row> unique = OfferDedup.collapse(assigned);
    MarketCells.Options base =
        new MarketCells.Options(
            List.of(),
            config.bootstrapReplicates(),
            0.05,
            config.seed(),
            config.suppressionK(),
            config.suppressionMinSellers());
    Dataset<Row> cells = MarketCells.compute(unique, base);
    if (!config.extraDimensions().isEmpty()) {
      MarketCells.Options extra =
          new MarketCells.Options(
              config.extraDimensions(),
              base.replicates(),
              base.alpha(),
              base.seed(),
              base.minOffers(),
              base.minSellers());
      cells = cells.unionByName(MarketCells.compute(unique, extra));
    }
    List<String> controls = new ArrayList<>(PriceIndex.DEFAULT_CONTROLS);
    if (config.extraDimensions().contains(MarketCells.DIM_REGION)) {
      controls.add("region_code");
    }
    if (config.extraDimensions().contains(MarketCells.DIM_SOURCE)) {
      controls.add("source");
    }
    Dataset<Row> index =
        PriceIndex.jevons(unique).unionByName(PriceIndex.hedonic(unique, controls, 0.05));
    Dataset<Row> pairs = CopyGroups.pairs(assigned, CopyGroups.DEFAULT_MAX_DISTANCE, config.seed());
    LOG.info(
        "Market analysis planned: extra dimensions {}, hedonic controls {}, B = {}, seed {}",
        config.extraDimensions(),
        controls,
        config.bootstrapReplicates(),
        config.seed());
    return new Result(assigned, unique, cells, MarketVolume.compute(assigned), index, pairs);
  }
}
