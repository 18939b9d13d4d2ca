package org.leakmarket.warehouse;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every Delta table of the warehouse (contracts section 3), named once. The path under the
 * warehouse is the table's name, which is also what {@code export --table} takes.
 */
public enum Table {
  BRONZE_LISTINGS("bronze/listings", List.of("listing_id")),
  BRONZE_SAMPLE_RECORDS("bronze/sample_records", List.of("record_id")),
  QUARANTINE_LISTINGS("quarantine/listings", List.of("quarantine_id")),
  QUARANTINE_SAMPLE_RECORDS("quarantine/sample_records", List.of("quarantine_id")),
  SILVER_OFFERS("silver/offers", List.of("listing_id", "offer_index")),
  SILVER_RECORDS("silver/records", List.of("record_id")),
  GOLD_MARKET_CELLS("gold/market_cells", List.of()),
  GOLD_PRICE_INDEX("gold/price_index", List.of()),
  GOLD_EXPOSURE("gold/exposure", List.of()),
  GOLD_SAMPLE_OVERLAP("gold/sample_overlap", List.of()),
  GOLD_POPULATION("gold/population", List.of()),
  GOLD_RUNS("gold/runs", List.of("run_id")),
  // Extensions of contracts section 3:
  /** One row per sample file named in a manifest: read or not, and why; validity counts. */
  BRONZE_SAMPLE_FILES("bronze/sample_files", List.of("sample_id")),
  /** Offers, unique offers and sellers per period. */
  GOLD_MARKET_VOLUME("gold/market_volume", List.of()),
  /**
   * Pairs of near-identical adverts posted by different sellers (MinHash LSH), reported, not
   * merged.
   */
  GOLD_COPY_PAIRS("gold/copy_pairs", List.of()),
  /** Samples, sellers and adverts against the lines of 法释〔2017〕10号 Art. 5 (legal/). */
  GOLD_LEGAL_THRESHOLDS("gold/legal_thresholds", List.of());

  private final String path;
  private final List<String> mergeKeys;

  Table(String path, List<String> mergeKeys) {
    this.path = path;
    this.mergeKeys = mergeKeys;
  }

  /** Path under the warehouse, e.g. {@code silver/offers}. */
  public String path() {
    return path;
  }

  /**
   * Columns that identify a row: appends merge on them (idempotent re-ingest). Empty for gold
   * aggregates, which are recomputed whole and overwritten.
   */
  public List<String> mergeKeys() {
    return mergeKeys;
  }

  public static Optional<Table> byPath(String path) {
    String p = path.replace('\\', '/').replaceAll("^/+|/+$", "");
    return Arrays.stream(values()).filter(t -> t.path.equals(p)).findFirst();
  }
}
