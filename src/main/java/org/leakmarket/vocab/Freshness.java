package org.leakmarket.vocab;

import java.util.Optional;

/** How fresh the goods are (vocabulary.md "Freshness"). */
public enum Freshness implements Code {
  NEW,
  SECOND_HAND,
  AGED,
  UNKNOWN;

  /** The contract code, computed once per constant (asked for several times per offer). */
  private final String code = Code.codeOf(name());

  @Override
  public String code() {
    return code;
  }

  public static Optional<Freshness> of(String code) {
    return Code.of(Freshness.class, code);
  }
}
