package org.leakmarket.publish;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import java.util.function.UnaryOperator;
import org.leakmarket.privacy.SmallCells;
import org.leakmarket.publish.PublicationModel.CaptureHistory;
import org.leakmarket.publish.PublicationModel.Exposure;
import org.leakmarket.publish.PublicationModel.HedonicPoint;
import org.leakmarket.publish.PublicationModel.IndexPoint;
import org.leakmarket.publish.PublicationModel.IssuerCount;
import org.leakmarket.publish.PublicationModel.Market;
import org.leakmarket.publish.PublicationModel.MarketCell;
import org.leakmarket.publish.PublicationModel.Population;
import org.leakmarket.publish.PublicationModel.RegionCount;
import org.leakmarket.publish.PublicationModel.Revision;
import org.leakmarket.publish.PublicationModel.SampleCheck;
import org.leakmarket.publish.PublicationModel.SampleCounts;
import org.leakmarket.publish.PublicationModel.TierCount;
import org.leakmarket.publish.PublicationModel.ValueAtMarket;
import org.leakmarket.publish.PublicationModel.ValueCell;
import org.leakmarket.publish.PublicationModel.ValueRule;
import org.leakmarket.publish.PublicationModel.Volume;

/**
 * Small-cell suppression (privacy.md §4), applied once to the whole model before any renderer sees
 * it, so tables, charts, text and JSON cannot disagree. Costs one pass over the model's lists.
 *
 * <p><b>Primary rule</b> ({@link SmallCells}). A market cell arrives decided: gold/market_cells
 * holds {@code suppressed} (fewer than {@code k} independent quotes or {@code minSellers} sellers,
 * at the thresholds of the run that wrote it), and this class only carries that flag on. Suppressed
 * here are an exposure breakdown cell (issuer, tier, region), a capture history, or a leak sample
 * with fewer than {@code k} persons (records for a sample), a period of the volume table with fewer
 * than {@code k} offers (and then that period's index points), and a value-at-market cell whose
 * market cell is suppressed or which holds fewer than {@code k} records. Suppressing sets {@code
 * suppressed = true} and nulls every number of the row.
 *
 * <p><b>Secondary rule.</b> Cells of a group whose total is published (market cells of one period
 * against that period's offers; issuers, tiers, regions and capture histories against the persons
 * exposed; samples against the records read; value cells against the total value) could be
 * recovered by subtraction. In such a group the suppressed cells must be at least two and hold at
 * least {@code k} units together: otherwise the next smallest published cell is suppressed too
 * (ties broken by list order), repeatedly. When even suppressing every cell of the group cannot
 * meet that (a group of one cell, or a group whose whole total is below {@code k}) the group's
 * total is suppressed as well.
 *
 * <p>Applying the rule to an already suppressed model changes nothing, so a model read back from
 * {@code summary.json} can be rendered again.
 *
 * <p>Revisions of a market-cell figure whose cell is now suppressed lose their new value; a
 * revision left with neither value is dropped. Log-linear and heterogeneity models whose MLE does
 * not exist keep their name and flag but lose their numbers (methods.md: never print a divergent
 * number as an estimate).
 */
public final class Suppression {
  private final int k;
  private final int minSellers;

  private Suppression(int k, int minSellers) {
    if (k < 1 || minSellers < 1) {
      throw new IllegalArgumentException(
          "suppression thresholds must be at least 1, got k=" + k + ", minSellers=" + minSellers);
    }
    this.k = k;
    this.minSellers = minSellers;
  }

  /** Returns the publishable copy of {@code raw}: small cells and derivable totals suppressed. */
  public static PublicationModel apply(PublicationModel raw, int k, int minSellers) {
    return new Suppression(k, minSellers).run(raw);
  }

