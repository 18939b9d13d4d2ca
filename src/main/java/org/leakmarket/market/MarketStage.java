package org.leakmarket.market;

import org.leakmarket.stage.Count;
import org.leakmarket.stage.Stage;
import org.leakmarket.stage.StageContext;
import org.leakmarket.stage.StageResult;
import org.leakmarket.warehouse.Table;
import org.leakmarket.warehouse.Warehouse;

/**
 * The market side of {@code analyze}: {@code silver/offers} through {@link MarketAnalysis} to
 * {@code gold/market_cells}, {@code gold/price_index}, {@code gold/market_volume} and {@code
 * gold/copy_pairs}, each overwritten whole (they are recomputed from all offers). Needs {@code
 * silver/offers}.
 */
public final class MarketStage implements Stage {

  @Override
  public String name() {
    return "analyze";
  }

  @Override
  public boolean applies(StageContext ctx) {
    ctx.require(Table.SILVER_OFFERS, "analyze");
    return true;
  }

  /** Writes the gold market tables. */
  @Override
  public StageResult run(StageContext ctx) {
    Warehouse warehouse = ctx.warehouse();
    MarketAnalysis.Result r = MarketAnalysis.run(warehouse.read(Table.SILVER_OFFERS), ctx.cfg());
    warehouse.overwrite(Table.GOLD_MARKET_CELLS, r.cells());
    warehouse.overwrite(Table.GOLD_PRICE_INDEX, r.priceIndex());
    warehouse.overwrite(Table.GOLD_MARKET_VOLUME, r.volume());
    warehouse.overwrite(Table.GOLD_COPY_PAIRS, r.copyPairs());
    return StageResult.builder()
        .count(Count.MARKET_CELLS, warehouse.read(Table.GOLD_MARKET_CELLS).count())
        .count(Count.INDEX_POINTS, warehouse.read(Table.GOLD_PRICE_INDEX).count())
        .count(Count.COPY_PAIRS, warehouse.read(Table.GOLD_COPY_PAIRS).count())
        .build();
  }
}
