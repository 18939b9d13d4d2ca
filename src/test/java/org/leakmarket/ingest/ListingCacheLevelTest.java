package org.leakmarket.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerBlockUpdated;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakmarket.privacy.PseudonymKey;
import org.leakmarket.testing.SparkTestBase;
import org.leakmarket.warehouse.Table;
import org.leakmarket.warehouse.Warehouse;

/**
 * Ingest writes the same bronze and quarantine rows whether its decided listings are cached in
 * memory or on disk only ({@link CacheLevel} picks one by the input's size), and the level asked
 * for is the one Spark used (its block updates).
 */
class ListingCacheLevelTest extends SparkTestBase {
  static final PseudonymKey KEY = PseudonymKey.of("cache-level-test-key-0123456789");

  /** Block levels Spark reported for cached RDD blocks, as (useMemory, useDisk) strings. */
  final Set<String> blockLevels = ConcurrentHashMap.newKeySet();

  @Test
  void sameTablesInMemoryOrOnDisk(@TempDir Path tmp) throws Exception {
    spark
        .sparkContext()
        .addSparkListener(
            new SparkListener() {
              @Override
              public void onBlockUpdated(SparkListenerBlockUpdated e) {
                StorageLevel l = e.blockUpdatedInfo().storageLevel();
                if (e.blockUpdatedInfo().blockId().isRDD() && l.isValid()) {
                  blockLevels.add("memory=" + l.useMemory() + " disk=" + l.useDisk());
                }
              }
            });
    Path in = tmp.resolve("listings.jsonl");
    Files.write(in, lines(), StandardCharsets.UTF_8);

    ListingIngest.Result mem = ingest(in, tmp.resolve("wh-mem"), StorageLevel.MEMORY_AND_DISK());
    assertThat(blockLevels).containsExactly("memory=true disk=false");
    blockLevels.clear();
    ListingIngest.Result disk = ingest(in, tmp.resolve("wh-disk"), StorageLevel.DISK_ONLY());
    assertThat(blockLevels).containsExactly("memory=false disk=true");

    // 40 listings, 3 repeated (collapse), 2 conflicting ids, 2 malformed, 1 without a source
    assertThat(mem.read()).isEqualTo(48);
    assertThat(mem.accepted()).isEqualTo(43);
    assertThat(mem.repeatedIds()).isEqualTo(3);
    assertThat(disk).isEqualTo(mem);
    for (Table t : List.of(Table.BRONZE_LISTINGS, Table.QUARANTINE_LISTINGS)) {
      Dataset<Row> a = comparable(new Warehouse(spark, tmp.resolve("wh-mem")).read(t));
      Dataset<Row> b = comparable(new Warehouse(spark, tmp.resolve("wh-disk")).read(t));
      assertThat(a.count()).as(t.toString()).isEqualTo(t == Table.BRONZE_LISTINGS ? 40 : 5);
      assertThat(a.exceptAll(b).count()).as(t + " only in memory run").isZero();
      assertThat(b.exceptAll(a).count()).as(t + " only in disk run").isZero();
    }
  }

  /** Without the file's path (the two runs read one file) and with maps as sorted entries. */
  static Dataset<Row> comparable(Dataset<Row> d) {
    for (org.apache.spark.sql.types.StructField f : d.schema().fields()) {
      if (f.dataType() instanceof org.apache.spark.sql.types.MapType) {
        d =
            d.withColumn(
                f.name(),
                org.apache.spark.sql.functions.array_sort(
                    org.apache.spark.sql.functions.map_entries(d.col(f.name()))));
      }
    }
    return d.drop("source_file");
  }

  ListingIngest.Result ingest(Path in, Path wh, StorageLevel level) throws Exception {
    Warehouse w = new Warehouse(spark, wh);
    ListingIngest.Result r =
        new ListingIngest(spark, w, new SellerTokens(KEY), level).run(List.of(in), "run-1", 1.0);
    spark.sparkContext().listenerBus().waitUntilEmpty();
    return r;
  }

  static List<String> lines() {
    List<String> out = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      out.add(HostileListingsTest.ok("c-" + i));
    }
    // a field the schema does not know, kept in bronze's extra map
    out.set(7, out.get(7).replace("{", "{\"forum_rank\":\"gold\","));
    for (int i = 0; i < 3; i++) {
      out.add(HostileListingsTest.ok("c-" + i)); // the same content again: collapses
    }
    out.add(HostileListingsTest.ok("c-5").replace("5毛", "6毛")); // the same id, other content
    out.add(HostileListingsTest.ok("c-6").replace("5毛", "7毛"));
    out.add("{\"listing_id\": \"broken");
    out.add("not json at all");
    out.add("{\"listing_id\":\"n-1\",\"posted_at\":\"2015-01-10\",\"text\":\"卡 5毛\"}");
    return out;
  }
}