  private PublicationModel run(PublicationModel m) {
    // Volume per period first: its offers are the published totals of each period's market cells.
    List<Volume> volume = new ArrayList<>(m.volume());
    Set<String> suppressedPeriods = new HashSet<>();
    for (int i = 0; i < volume.size(); i++) {
      Volume v = volume.get(i);
      if (small(v.offers())) {
        volume.set(i, suppressVolume(v));
      }
    }

    List<MarketCell> cells = new ArrayList<>();
    Map<String, List<MarketCell>> byPeriod = new java.util.LinkedHashMap<>();
    for (MarketCell c : m.market().cells()) {
      byPeriod.computeIfAbsent(c.period(), p -> new ArrayList<>()).add(c);
    }
    for (Map.Entry<String, List<MarketCell>> e : byPeriod.entrySet()) {
      List<MarketCell> group = e.getValue();
      Outcome<MarketCell> out =
          group(
              group,
              // the primary rule was decided when gold/market_cells was written (its column
              // suppressed); a cell without counts is one suppressed before (summary.json)
              c -> c.suppressed() || c.nOffers() == null,
              c -> c.nOffers() == null ? k : c.nOffers(),
              Suppression::suppressCell);
      cells.addAll(out.rows());
      if (out.totalSuppressed()) {
        for (int i = 0; i < volume.size(); i++) {
          if (volume.get(i).period().equals(e.getKey())) {
            volume.set(i, suppressVolume(volume.get(i)));
          }
        }
      }
    }
    for (Volume v : volume) {
      if (v.suppressed()) {
        suppressedPeriods.add(v.period());
      }
    }
    List<IndexPoint> jevons = new ArrayList<>();
    for (IndexPoint p : m.market().jevons()) {
      jevons.add(
          suppressedPeriods.contains(p.period())
              ? new IndexPoint(
                  p.period(), null, null, null, null, p.segment(), p.note(), true, null)
              : p);
    }
    List<HedonicPoint> hedonic = new ArrayList<>();
    for (HedonicPoint p : m.market().hedonic()) {
      hedonic.add(
          suppressedPeriods.contains(p.period())
              ? new HedonicPoint(p.period(), null, null, null, null, null, true)
              : p);
    }
    Market market = new Market(cells, jevons, hedonic, m.market().weight());

    Exposure exposure = m.exposure() == null ? null : exposure(m.exposure());
    SampleCounts sampleCounts = m.samples();
    if (exposure != null && m.exposure() != null) {
      Outcome<SampleCheck> samples =
          group(
              m.exposure().samples(),
              s -> s.suppressed() || small(s.records()),
              s -> s.records() == null ? k : s.records(),
              s -> new SampleCheck(s.sampleId(), null, null, null, null, null, true));
      if (samples.totalSuppressed() && sampleCounts != null) {
        sampleCounts = new SampleCounts(sampleCounts.samples(), null, sampleCounts.rejected());
      }
      exposure =
          new Exposure(
              exposure.records(),
              exposure.persons(),
              exposure.cards(),
              exposure.byIssuer(),
              exposure.byTier(),
              exposure.byRegion(),
              exposure.recycledShare(),
              samples.rows());
    }

    Population population = m.population() == null ? null : population(m.population());
    if (population != null && exposure != null) {
      Outcome<CaptureHistory> overlap =
          group(
              m.population().overlap(),
              h -> h.suppressed() || small(h.persons()),
              h -> h.persons() == null ? k : h.persons(),
              h -> new CaptureHistory(h.history(), null, true));
      population = population.withOverlap(overlap.rows());
      if (overlap.totalSuppressed()) {
        exposure = withoutPersons(exposure);
      }
    }

    ValueAtMarket value =
        m.valueAtMarketPrices() == null ? null : value(m.valueAtMarketPrices(), cells);

    return new PublicationModel(
        m.label(),
        m.generatedAt(),
        m.listings(),
        sampleCounts,
        market,
        exposure,
        population,
        m.rejectionsByReason(),
        value,
        volume,
        m.changeSincePrevious(),
        revisions(m.revisions(), cells),
        m.dataAndMethods(),
        m.footnotes());
  }

  private Exposure exposure(Exposure e) {
    Outcome<IssuerCount> issuers =
        group(
            e.byIssuer(),
            c -> c.suppressed() || small(c.persons()),
            c -> n(c.persons()),
            c -> new IssuerCount(c.issuer(), null, true));
    Outcome<TierCount> tiers =
        group(
            e.byTier(),
            c -> c.suppressed() || small(c.persons()),
            c -> n(c.persons()),
            c -> new TierCount(c.tier(), null, true));
    Outcome<RegionCount> regions =
        group(
            e.byRegion(),
            c -> c.suppressed() || small(c.persons()),
            c -> n(c.persons()),
            c -> new RegionCount(c.regionCode(), c.regionName(), null, true));
    Exposure out =
        new Exposure(
            e.records(),
            e.persons(),
            e.cards(),
            issuers.rows(),
            tiers.rows(),
            regions.rows(),
            e.recycledShare(),
            e.samples());
    boolean totalSmall = e.persons() != null && e.persons() < k;
    return issuers.totalSuppressed()
            || tiers.totalSuppressed()
            || regions.totalSuppressed()
            || totalSmall
        ? withoutPersons(out)
        : out;
  }

