package org.leakmarket.config;

import java.time.LocalDate;

/**
 * Limits that keep hostile or runaway input from exhausting the machine, and the plausibility
 * window of posting dates (docs/reliability.md). Part of {@link LeakmarketConfig}; each is a YAML
 * key and most are flags.
 *
 * @param maxOffersPerListing offers one advert may give ({@code max_offers_per_listing})
 * @param maxAdvertChars longest advert text normalised ({@code max_advert_chars})
 * @param maxLineBytes longest listing line or sample row read ({@code max_line_bytes})
 * @param maxSampleFileBytes largest sample file one task reads, decompressed ({@code
 *     max_sample_file_bytes})
 * @param lockStaleMinutes age after which an unrefreshed warehouse lock is stale ({@code
 *     lock_stale_minutes})
 * @param earliestDate postings dated before it are {@code bad_date} ({@code earliest_date})
 */
public record Limits(
    int maxOffersPerListing,
    int maxAdvertChars,
    long maxLineBytes,
    long maxSampleFileBytes,
    int lockStaleMinutes,
    LocalDate earliestDate) {

  /** The defaults of {@link Defaults}. */
  public static Limits defaults() {
    return new Limits(
        Defaults.MAX_OFFERS_PER_LISTING,
        Defaults.MAX_ADVERT_CHARS,
        Defaults.MAX_LINE_BYTES,
        Defaults.MAX_SAMPLE_FILE_BYTES,
        Defaults.LOCK_STALE_MINUTES,
        LocalDate.parse(Defaults.EARLIEST_DATE));
  }
}
