package org.leakmarket.normalize;

import org.leakmarket.vocab.Reason;

/**
 * What one price point becomes when it is converted and checked ({@link OfferAssembler}): an offer,
 * or the reason it cannot be one.
 */
sealed interface Assessment permits Assessment.Priced, Assessment.Rejected {

  /** A valid offer. */
  record Priced(Offer offer) implements Assessment {}

  /** Not an offer: the reason code and a human-readable detail (never an identifier). */
  record Rejected(Reason reason, String detail) implements Assessment {}
}
