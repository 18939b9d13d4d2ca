package org.leakmarket.vocab;

import java.util.Optional;

/** How an advert qualifies its price (contracts section 4, {@code qualifier}). */
public enum Qualifier implements Code {
  /** A price, nothing said about it. */
  EXACT,
  /** 最高, 高达, up to: the point price is the highest asked. */
  UP_TO,
  /** 最低, 低至, from, as little as, 起: the point price is the lowest asked. */
  FROM,
  /** 平均, 均价, on average. */
  AVERAGE,
  /** Low and high given; the point price is their geometric mean. */
  RANGE;

  /** The contract code, computed once per constant (asked for several times per offer). */
  private final String code = Code.codeOf(name());

  @Override
  public String code() {
    return code;
  }

  public static Optional<Qualifier> of(String code) {
    return Code.of(Qualifier.class, code);
  }
}
