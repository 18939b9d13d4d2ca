package org.leakmarket.ingest.samples;

import java.util.Map;

/**
 * A sample row that did not become a record: a reason code, a detail naming fields (never values),
 * and masked renderings of what the row held (privacy.md section 2).
 */
public record Rejection(String reason, String detail, Map<String, String> masked) {
  /** No card, phone, ID, account, email or name in the row. */
  public static final String NO_IDENTIFIER = "no_identifier";

  /** A "合计 / total" line at the end of a spreadsheet export. */
  public static final String TOTAL_ROW = "total_row";

  /** The only identifiers were numbers a spreadsheet turned into floating point. */
  public static final String MANGLED_NUMBER = "mangled_number";

  /** An unterminated quote, text after a closing quote, or more cells than headers. */
  public static final String MALFORMED_ROW = "malformed_row";

  /** A row longer than the configured limit ({@code max_line_bytes}): cut, not buffered. */
  public static final String LINE_TOO_LONG = "line_too_long";

  /** A JSON Lines line that is not a JSON object. */
  public static final String BAD_JSON = "bad_json";
}
