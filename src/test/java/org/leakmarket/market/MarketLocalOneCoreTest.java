package org.leakmarket.market;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.leakmarket.testing.SparkTestBase;

/**
 * Core-count independence: on a {@code local[1]} session with 3 shuffle partitions the random
 * market's cells and indices hash to the same digest that {@link MarketSparkTest} asserts on {@code
 * local[2]} with 1, 2 and 7 partitions.
 */
class MarketLocalOneCoreTest extends SparkTestBase {

  @Override
  protected SparkSession.Builder configure(SparkSession.Builder b) {
    return b.master("local[1]").config("spark.sql.shuffle.partitions", "3");
  }

  @Test
  void oneCoreGivesTheSameTables() {
    assertThat(spark.sparkContext().master()).isEqualTo("local[1]");
    assertThat(MarketFixtures.randomMarketDigest(spark, 4))
        .isEqualTo(MarketFixtures.RANDOM_MARKET_DIGEST);
  }
}
