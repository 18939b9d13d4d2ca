package org.leakmarket.market;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The {@code market} object of {@code summary.json} (contracts section 5) from
 * {@code gold/market_cells} and {@code gold/price_index}: {@code cells} (base grain only, i.e.
 * {@code dimensions = ""}), {@code jevons}, {@code hedonic}. A suppressed cell (privacy.md rule
 * 4) keeps its key, counts and {@code suppressed: true} but its prices are null. Plain maps and
 * lists, ready for Jackson. Cost: collects the base cells and index rows (periods x categories
 * x tiers x freshness, small by construction).
 */
public final class MarketSummary {
  private static final String[] PRICE_FIELDS =
      {"median_cny", "p25_cny", "p75_cny", "median_ci_low", "median_ci_high"};

  private MarketSummary() {}

  /** The {@code market} map. */
  public static Map<String, Object> of(Dataset<Row> cells, Dataset<Row> priceIndex) {
    Map<String, Object> market = new LinkedHashMap<>();
    List<Map<String, Object>> cellList = new ArrayList<>();
    for (Row r : cells.where(col("dimensions").equalTo(""))
        .orderBy("period", "category", "tier", "freshness").collectAsList()) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (String k : new String[] {"period", "category", "tier", "freshness", "n_offers",
          "n_sellers"}) {
        m.put(k, r.getAs(k));
      }
      boolean suppressed = r.<Boolean>getAs("suppressed");
      for (String k : PRICE_FIELDS) {
        m.put(k, suppressed ? null : r.getAs(k));
      }
      m.put("suppressed", suppressed);
      cellList.add(m);
    }
    market.put("cells", cellList);
    List<Map<String, Object>> jevons = new ArrayList<>();
    List<Map<String, Object>> hedonic = new ArrayList<>();
    for (Row r : priceIndex.orderBy("method", "period").collectAsList()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("period", r.getAs("period"));
      m.put("index", r.getAs("index"));
      if (PriceIndex.JEVONS.equals(r.getAs("method"))) {
        m.put("n_cells", r.getAs("n_cells"));
        m.put("note", r.getAs("note"));
        jevons.add(m);
      } else {
        m.put("se", r.getAs("se"));
        m.put("ci_low", r.getAs("ci_low"));
        m.put("ci_high", r.getAs("ci_high"));
        m.put("index_kennedy", r.getAs("index_kennedy"));
        hedonic.add(m);
      }
    }
    market.put("jevons", jevons);
    market.put("hedonic", hedonic);
    return market;
  }
}