  private static Exposure withoutPersons(Exposure e) {
    return new Exposure(
        e.records(),
        null,
        e.cards(),
        e.byIssuer(),
        e.byTier(),
        e.byRegion(),
        e.recycledShare(),
        e.samples());
  }

  private Population population(Population p) {
    List<PublicationModel.LogLinearModel> models = new ArrayList<>();
    for (PublicationModel.LogLinearModel lm : p.models()) {
      models.add(
          lm.converged()
              ? lm
              : new PublicationModel.LogLinearModel(
                  lm.model(), null, null, null, null, null, null, false));
    }
    List<PublicationModel.SensitivityModel> sensitivity = new ArrayList<>();
    for (PublicationModel.SensitivityModel sm : p.sensitivity()) {
      sensitivity.add(
          sm.converged()
              ? sm
              : new PublicationModel.SensitivityModel(
                  sm.model(), null, null, null, null, null, null, false, sm.note()));
    }
    return new Population(
        p.lists(),
        p.listsBy(),
        p.lincolnPetersen(),
        p.chapman(),
        models,
        p.selected(),
        p.overlap(),
        p.observed(),
        p.modelAverage(),
        sensitivity);
  }

  /**
   * Value groups with fewer than k persons, or priced from a market cell now suppressed, are
   * suppressed with the secondary rule against the total; so are pricing-rule rows (below k, or
   * holding a suppressed group) against the persons valued, and with them the count of unpriced
   * persons when its row goes. The excluded counts are withheld below k.
   */
  private ValueAtMarket value(ValueAtMarket v, List<MarketCell> publishedCells) {
    Set<String> suppressedCells = new HashSet<>();
    for (MarketCell c : publishedCells) {
      if (c.suppressed()) {
        suppressedCells.add(c.period() + "|" + c.seriesKey());
      }
    }
    Outcome<ValueCell> out =
        group(
            v.byCell(),
            c ->
                c.suppressed()
                    || small(c.records())
                    || ((c.rule() == null || "cell".equals(c.rule()))
                        && suppressedCells.contains(
                            c.period()
                                + "|"
                                + c.category()
                                + "/"
                                + c.tier()
                                + "/"
                                + c.freshness())),
            c -> n(c.records()),
            c ->
                new ValueCell(
                    c.period(),
                    c.category(),
                    c.tier(),
                    c.freshness(),
                    null,
                    null,
                    null,
                    null,
                    true,
                    c.sampleId(),
                    c.rule(),
                    c.pricedFrom(),
                    null,
                    null));
    // A rule's row is the sum of its groups: less its published groups it gives away the sum of its
    // suppressed ones, so those must themselves be protected (at least two, holding k persons);
    // otherwise the rule's row goes too, and the secondary rule protects it against the total.
    Map<String, long[]> hiddenByRule = new java.util.HashMap<>();
    for (int i = 0; i < out.rows().size(); i++) {
      ValueCell c = out.rows().get(i);
      if (c.suppressed() && c.rule() != null) {
        long[] h = hiddenByRule.computeIfAbsent(c.rule(), r -> new long[2]);
        h[0]++;
        h[1] += n(v.byCell().get(i).records());
      }
    }
    Set<String> rulesWithHiddenGroups = new HashSet<>();
    hiddenByRule.forEach(
        (rule, h) -> {
          if (h[0] < 2 || h[1] < k) {
            rulesWithHiddenGroups.add(rule);
          }
        });
    Outcome<ValueRule> rules =
        group(
            v.byRule(),
            r -> r.suppressed() || small(r.records()) || rulesWithHiddenGroups.contains(r.rule()),
            r -> n(r.records()),
            r -> new ValueRule(r.rule(), null, null, true));
    boolean unpricedHidden =
        rules.rows().stream().anyMatch(r -> "unpriced".equals(r.rule()) && r.suppressed());
    boolean totalHidden = out.totalSuppressed() || rules.totalSuppressed();
    ValueAtMarket kept =
        totalHidden
            ? v.with(null, null, null, out.rows(), rules.rows())
            : v.with(v.totalCny(), v.ciLow(), v.ciHigh(), out.rows(), rules.rows());
    return new ValueAtMarket(
        kept.totalCny(),
        kept.ciLow(),
        kept.ciHigh(),
        kept.byCell(),
        kept.byRule(),
        rules.totalSuppressed() || small(v.recordsValued()) ? null : v.recordsValued(),
        unpricedHidden || rules.totalSuppressed() ? null : v.recordsUnpriced(),
        smallOrNull(v.excludedFabricated()),
        smallOrNull(v.excludedRepeats()),
        v.ciMethod(),
        v.replicates());
  }

