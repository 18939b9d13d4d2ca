package org.leakmarket.market;

import org.leakmarket.config.LeakmarketConfig;
import org.leakmarket.warehouse.Table;
import org.leakmarket.warehouse.Warehouse;

/**
 * The market side of {@code analyze}: {@code silver/offers} through {@link MarketAnalysis} to
 * {@code gold/market_cells}, {@code gold/price_index}, {@code gold/market_volume} and {@code
 * gold/copy_pairs}, each overwritten whole (they are recomputed from all offers).
 */
public final class MarketStage {
  private final Warehouse warehouse;
  private final LeakmarketConfig cfg;

  public MarketStage(Warehouse warehouse, LeakmarketConfig cfg) {
    this.warehouse = warehouse;
    this.cfg = cfg;
  }

  /** Writes the gold market tables; returns the stage's count line. */
  public String run() {
    MarketAnalysis.Result r = MarketAnalysis.run(warehouse.read(Table.SILVER_OFFERS), cfg);
    warehouse.overwrite(Table.GOLD_MARKET_CELLS, r.cells());
    warehouse.overwrite(Table.GOLD_PRICE_INDEX, r.priceIndex());
    warehouse.overwrite(Table.GOLD_MARKET_VOLUME, r.volume());
    warehouse.overwrite(Table.GOLD_COPY_PAIRS, r.copyPairs());
    return String.format(
        "cells=%d index_points=%d copy_pairs=%d",
        warehouse.read(Table.GOLD_MARKET_CELLS).count(),
        warehouse.read(Table.GOLD_PRICE_INDEX).count(),
        warehouse.read(Table.GOLD_COPY_PAIRS).count());
  }
}
