package org.leakmarket.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One declaration, two renderings: the CSV takes the CSV columns (in the CSV order when one is
 * given), the brief the brief columns, each with its own format, and a suppressed row carries the
 * marker in both. Expected texts written out by hand.
 */
class TableSpecTest {
  record Row(String name, Long persons, Double share, boolean suppressed) {}

  private static final TableSpec<Row> SPEC =
      TableSpec.<Row>table("people", "People")
          .label("name", "Name", Row::name)
          .count("persons", "Persons", Row::persons)
          .column("share", "Share", r -> Formats.csv(r.share()), r -> Formats.percent(r.share()))
          .csvOnly("code", r -> r.name().toLowerCase())
          .briefOnly("Large", r -> r.persons() != null && r.persons() > 1000 ? "yes" : "")
          .suppressedBy(Row::suppressed);

  private static final List<Row> ROWS =
      List.of(new Row("A, Ltd", 12345L, 0.25, false), new Row("B", null, null, true));

  @Test
  void csvHasTheCsvColumnsFormattedForMachines() {
    assertThat(SPEC.fileName()).isEqualTo("people.csv");
    assertThat(SPEC.csv(ROWS))
        .isEqualTo(
            "name,persons,share,code,suppressed,note\n"
                + "\"A, Ltd\",12345,0.25,\"a, ltd\",false,\n"
                + "B,,,b,true,x\n");
  }

  @Test
  @SuppressWarnings("unchecked")
  void briefHasTheBriefColumnsFormattedForReaders() {
    Map<String, Object> t = SPEC.display(ROWS);
    assertThat(t.get("csv")).isEqualTo("tables/people.csv");
    assertThat(t.get("title")).isEqualTo("People");
    List<Map<String, Object>> headers = (List<Map<String, Object>>) t.get("headers");
    assertThat(headers.stream().map(h -> h.get("text")))
        .containsExactly("Name", "Persons", "Share", "Large", "Note");
    List<Map<String, Object>> rows = (List<Map<String, Object>>) t.get("rows");
    assertThat(cells(rows.get(0))).containsExactly("A, Ltd", "12,345", "25.0%", "yes", "");
    assertThat(cells(rows.get(1))).containsExactly("B", "", "", "", "x");
  }

  @Test
  void aCsvOrderReordersTheCsvOnly() {
    TableSpec<Row> spec =
        TableSpec.<Row>table("people", "People")
            .label("name", "Name", Row::name)
            .count("persons", "Persons", Row::persons)
            .csvOrder("persons", "name")
            .build();
    assertThat(spec.csv(ROWS.subList(0, 1))).isEqualTo("persons,name\n12345,\"A, Ltd\"\n");
    assertThatThrownBy(
            () ->
                TableSpec.<Row>table("people", "People")
                    .label("name", "Name", Row::name)
                    .count("persons", "Persons", Row::persons)
                    .csvOrder("name")
                    .build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @SuppressWarnings("unchecked")
  private static List<Object> cells(Map<String, Object> row) {
    return ((List<Map<String, Object>>) row.get("cells")).stream().map(c -> c.get("text")).toList();
  }
}
