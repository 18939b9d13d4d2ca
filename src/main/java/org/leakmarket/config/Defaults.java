package org.leakmarket.config;

/** Every default in one place; the README's configuration table is written from this class. */
public final class Defaults {
  public static final String WAREHOUSE = "warehouse";
  public static final String REPORTS = "reports";
  public static final String PERIOD = "all";
  public static final String PERIOD_UNIT = "month";
  public static final String LISTS_BY = "sample";
  public static final long SEED = 20150112L;
  public static final int BOOTSTRAP_REPLICATES = 1000;
  public static final double MAX_REJECT_RATE = 0.5;
  public static final int FX_MAX_AGE_DAYS = 45;
  public static final double MIN_PRICE = 0.0001;
  public static final double MAX_PRICE = 50000;
  public static final int SUPPRESSION_K = 5;
  public static final int SUPPRESSION_MIN_SELLERS = 2;
  public static final double RECYCLED_THRESHOLD = 0.2;
  public static final int MAX_EXACT_LISTS = 5;

  // Limits that protect the machine (docs/reliability.md):
  /** Offers one advert may give; a longer menu is quarantined {@code too_many_offers}. */
  public static final int MAX_OFFERS_PER_LISTING = 1000;

  /**
   * Longest advert text given to the normaliser; longer is {@code text_too_long}. The longest real
   * advert in the corpora is a few hundred characters, and the normaliser's time grows faster than
   * the text (docs/reliability.md).
   */
  public static final int MAX_ADVERT_CHARS = 20_000;

  /** Longest input line (listings) or row (sample files) read; longer is {@code line_too_long}. */
  public static final long MAX_LINE_BYTES = 1L << 20;

  /** Largest sample file (decompressed) one task reads; larger fails {@code file_too_large}. */
  public static final long MAX_SAMPLE_FILE_BYTES = 4L << 30;

  /** A warehouse lock not refreshed for this long (another host's run) is stale. */
  public static final int LOCK_STALE_MINUTES = 10;

  /** Postings dated before this are {@code bad_date} (after the run's date plus one day too). */
  public static final String EARLIEST_DATE = "2000-01-01";

  private Defaults() {}
}
