package org.leakmarket.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.leakmarket.publish.PublicationModel.CaptureHistory;
import org.leakmarket.publish.PublicationModel.Change;
import org.leakmarket.publish.PublicationModel.Chapman;
import org.leakmarket.publish.PublicationModel.HedonicPoint;
import org.leakmarket.publish.PublicationModel.IndexPoint;
import org.leakmarket.publish.PublicationModel.IndexRow;
import org.leakmarket.publish.PublicationModel.IssuerCount;
import org.leakmarket.publish.PublicationModel.LincolnPetersen;
import org.leakmarket.publish.PublicationModel.LogLinearModel;
import org.leakmarket.publish.PublicationModel.MarketCell;
import org.leakmarket.publish.PublicationModel.Population;
import org.leakmarket.publish.PublicationModel.RegionCount;
import org.leakmarket.publish.PublicationModel.Revision;
import org.leakmarket.publish.PublicationModel.SampleCheck;
import org.leakmarket.publish.PublicationModel.Source;
import org.leakmarket.publish.PublicationModel.TierCount;
import org.leakmarket.publish.PublicationModel.ValueAtMarket;
import org.leakmarket.publish.PublicationModel.ValueCell;
import org.leakmarket.publish.PublicationModel.ValueRule;
import org.leakmarket.publish.PublicationModel.Volume;
import org.leakmarket.stats.market.Jevons;
import org.leakmarket.stats.valuation.PricingRule;

/**
 * The tables a publication shows both as a CSV file and in the brief, each declared once ({@link
 * TableSpec}): {@link CsvTables} writes their CSV and {@link PublicationView} their Markdown and
 * HTML from the same declaration, and the rows each takes from a published model. Free to build:
 * the declarations are constants.
 */
final class PublishedTables {
  private PublishedTables() {}

  /** A market cell with the weighting of the publication's cells (one for all). */
  record CellLine(MarketCell cell, String weight) {}

  /**
   * Every cell in the CSV, suppressed ones marked; the brief shows the published cells of one
   * product per table (its caption says which), so it has no marker column.
   */
  static final TableSpec<CellLine> MARKET_CELLS =
      TableSpec.<CellLine>table("market_cells", "Asking price per record (CNY)")
          .label("period", "Period", l -> l.cell().period())
          .csvOnly("product", l -> TableSpec.nz(l.cell().product()))
          .column(
              "category",
              "Category",
              l -> TableSpec.nz(l.cell().category()),
              l -> PublicationCharts.label(l.cell().category()))
          .label("tier", "Tier", l -> l.cell().tier())
          .column(
              "freshness",
              "Freshness",
              l -> TableSpec.nz(l.cell().freshness()),
              l -> PublicationCharts.label(l.cell().freshness()))
          .count("n_quotes", "Quotes", l -> l.cell().nQuotes())
          .count("n_offers", "Offers", l -> l.cell().nOffers())
          .count("n_sellers", "Sellers", l -> l.cell().nSellers())
          .column(
              "median_cny",
              "Median",
              l -> Formats.csv(l.cell().medianCny()),
              l -> Formats.cny(l.cell().medianCny()))
          .briefOnly("IQR", l -> Formats.cnyRange(l.cell().p25Cny(), l.cell().p75Cny()))
          .csvOnly("p25_cny", l -> Formats.csv(l.cell().p25Cny()))
          .csvOnly("p75_cny", l -> Formats.csv(l.cell().p75Cny()))
          .csvOnly("min_cny", l -> Formats.csv(l.cell().minCny()))
          .csvOnly("max_cny", l -> Formats.csv(l.cell().maxCny()))
          .briefOnly(
              "Median interval",
              l -> Formats.cnyRange(l.cell().medianCiLow(), l.cell().medianCiHigh()))
          .csvOnly("median_ci_low", l -> Formats.csv(l.cell().medianCiLow()))
          .csvOnly("median_ci_high", l -> Formats.csv(l.cell().medianCiHigh()))
          .csvOnly("median_ci_level", l -> Formats.csv(l.cell().medianCiLevel()))
          .column(
              "ci_method",
              "Interval method",
              l -> TableSpec.nz(l.cell().ciMethod()),
              l -> MarketView.intervalMethod(l.cell()))
          .csvOnly("weight", l -> TableSpec.nz(l.weight()))
          .suppressedInCsvBy(l -> l.cell().suppressed());

