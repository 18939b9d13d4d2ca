package org.leakmarket.normalize;

/** Rejection reason codes of contracts section 4 (the quarantine's {@code reason} column). */
public final class Reason {
  public static final String NO_PRICE = "no_price";
  public static final String PRICE_NONPOSITIVE = "price_nonpositive";
  public static final String PRICE_OUT_OF_RANGE = "price_out_of_range";
  public static final String FX_MISSING = "fx_missing";
  public static final String UNKNOWN_CURRENCY = "unknown_currency";
  public static final String BAD_DATE = "bad_date";
  public static final String MALFORMED = "malformed";
  public static final String NOT_AN_OFFER = "not_an_offer";
  public static final String MISSING_FIELD = "missing_field";

  private Reason() {}
}
