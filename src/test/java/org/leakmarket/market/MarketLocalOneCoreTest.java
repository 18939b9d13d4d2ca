package org.leakmarket.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.leakmarket.testing.SparkTestBase;

/**
 * Core-count independence: the random market's cells and indices computed on a {@code local[1]}
 * session with 3 shuffle partitions are, row by row, those of a {@code local[2]} session with 2
 * (MarketSparkTest varies the partitioning on one session). No golden value: a difference names the
 * rows, as JSON with their column names, that only one side has.
 */
class MarketLocalOneCoreTest extends SparkTestBase {

  @Override
  protected SparkSession.Builder configure(SparkSession.Builder b) {
    return b.master("local[1]").config("spark.sql.shuffle.partitions", "3");
  }

  /**
   * The cells (extra dimensions region and issuer) and the seller-weighted indices (B = 200, seed
   * 7) of {@code randomMarket(1500, 6)}, one line per row, cells first, in the tables' own order.
   */
  private static List<String> randomMarketRows(SparkSession spark) {
    Dataset<Row> in = MarketFixtures.df(spark, MarketFixtures.randomMarket(1500, 6)).repartition(4);
    List<String> rows = new ArrayList<>();
    for (Row r : MarketFixtures.randomMarketCells(in).collectAsList()) {
      rows.add("market_cells " + r.json());
    }
    for (Row r : MarketFixtures.randomMarketIndex(in).collectAsList()) {
      rows.add("price_index " + r.json());
    }
    return rows;
  }

  @Test
  void oneCoreGivesTheSameTables() {
    assertThat(spark.sparkContext().master()).isEqualTo("local[1]");
    List<String> oneCore = randomMarketRows(spark);
    // one SparkContext per JVM: the one-core session makes way for a two-core one, which
    // SparkTestBase stops after the class
    spark.stop();
    SparkSession.clearActiveSession();
    SparkSession.clearDefaultSession();
    spark =
        SparkSession.builder()
            .master("local[2]")
            .appName(getClass().getSimpleName() + " two cores")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.sql.session.timeZone", "UTC")
            .getOrCreate();
    assertThat(spark.sparkContext().master()).isEqualTo("local[2]");
    List<String> twoCores = randomMarketRows(spark);

    assertThat(twoCores).as("rows on local[2]").isNotEmpty();
    // the rows each side has and the other lacks, a few at a time, then the order
    List<String> onlyOneCore = new ArrayList<>(oneCore);
    onlyOneCore.removeAll(twoCores);
    List<String> onlyTwoCores = new ArrayList<>(twoCores);
    onlyTwoCores.removeAll(oneCore);
    assertThat(first(onlyOneCore, 5))
        .as(
            "rows only on local[1] (%d in all); local[2] has instead (%d in all): %s",
            onlyOneCore.size(), onlyTwoCores.size(), first(onlyTwoCores, 5))
        .isEmpty();
    assertThat(first(onlyTwoCores, 5)).as("rows only on local[2]").isEmpty();
    assertThat(oneCore).as("the same rows in the same order").isEqualTo(twoCores);
  }

  private static List<String> first(List<String> rows, int n) {
    return rows.subList(0, Math.min(n, rows.size()));
  }
}