  static List<CellLine> cellLines(List<MarketCell> cells, String weight) {
    return cells.stream().map(c -> new CellLine(c, weight)).toList();
  }

  static final TableSpec<Volume> VOLUME =
      TableSpec.<Volume>table("volume", "Unique offers and sellers by period")
          .label("period", "Period", Volume::period)
          .count("offers", "Offers", Volume::offers)
          .count("sellers", "Sellers", Volume::sellers)
          .suppressedBy(Volume::suppressed);

  static final TableSpec<IssuerCount> ISSUERS =
      TableSpec.<IssuerCount>table("exposure_by_issuer", "Persons exposed by card issuer")
          .label("issuer", "Issuer", IssuerCount::issuer)
          .count("persons", "Persons", IssuerCount::persons)
          .suppressedBy(IssuerCount::suppressed);

  static final TableSpec<TierCount> TIERS =
      TableSpec.<TierCount>table("exposure_by_tier", "Persons exposed by card tier")
          .label("tier", "Tier", TierCount::tier)
          .count("persons", "Persons", TierCount::persons)
          .suppressedBy(TierCount::suppressed);

  static final TableSpec<RegionCount> REGIONS =
      TableSpec.<RegionCount>table("exposure_by_region", "Persons exposed by region")
          .label("region_code", "Code", RegionCount::regionCode)
          .label("region_name", "Region", RegionCount::regionName)
          .count("persons", "Persons", RegionCount::persons)
          .suppressedBy(RegionCount::suppressed);

  static final TableSpec<SampleCheck> SAMPLES =
      TableSpec.<SampleCheck>table("samples", "Leak samples: validity, recycling and claims")
          .label("sample_id", "Sample", SampleCheck::sampleId)
          .count("records", "Records", SampleCheck::records)
          .column(
              "valid_card_share",
              "Valid cards",
              x -> Formats.csv(x.validCardShare()),
              x -> Formats.percent(x.validCardShare()))
          .column(
              "recycled_share",
              "Recycled",
              x -> Formats.csv(x.recycledShare()),
              x -> Formats.percent(x.recycledShare()))
          .column(
              "inferred_freshness",
              "Inferred",
              x -> TableSpec.nz(x.inferredFreshness()),
              x -> PublicationCharts.label(x.inferredFreshness()))
          .column(
              "claimed_freshness",
              "Claimed",
              x -> TableSpec.nz(x.claimedFreshness()),
              x -> PublicationCharts.label(x.claimedFreshness()))
          // a suppressed sample's mismatch would tell its freshness: blank
          .column(
              "claim_mismatch",
              "Mismatch",
              x -> x.suppressed() ? "" : Boolean.toString(x.mismatch()),
              x -> x.suppressed() ? "" : x.mismatch() ? "yes" : "no")
          .suppressedBy(SampleCheck::suppressed);

  static final TableSpec<CaptureHistory> OVERLAP =
      TableSpec.<CaptureHistory>table("overlap", "Persons by capture history (1 = in the list)")
          .label("history", "History", CaptureHistory::history)
          .count("persons", "Persons", CaptureHistory::persons)
          .suppressedBy(CaptureHistory::suppressed);

  /** A revision whose new value is suppressed keeps its old value and is marked. */
  static final TableSpec<Revision> REVISIONS =
      TableSpec.<Revision>table("revisions", "Revisions since the last publication")
          .column("figure", "Figure", Revision::figure, r -> FigureNames.display(r.figure()))
          .label("period", "Period", Revision::period)
          .column(
              "old",
              "Published",
              r -> Formats.csv(r.oldValue()),
              r -> figure(r.figure(), r.oldValue()))
          .column(
              "new",
              "Revised",
              r -> Formats.csv(r.newValue()),
              r -> figure(r.figure(), r.newValue()))
          .column(
              "change_pct",
              "Change",
              r -> Formats.csv(CsvTables.pct(r.oldValue(), r.newValue())),
              r -> Formats.change(CsvTables.pct(r.oldValue(), r.newValue())))
          .markedBy(r -> r.newValue() == null);

