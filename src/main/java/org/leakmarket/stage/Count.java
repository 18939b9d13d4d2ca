package org.leakmarket.stage;

/**
 * The counts stages report, in the order a stage's log line shows them. {@link #label()} is the
 * name in the log line (short: the stage name precedes it); {@link #key()} is the name in {@code
 * gold/runs} (unique across stages).
 */
public enum Count {
  // ingest: listing files to bronze/listings
  LISTINGS_READ("read", "listings_read"),
  LISTINGS_ACCEPTED("accepted", "listings_accepted"),
  LISTINGS_REJECTED("rejected", "listings_rejected_at_ingest"),
  BLANK_LINES("blank_lines", "listing_blank_lines"),
  REPEATED_IDS("repeated_ids", "listing_repeated_ids"),
  // samples: sample files to bronze/sample_records
  SAMPLE_FILES("samples", "sample_files"),
  SAMPLE_FILES_FAILED("failed", "sample_files_failed"),
  SAMPLE_RECORDS_READ("records", "sample_records_read"),
  SAMPLE_ROWS_REJECTED("rejected_rows", "sample_rows_rejected"),
  // normalize: bronze/listings to silver/offers
  OFFERS("offers", "offers"),
  LISTINGS_REJECTED_AT_NORMALIZE("rejected_listings", "listings_rejected_at_normalize"),
  // persons (and exposure): silver/records
  RECORDS("records", "records"),
  PERSONS("persons", "persons"),
  // analyze: the gold market tables
  MARKET_CELLS("cells", "market_cells"),
  INDEX_POINTS("index_points", "price_index_points"),
  COPY_PAIRS("copy_pairs", "copy_pairs"),
  // exposure: capture-recapture lists
  CAPTURE_LISTS("lists", "capture_lists"),
  // publish
  REVISIONS("revisions", "revisions");

  private final String label;
  private final String key;

  Count(String label, String key) {
    this.label = label;
    this.key = key;
  }

  public String label() {
    return label;
  }

  public String key() {
    return key;
  }
}
