package org.leakmarket.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.leakmarket.common.UserException;
import org.leakmarket.generate.DemoListings;
import org.leakmarket.generate.GeneratorSettings;
import org.leakmarket.generate.GroundTruth;
import org.leakmarket.generate.SamplesWriter;
import org.leakmarket.generate.ScaledSamples;
import org.leakmarket.generate.SparkListingWriter;
import org.leakmarket.generate.WrittenPriceTruth;
import org.leakmarket.pipeline.SparkSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code generate}: synthetic, realistic inputs with ground truth (contracts section 1): {@code
 * DIR/listings.jsonl}, {@code DIR/samples/} and {@code DIR/ground_truth.json}. Listings are made in
 * Spark (see {@link SparkListingWriter}); samples by a {@link SamplesWriter}. {@code --demo}
 * instead rewrites the demo listings of {@code data-samples/} without Spark.
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    header = "Write synthetic, realistic listings and leak samples with their ground truth.",
    description =
        "Synthetic, realistic inputs with ground truth: DIR/listings.jsonl, DIR/samples/ (manifest.jsonl "
            + "and its files) and DIR/ground_truth.json (true cell medians, population_size). Up to 1,000,000 listings "
            + "are one file; above, DIR/listings.jsonl is a folder of part files. The same --seed gives the same bytes "
            + "whatever the partitioning.")
public final class GenerateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Output folder (a path the driver and executors share).")
  Path out;

  @Option(
      names = "--listings",
      paramLabel = "N",
      defaultValue = "1000",
      description = "Listings to generate (default ${DEFAULT-VALUE}).")
  long listings;

  @Option(
      names = "--samples",
      paramLabel = "K",
      defaultValue = "0",
      description = "Leak samples to generate (default ${DEFAULT-VALUE}).")
  int samples;

  @Option(
      names = "--records-per-sample",
      paramLabel = "M",
      defaultValue = "1000",
      description = "Records per sample (default ${DEFAULT-VALUE}).")
  long recordsPerSample;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "Random seed (default 1; with --demo 20150112).")
  Long seed;

  @Option(
      names = "--partitions",
      paramLabel = "P",
      defaultValue = "0",
      description = "Spark partitions for listings (default: one per 250,000 rows).")
  int partitions;

  @Option(
      names = "--single-file",
      negatable = true,
      description = "Force one listings file (or, negated, a folder) whatever N.")
  Boolean singleFile;

  @Option(
      names = "--with-truth",
      description =
          "Also write DIR/ground_truth/listings_truth.jsonl (true offers of every listing).")
  boolean withTruth;

  @Option(
      names = "--demo",
      description =
          "Rewrite the demo listings (listings.jsonl, listings-late.jsonl, ground_truth/) into --out, e.g. data-samples; no Spark.")
  boolean demo;

  @Option(
      names = "--truth-draws",
      paramLabel = "R",
      description =
          "Listings simulated for the true median of written "
              + "(rounded) prices per cell in ground_truth.json (default: 20 N, at least 200,000, at most 50,000,000; 0 skips it).")
  Long truthDraws;

  @Option(
      names = "--composition-shift",
      paramLabel = "X",
      description =
          "How far the product mix moves over the months, 0 (constant) to 1 (default: ${DEFAULT-VALUE}):"
              + " records fall from 80% to 55% of listings while cards, logins and documents, mostly English"
              + " and dearer, rise; each product's own prices follow the monthly trend only.")
  double compositionShift = 1.0;

  @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: local[*]).")
  String master;

  /** The sample half: independent draws from a known population (see {@link ScaledSamples}). */
  SamplesWriter samplesWriter = new ScaledSamples();

  @Override
  public Integer call() throws IOException {
    PrintWriter o = spec.commandLine().getOut();
    if (demo) {
      long s = seed == null ? DemoListings.DEFAULT_SEED : seed;
      DemoListings.write(out, s);
      o.println("demo listings written to " + out + " (seed " + s + ")");
      o.flush();
      return 0;
    }
    if (listings < 0
        || samples < 0
        || recordsPerSample < 0
        || partitions < 0
        || (truthDraws != null && truthDraws < 0)
        || compositionShift < 0
        || compositionShift > 1) {
      throw new UserException(
          UserException.USAGE,
          "--listings, --samples, --records-per-sample, --partitions and --truth-draws must not be"
              + " negative, and --composition-shift must be in [0, 1]");
    }
    if (samples > 0 && !samplesWriter.available()) {
      throw new UserException(
          UserException.USAGE,
          "--samples "
              + samples
              + ": leak-sample generation is not wired into 'generate' in this build; use --samples 0 (listings only)");
    }
    long s = seed == null ? 1L : seed;
    GeneratorSettings settings =
        GeneratorSettings.defaults(s, listings).withCompositionShift(compositionShift);
    if (samples > 0 && ScaledSamples.population(recordsPerSample) > 10_000_000L) {
      throw new UserException(
          UserException.USAGE, "--records-per-sample " + recordsPerSample + ": at most 4000000");
    }
    // The session already running in this JVM (a test's) is reused and left running.
    try (SparkSessions.Handle h = SparkSessions.acquire("leakmarket generate", master)) {
      SparkSession spark = h.spark();
      SparkListingWriter.Result r =
          SparkListingWriter.write(
              spark, settings, listings, partitions, out, singleFile, withTruth);
      Long population = null;
      if (samples > 0) {
        population = samplesWriter.write(spark, out, samples, recordsPerSample, s);
      }
      long draws = truthDraws != null ? truthDraws : WrittenPriceTruth.defaultDraws(listings);
      var written =
          draws > 0 && listings > 0 ? WrittenPriceTruth.compute(spark, settings, draws, 0) : null;
      ObjectNode doc =
          GroundTruth.document(
              settings, listings, population, samples, recordsPerSample, written, draws);
      if (samples > 0 && samplesWriter instanceof ScaledSamples scaled && scaled.last() != null) {
        doc.set("samples_truth", scaled.last().toJson());
      }
      writeGroundTruth(GroundTruth.pretty(doc));
      o.println(
          "generated "
              + r.listings()
              + " listings -> "
              + r.listingsPath()
              + (r.singleFile() ? "" : " (folder)")
              + (samples > 0 ? ", " + samples + " samples -> " + out + "/samples" : "")
              + ", ground truth -> "
              + out
              + "/ground_truth.json");
      o.flush();
      return 0;
    }
  }

  private void writeGroundTruth(String json) throws IOException {
    Files.createDirectories(out);
    Files.writeString(out.resolve("ground_truth.json"), json + "\n", StandardCharsets.UTF_8);
  }
}
