package org.leakmarket.ingest.samples;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Map;

/**
 * One line of the sample manifest (contracts section 2), resolved: {@code location} is the absolute
 * path or URI of the record file, {@code path} as the manifest wrote it. The seller is already
 * pseudonymised ({@code sellerToken}): the raw handle never leaves the driver's manifest reader.
 */
public record ManifestEntry(
    String sampleId,
    String path,
    String location,
    String format,
    String encoding,
    char delimiter,
    Map<String, String> columns,
    LocalDate obtainedAt,
    String listingId,
    String sellerToken,
    String source)
    implements Serializable {}
