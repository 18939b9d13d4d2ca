package org.leakmarket.vocab;

import java.util.Optional;

/** Whose data it is (vocabulary.md "Category"), independent of the {@link Product}. */
public enum Category implements Code {
  CREDIT_CARD,
  BANK_ACCOUNT,
  LOAN,
  SECURITIES,
  INSURANCE,
  TELECOM,
  ECOMMERCE,
  REAL_ESTATE,
  AUTO,
  EDUCATION,
  OTHER;

  /** The contract code, computed once per constant (asked for several times per offer). */
  private final String code = Code.codeOf(name());

  @Override
  public String code() {
    return code;
  }

  public static Optional<Category> of(String code) {
    return Code.of(Category.class, code);
  }
}
