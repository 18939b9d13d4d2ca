package org.leakmarket.generate;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes N generated listings with Spark: {@code spark.range(N)} split into contiguous id ranges,
 * one {@link ListingGenerator} per partition in {@code mapPartitions} (no shuffle, no UDF, nothing
 * collected), written as text. Because row {@code i} depends only on (seed, i) and partitions are
 * contiguous and written in order, the concatenated output is the same whatever the number of
 * partitions.
 *
 * <p>Layout: up to {@value #SINGLE_FILE_MAX} rows the part files are concatenated (streamed by the
 * driver) into one file {@code DIR/listings.jsonl}; above, the folder of part files itself is named
 * {@code DIR/listings.jsonl} (the pipeline's {@code --listings} accepts a folder), which avoids a
 * single-threaded copy of gigabytes. Cost: one pass of generation per file written (listings, and
 * the per-listing truth when asked). The output folder is a local (or shared, e.g. NFS) path that
 * driver and executors both see, as on one machine or the loopback cluster.
 */
public final class SparkListingWriter {
  private static final Logger LOG = LoggerFactory.getLogger(SparkListingWriter.class);

  /** Largest row count written as one file by default. */
  public static final long SINGLE_FILE_MAX = 1_000_000L;

  /** What was written: paths are files when {@code singleFile}, else folders of part files. */
  public record Result(
      long listings, String listingsPath, String truthPath, boolean singleFile, int partitions) {}

  private SparkListingWriter() {}

  /**
   * @param partitions number of id ranges (0: one per 250,000 rows, at least the default
   *     parallelism)
   * @param singleFile null for the default rule, else force a file (true) or a folder (false)
   * @param withTruth also write {@code DIR/ground_truth/listings_truth.jsonl}
   */
  public static Result write(
      SparkSession spark,
      GeneratorSettings settings,
      long n,
      int partitions,
      Path outDir,
      Boolean singleFile,
      boolean withTruth) {
    if (n < 0) {
      throw new IllegalArgumentException("listings cannot be negative: " + n);
    }
    int parts =
        partitions > 0
            ? partitions
            : (int)
                Math.max(
                    spark.sparkContext().defaultParallelism(),
                    Math.min(10_000, (n + 249_999) / 250_000));
    boolean single = singleFile != null ? singleFile : n <= SINGLE_FILE_MAX;
    Path out = outDir.toAbsolutePath();
    Path listings = out.resolve("listings.jsonl");
    Path truth = out.resolve("ground_truth").resolve("listings_truth.jsonl");
    spark.sparkContext().setJobDescription("generate: " + n + " listings");
    writeText(spark, settings, n, parts, false, out.resolve("_tmp_listings"), listings, single);
    if (withTruth) {
      spark.sparkContext().setJobDescription("generate: truth of " + n + " listings");
      writeText(spark, settings, n, parts, true, out.resolve("_tmp_truth"), truth, single);
    }
    spark.sparkContext().setJobDescription(null);
    LOG.info(
        "generate: {} listings in {} partitions -> {} ({})",
        n,
        parts,
        listings,
        single ? "one file" : "folder");
    return new Result(n, listings.toString(), withTruth ? truth.toString() : null, single, parts);
  }

  private static void writeText(
      SparkSession spark,
      GeneratorSettings settings,
      long n,
      int parts,
      boolean truth,
      Path tmp,
      Path target,
      boolean single) {
    Dataset<String> lines =
        spark.range(0, n, 1, parts).mapPartitions(new Rows(settings, truth), Encoders.STRING());
    lines
        .write()
        .mode(SaveMode.Overwrite)
        .option("compression", "none")
        .text(tmp.toUri().toString());
    try {
      Files.createDirectories(target.getParent());
      deleteRecursively(target);
      if (single) {
        concatenate(tmp, target);
        deleteRecursively(tmp);
      } else {
        Files.move(tmp, target);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  /** Streams the part files, in partition order, into one file. */
  static void concatenate(Path folder, Path target) throws IOException {
    List<Path> parts;
    try (Stream<Path> s = Files.list(folder)) {
      parts =
          s.filter(p -> p.getFileName().toString().startsWith("part-"))
              .sorted(Comparator.comparing(Path::toString))
              .toList();
    }
    try (OutputStream o = Files.newOutputStream(target)) {
      for (Path p : parts) {
        Files.copy(p, o);
      }
    }
  }

  static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(x);
      }
    }
  }

  /** Row ids to listing lines (or truth lines); one generator per partition. */
  static final class Rows implements MapPartitionsFunction<Long, String> {
    private static final long serialVersionUID = 1L;
    private final GeneratorSettings settings;
    private final boolean truth;

    Rows(GeneratorSettings settings, boolean truth) {
      this.settings = settings;
      this.truth = truth;
    }

    @Override
    public Iterator<String> call(Iterator<Long> ids) {
      ListingGenerator g = new ListingGenerator(settings);
      var mapper = DemoListings.mapper();
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return ids.hasNext();
        }

        @Override
        public String next() {
          long id = ids.next();
          GeneratedListing l = g.row(id);
          if (!truth) {
            return l.line();
          }
          try {
            return mapper.writeValueAsString(l.truthJson(id + 1));
          } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
          }
        }
      };
    }
  }
}
