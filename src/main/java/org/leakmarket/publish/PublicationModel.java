package org.leakmarket.publish;

import java.util.List;
import java.util.Map;

/**
 * Everything a publication shows, as plain immutable records: the model behind {@code summary.json}
 * (contracts.md §5) and every table, chart and sentence rendered from it.
 *
 * <p>Property names are written in snake_case by {@link SummaryJson}, so {@code nOffers} is {@code
 * n_offers}, {@code medianCiLow} is {@code median_ci_low}. Numbers that may be suppressed or may
 * not exist are boxed ({@code Double}, {@code Long}) and {@code null} when absent. A model built by
 * the pipeline is raw; {@link Suppression#apply} returns the publishable copy (small cells nulled
 * and flagged) and is the only path by which a model reaches a renderer. Costs nothing: data only.
 *
 * @param label publication label ({@code 2015-01}, {@code 2015-Q1}, {@code 2015} or {@code all})
 * @param generatedAt generation timestamp; the only field that reproduction ignores
 * @param listings counts of the listings read
 * @param samples counts of the leak samples read
 * @param market market cells and the price indices
 * @param exposure who was exposed in the leak samples
 * @param population capture-recapture estimates of the exposed population
 * @param rejectionsByReason rejected listings and sample rows by reason code
 * @param valueAtMarketPrices exposed records valued at asking prices, or null
 * @param volume offers per period, or empty
 * @param changeSincePrevious derived by {@link PublicationWriter} from the suppressed model; the
 *     pipeline leaves it empty
 * @param revisions published figures that changed since the previous publication
 * @param dataAndMethods sources, parameters, pinned table versions
 * @param footnotes extra footnotes; the suppression footnote is added by the renderer
 */
