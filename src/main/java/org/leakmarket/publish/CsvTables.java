package org.leakmarket.publish;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.leakmarket.publish.PublicationModel.MarketCell;
import org.leakmarket.publish.PublicationModel.Population;
import org.leakmarket.publish.PublicationModel.Volume;

/**
 * The publication's tables as CSV text, one per table, from an already suppressed model. A
 * suppressed row keeps its labels, leaves every number blank and carries {@value #MARK} in its
 * {@code note} column (the footnote marker of the publication). Numbers use {@link Formats#csv};
 * lines end with {@code \n}; fields holding a comma, quote or line break are quoted. Costs one pass
 * per table.
 */
public final class CsvTables {
  /** The footnote marker of a suppressed row. */
  public static final String MARK = TableSpec.MARK;

  private CsvTables() {}

  /** File name (without {@code tables/}) to CSV text, in a fixed order. */
  public static Map<String, String> all(PublicationModel m) {
    Map<String, String> t = new LinkedHashMap<>();
    t.put("market_cells.csv", marketCells(m));
    put(t, PublishedTables.INDICES, m.market().indexRows());
    t.put("volume.csv", volume(m));
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

  static String marketCells(PublicationModel m) {
    Csv c =
        new Csv(
            "period",
            "product",
            "category",
            "tier",
            "freshness",
            "n_quotes",
            "n_offers",
            "n_sellers",
            "median_cny",
            "p25_cny",
            "p75_cny",
            "min_cny",
            "max_cny",
            "median_ci_low",
            "median_ci_high",
            "median_ci_level",
            "ci_method",
            "weight",
            "suppressed",
            "note");
    String weight = m.market().weight() == null ? "" : m.market().weight();
    for (MarketCell x : m.market().cells()) {
      c.row(
          x.period(),
          nz(x.product()),
          x.category(),
          x.tier(),
          x.freshness(),
          Formats.csv(x.nQuotes()),
          Formats.csv(x.nOffers()),
          Formats.csv(x.nSellers()),
          Formats.csv(x.medianCny()),
          Formats.csv(x.p25Cny()),
          Formats.csv(x.p75Cny()),
          Formats.csv(x.minCny()),
          Formats.csv(x.maxCny()),
          Formats.csv(x.medianCiLow()),
          Formats.csv(x.medianCiHigh()),
          Formats.csv(x.medianCiLevel()),
          nz(x.ciMethod()),
          weight,
          bool(x.suppressed()),
          note(x.suppressed()));
    }
    return c.text();
  }

  static String volume(PublicationModel m) {
    Csv c = new Csv("period", "offers", "sellers", "suppressed", "note");
    for (Volume v : m.volume()) {
      c.row(
          v.period(),
          Formats.csv(v.offers()),
          Formats.csv(v.sellers()),
          bool(v.suppressed()),
          note(v.suppressed()));
    }
    return c.text();
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
