package org.leakmarket.publish;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.leakmarket.publish.PublicationModel.Population;

/**
 * The publication's tables as CSV text, one per table, from an already suppressed model: each from
 * its declaration in {@link PublishedTables} (the one the brief's Markdown and HTML come from too),
 * except {@code population_sensitivity.csv}, whose rows differ from the brief's "how much the
 * choice of model matters" table and which is written here. A suppressed row keeps its labels,
 * leaves every number blank and carries {@value #MARK} in its {@code note} column (the footnote
 * marker of the publication). Numbers use {@link Formats#csv}; lines end with {@code \n}; fields
 * holding a comma, quote or line break are quoted. Costs one pass per table.
 */
public final class CsvTables {
  /** The footnote marker of a suppressed row. */
  public static final String MARK = TableSpec.MARK;

  private CsvTables() {}

  /** File name (without {@code tables/}) to CSV text, in a fixed order. */
  public static Map<String, String> all(PublicationModel m) {
    Map<String, String> t = new LinkedHashMap<>();
    put(
        t,
        PublishedTables.MARKET_CELLS,
        PublishedTables.cellLines(m.market().cells(), m.market().weight()));
    put(t, PublishedTables.INDICES, m.market().indexRows());
    put(t, PublishedTables.VOLUME, m.volume());
    put(t, PublishedTables.CHANGES, m.changeSincePrevious());
    put(t, PublishedTables.ISSUERS, PublishedTables.issuers(m));
    put(t, PublishedTables.TIERS, PublishedTables.tiers(m));
    put(t, PublishedTables.REGIONS, PublishedTables.regions(m));
    put(t, PublishedTables.SAMPLES, PublishedTables.samples(m));
    put(t, PublishedTables.OVERLAP, PublishedTables.overlap(m));
    put(t, PublishedTables.POPULATION_MODELS, PublishedTables.modelLines(m.population()));
    t.put("population_sensitivity.csv", populationSensitivity(m));
    put(t, PublishedTables.VALUE, PublishedTables.valueLines(m.valueAtMarketPrices()));
    put(t, PublishedTables.VALUE_RULES, PublishedTables.valueRules(m));
    put(t, PublishedTables.REJECTIONS, PublishedTables.rejections(m));
    put(t, PublishedTables.REVISIONS, m.revisions());
    return t;
  }

  private static <T> void put(Map<String, String> out, TableSpec<T> spec, List<T> rows) {
    out.put(spec.fileName(), spec.csv(rows));
  }

  /**
   * The model average and the heterogeneity models: {@code kind} is {@code model_average} or {@code
   * heterogeneity}; a blank {@code profile_ci_high} beside a {@code profile_ci_low} means no finite
   * upper limit.
   */
  static String populationSensitivity(PublicationModel m) {
    Csv c =
        new Csv(
            "kind",
            "model",
            "n_hat",
            "se",
            "ci_low",
            "ci_high",
            "profile_ci_low",
            "profile_ci_high",
            "converged",
            "note");
    Population p = m.population();
    if (p != null) {
      PublicationModel.ModelAverage a = p.modelAverage();
      if (a != null) {
        c.row(
            "model_average",
            "average of " + (a.models() == null ? "" : a.models()) + " models",
            Formats.csv(a.nHat()),
            Formats.csv(a.se()),
            Formats.csv(a.ciLow()),
            Formats.csv(a.ciHigh()),
            "",
            "",
            "true",
            nz(a.criterion()) + " weights; unconditional SE (Buckland et al. 1997)");
      }
      for (PublicationModel.SensitivityModel x : p.sensitivity()) {
        c.row(
            "heterogeneity",
            x.model(),
            Formats.csv(x.nHat()),
            Formats.csv(x.se()),
            Formats.csv(x.ciLow()),
            Formats.csv(x.ciHigh()),
            Formats.csv(x.profileCiLow()),
            Formats.csv(x.profileCiHigh()),
            bool(x.converged()),
            nz(x.note()));
      }
    }
    return c.text();
  }

  static Double pct(Double from, Double to) {
    if (from == null || to == null || from == 0) {
      return null;
    }
    return (to / from - 1) * 100;
  }

  private static String bool(boolean b) {
    return b ? "true" : "false";
  }

  private static String note(boolean suppressed) {
    return suppressed ? MARK : "";
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  /** A CSV under construction. */
  static final class Csv {
    private final StringBuilder sb = new StringBuilder();
    private final int width;

    Csv(String... header) {
      width = header.length;
      row(header);
    }

    void row(String... fields) {
      if (fields.length != width) {
        throw new IllegalStateException("row of " + fields.length + " fields, header has " + width);
      }
      List<String> out = new ArrayList<>(fields.length);
      for (String f : fields) {
        out.add(quote(f));
      }
      sb.append(String.join(",", out)).append('\n');
    }

    String text() {
      return sb.toString();
    }

    private static String quote(String f) {
      if (f == null) {
        return "";
      }
      if (f.contains(",") || f.contains("\"") || f.contains("\n") || f.contains("\r")) {
        return "\"" + f.replace("\"", "\"\"") + "\"";
      }
      return f;
    }
  }
}
