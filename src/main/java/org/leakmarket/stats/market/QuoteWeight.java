package org.leakmarket.stats.market;

import java.util.Locale;

/**
 * How offers vote in a market cell (methods.md, Market, unit of count). {@link #SELLER}, the
 * default: a seller quoting several prices in one cell and period counts once, at the median of its
 * quotes. {@link #OFFER}: one vote per offer (after reposts and copies collapse), labelled as such
 * wherever it is published.
 */
public enum QuoteWeight {
  SELLER,
  OFFER;

  /** The configuration spelling: {@code seller} or {@code offer}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code seller} or {@code offer} (any case); throws naming the value otherwise. */
  public static QuoteWeight parse(String s) {
    if (s != null) {
      for (QuoteWeight w : values()) {
        if (w.code().equalsIgnoreCase(s.trim())) {
          return w;
        }
      }
    }
    throw new IllegalArgumentException("weight must be seller or offer, was: " + s);
  }
}
