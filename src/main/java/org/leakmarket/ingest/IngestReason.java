package org.leakmarket.ingest;

/**
 * Quarantine reason codes that ingest adds to those of contracts section 4 ({@link
 * org.leakmarket.normalize.Reason}): what a hostile or damaged input line gets
 * (docs/reliability.md).
 */
public final class IngestReason {
  /** A line (JSON Lines) or record (CSV) longer than {@code max_line_bytes}: never buffered. */
  public static final String LINE_TOO_LONG = "line_too_long";

  /** Bytes that are not UTF-8 (binary garbage, another encoding mixed in). */
  public static final String INVALID_UTF8 = "invalid_utf8";

  /** A listing id given again with different content; the first (by file and text) is kept. */
  public static final String CONFLICTING_ID = "conflicting_id";

  private IngestReason() {}
}
