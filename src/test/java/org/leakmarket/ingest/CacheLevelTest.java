package org.leakmarket.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;

/**
 * The cache level ingest chooses, without Spark: the protected storage region by hand ((heap - 300
 * MiB) * 0.6 * 0.5), and the listing sizes of docs/performance.md on either side of it.
 */
class CacheLevelTest {
  static final long MIB = 1L << 20;
  static final StorageLevel MEM = StorageLevel.MEMORY_AND_DISK();
  static final StorageLevel DISK = StorageLevel.DISK_ONLY();

  @Test
  void storageRegionIsSparksProtectedShareOfTheHeap() {
    // 4096 MiB heap: (4096 - 300) MiB * 0.6 * 0.5 = 1138.8 MiB = 1,194,118,348.8 bytes
    assertThat(CacheLevel.storageRegion(4096 * MIB, 0.6, 0.5)).isEqualTo(1_194_118_348L);
    // 2048 MiB executor: 1748 MiB * 0.3 = 524.4 MiB = 549,873,254.4 bytes
    assertThat(CacheLevel.storageRegion(2048 * MIB, 0.6, 0.5)).isEqualTo(549_873_254L);
    // under Spark's reserve nothing is protected
    assertThat(CacheLevel.storageRegion(200 * MIB, 0.6, 0.5)).isZero();
  }

  @Test
  void memoryUpToTheRegionThenDisk() {
    long region = 1_194_118_348L;
    assertThat(CacheLevel.choose(0, 4096 * MIB, 0.6, 0.5)).isEqualTo(MEM);
    assertThat(CacheLevel.choose(region, 4096 * MIB, 0.6, 0.5)).isEqualTo(MEM);
    assertThat(CacheLevel.choose(region + 1, 4096 * MIB, 0.6, 0.5)).isEqualTo(DISK);
    assertThat(CacheLevel.choose(1, 200 * MIB, 0.6, 0.5)).isEqualTo(DISK);
  }

  @Test
  void listingSizesOfTheBenchmark() {
    // 10^6 generated listings: 214,893,222 bytes -> 924 MB cached (920 MB measured): memory in
    // the default 4 GB heap, disk on a 2 GB executor
    long n6 = CacheLevel.listingCacheBytes(List.of(scan("listings.jsonl", 214_893_222L)));
    assertThat(n6).isEqualTo((long) (214_893_222L * 4.3));
    assertThat(CacheLevel.choose(n6, 4096 * MIB, 0.6, 0.5)).isEqualTo(MEM);
    assertThat(CacheLevel.choose(n6, 2048 * MIB, 0.6, 0.5)).isEqualTo(DISK);
    // 10^7: 2.16 GB in 40 files -> 9.3 GB: disk in the default heap (it filled it at
    // MEMORY_AND_DISK)
    List<ListingFiles.Scan> n7 =
        java.util.stream.IntStream.range(0, 40)
            .mapToObj(i -> scan("part-" + i + ".jsonl", 54_000_000L))
            .toList();
    assertThat(CacheLevel.choose(CacheLevel.listingCacheBytes(n7), 4096 * MIB, 0.6, 0.5))
        .isEqualTo(DISK);
    // a gzipped file counts ten times its size: 30 MB of .gz -> 1.29 GB, over the region
    assertThat(CacheLevel.listingCacheBytes(List.of(scan("l.jsonl.GZ", 30_000_000L))))
        .isEqualTo((long) (30_000_000L * 4.3 * 10));
    assertThat(CacheLevel.listingCacheBytes(List.of(scan("l.jsonl", 30_000_000L))))
        .isEqualTo((long) (30_000_000L * 4.3));
  }

  @Test
  void sampleSizes() {
    assertThat(CacheLevel.sampleCacheBytes("s.csv", 1_000_000L))
        .isEqualTo((long) (1_000_000L * CacheLevel.SAMPLE_EXPANSION));
    assertThat(CacheLevel.sampleCacheBytes("s.csv.gz", 1_000_000L))
        .isEqualTo((long) (1_000_000L * CacheLevel.SAMPLE_EXPANSION * 10));
  }

  static ListingFiles.Scan scan(String name, long bytes) {
    return new ListingFiles.Scan(
        Path.of(name), ListingFiles.Format.JSONL, "", bytes, 1, List.of(), 0);
  }
}
