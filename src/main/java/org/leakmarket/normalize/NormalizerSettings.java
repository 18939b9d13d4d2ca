package org.leakmarket.normalize;

import java.io.Serializable;
import org.leakmarket.config.Defaults;

/**
 * Plausibility bounds of a per-record price in CNY (vocabulary.md, Plausibility): outside them an
 * offer is rejected {@code price_out_of_range}.
 */
public record NormalizerSettings(double minPrice, double maxPrice) implements Serializable {

  /** The defaults: [0.000001, 50000] CNY (mass lists of emails sell at 10^-5 CNY a record). */
  public static NormalizerSettings defaults() {
    return new NormalizerSettings(Defaults.MIN_PRICE, Defaults.MAX_PRICE);
  }
}
