package org.leakmarket.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A published table declared once: its CSV file, its caption, its columns (CSV name, header in the
 * brief, how a row's value is written in each) and how a suppressed row is marked. From it come the
 * CSV file ({@link #csv}) and the table the Markdown and HTML templates render ({@link #display}),
 * so the three cannot disagree on which rows, columns or marks a table has. Columns may be CSV-only
 * (codes and flags a reader of the brief does not need) or brief-only (a label made for reading).
 * Cost: one pass over the rows per rendering.
 */
final class TableSpec<T> {
  /** The footnote marker of a suppressed row, in the CSV {@code note} column and the brief. */
  static final String MARK = "x";

  /**
   * One column; {@code csvName} null means brief only, {@code header} null means CSV only.
   *
   * @param csv the value as the CSV writes it ({@link Formats#csv}, codes as they are)
   * @param display the value as the brief shows it ({@link Formats#count}, labels)
   */
  record Column<T>(
      String csvName, String header, Function<T, String> csv, Function<T, String> display) {}

  private final String name;
  private final String title;
  private final List<Column<T>> columns;

  /** The CSV's columns in the CSV's order (the brief's order is the declaration's). */
  private final List<Column<T>> csvColumns;

  private TableSpec(String name, String title, List<Column<T>> columns, List<String> csvOrder) {
    this.name = name;
    this.title = title;
    this.columns = List.copyOf(columns);
    List<Column<T>> csv = new ArrayList<>();
    if (csvOrder == null) {
      columns.stream().filter(c -> c.csvName() != null).forEach(csv::add);
    } else {
      for (String n : csvOrder) {
        csv.add(
            columns.stream()
                .filter(c -> n.equals(c.csvName()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + ": no CSV column " + n)));
      }
      if (csv.size() != columns.stream().filter(c -> c.csvName() != null).count()) {
        throw new IllegalArgumentException(name + ": the CSV order must name every CSV column");
      }
    }
    this.csvColumns = List.copyOf(csv);
  }

  /** A table written to {@code tables/<name>.csv} (null: brief only) with this caption. */
  static <T> Builder<T> table(String name, String title) {
    return new Builder<>(name, title);
  }

  /** The CSV file's name under {@code tables/}, e.g. {@code overlap.csv}. */
  String fileName() {
    return name + ".csv";
  }

  /** The CSV text: the header line, then one line per row, each ending with {@code \n}. */
  String csv(List<T> rows) {
    CsvTables.Csv out =
        new CsvTables.Csv(csvColumns.stream().map(Column::csvName).toArray(String[]::new));
    for (T r : rows) {
      out.row(csvColumns.stream().map(c -> c.csv().apply(r)).toArray(String[]::new));
    }
    return out.text();
  }

  /** The table as the Markdown and HTML templates see it. */
  Map<String, Object> display(List<T> rows) {
    return display(rows, title);
  }

  /**
   * The table under a caption made for this publication (one product's cells, the weight used), for
   * a table shown in parts.
   */
  Map<String, Object> display(List<T> rows, String title) {
    List<String> headers = new ArrayList<>();
    for (Column<T> c : columns) {
      if (c.header() != null) {
        headers.add(c.header());
      }
    }
    DisplayTable t = new DisplayTable(name, title, headers.toArray(String[]::new));
    for (T r : rows) {
      List<String> cells = new ArrayList<>();
      for (Column<T> c : columns) {
        if (c.header() != null) {
          cells.add(c.display().apply(r));
        }
      }
      t.row(cells.toArray(String[]::new));
    }
    return t.map();
  }

  /** Declares a table column by column, in the order of both renderings. */
  static final class Builder<T> {
    private final String name;
    private final String title;
    private final List<Column<T>> columns = new ArrayList<>();
    private List<String> csvOrder;

    private Builder(String name, String title) {
      this.name = name;
      this.title = title;
    }

    /** A column written differently in the CSV and the brief. */
    Builder<T> column(
        String csvName, String header, Function<T, String> csv, Function<T, String> display) {
      columns.add(new Column<>(csvName, header, csv, display));
      return this;
    }

    /** A label (code, name, period): the same text in both, blank when null. */
    Builder<T> label(String csvName, String header, Function<T, String> value) {
      Function<T, String> text = r -> nz(value.apply(r));
      return column(csvName, header, text, text);
    }

    /** A count: plain digits in the CSV, grouped in the brief, blank when null. */
    Builder<T> count(String csvName, String header, Function<T, Long> value) {
      return column(
          csvName, header, r -> Formats.csv(value.apply(r)), r -> Formats.count(value.apply(r)));
    }

    /** A CSV-only column. */
    Builder<T> csvOnly(String csvName, Function<T, String> csv) {
      return column(csvName, null, csv, null);
    }

    /** A brief-only column. */
    Builder<T> briefOnly(String header, Function<T, String> display) {
      return column(null, header, null, display);
    }

    /**
     * The suppression marker, last: the CSV's {@code suppressed} flag and {@code note} column, the
     * brief's {@code Note} column, both {@value TableSpec#MARK} on a suppressed row.
     */
    TableSpec<T> suppressedBy(Predicate<T> suppressed) {
      csvOnly("suppressed", r -> suppressed.test(r) ? "true" : "false");
      return markedBy(suppressed);
    }

    /**
     * The marker in the CSV only ({@code suppressed} and {@code note}), for a table whose brief
     * shows only the published rows.
     */
    TableSpec<T> suppressedInCsvBy(Predicate<T> suppressed) {
      csvOnly("suppressed", r -> suppressed.test(r) ? "true" : "false");
      csvOnly("note", r -> suppressed.test(r) ? MARK : "");
      return build();
    }

    /** The marker without the CSV flag: only the {@code note} and {@code Note} columns. */
    TableSpec<T> markedBy(Predicate<T> suppressed) {
      Function<T, String> mark = r -> suppressed.test(r) ? MARK : "";
      column("note", "Note", mark, mark);
      return build();
    }

    /**
     * The CSV's column order, when it is not the brief's (a published CSV keeps the order its
     * readers' scripts rely on).
     */
    Builder<T> csvOrder(String... csvNames) {
      this.csvOrder = List.of(csvNames);
      return this;
    }

    TableSpec<T> build() {
      return new TableSpec<>(name, title, columns, csvOrder);
    }
  }

  static String nz(String s) {
    return s == null ? "" : s;
  }
}
