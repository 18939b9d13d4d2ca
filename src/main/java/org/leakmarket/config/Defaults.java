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
  public static final double MIN_PRICE = 0.000001;
  public static final double MAX_PRICE = 50000;
  public static final int SUPPRESSION_K = 5;
  public static final int SUPPRESSION_MIN_SELLERS = 2;
  public static final double RECYCLED_THRESHOLD = 0.2;
  public static final int MAX_EXACT_LISTS = 5;

  private Defaults() {}
}
