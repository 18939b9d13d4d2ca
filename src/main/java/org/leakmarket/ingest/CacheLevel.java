package org.leakmarket.ingest;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Where ingest keeps the rows it reads more than once (listings: the counts and both merges;
 * samples: the reports, records and quarantine): in memory, spilling to disk, while the cache fits
 * in the part of Spark's memory that execution cannot take back; on disk only when it would not.
 *
 * <p>Why: at 10^7 listings the {@code MEMORY_AND_DISK} cache of decided listings (9.2 GB) filled
 * the 4 GB driver heap (22 full collections; docs/performance.md). A cache of up to {@code
 * spark.memory.storageFraction} (0.5) of the unified memory ({@code (heap - 300 MB) *
 * spark.memory.fraction}) is Spark's protected storage region: blocks there are never evicted by
 * the sorts and the merges' joins, so below it memory is free speed; above it storage and execution
 * fight over the heap, and disk costs nothing that spilling would not cost anyway.
 *
 * <p>The cache's size is estimated before any Spark job from the input's size on disk (from the
 * file system) times an expansion measured on generated inputs (see the constants); the same output
 * comes out at either level (ListingCacheLevelTest). Cost: arithmetic only.
 */
public final class CacheLevel {

  /** Heap Spark reserves for itself before dividing the rest (RESERVED_SYSTEM_MEMORY_BYTES). */
  static final long RESERVED_BYTES = 300L << 20;

  /**
   * Cached bytes per byte of listing JSON Lines: 920.2 MB cached from 214.9 MB at 10^6 (4.28), 9.2
   * GB from 2.16 GB at 10^7 (4.26; docs/performance.md).
   */
  public static final double LISTING_EXPANSION = 4.3;

  /**
   * Cached bytes per byte of sample files: 1,002.5 MB cached from 96.6 MB of generated sample files
   * at 10^6 records (bench/run.sh 1000000, 2 December), 10.0 MB from about 1 MB at 10^4; tokens and
   * derived columns are longer than the identifiers they replace.
   */
  public static final double SAMPLE_EXPANSION = 10.4;

  /**
   * Bytes of text per byte of a gzipped file: an assumption (JSON text typically compresses 4 to 10
   * times); gzipped input is then taken to be the smaller end, so the estimate errs towards disk.
   */
  public static final double GZIP_EXPANSION = 10;

  private CacheLevel() {}

  /**
   * {@code MEMORY_AND_DISK} when {@code cacheBytes} fits in the protected storage region of a heap
   * of {@code heapBytes}, else {@code DISK_ONLY}.
   */
  public static StorageLevel choose(
      long cacheBytes, long heapBytes, double memoryFraction, double storageFraction) {
    return cacheBytes <= storageRegion(heapBytes, memoryFraction, storageFraction)
        ? StorageLevel.MEMORY_AND_DISK()
        : StorageLevel.DISK_ONLY();
  }

  /** Spark's protected storage memory in a heap of {@code heapBytes}. */
  static long storageRegion(long heapBytes, double memoryFraction, double storageFraction) {
    return (long) (Math.max(0, heapBytes - RESERVED_BYTES) * memoryFraction * storageFraction);
  }

  /**
   * The level for a cache of {@code cacheBytes} in this session: against the driver's heap when
   * local (the driver runs the tasks), else against one executor's memory ({@code
   * spark.executor.memory}), as if one executor held the whole cache: the driver does not know how
   * many executors a cluster will give it, and erring towards disk is safe.
   */
  public static StorageLevel forSession(SparkSession spark, long cacheBytes) {
    org.apache.spark.SparkConf conf = spark.sparkContext().getConf();
    long heap =
        spark.sparkContext().isLocal()
            ? Runtime.getRuntime().maxMemory()
            : conf.getSizeAsBytes("spark.executor.memory", "1g");
    return choose(
        cacheBytes,
        heap,
        conf.getDouble("spark.memory.fraction", 0.6),
        conf.getDouble("spark.memory.storageFraction", 0.5));
  }

  /** The estimated cache of listing files of these sizes on disk. */
  public static long listingCacheBytes(Iterable<ListingFiles.Scan> scans) {
    double bytes = 0;
    for (ListingFiles.Scan s : scans) {
      bytes += s.bytes() * LISTING_EXPANSION * (isGzip(s.path().toString()) ? GZIP_EXPANSION : 1);
    }
    return (long) bytes;
  }

  /** The estimated cache of one sample file of {@code bytes} on disk. */
  public static long sampleCacheBytes(String path, long bytes) {
    return (long) (bytes * SAMPLE_EXPANSION * (isGzip(path) ? GZIP_EXPANSION : 1));
  }

  static boolean isGzip(String path) {
    return path.toLowerCase(java.util.Locale.ROOT).endsWith(".gz");
  }
}
