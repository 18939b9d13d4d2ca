package org.leakmarket.vocab;

import java.util.Optional;

/** Why a listing gives no offer (contracts section 4, the quarantine's {@code reason} column). */
public enum Reason implements Code {
  NO_PRICE,
  PRICE_NONPOSITIVE,
  PRICE_OUT_OF_RANGE,
  FX_MISSING,
  UNKNOWN_CURRENCY,
  BAD_DATE,
  MALFORMED,
  NOT_AN_OFFER,
  MISSING_FIELD;

  /** The contract code, computed once per constant (asked for several times per offer). */
  private final String code = Code.codeOf(name());

  @Override
  public String code() {
    return code;
  }

  public static Optional<Reason> of(String code) {
    return Code.of(Reason.class, code);
  }
}
