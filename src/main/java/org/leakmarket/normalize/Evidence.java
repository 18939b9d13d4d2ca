package org.leakmarket.normalize;

/**
 * Why an offer has a value: the offer field, the text span it came from, and the rule that read it
 * (e.g. {@code field=tier span=白金卡 rule=tier.platinum}).
 */
public record Evidence(String field, String span, String rule) {}
