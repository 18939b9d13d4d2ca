package org.leakmarket.config;

/**
 * Every default in one place; the README's configuration table is written from this class. Code
 * that needs a default reads it here (or from the resolved {@link LeakmarketConfig}), never spells
 * the value again.
 */
public final class Defaults {
  /** Warehouse folder, relative to the working folder (or to the YAML file). */
  public static final String WAREHOUSE = "warehouse";

  /** Reports folder, relative like the warehouse. */
  public static final String REPORTS = "reports";

  /** Publication label: every period observed. */
  public static final String PERIOD = "all";

  /** Grain of market cells and price indices. */
  public static final String PERIOD_UNIT = "month";

  /** Capture-recapture lists: one per leak sample. */
  public static final String LISTS_BY = "sample";

  /** Seed of every bootstrap and simulation, so that a run is reproducible. */
  public static final long SEED = 20150112L;

  /** Bootstrap replicates B of the Jevons index interval. */
  public static final int BOOTSTRAP_REPLICATES = 1000;

  /** Share of rejected input rows beyond which ingest stops (exit 3) and writes nothing. */
  public static final double MAX_REJECT_RATE = 0.5;

  /** Oldest FX rate, in days before a listing's date, that may convert its price. */
  public static final int FX_MAX_AGE_DAYS = 45;

  /**
   * Lowest plausible price per record, CNY (vocabulary.md price floor); below it an offer is
   * rejected.
   */
  public static final double MIN_PRICE = 0.000001;

  /** Highest plausible price per record, CNY; above it an offer is rejected. */
  public static final double MAX_PRICE = 50000;

  /** Fewest offers (or persons) a published cell may rest on. */
  public static final int SUPPRESSION_K = 5;

  /** Fewest distinct sellers a published market cell may rest on. */
  public static final int SUPPRESSION_MIN_SELLERS = 2;

  /** 1 − the level of the market cells' median intervals: 95%. */
  public static final double ALPHA = 0.05;

  /** Share of a sample's records seen in earlier samples that makes it second-hand. */
  public static final double RECYCLED_THRESHOLD = 0.2;

  /** Lists up to which every two-way log-linear model is fitted (stepwise beyond; at most 6). */
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

  /** How offers vote in market cells and indices: a seller once per cell and period. */
  public static final String WEIGHT = "seller";

  /** The one limit on capture-recapture lists: a search at 10 takes seconds, at 12 minutes. */
  public static final int MAX_LISTS = 10;

  private Defaults() {}
}
