package org.leakmarket.vocab;

import java.util.Optional;

/**
 * What an offer sells (vocabulary.md "Product"), the first dimension of every market cell. Goods
 * 100 times apart in price never share a cell: a Chinese customer list sold per 条 is not the card
 * data an English shop sells per card. The constant order is the order of publication (the seed's
 * customer records first).
 */
public enum Product implements Code {
  /**
   * Records about people: names, phones, addresses, customer lists; nothing that pays by itself.
   */
  PERSONAL_RECORDS,
  /** Card data that pays online: number, expiry and CVV; fullz with card. */
  CARD_CREDENTIALS,
  /** Data or cards that pay in person: track dumps, cloned cards, cards with PIN. */
  CARD_CLONES,
  /** A working login or account (online banking, PayPal, e-shop, mail), often with a balance. */
  ACCOUNT_ACCESS,
  /** Images or scans of documents, selfies with documents, kits for opening accounts. */
  IDENTITY_DOCUMENTS,
  /** Anything else: services, tools. */
  OTHER;

  /** The contract code, computed once per constant (asked for several times per offer). */
  private final String code = Code.codeOf(name());

  @Override
  public String code() {
    return code;
  }

  public static Optional<Product> of(String code) {
    return Code.of(Product.class, code);
  }
}