public record PublicationModel(
    String label,
    String generatedAt,
    Listings listings,
    SampleCounts samples,
    Market market,
    Exposure exposure,
    Population population,
    Map<String, Long> rejectionsByReason,
    ValueAtMarket valueAtMarketPrices,
    List<Volume> volume,
    List<Change> changeSincePrevious,
    List<Revision> revisions,
    DataAndMethods dataAndMethods,
    List<String> footnotes) {

  public PublicationModel {
    rejectionsByReason = rejectionsByReason == null ? Map.of() : Map.copyOf(rejectionsByReason);
    volume = listOrEmpty(volume);
    changeSincePrevious = listOrEmpty(changeSincePrevious);
    revisions = listOrEmpty(revisions);
    footnotes = listOrEmpty(footnotes);
  }

  static <T> List<T> listOrEmpty(List<T> l) {
    return l == null ? List.of() : List.copyOf(l);
  }

  /** Listings read, offers kept, listings rejected and reposts collapsed into one advert. */
  public record Listings(long read, long offers, long rejected, long duplicatesCollapsed) {}

  /** Leak samples read, their records, and sample rows rejected. */
  public record SampleCounts(long samples, Long records, long rejected) {}

  /**
   * Market cells and the two price indices (base 100 in the first period); {@code weight} says how
   * offers vote ({@code seller}: one quote per seller, cell and period; {@code offer}).
   */
  public record Market(
      List<MarketCell> cells, List<IndexPoint> jevons, List<HedonicPoint> hedonic, String weight) {
    public Market {
      cells = listOrEmpty(cells);
      jevons = listOrEmpty(jevons);
      hedonic = listOrEmpty(hedonic);
    }

    /** Without the weight (then not stated). */
    public Market(List<MarketCell> cells, List<IndexPoint> jevons, List<HedonicPoint> hedonic) {
      this(cells, jevons, hedonic, null);
    }

    /** The Jevons and hedonic points of each period, in period order; either may be null. */
    public List<IndexRow> indexRows() {
      Map<String, IndexPoint> jev = new java.util.TreeMap<>();
      jevons.forEach(p -> jev.put(p.period(), p));
      Map<String, HedonicPoint> hed = new java.util.TreeMap<>();
      hedonic.forEach(p -> hed.put(p.period(), p));
      java.util.TreeSet<String> periods = new java.util.TreeSet<>(jev.keySet());
      periods.addAll(hed.keySet());
      return periods.stream().map(p -> new IndexRow(p, jev.get(p), hed.get(p))).toList();
    }
  }

  /** One period of both indices. */
  public record IndexRow(String period, IndexPoint jevons, HedonicPoint hedonic) {
    public boolean suppressed() {
      return (jevons != null && jevons.suppressed()) || (hedonic != null && hedonic.suppressed());
    }
  }

  /**
   * One period × product × category × tier × freshness cell of asking prices per record in CNY,
   * counted in independent quotes ({@code nQuotes}; methods.md). The median's interval is the
   * order-statistic interval with its achieved level ({@code ciMethod = order_statistic}) or, below
   * 6 quotes, the range ({@code ciMethod = range}), never a bootstrap. When {@code suppressed},
   * every number is null.
   */
  public record MarketCell(
      String period,
      String product,
      String category,
      String tier,
      String freshness,
      Long nQuotes,
      Long nOffers,
      Long nSellers,
      Double medianCny,
      Double p25Cny,
      Double p75Cny,
      Double minCny,
      Double maxCny,
      Double medianCiLow,
      Double medianCiHigh,
      Double medianCiLevel,
      String ciMethod,
      boolean suppressed) {

    /**
     * The cell's key without period and product, {@code category/tier/freshness}: what value cells
     * are matched on (they are all {@code personal_records}).
     */
    public String seriesKey() {
      return category + "/" + tier + "/" + freshness;
    }

    /** The cell's key without the period: {@code product/category/tier/freshness}. */
    public String key() {
      return product + "/" + seriesKey();
    }
  }

  /**
   * One point of the chained Jevons index with its seller-bootstrap 95% interval; {@code segment}
   * counts chains ({@code note = chain_break} where a link had too few matched cells and the index
   * restarts at 100), {@code nCells} the matched cells of the link into the period, {@code link}
   * the change from the period before it in the chain with its own interval (null at a base or
   * break).
   */
  public record IndexPoint(
      String period,
      Double index,
      Double ciLow,
      Double ciHigh,
      Integer nCells,
      Integer segment,
      String note,
      boolean suppressed,
      Link link) {

    /** A point with no interval or chain details. */
    public IndexPoint(String period, Double index, boolean suppressed) {
      this(period, index, null, null, null, null, null, suppressed, null);
    }
  }

  /**
   * The change of an index into a period from the period before it ({@code from}): the ratio of the
   * two index values and its 95% interval. The interval is the change's own (bootstrap links for
   * Jevons, the covariance of the two period effects for hedonic): whether two periods' index
   * intervals overlap says little about their difference, because their errors are correlated.
   */
  public record Link(String from, Double ratio, Double low, Double high) {}

  /**
   * One point of the time-dummy hedonic index: {@code index = 100·exp(δ)}, {@code indexKennedy =
   * 100·exp(δ − ½·Var(δ))}, {@code se} its standard error, the 95% interval of the index from
   * seller-clustered (CR1) standard errors, and the regression's {@code n} offers, {@code sellers}
   * and {@code r2} (the same on every point: one regression).
   */
  public record HedonicPoint(
      String period,
      Double index,
      Double indexKennedy,
      Double se,
      Double ciLow,
      Double ciHigh,
      Long n,
      Long sellers,
      Double r2,
      boolean suppressed,
      Link link) {

    /** A point without the regression's size. */
    public HedonicPoint(
        String period,
        Double index,
        Double indexKennedy,
        Double se,
        Double ciLow,
        Double ciHigh,
        boolean suppressed) {
      this(period, index, indexKennedy, se, ciLow, ciHigh, null, null, null, suppressed, null);
    }
  }

  /** Offers (and distinct sellers) per period, in period order. */
  public record Volume(String period, Long offers, Long sellers, boolean suppressed) {}

  /**
   * Records, persons and cards exposed, with breakdowns and per-sample checks. The totals are boxed
   * only so that suppression can withhold a total that would reveal a small cell.
   */
  public record Exposure(
      Long records,
      Long persons,
      Long cards,
      List<IssuerCount> byIssuer,
      List<TierCount> byTier,
      List<RegionCount> byRegion,
      Double recycledShare,
      List<SampleCheck> samples) {
    public Exposure {
      byIssuer = listOrEmpty(byIssuer);
      byTier = listOrEmpty(byTier);
      byRegion = listOrEmpty(byRegion);
      samples = listOrEmpty(samples);
    }
  }

  /** Persons exposed per card issuer code (vocabulary.md). */
  public record IssuerCount(String issuer, Long persons, boolean suppressed) {}

  /** Persons exposed per card tier. */
  public record TierCount(String tier, Long persons, boolean suppressed) {}

  /** Persons exposed per region (GB/T 2260 province code); {@code regionName} is for display. */
  public record RegionCount(
      String regionCode, String regionName, Long persons, boolean suppressed) {}

  /**
   * One leak sample: its records, the share of valid card numbers, the share of records whose
   * person was in an earlier sample, the freshness that implies and the freshness its seller
   * claimed.
   */
  public record SampleCheck(
      String sampleId,
      Long records,
      Double validCardShare,
      Double recycledShare,
      String inferredFreshness,
      String claimedFreshness,
      boolean suppressed) {

    /** True when the seller claimed a freshness the overlap contradicts. */
    public boolean mismatch() {
      return !suppressed
          && inferredFreshness != null
          && claimedFreshness != null
          && !"unknown".equals(claimedFreshness)
          && !inferredFreshness.equals(claimedFreshness);
    }
  }

  /**
   * Capture-recapture estimates of how many persons the samples imply: two-list estimates, every
   * log-linear model, the model average beside the selected model, and heterogeneity models as
   * sensitivity rows (methods.md, Population).
   */
  public record Population(
      int lists,
      String listsBy,
      LincolnPetersen lincolnPetersen,
      Chapman chapman,
      List<LogLinearModel> models,
      String selected,
      List<CaptureHistory> overlap,
      Long observed,
      ModelAverage modelAverage,
      List<SensitivityModel> sensitivity) {
    public Population {
      models = listOrEmpty(models);
      overlap = listOrEmpty(overlap);
      sensitivity = listOrEmpty(sensitivity);
    }

    /** Without model average and sensitivity rows. */
    public Population(
        int lists,
        String listsBy,
        LincolnPetersen lincolnPetersen,
        Chapman chapman,
        List<LogLinearModel> models,
        String selected,
        List<CaptureHistory> overlap,
        Long observed) {
      this(
          lists,
          listsBy,
          lincolnPetersen,
          chapman,
          models,
          selected,
          overlap,
          observed,
          null,
          List.of());
    }

    /** Without the observed count (it is then not stated). */
    public Population(
        int lists,
        String listsBy,
        LincolnPetersen lincolnPetersen,
        Chapman chapman,
        List<LogLinearModel> models,
        String selected,
        List<CaptureHistory> overlap) {
      this(lists, listsBy, lincolnPetersen, chapman, models, selected, overlap, null);
    }

    /** The same estimates with another overlap table (suppression). */
    public Population withOverlap(List<CaptureHistory> newOverlap) {
      return new Population(
          lists,
          listsBy,
          lincolnPetersen,
          chapman,
          models,
          selected,
          newOverlap,
          observed,
          modelAverage,
          sensitivity);
    }

    /** The selected log-linear model with an estimate, if any. */
    public java.util.Optional<LogLinearModel> selectedModel() {
      return models.stream()
          .filter(lm -> lm.model().equals(selected) && lm.converged() && lm.nHat() != null)
          .findFirst();
    }
  }

  /** Two-list Lincoln-Petersen estimate; the record is null when the lists do not overlap. */
  public record LincolnPetersen(double nHat, double se) {}

  /** Two-list Chapman estimate with its normal 95% interval; null when it does not exist. */
  public record Chapman(double nHat, double se, double ciLow, double ciHigh) {}

  /**
   * One Poisson log-linear model ({@code [1,2,3]}, {@code [12,3]}, ...). When not {@code converged}
   * the MLE does not exist and no number of it is published. {@code ciLow}/{@code ciHigh} are the
   * log-transformed (Chao 1987) interval, {@code profileCiLow}/{@code profileCiHigh} the
   * profile-likelihood interval (null when not computed; a null upper limit with a lower one means
   * the data set no upper bound), {@code weight} the model's share of the BIC-weighted average.
   */
  public record LogLinearModel(
      String model,
      Double nHat,
      Double se,
      Double ciLow,
      Double ciHigh,
      Double aic,
      Double bic,
      boolean converged,
      Double profileCiLow,
      Double profileCiHigh,
      Double weight) {

    /** Without profile interval and weight. */
    public LogLinearModel(
        String model,
        Double nHat,
        Double se,
        Double ciLow,
        Double ciHigh,
        Double aic,
        Double bic,
        boolean converged) {
      this(model, nHat, se, ciLow, ciHigh, aic, bic, converged, null, null, null);
    }
  }

  /**
   * The criterion-weighted average of N̂ over the log-linear models with an estimate, with Buckland
   * et al.'s (1997) unconditional SE and its log-transformed 95% interval.
   */
  public record ModelAverage(
      Double nHat, Double se, Double ciLow, Double ciHigh, Integer models, String criterion) {}

  /**
   * A heterogeneity model shown as a sensitivity row ({@code Mth Chao (LB)}, {@code Mth Darroch},
   * {@code Mth Poisson2}); never selected. Numbers are null when its MLE does not exist.
   */
  public record SensitivityModel(
      String model,
      Double nHat,
      Double se,
      Double ciLow,
      Double ciHigh,
      Double profileCiLow,
      Double profileCiHigh,
      boolean converged,
      String note) {}

  /** Persons with a given capture history, e.g. {@code "101"}: in lists 1 and 3, not 2. */
  public record CaptureHistory(String history, Long persons, boolean suppressed) {}

  /**
   * The exposed records valued at asking prices (methods.md, Value at market prices): each valid
   * person once, priced by the ladder of rules; the 95% interval of the total comes from a seeded
   * joint simulation of the cells' medians, never from summing bounds.
   *
   * @param totalCny value of the priced records, or null when suppressed or nothing was priced
   * @param ciLow lower limit of the total's 95% interval
   * @param ciHigh upper limit
   * @param byCell one row per group of records (sample, period, category, tier, freshness)
   * @param byRule records and value per pricing rule, {@code unpriced} included
   * @param recordsValued persons valued (priced or not), each once
   * @param recordsUnpriced of those, the persons no rule could price
   * @param excludedFabricated records left out because no identifier passes its check
   * @param excludedRepeats records left out because their person was valued already
   * @param ciMethod how the interval was obtained
   * @param replicates replicates of the simulation
   */
  public record ValueAtMarket(
      Double totalCny,
      Double ciLow,
      Double ciHigh,
      List<ValueCell> byCell,
      List<ValueRule> byRule,
      Long recordsValued,
      Long recordsUnpriced,
      Long excludedFabricated,
      Long excludedRepeats,
      String ciMethod,
      Integer replicates) {
    public ValueAtMarket {
      byCell = listOrEmpty(byCell);
      byRule = listOrEmpty(byRule);
    }

    /** A total and its cells only (no rule table, no counts). */
    public ValueAtMarket(Double totalCny, Double ciLow, Double ciHigh, List<ValueCell> byCell) {
      this(totalCny, ciLow, ciHigh, byCell, List.of(), null, null, null, null, null, null);
    }

    /** The same figures with other rows and total (suppression). */
    public ValueAtMarket with(
        Double total, Double low, Double high, List<ValueCell> cells, List<ValueRule> rules) {
      return new ValueAtMarket(
          total,
          low,
          high,
          cells,
          rules,
          recordsValued,
          recordsUnpriced,
          excludedFabricated,
          excludedRepeats,
          ciMethod,
          replicates);
    }
  }

  /**
   * One group of valued records: a sample's first-seen valid persons of one period, category, tier
   * and freshness, the rule that priced them, the price and their value with its own 95% interval.
   * When {@code suppressed}, every number is null.
   */
  public record ValueCell(
      String period,
      String category,
      String tier,
      String freshness,
      Long records,
      Double valueCny,
      Double ciLow,
      Double ciHigh,
      boolean suppressed,
      String sampleId,
      String rule,
      String pricedFrom,
      Double priceCny,
      Long nQuotes) {

    /** Without sample, rule and price. */
    public ValueCell(
        String period,
        String category,
        String tier,
        String freshness,
        Long records,
        Double valueCny,
        Double ciLow,
        Double ciHigh,
        boolean suppressed) {
      this(
          period,
          category,
          tier,
          freshness,
          records,
          valueCny,
          ciLow,
          ciHigh,
          suppressed,
          null,
          null,
          null,
          null,
          null);
    }
  }

  /**
   * Records and value per pricing rule ({@code own_price}, {@code cell}, ..., {@code unpriced}).
   */
  public record ValueRule(String rule, Long records, Double valueCny, boolean suppressed) {}

  /**
   * A published figure compared with the previous period: {@code figure} names it (e.g. {@code
   * median_cny credit_card/standard/new} or {@code hedonic_index}); {@code ciLowPct}/{@code
   * ciHighPct} the 95% interval of the change in per cent where the method gives one (the indices;
   * a cell median has none), else null.
   */
  public record Change(
      String figure,
      String previousPeriod,
      String period,
      Double previous,
      Double current,
      Double changePct,
      Double ciLowPct,
      Double ciHighPct) {

    /** A change without an interval. */
    public Change(
        String figure,
        String previousPeriod,
        String period,
        Double previous,
        Double current,
        Double changePct) {
      this(figure, previousPeriod, period, previous, current, changePct, null, null);
    }

    /** Whether the interval excludes no change: the change is distinguishable from none. */
    public boolean clear() {
      return ciLowPct != null && ciHighPct != null && (ciLowPct > 0 || ciHighPct < 0);
    }
  }

  /**
   * A figure published before whose value changed after late data: computed by the pipeline from
   * the table versions pinned in the previous manifest. {@code figure} uses the names of {@link
   * FigureNames}, so that suppression can recognise a figure of a now-suppressed cell. In JSON the
   * values are {@code old} and {@code new}.
   */
  public record Revision(
      String figure,
      String period,
      @com.fasterxml.jackson.annotation.JsonProperty("old") Double oldValue,
      @com.fasterxml.jackson.annotation.JsonProperty("new") Double newValue) {}

  /** What the data-and-methods section says: sources, parameters, pinned versions, seed. */
  public record DataAndMethods(
      List<Source> sources,
      String fxSource,
      Map<String, String> parameters,
      Map<String, Long> tableVersions,
      String modelSelected,
      long seed,
      String codeVersion) {
    public DataAndMethods {
      sources = listOrEmpty(sources);
      parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
      tableVersions = tableVersions == null ? Map.of() : Map.copyOf(tableVersions);
    }
  }

  /** One input: a name (e.g. {@code listings}), what it is, and how many rows were read. */
  public record Source(String name, String description, long rows) {}
}