  static final TableSpec<Change> CHANGES =
      TableSpec.<Change>table("change_since_previous", "Change since the previous period")
          .column("figure", "Figure", Change::figure, x -> FigureNames.display(x.figure()))
          .label("previous_period", "Previous period", Change::previousPeriod)
          .label("period", "Period", Change::period)
          .column(
              "previous",
              "Previous",
              x -> Formats.csv(x.previous()),
              x -> figure(x.figure(), x.previous()))
          .column(
              "current",
              "Current",
              x -> Formats.csv(x.current()),
              x -> figure(x.figure(), x.current()))
          .column(
              "change_pct",
              "Change",
              x -> Formats.csv(x.changePct()),
              x -> Formats.change(x.changePct()))
          .csvOnly("change_ci_low_pct", x -> Formats.csv(x.ciLowPct()))
          .csvOnly("change_ci_high_pct", x -> Formats.csv(x.ciHighPct()))
          .briefOnly("Change, 95% interval", PublishedTables::changeInterval)
          .build();

  /** "−4.1% to +52.3%", or "no interval" where the method gives none (a cell median). */
  static String changeInterval(Change x) {
    return x.ciLowPct() == null || x.ciHighPct() == null
        ? "no interval"
        : Formats.change(x.ciLowPct()) + " to " + Formats.change(x.ciHighPct());
  }

  static final TableSpec<Map.Entry<String, Long>> REJECTIONS =
      TableSpec.<Map.Entry<String, Long>>table("rejections_by_reason", "Rejections by reason")
          .label("reason", "Reason", Map.Entry::getKey)
          .count("count", "Count", Map.Entry::getValue)
          .build();

  static final TableSpec<ValueRule> VALUE_RULES =
      TableSpec.<ValueRule>table("value_by_rule", "How the exposed persons were priced")
          .column("rule", "Priced by", r -> TableSpec.nz(r.rule()), r -> ValueView.rule(r.rule()))
          .count("records", "Persons", ValueRule::records)
          .column(
              "value_cny", "Value", r -> Formats.csv(r.valueCny()), r -> Formats.cny(r.valueCny()))
          .suppressedBy(ValueRule::suppressed);

  /**
   * A line of the value table: a valued group, or (cell null) the total, which the CSV gives with
   * the persons valued and the brief without.
   */
  record ValueLine(ValueCell cell, ValueAtMarket total) {
    boolean suppressed() {
      return cell == null ? total.totalCny() == null : cell.suppressed();
    }

    /** A group's field, blank on the total line. */
    String of(java.util.function.Function<ValueCell, String> f) {
      return cell == null ? "" : TableSpec.nz(f.apply(cell));
    }
  }

  /**
   * One row per valued group (sample, period, category, tier, freshness) with the rule that priced
   * it, then the total; {@code records} are persons, each counted once.
   */
  static final TableSpec<ValueLine> VALUE =
      TableSpec.<ValueLine>table("value_at_market_prices", "Exposed persons at asking prices (CNY)")
          .column(
              "sample_id",
              "Sample",
              l -> l.cell() == null ? "total" : TableSpec.nz(l.cell().sampleId()),
              l -> l.cell() == null ? "Total" : TableSpec.nz(l.cell().sampleId()))
          .label("period", "Period", l -> l.of(ValueCell::period))
          .column(
              "category",
              "Category",
              l -> l.of(ValueCell::category),
              l -> l.of(c -> PublicationCharts.label(c.category())))
          .label("tier", "Tier", l -> l.of(ValueCell::tier))
          .column(
              "freshness",
              "Freshness",
              l -> l.of(ValueCell::freshness),
              l -> l.of(c -> PublicationCharts.label(c.freshness())))
          .column(
              "records",
              "Persons",
              l -> Formats.csv(l.cell() == null ? l.total().recordsValued() : l.cell().records()),
              l -> l.of(c -> Formats.count(c.records())))
          .column(
              "rule",
              "Priced by",
              l -> l.of(ValueCell::rule),
              l -> l.of(c -> ValueView.rule(c.rule())))
          .csvOnly("priced_from", l -> l.of(ValueCell::pricedFrom))
          .csvOnly("n_quotes", l -> l.of(c -> Formats.csv(c.nQuotes())))
          .column(
              "price_cny",
              "Price",
              l -> l.of(c -> Formats.csv(c.priceCny())),
              l -> l.of(c -> Formats.cny(c.priceCny())))
          .column(
              "value_cny",
              "Value",
              l -> Formats.csv(l.cell() == null ? l.total().totalCny() : l.cell().valueCny()),
              l -> Formats.cny(l.cell() == null ? l.total().totalCny() : l.cell().valueCny()))
          .csvOnly(
              "ci_low", l -> Formats.csv(l.cell() == null ? l.total().ciLow() : l.cell().ciLow()))
          .csvOnly(
              "ci_high",
              l -> Formats.csv(l.cell() == null ? l.total().ciHigh() : l.cell().ciHigh()))
          .briefOnly("95% CI", PublishedTables::valueInterval)
          .suppressedBy(ValueLine::suppressed);

