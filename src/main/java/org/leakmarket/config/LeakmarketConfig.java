package org.leakmarket.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fully resolved, immutable configuration of one run. Built only by {@link ConfigResolver}
 * (flag &gt; config file &gt; default), never mutated afterwards.
 *
 * @param listings listing files or folders (JSONL, JSONL.gz or CSV)
 * @param samples leak-sample manifest (JSON Lines), or null
 * @param warehouse root of the Delta warehouse
 * @param reports root under which one folder per publication label is written
 * @param fx FX reference CSV (date,currency,cny_per_unit), or null for the shipped table
 * @param bins BIN reference CSV, or null for the shipped table
 * @param phoneSegments phone segment CSV, or null for the shipped table
 * @param period publication period label (2015-01, 2015-Q1, 2015, all)
 * @param periodUnit month, quarter or year: the grain of market cells and indices
 * @param listsBy what a capture-recapture list is: sample, seller or source
 * @param keyFile pseudonymisation key file, or null (environment, then warehouse key)
 * @param master Spark master URL, or null to let spark-submit or the launcher decide
 * @param seed random seed of every bootstrap and generator
 * @param bootstrapReplicates bootstrap replicates B of the Jevons index interval
 * @param maxRejectRate share of rejected input rows above which a batch stops (exit 3)
 * @param fxMaxAgeDays the FX as-of rule's staleness limit
 * @param minPrice lower plausibility bound of a per-record price in CNY
 * @param maxPrice upper plausibility bound of a per-record price in CNY
 * @param suppressionK minimum persons or offers of a published cell
 * @param suppressionMinSellers minimum distinct sellers of a published market cell
 * @param recycledThreshold recycled share above which a sample is inferred second-hand
 * @param maxExactLists number of lists up to which every hierarchical model is fitted
 * @param extraDimensions optional extra market-cell dimensions (region, source, issuer, language)
 * @param weight how offers vote in market cells and indices: {@code seller} (a seller counts once
 *     per cell and period, at the median of its quotes) or {@code offer}
 * @param limits limits that protect the machine, and the posting-date window
 */
public record LeakmarketConfig(
    List<Path> listings,
    Path samples,
    Path warehouse,
    Path reports,
    Path fx,
    Path bins,
    Path phoneSegments,
    String period,
    String periodUnit,
    String listsBy,
    Path keyFile,
    String master,
    long seed,
    int bootstrapReplicates,
    double maxRejectRate,
    int fxMaxAgeDays,
    double minPrice,
    double maxPrice,
    int suppressionK,
    int suppressionMinSellers,
    double recycledThreshold,
    int maxExactLists,
    List<String> extraDimensions,
    String weight,
    Limits limits) {

  public LeakmarketConfig {
    listings = listings == null ? List.of() : List.copyOf(listings);
    extraDimensions = extraDimensions == null ? List.of() : List.copyOf(extraDimensions);
    limits = limits == null ? Limits.defaults() : limits;
  }

  /**
   * The configuration as ordered key/value pairs for logs, runs and manifests (no secrets held).
   */
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("listings", listings.stream().map(Path::toString).toList());
    m.put("samples", str(samples));
    m.put("warehouse", str(warehouse));
    m.put("reports", str(reports));
    m.put("fx", str(fx));
    m.put("bins", str(bins));
    m.put("phone_segments", str(phoneSegments));
    m.put("period", period);
    m.put("period_unit", periodUnit);
    m.put("lists_by", listsBy);
    m.put("key_file", keyFile == null ? null : "****");
    m.put("master", master);
    m.put("seed", seed);
    m.put("bootstrap_replicates", bootstrapReplicates);
    m.put("max_reject_rate", maxRejectRate);
    m.put("fx_max_age_days", fxMaxAgeDays);
    m.put("min_price", minPrice);
    m.put("max_price", maxPrice);
    m.put("suppression_k", suppressionK);
    m.put("suppression_min_sellers", suppressionMinSellers);
    m.put("recycled_threshold", recycledThreshold);
    m.put("max_exact_lists", maxExactLists);
    m.put("extra_dimensions", extraDimensions);
    m.put("weight", weight);
    m.put("max_offers_per_listing", limits.maxOffersPerListing());
    m.put("max_advert_chars", limits.maxAdvertChars());
    m.put("max_line_bytes", limits.maxLineBytes());
    m.put("max_sample_file_bytes", limits.maxSampleFileBytes());
    m.put("lock_stale_minutes", limits.lockStaleMinutes());
    m.put("earliest_date", limits.earliestDate().toString());
    return m;
  }

  private static String str(Path p) {
    return p == null ? null : p.toString();
  }
}