  /** A count published only from k up (0 is published: it reveals no one). */
  private Long smallOrNull(Long count) {
    return count == null || (count > 0 && count < k) ? null : count;
  }

  private static List<Revision> revisions(List<Revision> revisions, List<MarketCell> cells) {
    Set<String> suppressed = new HashSet<>();
    for (MarketCell c : cells) {
      if (c.suppressed()) {
        suppressed.add(c.period() + "|" + c.key());
      }
    }
    List<Revision> out = new ArrayList<>();
    for (Revision r : revisions) {
      boolean now =
          FigureNames.cellKey(r.figure())
              .map(key -> suppressed.contains(r.period() + "|" + key))
              .orElse(false);
      Revision kept = now ? new Revision(r.figure(), r.period(), r.oldValue(), null) : r;
      if (kept.oldValue() != null || kept.newValue() != null) {
        out.add(kept);
      }
    }
    return out;
  }

  private boolean small(Long count) {
    return SmallCells.countHidden(count, k);
  }

  /**
   * The size of a row for the secondary rule. A null count is a row suppressed earlier (a model
   * read back from {@code summary.json}) or of unknown size: it counts as {@code k}, so that
   * applying suppression to an already published model changes nothing.
   */
  private long n(Long count) {
    return count == null ? k : count;
  }

  private static Volume suppressVolume(Volume v) {
    return new Volume(v.period(), null, null, true);
  }

  private static MarketCell suppressCell(MarketCell c) {
    return new MarketCell(
        c.period(),
        c.product(),
        c.category(),
        c.tier(),
        c.freshness(),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        true);
  }

  /** Rows of a group after primary and secondary suppression, and whether its total must go. */
  record Outcome<T>(List<T> rows, boolean totalSuppressed) {}

  /**
   * Primary then secondary suppression of one group whose total is published; {@code size} reads
   * the raw (unsuppressed) count of a row.
   */
  <T> Outcome<T> group(
      List<T> rows, Predicate<T> primary, ToLongFunction<T> size, UnaryOperator<T> suppress) {
    int n = rows.size();
    boolean[] flag = new boolean[n];
    long[] sizes = new long[n];
    for (int i = 0; i < n; i++) {
      flag[i] = primary.test(rows.get(i));
      sizes[i] = size.applyAsLong(rows.get(i));
    }
    boolean total = complete(sizes, flag, k);
    List<T> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(flag[i] ? suppress.apply(rows.get(i)) : rows.get(i));
    }
    return new Outcome<>(out, total);
  }

  /**
   * Extends {@code flag} in place until the flagged cells are none, or at least two holding at
   * least {@code k} units together, flagging the smallest unflagged cell first (ties: lowest
   * index). Returns true when that cannot be met and the group's total must be suppressed as well.
   */
  static boolean complete(long[] sizes, boolean[] flag, int k) {
    while (true) {
      int count = 0;
      long sum = 0;
      for (int i = 0; i < flag.length; i++) {
        if (flag[i]) {
          count++;
          sum += sizes[i];
        }
      }
      if (count == 0 || (count >= 2 && sum >= k)) {
        return false;
      }
      int next = -1;
      for (int i = 0; i < flag.length; i++) {
        if (!flag[i] && (next < 0 || sizes[i] < sizes[next])) {
          next = i;
        }
      }
      if (next < 0) {
        return true; // every cell is suppressed and still the total would reveal them
      }
      flag[next] = true;
    }
  }
}