  /**
   * An own advertised price is the price of that very sample, and a total of own prices only has no
   * sampling error: "fixed", not a zero-width interval.
   */
  private static String valueInterval(ValueLine l) {
    if (l.cell() == null) {
      ValueAtMarket v = l.total();
      return v.ciLow() != null && v.ciLow().equals(v.ciHigh())
          ? "fixed"
          : Formats.cnyRange(v.ciLow(), v.ciHigh());
    }
    ValueCell c = l.cell();
    return PricingRule.OWN_PRICE.code().equals(c.rule()) && c.valueCny() != null
        ? "fixed"
        : Formats.cnyRange(c.ciLow(), c.ciHigh());
  }

  static List<ValueLine> valueLines(ValueAtMarket v) {
    if (v == null) {
      return List.of();
    }
    List<ValueLine> out = new ArrayList<>();
    for (ValueCell c : v.byCell()) {
      out.add(new ValueLine(c, v));
    }
    out.add(new ValueLine(null, v));
    return out;
  }

  /**
   * One row per period: the Jevons and hedonic indices side by side. The brief's note also says
   * where the Jevons chain breaks; the CSV has that in {@code jevons_note}.
   */
  static final TableSpec<IndexRow> INDICES =
      TableSpec.<IndexRow>table("indices", "Asking-price indices (first period = 100)")
          .label("period", "Period", IndexRow::period)
          .column(
              "jevons",
              "Jevons",
              r -> jevons(r, j -> Formats.csv(j.index())),
              r -> jevons(r, j -> Formats.index(j.index())))
          .briefOnly(
              "Jevons 95% interval (seller bootstrap)",
              r -> jevons(r, j -> indexRange(j.ciLow(), j.ciHigh())))
          .csvOnly("jevons_ci_low", r -> jevons(r, j -> Formats.csv(j.ciLow())))
          .csvOnly("jevons_ci_high", r -> jevons(r, j -> Formats.csv(j.ciHigh())))
          .csvOnly(
              "jevons_matched_cells",
              r -> jevons(r, j -> j.nCells() == null ? "" : Integer.toString(j.nCells())))
          .csvOnly(
              "jevons_segment",
              r -> jevons(r, j -> j.segment() == null ? "" : Integer.toString(j.segment())))
          .csvOnly("jevons_note", r -> jevons(r, j -> TableSpec.nz(j.note())))
          .column(
              "hedonic",
              "Hedonic",
              r -> hedonic(r, h -> Formats.csv(h.index())),
              r -> hedonic(r, h -> Formats.index(h.index())))
          .column(
              "hedonic_kennedy",
              "Hedonic (Kennedy)",
              r -> hedonic(r, h -> Formats.csv(h.indexKennedy())),
              r -> hedonic(r, h -> Formats.index(h.indexKennedy())))
          .briefOnly(
              "Hedonic 95% CI (CR1)", r -> hedonic(r, h -> indexRange(h.ciLow(), h.ciHigh())))
          .csvOnly("hedonic_se", r -> hedonic(r, h -> Formats.csv(h.se())))
          .csvOnly("hedonic_ci_low", r -> hedonic(r, h -> Formats.csv(h.ciLow())))
          .csvOnly("hedonic_ci_high", r -> hedonic(r, h -> Formats.csv(h.ciHigh())))
          .csvOnly("hedonic_n", r -> hedonic(r, h -> Formats.csv(h.n())))
          .csvOnly("hedonic_sellers", r -> hedonic(r, h -> Formats.csv(h.sellers())))
          .csvOnly("hedonic_r2", r -> hedonic(r, h -> Formats.csv(h.r2())))
          .csvOnly("suppressed", r -> Boolean.toString(r.suppressed()))
          .column(
              "note",
              "Note",
              r -> r.suppressed() ? TableSpec.MARK : "",
              r ->
                  r.suppressed()
                      ? TableSpec.MARK
                      : r.jevons() != null && Jevons.NOTE_BREAK.equals(r.jevons().note())
                          ? "Jevons chain break: restarts at 100"
                          : "")
          .build();

