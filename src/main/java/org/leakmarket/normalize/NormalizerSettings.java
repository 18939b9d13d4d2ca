package org.leakmarket.normalize;

import java.io.Serializable;

/** Plausibility bounds of a per-record price in CNY (vocabulary.md, Plausibility). */
public record NormalizerSettings(double minPrice, double maxPrice) implements Serializable {}
