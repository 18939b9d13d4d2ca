package org.leakmarket.vocab;

import java.util.Optional;

/** How fresh the goods are (vocabulary.md "Freshness"). */
public enum Freshness implements Code {
  NEW,
  SECOND_HAND,
  AGED,
  UNKNOWN;

  @Override
  public String code() {
    return Code.codeOf(this);
  }

  public static Optional<Freshness> of(String code) {
    return Code.of(Freshness.class, code);
  }
}