  private static String jevons(IndexRow r, Function<IndexPoint, String> f) {
    return r.jevons() == null ? "" : f.apply(r.jevons());
  }

  private static String hedonic(IndexRow r, Function<HedonicPoint, String> f) {
    return r.hedonic() == null ? "" : f.apply(r.hedonic());
  }

  private static String indexRange(Double lo, Double hi) {
    return lo == null || hi == null ? "" : Formats.index(lo) + "–" + Formats.index(hi);
  }

  /**
   * A population estimate as both renderings list it: the two-list estimators (when there are two
   * lists), then each log-linear model with its criteria, weight and whether analyze selected it.
   */
  record ModelLine(
      String code,
      String name,
      Double nHat,
      Double se,
      Double ciLow,
      Double ciHigh,
      Double profileLow,
      Double profileHigh,
      Double aic,
      Double bic,
      Double weight,
      boolean converged,
      boolean selected) {
    String note() {
      return !converged ? "MLE does not exist" : selected ? "selected (lowest BIC)" : "";
    }
  }

  static final TableSpec<ModelLine> POPULATION_MODELS =
      TableSpec.<ModelLine>table("population_models", "Capture–recapture estimates by model")
          .column("model", "Model", ModelLine::code, ModelLine::name)
          .column("n_hat", "Estimate", l -> Formats.csv(l.nHat()), l -> Formats.estimate(l.nHat()))
          .column("se", "SE", l -> Formats.csv(l.se()), l -> Formats.estimate(l.se()))
          .briefOnly("95% CI (log-normal)", l -> PopulationView.range(l.ciLow(), l.ciHigh()))
          .csvOnly("ci_low", l -> Formats.csv(l.ciLow()))
          .csvOnly("ci_high", l -> Formats.csv(l.ciHigh()))
          .briefOnly(
              "95% CI (profile)", l -> PopulationView.profile(l.profileLow(), l.profileHigh()))
          .csvOnly("profile_ci_low", l -> Formats.csv(l.profileLow()))
          .csvOnly("profile_ci_high", l -> Formats.csv(l.profileHigh()))
          .column("aic", "AIC", l -> Formats.csv(l.aic()), l -> Formats.stat(l.aic()))
          .column("bic", "BIC", l -> Formats.csv(l.bic()), l -> Formats.stat(l.bic()))
          .column(
              "weight", "Weight", l -> Formats.csv(l.weight()), l -> Formats.percent(l.weight()))
          .csvOnly("converged", l -> Boolean.toString(l.converged()))
          .csvOnly("selected", l -> Boolean.toString(l.selected()))
          .briefOnly("Note", ModelLine::note)
          .csvOrder(
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
              "weight")
          .build();

  static List<ModelLine> modelLines(Population p) {
    List<ModelLine> out = new ArrayList<>();
    if (p == null) {
      return out;
    }
    if (p.lincolnPetersen() != null) {
      LincolnPetersen lp = p.lincolnPetersen();
      out.add(
          new ModelLine(
              "lincoln_petersen",
              "Lincoln–Petersen",
              lp.nHat(),
              lp.se(),
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              true,
              false));
    }
    if (p.chapman() != null) {
      Chapman c = p.chapman();
      out.add(
          new ModelLine(
              "chapman",
              "Chapman",
              c.nHat(),
              c.se(),
              c.ciLow(),
              c.ciHigh(),
              null,
              null,
              null,
              null,
              null,
              true,
              false));
    }
    // only a log-linear model is ever selected: analyze's choice, as gold/population holds it
    for (LogLinearModel lm : p.models()) {
      out.add(
          new ModelLine(
              lm.model(),
              lm.model(),
              lm.nHat(),
              lm.se(),
              lm.ciLow(),
              lm.ciHigh(),
              lm.profileCiLow(),
              lm.profileCiHigh(),
              lm.aic(),
              lm.bic(),
              lm.weight(),
              lm.converged(),
              lm.model().equals(p.selected())));
    }
    return out;
  }

