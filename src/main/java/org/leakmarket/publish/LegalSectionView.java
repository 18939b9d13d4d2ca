package org.leakmarket.publish;

import java.util.LinkedHashMap;
import java.util.Map;
import org.leakmarket.publish.LegalSection.SampleItems;
import org.leakmarket.publish.LegalSection.TierRow;
import org.leakmarket.publish.PublicationView.DisplayTable;

/**
 * Renders a suppressed {@link LegalSection}: the template context of the partials {@code
 * md-legal.mustache} and {@code html-legal.mustache} (under the key {@code legal}) and the CSV
 * tables {@code legal_thresholds.csv} and {@code legal_samples.csv}. Only published values reach
 * either. Pure; costs one pass.
 */
final class LegalSectionView {
  private static final Map<String, String> UNITS =
      Map.of("advert", "Adverts", "sample", "Leak samples", "seller", "Sellers of samples");
  private static final Map<String, String> MEASURES =
      Map.of(
          "items", "Items of personal information (Art. 5(1)(3)–(6))",
          "gains_cny", "Asking value against the gains line (Art. 5(1)(7))");

  private final LegalSection s;

  LegalSectionView(LegalSection published) {
    this.s = published;
  }

  Map<String, Object> context() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("note", s.note());
    c.put("source", s.source());
    c.put("rulesVersion", s.rulesVersion());
    c.put("text", text());
    c.put("advertTable", advertTable());
    c.put("sampleTierTable", sampleTierTable());
    c.put("sampleTable", sampleTable());
    return c;
  }

  private String text() {
    StringBuilder sb = new StringBuilder();
    TierRow ads = row("advert", "items");
    TierRow gains = row("advert", "gains_cny");
    TierRow samples = row("sample", "items");
    if (ads != null) {
      sb.append("Of ")
          .append(Formats.count(ads.units()))
          .append(" adverts, ")
          .append(n(ads.seriousFound()))
          .append(" offer a stated count at or above the serious line of their class (")
          .append(n(ads.especiallyFound()))
          .append(" at ten times it or more)");
      if (gains != null) {
        sb.append(", and ")
            .append(n(gains.seriousFound()))
            .append(" ask 5,000 CNY or more for one lot (")
            .append(n(gains.especiallyFound()))
            .append(" ask 50,000 CNY or more)");
      }
      sb.append(". ");
    }
    if (samples != null) {
      sb.append("Of ")
          .append(Formats.count(samples.units()))
          .append(" leak samples, ")
          .append(n(samples.seriousFound()))
          .append(" reach the serious line as handed over and ")
          .append(n(samples.seriousCounted()))
          .append(
              " after fabricated records (identifiers failing their check) and duplicate persons are"
                  + " excluded (Article 11). ");
    }
    sb.append(
            "Adverts are classed by what they sell: customer lists whose fields an advert does not state"
                + " count as other personal information (5,000 items), card and account data as property"
                + " information (50 items). A stated count is what the advert offers, not what was sold;"
                + " an asking value is the price times that count, not a gain. Tables version ")
        .append(s.rulesVersion())
        .append(".");
    return sb.toString();
  }

  private TierRow row(String unit, String measure) {
    return s.tiers().stream()
        .filter(t -> t.unit().equals(unit) && t.measure().equals(measure))
        .findFirst()
        .orElse(null);
  }

  /** A published count, or a word saying it is suppressed. */
  private static String n(Long x) {
    return x == null ? "a suppressed number of" : Formats.count(x);
  }

  private static String cell(Long x) {
    return x == null ? "" : Formats.count(x);
  }

  private static String mark(TierRow r) {
    return r.suppressed().isEmpty() ? "" : CsvTables.MARK;
  }

  private Map<String, Object> advertTable() {
    DisplayTable t =
        new DisplayTable(
            "legal_thresholds",
            "Adverts against the lines of Article 5 (as stated)",
            "Measure",
            "Adverts",
            "Serious (≥ 1×)",
            "Especially serious (≥ 10×)",
            "Note");
    for (TierRow r : s.tiers()) {
      if (r.unit().equals("advert")) {
        t.row(
            MEASURES.getOrDefault(r.measure(), r.measure()),
            Formats.count(r.units()),
            cell(r.seriousFound()),
            cell(r.especiallyFound()),
            mark(r));
      }
    }
    return t.map();
  }

  private Map<String, Object> sampleTierTable() {
    DisplayTable t =
        new DisplayTable(
            "legal_thresholds",
            "Leak samples and their sellers against the item lines, as found and after Article 11",
            "Unit",
            "Units",
            "Serious, as found",
            "Serious, after exclusions",
            "Especially serious, as found",
            "Especially serious, after exclusions",
            "Note");
    for (TierRow r : s.tiers()) {
      if (!r.unit().equals("advert") && r.measure().equals("items")) {
        t.row(
            UNITS.getOrDefault(r.unit(), r.unit()),
            Formats.count(r.units()),
            cell(r.seriousFound()),
            cell(r.seriousCounted()),
            cell(r.especiallyFound()),
            cell(r.especiallyCounted()),
            mark(r));
      }
    }
    return t.map();
  }

  private Map<String, Object> sampleTable() {
    DisplayTable t =
        new DisplayTable(
            "legal_samples",
            "Items in each leak sample, as found and after Article 11",
            "Sample",
            "Items found",
            "Items after exclusions",
            "Multiple found",
            "Multiple after",
            "Tier found",
            "Tier after",
            "Note");
    for (SampleItems x : s.samples()) {
      t.row(
          x.sampleId(),
          x.itemsFound() == null ? "" : Formats.count(Math.round(x.itemsFound())),
          x.itemsCounted() == null ? "" : Formats.count(Math.round(x.itemsCounted())),
          multiple(x.multipleFound()),
          multiple(x.multipleCounted()),
          tier(x.tierFound()),
          tier(x.tierCounted()),
          x.suppressed() ? CsvTables.MARK : "");
    }
    return t.map();
  }

  private static String multiple(Double m) {
    return m == null ? "" : String.format(java.util.Locale.ROOT, "%.2f", m);
  }

  private static String tier(String code) {
    if (code == null) {
      return "";
    }
    return switch (code) {
      case "especially_serious" -> "especially serious";
      case "serious" -> "serious";
      default -> "below";
    };
  }

  /** {@code legal_thresholds.csv} and {@code legal_samples.csv}. */
  Map<String, String> csv() {
    Map<String, String> out = new LinkedHashMap<>();
    CsvTables.Csv a =
        new CsvTables.Csv(
            "unit",
            "measure",
            "units",
            "serious_found",
            "serious_counted",
            "especially_found",
            "especially_counted",
            "suppressed",
            "note");
    for (TierRow r : s.tiers()) {
      a.row(
          r.unit(),
          r.measure(),
          Formats.csv(r.units()),
          Formats.csv(r.seriousFound()),
          Formats.csv(r.seriousCounted()),
          Formats.csv(r.especiallyFound()),
          Formats.csv(r.especiallyCounted()),
          String.join(" ", r.suppressed()),
          mark(r));
    }
    out.put("legal_thresholds.csv", a.text());
    CsvTables.Csv b =
        new CsvTables.Csv(
            "sample_id",
            "items_found",
            "items_counted",
            "multiple_found",
            "multiple_counted",
            "tier_found",
            "tier_counted",
            "suppressed",
            "note");
    for (SampleItems x : s.samples()) {
      b.row(
          x.sampleId(),
          Formats.csv(x.itemsFound()),
          Formats.csv(x.itemsCounted()),
          Formats.csv(x.multipleFound()),
          Formats.csv(x.multipleCounted()),
          x.tierFound(),
          x.tierCounted(),
          Boolean.toString(x.suppressed()),
          x.suppressed() ? CsvTables.MARK : "");
    }
    out.put("legal_samples.csv", b.text());
    return out;
  }
}
