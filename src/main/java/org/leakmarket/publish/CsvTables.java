package org.leakmarket.publish;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.leakmarket.publish.PublicationModel.CaptureHistory;
import org.leakmarket.publish.PublicationModel.Change;
import org.leakmarket.publish.PublicationModel.HedonicPoint;
import org.leakmarket.publish.PublicationModel.IndexPoint;
import org.leakmarket.publish.PublicationModel.IssuerCount;
import org.leakmarket.publish.PublicationModel.LogLinearModel;
import org.leakmarket.publish.PublicationModel.MarketCell;
import org.leakmarket.publish.PublicationModel.Population;
import org.leakmarket.publish.PublicationModel.RegionCount;
import org.leakmarket.publish.PublicationModel.Revision;
import org.leakmarket.publish.PublicationModel.SampleCheck;
import org.leakmarket.publish.PublicationModel.TierCount;
import org.leakmarket.publish.PublicationModel.ValueAtMarket;
import org.leakmarket.publish.PublicationModel.ValueCell;
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
  public static final String MARK = "x";

  private CsvTables() {}

  /** File name (without {@code tables/}) to CSV text, in a fixed order. */
  public static Map<String, String> all(PublicationModel m) {
    Map<String, String> t = new LinkedHashMap<>();
    t.put("market_cells.csv", marketCells(m));
    t.put("indices.csv", indices(m));
    t.put("volume.csv", volume(m));
    t.put("change_since_previous.csv", changes(m));
    t.put("exposure_by_issuer.csv", byIssuer(m));
    t.put("exposure_by_tier.csv", byTier(m));
    t.put("exposure_by_region.csv", byRegion(m));
    t.put("samples.csv", samples(m));
    t.put("overlap.csv", overlap(m));
    t.put("population_models.csv", populationModels(m));
    t.put("population_sensitivity.csv", populationSensitivity(m));
    t.put("value_at_market_prices.csv", value(m));
    t.put("value_by_rule.csv", valueByRule(m));
    t.put("rejections_by_reason.csv", rejections(m));
    t.put("revisions.csv", revisions(m));
    return t;
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

  static String indices(PublicationModel m) {
    Csv c =
        new Csv(
            "period",
            "jevons",
            "jevons_ci_low",
            "jevons_ci_high",
            "jevons_matched_cells",
            "jevons_segment",
            "jevons_note",
            "hedonic",
            "hedonic_kennedy",
            "hedonic_se",
            "hedonic_ci_low",
            "hedonic_ci_high",
            "hedonic_n",
            "hedonic_sellers",
            "hedonic_r2",
            "suppressed",
            "note");
    for (PublicationModel.IndexRow row : m.market().indexRows()) {
      IndexPoint j = row.jevons();
      HedonicPoint h = row.hedonic();
      boolean s = row.suppressed();
      c.row(
          row.period(),
          j == null ? "" : Formats.csv(j.index()),
          j == null ? "" : Formats.csv(j.ciLow()),
          j == null ? "" : Formats.csv(j.ciHigh()),
          j == null || j.nCells() == null ? "" : Integer.toString(j.nCells()),
          j == null || j.segment() == null ? "" : Integer.toString(j.segment()),
          j == null ? "" : nz(j.note()),
          h == null ? "" : Formats.csv(h.index()),
          h == null ? "" : Formats.csv(h.indexKennedy()),
          h == null ? "" : Formats.csv(h.se()),
          h == null ? "" : Formats.csv(h.ciLow()),
          h == null ? "" : Formats.csv(h.ciHigh()),
          h == null ? "" : Formats.csv(h.n()),
          h == null ? "" : Formats.csv(h.sellers()),
          h == null ? "" : Formats.csv(h.r2()),
          bool(s),
          note(s));
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

  static String changes(PublicationModel m) {
    Csv c = new Csv("figure", "previous_period", "period", "previous", "current", "change_pct");
    for (Change x : m.changeSincePrevious()) {
      c.row(
          x.figure(),
          x.previousPeriod(),
          x.period(),
          Formats.csv(x.previous()),
          Formats.csv(x.current()),
          Formats.csv(x.changePct()));
    }
    return c.text();
  }

  static String byIssuer(PublicationModel m) {
    Csv c = new Csv("issuer", "persons", "suppressed", "note");
    if (m.exposure() != null) {
      for (IssuerCount x : m.exposure().byIssuer()) {
        c.row(x.issuer(), Formats.csv(x.persons()), bool(x.suppressed()), note(x.suppressed()));
      }
    }
    return c.text();
  }

  static String byTier(PublicationModel m) {
    Csv c = new Csv("tier", "persons", "suppressed", "note");
    if (m.exposure() != null) {
      for (TierCount x : m.exposure().byTier()) {
        c.row(x.tier(), Formats.csv(x.persons()), bool(x.suppressed()), note(x.suppressed()));
      }
    }
    return c.text();
  }

  static String byRegion(PublicationModel m) {
    Csv c = new Csv("region_code", "region_name", "persons", "suppressed", "note");
    if (m.exposure() != null) {
      for (RegionCount x : m.exposure().byRegion()) {
        c.row(
            x.regionCode(),
            nz(x.regionName()),
            Formats.csv(x.persons()),
            bool(x.suppressed()),
            note(x.suppressed()));
      }
    }
    return c.text();
  }

  static String samples(PublicationModel m) {
    Csv c =
        new Csv(
            "sample_id",
            "records",
            "valid_card_share",
            "recycled_share",
            "inferred_freshness",
            "claimed_freshness",
            "claim_mismatch",
            "suppressed",
            "note");
    if (m.exposure() != null) {
      for (SampleCheck x : m.exposure().samples()) {
        c.row(
            x.sampleId(),
            Formats.csv(x.records()),
            Formats.csv(x.validCardShare()),
            Formats.csv(x.recycledShare()),
            nz(x.inferredFreshness()),
            nz(x.claimedFreshness()),
            x.suppressed() ? "" : bool(x.mismatch()),
            bool(x.suppressed()),
            note(x.suppressed()));
      }
    }
    return c.text();
  }

  static String overlap(PublicationModel m) {
    Csv c = new Csv("history", "persons", "suppressed", "note");
    if (m.population() != null) {
      for (CaptureHistory x : m.population().overlap()) {
        c.row(x.history(), Formats.csv(x.persons()), bool(x.suppressed()), note(x.suppressed()));
      }
    }
    return c.text();
  }

  static String populationModels(PublicationModel m) {
    Csv c =
        new Csv(
            "model",
            "n_hat",
            "se",
            "ci_low",
            "ci_high",
            "aic",
            "bic",
            "converged",
            "selected",
            "profile_ci_low",
            "profile_ci_high",
            "weight");
    Population p = m.population();
    if (p != null) {
      if (p.lincolnPetersen() != null) {
        c.row(
            "lincoln_petersen",
            Formats.csv(p.lincolnPetersen().nHat()),
            Formats.csv(p.lincolnPetersen().se()),
            "",
            "",
            "",
            "",
            "true",
            bool("lincoln_petersen".equals(p.selected())),
            "",
            "",
            "");
      }
      if (p.chapman() != null) {
        c.row(
            "chapman",
            Formats.csv(p.chapman().nHat()),
            Formats.csv(p.chapman().se()),
            Formats.csv(p.chapman().ciLow()),
            Formats.csv(p.chapman().ciHigh()),
            "",
            "",
            "true",
            bool("chapman".equals(p.selected())),
            "",
            "",
            "");
      }
      for (LogLinearModel x : p.models()) {
        c.row(
            x.model(),
            Formats.csv(x.nHat()),
            Formats.csv(x.se()),
            Formats.csv(x.ciLow()),
            Formats.csv(x.ciHigh()),
            Formats.csv(x.aic()),
            Formats.csv(x.bic()),
            bool(x.converged()),
            bool(x.model().equals(p.selected())),
            Formats.csv(x.profileCiLow()),
            Formats.csv(x.profileCiHigh()),
            Formats.csv(x.weight()));
      }
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

  /**
   * One row per valued group (sample, period, category, tier, freshness) with the rule that priced
   * it, then the total; {@code records} are persons, each counted once.
   */
  static String value(PublicationModel m) {
    Csv c =
        new Csv(
            "sample_id",
            "period",
            "category",
            "tier",
            "freshness",
            "records",
            "rule",
            "priced_from",
            "n_quotes",
            "price_cny",
            "value_cny",
            "ci_low",
            "ci_high",
            "suppressed",
            "note");
    ValueAtMarket v = m.valueAtMarketPrices();
    if (v != null) {
      for (ValueCell x : v.byCell()) {
        c.row(
            nz(x.sampleId()),
            x.period(),
            x.category(),
            x.tier(),
            x.freshness(),
            Formats.csv(x.records()),
            nz(x.rule()),
            nz(x.pricedFrom()),
            Formats.csv(x.nQuotes()),
            Formats.csv(x.priceCny()),
            Formats.csv(x.valueCny()),
            Formats.csv(x.ciLow()),
            Formats.csv(x.ciHigh()),
            bool(x.suppressed()),
            note(x.suppressed()));
      }
      boolean s = v.totalCny() == null;
      c.row(
          "total",
          "",
          "",
          "",
          "",
          Formats.csv(v.recordsValued()),
          "",
          "",
          "",
          "",
          Formats.csv(v.totalCny()),
          Formats.csv(v.ciLow()),
          Formats.csv(v.ciHigh()),
          bool(s),
          note(s));
    }
    return c.text();
  }

  /** Persons and value per pricing rule ({@code unpriced} has no value). */
  static String valueByRule(PublicationModel m) {
    Csv c = new Csv("rule", "records", "value_cny", "suppressed", "note");
    ValueAtMarket v = m.valueAtMarketPrices();
    if (v != null) {
      for (PublicationModel.ValueRule r : v.byRule()) {
        c.row(
            r.rule(),
            Formats.csv(r.records()),
            Formats.csv(r.valueCny()),
            bool(r.suppressed()),
            note(r.suppressed()));
      }
    }
    return c.text();
  }

  static String rejections(PublicationModel m) {
    Csv c = new Csv("reason", "count");
    new TreeMap<>(m.rejectionsByReason()).forEach((r, n) -> c.row(r, Formats.csv(n)));
    return c.text();
  }

  static String revisions(PublicationModel m) {
    Csv c = new Csv("figure", "period", "old", "new", "change_pct", "note");
    for (Revision r : m.revisions()) {
      boolean s = r.newValue() == null;
      c.row(
          r.figure(),
          r.period(),
          Formats.csv(r.oldValue()),
          Formats.csv(r.newValue()),
          Formats.csv(pct(r.oldValue(), r.newValue())),
          note(s));
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
