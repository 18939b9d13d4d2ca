package org.leakmarket.market;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.leakmarket.config.Defaults;
import org.leakmarket.config.LeakmarketConfig;
import org.leakmarket.stats.market.Jevons;
import org.leakmarket.stats.market.QuoteWeight;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The market stage in one call, for the pipeline: from {@code silver/offers}-shaped rows (ok offers
 * with {@code period}) to the unique offers, the copy groups, the cells, the volume, the indices
 * and the copy report. Runs jobs when called: the copy pairs are materialised once (local
 * checkpoint) and closed into copy groups (label propagation), because the unit of count needs
 * them; the narrow market inputs ({@link QuoteInputs#COLUMNS}) are materialised once (local
 * checkpoint, executor memory and disk) for the cells and both indices; the price index is built on
 * the driver from small aggregates. Cells and volume stay lazy Datasets; write or cache them as
 * needed.
 *
 * <p>Cells: the base grain (period x product x category x tier x freshness) and, when extra
 * dimensions are configured, one breakdown by all of them together, in one table told apart by
 * {@code dimensions}. No output is sorted (a global sort before a write costs a sampling job and a
 * shuffle, and no reader depends on a gold table's order); the public methods of each class give
 * the sorted form. Unit of count: the independent quote, with the configured {@code weight}.
 * Hedonic controls: product, category, tier, freshness, language, lot size, balance, plus region
 * and source when those are configured extra dimensions.
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
      Dataset<Row> copyPairs,
      Dataset<Row> copyGroups) {}

  private MarketAnalysis() {}

  /**
   * Runs the market analyses with the resolved configuration.
   *
   * @param assigned {@code silver/offers}: ok offers with {@code period}, already through {@link
   *     OfferDedup#assign} (the normalise stage does it once)
   */
  public static Result run(Dataset<Row> assigned, LeakmarketConfig config) {
    QuoteWeight weight = QuoteWeight.parse(config.weight());
    Dataset<Row> unique = OfferDedup.collapse(assigned);
    // materialised once: the copy groups, the written gold/copy_pairs and the cells all read them
    Dataset<Row> pairs =
        CopyGroups.unsortedPairs(assigned, CopyGroups.DEFAULT_MAX_DISTANCE, config.seed())
            .localCheckpoint();
    Dataset<Row> copyGroups = CopyGroups.unsortedGroups(pairs).localCheckpoint();
    // materialised narrow: the cells (one or two breakdowns), the Jevons and the hedonic passes
    // all read them, and each would otherwise repeat the repost collapse from silver/offers
    Dataset<Row> inputs =
        QuoteInputs.narrow(QuoteInputs.of(unique, CopyGroups.membership(copyGroups)))
            .localCheckpoint();
    MarketCells.Options base =
        new MarketCells.Options(
            List.of(),
            weight,
            Defaults.ALPHA,
            config.suppressionK(),
            config.suppressionMinSellers());
    Dataset<Row> cells = MarketCells.unsorted(inputs, base);
    if (!config.extraDimensions().isEmpty()) {
      MarketCells.Options extra =
          new MarketCells.Options(
              config.extraDimensions(), weight, base.alpha(), base.minQuotes(), base.minSellers());
      cells = cells.unionByName(MarketCells.unsorted(inputs, extra));
    }
    List<String> controls = new ArrayList<>(PriceIndex.DEFAULT_CONTROLS);
    if (config.extraDimensions().contains(MarketCells.DIM_REGION)) {
      controls.add("region_code");
    }
    if (config.extraDimensions().contains(MarketCells.DIM_SOURCE)) {
      controls.add("source");
    }
    PriceIndex.Options indexOptions =
        new PriceIndex.Options(
            weight, config.bootstrapReplicates(), config.seed(), Jevons.Rules.DEFAULT, controls);
    Dataset<Row> index = PriceIndex.compute(inputs, indexOptions);
    LOG.info(
        "Market analysis: weight {}, extra dimensions {}, hedonic controls {}, Jevons B = {},"
            + " seed {}",
        weight.code(),
        config.extraDimensions(),
        controls,
        config.bootstrapReplicates(),
        config.seed());
    return new Result(
        assigned, unique, cells, MarketVolume.unsorted(assigned), index, pairs, copyGroups);
  }
}
