package org.leakmarket.normalize;

import org.leakmarket.normalize.Vocabulary.Kind;
import org.leakmarket.vocab.Code;

/**
 * An attribute value written in an advert (a tier, freshness, category, product, issuer or region
 * word), with where it stands and the rule that read it.
 *
 * @param value the code as a string (region code, comma-separated issuer codes, tier code...)
 * @param code the enum constant of a tier, freshness, category or product; null otherwise
 * @param codes issuer codes of an issuer mention; null otherwise
 */
record Mention(
    Kind kind,
    String value,
    Code code,
    int start,
    int end,
    String rule,
    String[] codes,
    int flags) {

  static Mention of(Vocabulary.Meaning m, int start, int end) {
    return new Mention(m.kind(), m.value(), m.code(), start, end, m.rule(), m.codes(), m.flags());
  }
}
