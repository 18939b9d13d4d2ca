package org.leakmarket.publish;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A table as the Markdown and HTML templates see it: caption, headers, rows of cells, its CSV file;
 * a column of numbers is right-aligned. Built by {@link TableSpec#display} or, for the brief-only
 * tables, directly. Cost: one pass over the cells.
 */
final class DisplayTable {
  /** A number, percentage, signed change or range of them; not a period such as 2015-01. */
  private static final java.util.regex.Pattern NUMBER =
      java.util.regex.Pattern.compile(
          "[+−-]?[0-9][0-9,]*(\\.[0-9]+)?%?(–[0-9][0-9,]*(\\.[0-9]+)?%?)?");

  /** Columns of codes that look like numbers but are labels. */
  private static final java.util.Set<String> LABEL_COLUMNS =
      java.util.Set.of("Code", "History", "Sample", "Period", "Model", "Note");

  private final String csv;
  private final String title;
  private final List<String> headers;
  private final List<String[]> rows = new ArrayList<>();

  DisplayTable(String csvName, String title, String... headers) {
    this.csv = csvName == null ? null : "tables/" + csvName + ".csv";
    this.title = title;
    this.headers = List.of(headers);
  }

  void row(String... cells) {
    if (cells.length != headers.size()) {
      throw new IllegalStateException(
          title + ": row of " + cells.length + " cells, " + headers.size() + " headers");
    }
    rows.add(cells.clone());
  }

  Map<String, Object> map() {
    // A column of numbers only (blanks aside) is right-aligned, header included.
    boolean[] numeric = new boolean[headers.size()];
    for (int j = 0; j < numeric.length; j++) {
      boolean any = false;
      boolean all = !LABEL_COLUMNS.contains(headers.get(j));
      for (String[] r : rows) {
        if (!r[j].isEmpty()) {
          any = true;
          all &= NUMBER.matcher(r[j]).matches();
        }
      }
      numeric[j] = any && all;
    }
    List<Map<String, Object>> hs = new ArrayList<>();
    for (int j = 0; j < numeric.length; j++) {
      hs.add(Map.of("text", headers.get(j), "num", numeric[j] ? "num" : ""));
    }
    List<Map<String, Object>> rs = new ArrayList<>();
    for (String[] r : rows) {
      List<Map<String, Object>> cs = new ArrayList<>();
      for (int j = 0; j < r.length; j++) {
        cs.add(
            Map.of("text", r[j], "md", r[j].replace("|", "\\|"), "num", numeric[j] ? "num" : ""));
      }
      rs.add(Map.of("cells", cs));
    }
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("title", title);
    v.put("csv", csv);
    v.put("headers", hs);
    v.put("rows", rs);
    v.put("empty", rows.isEmpty());
    v.put("nonEmpty", !rows.isEmpty());
    return v;
  }
}
