package org.leakmarket.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.leakmarket.config.ConfigResolver;
import org.leakmarket.config.Defaults;
import org.leakmarket.config.LeakmarketConfig;
import picocli.CommandLine.Option;

/**
 * Options shared by {@code run} and its stages. Every option defaults to null so that {@link
 * ConfigResolver} can tell "given" from "not given" and apply flag &gt; file &gt; default.
 */
public class PipelineOptions {

  @Option(
      names = "--pdf",
      description =
          "Also print publication.html to publication.pdf with headless Chromium (when installed).")
  boolean pdf;

  @Option(
      names = "--quiet",
      description = "No progress lines during long stages (each stage's summary line stays).")
  boolean quiet;

  @Option(
      names = "--listings",
      arity = "1..*",
      paramLabel = "PATH",
      description =
          "Listing files or folders: JSON Lines (.jsonl, .jsonl.gz) or CSV with a header.")
  List<Path> listings;

  @Option(
      names = "--samples",
      paramLabel = "MANIFEST",
      description = "Leak-sample manifest (JSON Lines); paths in it are relative to it.")
  Path samples;

  @Option(
      names = "--warehouse",
      paramLabel = "DIR",
      description = "Delta warehouse folder (default: " + Defaults.WAREHOUSE + ").")
  Path warehouse;

  @Option(
      names = "--reports",
      paramLabel = "DIR",
      description = "Reports folder (default: " + Defaults.REPORTS + ").")
  Path reports;

  @Option(
      names = "--fx",
      paramLabel = "CSV",
      description = "FX table date,currency,cny_per_unit (default: shipped table).")
  Path fx;

  @Option(
      names = "--bins",
      paramLabel = "CSV",
      description = "BIN table bin,issuer,brand,type,level,country (default: shipped table).")
  Path bins;

  @Option(
      names = "--phone-segments",
      paramLabel = "CSV",
      description =
          "Phone segment table prefix,province_code,city,carrier (default: shipped table).")
  Path phoneSegments;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "YAML config file; flags win over it.")
  Path config;

  @Option(
      names = "--period",
      paramLabel = "P",
      description =
          "Publication period: 2015-01, 2015-Q1, 2015 or all (default: " + Defaults.PERIOD + ").")
  String period;

  @Option(
      names = "--period-unit",
      paramLabel = "UNIT",
      description =
          "Grain of market cells and indices: month, quarter, year (default: "
              + Defaults.PERIOD_UNIT
              + ").")
  String periodUnit;

  @Option(
      names = "--lists-by",
      paramLabel = "WHAT",
      description =
          "Capture-recapture lists are: sample, seller or source (default: "
              + Defaults.LISTS_BY
              + ").")
  String listsBy;

  @Option(
      names = "--key-file",
      paramLabel = "FILE",
      description =
          "Pseudonymisation key file (else LEAKMARKET_PSEUDONYM_KEY, else <warehouse>/_keys/pseudonym.key).")
  Path keyFile;

  @Option(
      names = "--master",
      paramLabel = "URL",
      description = "Spark master (default: spark.master if set, else local[*]).")
  String master;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "Random seed of the Jevons bootstrap (default: " + Defaults.SEED + ").")
  Long seed;

  @Option(
      names = "--bootstrap",
      paramLabel = "B",
      description =
          "Bootstrap replicates of the Jevons index interval (default: "
              + Defaults.BOOTSTRAP_REPLICATES
              + ").")
  Integer bootstrapReplicates;

  @Option(
      names = "--max-reject-rate",
      paramLabel = "SHARE",
      description =
          "Stop when more than this share of input rows is rejected (default: "
              + Defaults.MAX_REJECT_RATE
              + ").")
  Double maxRejectRate;

  @Option(
      names = "--max-offers-per-listing",
      paramLabel = "N",
      description =
          "Quarantine an advert giving more offers than this as too_many_offers (default: 1000).")
  Integer maxOffersPerListing;

  @Option(
      names = "--max-advert-chars",
      paramLabel = "N",
      description = "Quarantine an advert text longer than this as text_too_long (default: 20000).")
  Integer maxAdvertChars;

  @Option(
      names = "--max-line-bytes",
      paramLabel = "N",
      description =
          "Quarantine a listing line or sample row longer than this as line_too_long (default: 1048576).")
  Long maxLineBytes;

  @Option(
      names = "--max-sample-file-bytes",
      paramLabel = "N",
      description =
          "A sample file larger than this (decompressed) fails as file_too_large (default: 4 GiB).")
  Long maxSampleFileBytes;

  @Option(
      names = "--extra-dimensions",
      split = ",",
      paramLabel = "DIM",
      description = "Extra market-cell dimensions: region, source, issuer, language.")
  List<String> extraDimensions;

  @Option(
      names = "--weight",
      paramLabel = "W",
      description =
          "How offers vote in market cells and indices: seller (a seller counts once per cell and"
              + " period, at the median of its quotes; default) or offer.")
  String weight;

  /** Resolves these flags over the config file and the defaults. */
  public LeakmarketConfig resolve() {
    Map<String, Object> f = new HashMap<>();
    put(f, "listings", listings);
    put(f, "samples", samples);
    put(f, "warehouse", warehouse);
    put(f, "reports", reports);
    put(f, "fx", fx);
    put(f, "bins", bins);
    put(f, "phone_segments", phoneSegments);
    put(f, "period", period);
    put(f, "period_unit", periodUnit);
    put(f, "lists_by", listsBy);
    put(f, "key_file", keyFile);
    put(f, "master", master);
    put(f, "seed", seed);
    put(f, "bootstrap_replicates", bootstrapReplicates);
    put(f, "max_reject_rate", maxRejectRate);
    put(f, "extra_dimensions", extraDimensions);
    put(f, "max_offers_per_listing", maxOffersPerListing);
    put(f, "max_advert_chars", maxAdvertChars);
    put(f, "max_line_bytes", maxLineBytes);
    put(f, "max_sample_file_bytes", maxSampleFileBytes);
    put(f, "weight", weight);
    return ConfigResolver.resolve(f, config);
  }

  private static void put(Map<String, Object> m, String k, Object v) {
    if (v != null) {
      m.put(k, v);
    }
  }
}
