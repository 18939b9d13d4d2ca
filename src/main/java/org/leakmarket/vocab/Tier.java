package org.leakmarket.vocab;

import java.util.Optional;

/**
 * Card level (vocabulary.md "Tier"). Declared from lowest to highest, so {@link #rank()} orders
 * them: an advert naming several tiers for one price takes the highest; {@code UNKNOWN} ranks below
 * all.
 */
public enum Tier implements Code {
  STANDARD,
  GOLD,
  PLATINUM,
  PREMIUM,
  UNKNOWN;

  /** The contract code, computed once per constant (asked for several times per offer). */
  private final String code = Code.codeOf(name());

  @Override
  public String code() {
    return code;
  }

  /** 0 for standard up to 3 for premium; -1 for unknown. */
  public int rank() {
    return this == UNKNOWN ? -1 : ordinal();
  }

  public static Optional<Tier> of(String code) {
    return Code.of(Tier.class, code);
  }
}
