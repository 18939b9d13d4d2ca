package org.leakmarket.publish;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.leakmarket.config.Defaults;
import org.leakmarket.publish.PublicationModel.CaptureHistory;
import org.leakmarket.publish.PublicationModel.Change;
import org.leakmarket.publish.PublicationModel.DataAndMethods;
import org.leakmarket.publish.PublicationModel.Exposure;
import org.leakmarket.publish.PublicationModel.IssuerCount;
import org.leakmarket.publish.PublicationModel.MarketCell;
import org.leakmarket.publish.PublicationModel.Population;
import org.leakmarket.publish.PublicationModel.RegionCount;
import org.leakmarket.publish.PublicationModel.SampleCheck;
import org.leakmarket.publish.PublicationModel.TierCount;
import org.leakmarket.publish.PublicationModel.ValueCell;

/**
 * Turns a suppressed model into the template context of {@code publication.md} and {@code
 * publication.html}: headline sentences with their numbers and intervals, chart references and the
 * data-and-methods facts; its tables come from their declarations in {@link PublishedTables} (the
 * same the CSV files come from), so this class holds prose, not table layouts. Only published
 * values of the model enter the context, so templates cannot show a suppressed number. Pure; costs
 * one pass.
 */
final class PublicationView {
  private final PublicationModel m;
  private final int k;
  private final int minSellers;
  private final MarketView market;

  PublicationView(PublicationModel m, int k, int minSellers) {
    this.m = m;
    this.k = k;
    this.minSellers = minSellers;
    this.market = new MarketView(m);
  }

