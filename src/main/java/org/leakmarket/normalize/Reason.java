package org.leakmarket.normalize;

/**
 * Rejection reason codes of contracts section 4 (the quarantine's {@code reason} column) as
 * strings, for the seams that write them into Spark columns and JSON ({@code lit(Reason.MALFORMED)}
 * in ingest). The values are the codes of {@link org.leakmarket.vocab.Reason}, which the normaliser
 * itself uses.
 */
public final class Reason {
  public static final String NO_PRICE = org.leakmarket.vocab.Reason.NO_PRICE.code();
  public static final String PRICE_NONPOSITIVE =
      org.leakmarket.vocab.Reason.PRICE_NONPOSITIVE.code();
  public static final String PRICE_OUT_OF_RANGE =
      org.leakmarket.vocab.Reason.PRICE_OUT_OF_RANGE.code();
  public static final String FX_MISSING = org.leakmarket.vocab.Reason.FX_MISSING.code();
  public static final String UNKNOWN_CURRENCY = org.leakmarket.vocab.Reason.UNKNOWN_CURRENCY.code();
  public static final String BAD_DATE = org.leakmarket.vocab.Reason.BAD_DATE.code();
  public static final String MALFORMED = org.leakmarket.vocab.Reason.MALFORMED.code();
  public static final String NOT_AN_OFFER = org.leakmarket.vocab.Reason.NOT_AN_OFFER.code();
  public static final String MISSING_FIELD = org.leakmarket.vocab.Reason.MISSING_FIELD.code();

  private Reason() {}
}