  // ------------------------------------------------- brief-only tables of Data and methods

  /** A named figure of the brief-only tables: a count, a parameter, a table's version. */
  record Pair(String name, String value) {}

  static final TableSpec<Source> SOURCES =
      TableSpec.<Source>table(null, "Sources")
          .label(null, "Source", Source::name)
          .label(null, "What it is", Source::description)
          .briefOnly("Rows read", s -> Formats.count(s.rows()))
          .build();

  static final TableSpec<Pair> COUNTS =
      TableSpec.<Pair>table(null, "Counts")
          .label(null, "Count", Pair::name)
          .label(null, "Value", Pair::value)
          .build();

  static final TableSpec<Pair> PARAMETERS =
      TableSpec.<Pair>table(null, "Parameters")
          .label(null, "Parameter", Pair::name)
          .label(null, "Value", Pair::value)
          .build();

  static final TableSpec<Pair> VERSIONS =
      TableSpec.<Pair>table(null, "Table versions read")
          .label(null, "Table", Pair::name)
          .label(null, "Delta version", Pair::value)
          .build();

  static List<Source> sources(PublicationModel m) {
    return m.dataAndMethods() == null ? List.of() : m.dataAndMethods().sources();
  }

  static List<Pair> counts(PublicationModel m) {
    List<Pair> out = new ArrayList<>();
    if (m.listings() != null) {
      out.add(new Pair("Adverts read", Formats.count(m.listings().read())));
      out.add(new Pair("Price offers kept", Formats.count(m.listings().offers())));
      out.add(new Pair("Adverts rejected", Formats.count(m.listings().rejected())));
      out.add(new Pair("Reposts collapsed", Formats.count(m.listings().duplicatesCollapsed())));
    }
    if (m.samples() != null) {
      out.add(new Pair("Leak samples", Formats.count(m.samples().samples())));
      out.add(new Pair("Sample records", Formats.count(m.samples().records())));
      out.add(new Pair("Sample rows rejected", Formats.count(m.samples().rejected())));
    }
    return out;
  }

  /** The thresholds this publication was suppressed with, then the run's parameters by name. */
  static List<Pair> parameters(PublicationModel m, int k, int minSellers) {
    List<Pair> out = new ArrayList<>();
    out.add(new Pair("suppression_k", Integer.toString(k)));
    out.add(new Pair("suppression_min_sellers", Integer.toString(minSellers)));
    if (m.dataAndMethods() != null) {
      new TreeMap<>(m.dataAndMethods().parameters()).forEach((n, v) -> out.add(new Pair(n, v)));
    }
    return out;
  }

  static List<Pair> versions(PublicationModel m) {
    List<Pair> out = new ArrayList<>();
    if (m.dataAndMethods() != null) {
      new TreeMap<>(m.dataAndMethods().tableVersions())
          .forEach((n, v) -> out.add(new Pair(n, Long.toString(v))));
    }
    return out;
  }

  /** A median in CNY, an index as an index. */
  private static String figure(String figure, Double value) {
    return figure.startsWith(FigureNames.MEDIAN) ? Formats.cny(value) : Formats.index(value);
  }

  static List<IssuerCount> issuers(PublicationModel m) {
    return m.exposure() == null ? List.of() : m.exposure().byIssuer();
  }

  static List<TierCount> tiers(PublicationModel m) {
    return m.exposure() == null ? List.of() : m.exposure().byTier();
  }

  static List<RegionCount> regions(PublicationModel m) {
    return m.exposure() == null ? List.of() : m.exposure().byRegion();
  }

  static List<SampleCheck> samples(PublicationModel m) {
    return m.exposure() == null ? List.of() : m.exposure().samples();
  }

  static List<CaptureHistory> overlap(PublicationModel m) {
    return m.population() == null ? List.of() : m.population().overlap();
  }

  static List<ValueRule> valueRules(PublicationModel m) {
    return m.valueAtMarketPrices() == null ? List.of() : m.valueAtMarketPrices().byRule();
  }

  static List<Map.Entry<String, Long>> rejections(PublicationModel m) {
    return new ArrayList<>(new TreeMap<>(m.rejectionsByReason()).entrySet());
  }
}