  /** The context: a tree of maps, lists and strings. */
  Map<String, Object> context(List<PublicationCharts.Chart> charts, Map<String, String> svgs) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("label", m.label());
    c.put("generatedAt", m.generatedAt() == null ? "" : m.generatedAt());
    c.put("k", k);
    c.put("minSellers", minSellers);
    c.put("intro", intro());
    c.put("headlines", headlines());
    Map<String, Object> byId = new LinkedHashMap<>();
    for (PublicationCharts.Chart ch : charts) {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("title", ch.title());
      v.put("alt", ch.alt());
      v.put("svgFile", "charts/" + ch.id() + ".svg");
      v.put("pngFile", "charts/" + ch.id() + ".png");
      v.put("svg", svgs.get(ch.id()));
      byId.put(ch.id(), v);
    }
    c.put("marketText", market.marketText());
    c.put("productSections", market.productSections(byId));
    c.put("indexChart", byId.get("price_indices"));
    c.put("issuerChart", byId.get("exposure_by_issuer"));
    c.put("populationChart", byId.get("population_estimates"));
    c.put("indexTable", market.indexTable());
    c.put("indexText", market.indexText());
    c.put("changeTable", changeTable());
    c.put("changeText", changeText());
    c.put("issuerTable", issuerTable());
    c.put("tierTable", tierTable());
    c.put("regionTable", regionTable());
    c.put("exposureText", exposureText());
    c.put("samplesTable", samplesTable());
    c.put("samplesText", samplesText());
    c.put("populationText", populationText());
    c.put("modelTable", modelTable());
    c.put("populationUncertaintyTable", new PopulationView(m.population()).uncertaintyTable());
    c.put("overlapTable", overlapTable());
    c.put("valueText", valueText());
    c.put("valueTable", valueTable());
    c.put("valueRuleTable", new ValueView(m.valueAtMarketPrices(), k).ruleTable());
    c.put("hasRevisions", !m.revisions().isEmpty());
    c.put("revisionTable", revisionTable());
    c.put("revisionText", revisionText());
    c.put("sourcesTable", sourcesTable());
    c.put("countsTable", countsTable());
    c.put("rejectionTable", rejectionTable());
    c.put("parameterTable", parameterTable());
    c.put("versionTable", versionTable());
    DataAndMethods dm = m.dataAndMethods();
    c.put("fxSource", dm == null || dm.fxSource() == null ? "not recorded" : dm.fxSource());
    c.put("seed", dm == null ? "" : Long.toString(dm.seed()));
    c.put("codeVersion", dm == null || dm.codeVersion() == null ? "" : dm.codeVersion());
    c.put("modelSelected", modelSelectedText());
    c.put("hasSuppressed", anySuppressed());
    c.put("methods", methods());
    c.put("footnotes", m.footnotes());
    return c;
  }

  /** The methods of methods.md, written out plainly, with this publication's parameters. */
  private List<Map<String, String>> methods() {
    Map<String, String> p = m.dataAndMethods() == null ? Map.of() : m.dataAndMethods().parameters();
    String threshold =
        p.getOrDefault("recycled_threshold", String.valueOf(Defaults.RECYCLED_THRESHOLD));
    List<Map<String, String>> out = new ArrayList<>();
    out.addAll(market.methods());
    out.add(
        method(
            "Exposure",
            "Identifiers in the leak samples are replaced by keyed tokens before anything is stored. "
                + "Records sharing a card, phone or ID-number token belong to one person. A record "
                + "whose person appeared in an earlier sample is recycled; a sample whose recycled "
                + "share exceeds "
                + threshold
                + " is inferred to be second-hand and compared with the "
                + "freshness its seller claimed."));
    out.add(method("Population", PopulationView.method()));
    out.add(method("Value at asking prices", ValueView.method()));
    out.add(
        method(
            "Suppression",
            "A market cell with fewer than "
                + k
                + " independent quotes or fewer than "
                + minSellers
                + " sellers, and any exposure or overlap cell with fewer than "
                + k
                + " persons, is "
                + "suppressed and marked "
                + CsvTables.MARK
                + ". Where a table has a published total, "
                + "further cells (the smallest first) are suppressed until the suppressed cells are at "
                + "least two and together hold at least "
                + k
                + " units, so that no suppressed value "
                + "can be recovered by subtraction; where that is impossible, the total is withheld "
                + "too. Suppressed values appear in no table, chart, sentence or file."));
    out.add(
        method(
            "Reproducibility",
            "Every number depends only on the table versions listed above, the parameters and the "
                + "seed; re-rendering from them gives identical tables and summary."));
    return out;
  }

  static Map<String, String> method(String term, String text) {
    return Map.of("term", term, "text", text);
  }

  // ---------------------------------------------------------------- prose

  private String intro() {
    StringBuilder sb = new StringBuilder();
    sb.append("This brief measures the black market in stolen personal and financial data for ")
        .append(m.label().equals("all") ? "all periods observed" : "the period " + m.label())
        .append(
            ": what stolen records are advertised at, how asking prices move, who was exposed in the leak "
                + "samples sellers hand out, and how many people those samples imply.");
    if (m.listings() != null) {
      sb.append(" It rests on ")
          .append(Formats.count(m.listings().read()))
          .append(" adverts read, of which ")
          .append(Formats.count(m.listings().offers()))
          .append(" price offers were usable");
      if (m.samples() != null) {
        sb.append(", and on ").append(Formats.count(m.samples().samples())).append(" leak samples");
      }
      sb.append('.');
    }
    return sb.toString();
  }

  List<String> headlines() {
    List<String> out = new ArrayList<>();
    out.addAll(market.headlines());
    String index = market.indexText();
    if (!index.isEmpty()) {
      out.add(index);
    }
    String exposure = exposureText();
    if (!exposure.isEmpty()) {
      out.add(exposure);
    }
    String samples = samplesText();
    if (!samples.isEmpty() && mismatches() > 0) {
      out.add(samples);
    }
    String pop = populationText();
    if (!pop.isEmpty()) {
      out.add(pop);
    }
    String value = valueText();
    if (!value.isEmpty()) {
      out.add(value);
    }
    return out;
  }

  String changeText() {
    for (Change ch : m.changeSincePrevious()) {
      if (ch.figure().equals(FigureNames.HEDONIC)) {
        return "From "
            + ch.previousPeriod()
            + " to "
            + ch.period()
            + " the hedonic index moved "
            + Formats.change(ch.changePct())
            + " ("
            + Formats.index(ch.previous())
            + " to "
            + Formats.index(ch.current())
            + changeVerdict(ch)
            + ").";
      }
    }
    return m.changeSincePrevious().isEmpty()
        ? "Only one period is published, so there is no previous period to compare with."
        : "";
  }

  /**
   * The change's own interval and what it says: a policy reader takes "+24%" for a finding, so the
   * sentence says when sampling error alone could give a change that size.
   */
  private static String changeVerdict(Change ch) {
    if (ch.ciLowPct() == null || ch.ciHighPct() == null) {
      return "";
    }
    return "; 95% CI of the change "
        + PublishedTables.changeInterval(ch)
        + (ch.clear()
            ? ""
            : ", so the change is within sampling error: the data do not show that prices moved");
  }

  private String exposureText() {
    Exposure e = m.exposure();
    if (e == null || m.samples() == null) {
      return "";
    }
    StringBuilder sb =
        new StringBuilder("The ")
            .append(Formats.count(m.samples().samples()))
            .append(" leak samples held ")
            .append(Formats.count(e.records()))
            .append(" records");
    if (e.persons() != null) {
      sb.append(" of ").append(Formats.count(e.persons())).append(" distinct persons");
    }
    if (e.cards() != null) {
      sb.append(" and ").append(Formats.count(e.cards())).append(" cards");
    }
    if (e.recycledShare() != null) {
      sb.append("; ")
          .append(Formats.percent(e.recycledShare()))
          .append(" of the records had already appeared in an earlier sample");
    }
    sb.append('.');
    return sb.toString();
  }

  private long mismatches() {
    return m.exposure() == null
        ? 0
        : m.exposure().samples().stream().filter(SampleCheck::mismatch).count();
  }

  private String samplesText() {
    if (m.exposure() == null || m.exposure().samples().isEmpty()) {
      return "";
    }
    List<SampleCheck> published =
        m.exposure().samples().stream().filter(s -> !s.suppressed()).toList();
    long recycled =
        published.stream().filter(s -> "second_hand".equals(s.inferredFreshness())).count();
    long mismatch = mismatches();
    long soldAsNew =
        published.stream()
            .filter(
                s ->
                    "new".equals(s.claimedFreshness())
                        && "second_hand".equals(s.inferredFreshness()))
            .count();
    StringBuilder sb =
        new StringBuilder()
            .append(Formats.count(recycled))
            .append(" of ")
            .append(Formats.count((long) published.size()))
            .append(" published samples overlap earlier samples enough to count as second-hand");
    sb.append("; ")
        .append(Formats.count(mismatch))
        .append(mismatch == 1 ? " sample's" : " samples'")
        .append(" claimed freshness contradicts the overlap");
    if (soldAsNew > 0) {
      sb.append(", including ").append(Formats.count(soldAsNew)).append(" sold as new");
    }
    sb.append('.');
    return sb.toString();
  }

  private String populationText() {
    return new PopulationView(m.population()).text();
  }

  private String modelSelectedText() {
    Population p = m.population();
    if (p == null || p.selected() == null) {
      return "none";
    }
    return p.selected();
  }

  private String valueText() {
    return new ValueView(m.valueAtMarketPrices(), k).text();
  }

  private String revisionText() {
    int n = m.revisions().size();
    return n == 0
        ? ""
        : n
            + (n == 1 ? " published figure was" : " published figures were")
            + " revised because data for an already published period arrived late.";
  }

  private boolean anySuppressed() {
    return m.market().cells().stream().anyMatch(MarketCell::suppressed)
        || m.volume().stream().anyMatch(PublicationModel.Volume::suppressed)
        || (m.exposure() != null
            && (m.exposure().byIssuer().stream().anyMatch(IssuerCount::suppressed)
                || m.exposure().byTier().stream().anyMatch(TierCount::suppressed)
                || m.exposure().byRegion().stream().anyMatch(RegionCount::suppressed)
                || m.exposure().samples().stream().anyMatch(SampleCheck::suppressed)))
        || (m.population() != null
            && m.population().overlap().stream().anyMatch(CaptureHistory::suppressed))
        || (m.valueAtMarketPrices() != null
            && (m.valueAtMarketPrices().byCell().stream().anyMatch(ValueCell::suppressed)
                || m.valueAtMarketPrices().byRule().stream()
                    .anyMatch(PublicationModel.ValueRule::suppressed)));
  }

  // ---------------------------------------------------------------- tables

  private Map<String, Object> changeTable() {
    return PublishedTables.CHANGES.display(m.changeSincePrevious());
  }

  private Map<String, Object> issuerTable() {
    return PublishedTables.ISSUERS.display(PublishedTables.issuers(m));
  }

  private Map<String, Object> tierTable() {
    return PublishedTables.TIERS.display(PublishedTables.tiers(m));
  }

  private Map<String, Object> regionTable() {
    return PublishedTables.REGIONS.display(PublishedTables.regions(m));
  }

  private Map<String, Object> samplesTable() {
    return PublishedTables.SAMPLES.display(PublishedTables.samples(m));
  }

  private Map<String, Object> modelTable() {
    return new PopulationView(m.population()).modelTable();
  }

  private Map<String, Object> overlapTable() {
    return PublishedTables.OVERLAP.display(PublishedTables.overlap(m));
  }

  private Map<String, Object> valueTable() {
    return new ValueView(m.valueAtMarketPrices(), k).table();
  }

  private Map<String, Object> revisionTable() {
    return PublishedTables.REVISIONS.display(m.revisions());
  }

  private Map<String, Object> sourcesTable() {
    return PublishedTables.SOURCES.display(PublishedTables.sources(m));
  }

  private Map<String, Object> countsTable() {
    return PublishedTables.COUNTS.display(PublishedTables.counts(m));
  }

  private Map<String, Object> rejectionTable() {
    return PublishedTables.REJECTIONS.display(PublishedTables.rejections(m));
  }

  private Map<String, Object> parameterTable() {
    return PublishedTables.PARAMETERS.display(PublishedTables.parameters(m, k, minSellers));
  }

  private Map<String, Object> versionTable() {
    return PublishedTables.VERSIONS.display(PublishedTables.versions(m));
  }
}
