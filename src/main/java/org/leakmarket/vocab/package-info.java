/**
 * The contract's closed vocabularies as enums: {@link org.leakmarket.vocab.Product}, {@link
 * org.leakmarket.vocab.Tier}, {@link org.leakmarket.vocab.Freshness}, {@link
 * org.leakmarket.vocab.Category}, {@link org.leakmarket.vocab.Qualifier} and {@link
 * org.leakmarket.vocab.Reason}. Plain Java with no dependency, so the normaliser's vocabulary
 * tables, the generator, charts and publication share one spelling of each code; tables, JSON and
 * CSV keep the lower-case {@link org.leakmarket.vocab.Code#code()} strings.
 */
package org.leakmarket.vocab;
