package org.leakmarket.publish;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.awt.geom.Ellipse2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.leakmarket.publish.PublicationModel.HedonicPoint;
import org.leakmarket.publish.PublicationModel.IndexPoint;
import org.leakmarket.publish.PublicationModel.IssuerCount;
import org.leakmarket.publish.PublicationModel.LogLinearModel;
import org.leakmarket.publish.PublicationModel.MarketCell;
import org.leakmarket.publish.PublicationModel.Population;
import org.leakmarket.stats.market.Jevons;

/**
 * The publication's charts, drawn with JFreeChart from an already suppressed model (a suppressed
 * cell has no numbers, so it cannot be plotted): for each product, the asking price per record by
 * tier and freshness with the median's order-statistic interval (the range below 6 quotes) on a log
 * scale; the Jevons and hedonic indices with the hedonic 95% band (the Jevons line broken where its
 * chain breaks); persons exposed by issuer, and the population estimate of each model with its CI.
 * Each chart is written as SVG (JFreeSVG, with a fixed defs prefix so ids are stable and unique
 * inside one HTML page) and as a PNG at twice the nominal size. Runs headless; costs one render per
 * chart and format (tens of ms).
 */
public final class PublicationCharts {
  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  public static final int WIDTH = 800;
  public static final int HEIGHT = 440;

  private static final String FONT = "SansSerif";
  private static final Color INK = new Color(0x22, 0x22, 0x22);
  private static final Color MUTED = new Color(0x66, 0x66, 0x66);
  private static final Color GRID = new Color(0xDD, 0xDD, 0xDD);

  /** Okabe-Ito colours: distinguishable with the common colour-vision deficiencies. */
  private static final Map<String, Color> FRESHNESS_COLOURS =
      Map.of(
          "new", new Color(0x00, 0x72, 0xB2),
          "second_hand", new Color(0xE6, 0x9F, 0x00),
          "aged", new Color(0x00, 0x9E, 0x73),
          "unknown", new Color(0x99, 0x99, 0x99));

  private static final Color BLUE = new Color(0x00, 0x72, 0xB2);
  private static final Color VERMILION = new Color(0xD5, 0x5E, 0x00);
  private static final List<String> TIER_ORDER =
      List.of("standard", "gold", "platinum", "premium", "unknown");
  private static final List<String> FRESHNESS_ORDER =
      List.of("new", "second_hand", "aged", "unknown");

  /** The seed's customer records first, then the other products of vocabulary.md. */
  static final List<String> PRODUCT_ORDER =
      List.of(
          "personal_records",
          "card_credentials",
          "card_clones",
          "account_access",
          "identity_documents",
          "other");

  /** Chart id of a product's price chart. */
  static final String PRICE_CHART = "price_by_tier_freshness_";

  private PublicationCharts() {}

  /** A named chart and what the reader is told about it. */
  public record Chart(String id, String title, String alt, JFreeChart chart) {
    /** The chart as a standalone SVG element; its ids start with the chart id. */
    public String svg() {
      SVGGraphics2D g2 = new SVGGraphics2D(WIDTH, HEIGHT);
      g2.setDefsKeyPrefix(id.replace('_', '-') + "-");
      chart.draw(g2, new Rectangle(0, 0, WIDTH, HEIGHT));
      // A viewBox lets the inline chart scale with the page (and with print) without distortion.
      return g2.getSVGElement(
          "chart-" + id.replace('_', '-'),
          true,
          new org.jfree.svg.ViewBox(0, 0, WIDTH, HEIGHT),
          null,
          null);
    }

    /** The chart as PNG bytes at twice the nominal size. */
    public byte[] png() {
      try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
        ChartUtils.writeScaledChartAsPNG(out, chart, WIDTH, HEIGHT, 2, 2);
        return out.toByteArray();
      } catch (IOException e) {
        throw new IllegalStateException("cannot encode chart " + id, e);
      }
    }
  }

  /** Every chart the model has data for, in reading order. */
  public static List<Chart> all(PublicationModel m, String source) {
    List<Chart> charts = new ArrayList<>();
    for (String product : products(m)) {
      priceByTier(m, product, source).ifPresent(charts::add);
    }
    indices(m, source).ifPresent(charts::add);
    exposureByIssuer(m, source).ifPresent(charts::add);
    population(m, source).ifPresent(charts::add);
    return charts;
  }

  /** Products with a published cell, in {@link #PRODUCT_ORDER} (unknown ones after, sorted). */
  static List<String> products(PublicationModel m) {
    return order(
        m.market().cells().stream()
            .filter(c -> !c.suppressed())
            .map(PublicationCharts::productOf)
            .toList(),
        PRODUCT_ORDER);
  }

  /** A cell's product; cells published before products existed are customer records. */
  static String productOf(MarketCell c) {
    return c.product() == null ? FigureNames.LEGACY_PRODUCT : c.product();
  }

  /** The latest period with at least one published market cell, if any. */
  static Optional<String> latestPeriod(PublicationModel m) {
    return m.market().cells().stream()
        .filter(c -> !c.suppressed())
        .map(MarketCell::period)
        .max(Comparator.naturalOrder());
  }

  /** The latest period with a published cell of {@code product}, if any. */
  static Optional<String> latestPeriod(PublicationModel m, String product) {
    return m.market().cells().stream()
        .filter(c -> !c.suppressed() && productOf(c).equals(product))
        .map(MarketCell::period)
        .max(Comparator.naturalOrder());
  }

  /** The category of {@code product} with the most published quotes in a period. */
  static Optional<String> mainCategory(PublicationModel m, String product, String period) {
    Map<String, Long> offers = new TreeMap<>();
    for (MarketCell c : m.market().cells()) {
      if (!c.suppressed() && c.period().equals(period) && productOf(c).equals(product)) {
        offers.merge(c.category(), size(c), Long::sum);
      }
    }
    // Most offers wins; on a tie the alphabetically first category, so the choice is stable.
    String best = null;
    for (Map.Entry<String, Long> e : offers.entrySet()) {
      if (best == null || e.getValue() > offers.get(best)) {
        best = e.getKey();
      }
    }
    return Optional.ofNullable(best);
  }

  /** A cell's size for ranking: its independent quotes, or offers in an older model. */
  static long size(MarketCell c) {
    Long n = c.nQuotes() != null ? c.nQuotes() : c.nOffers();
    return n == null ? 0 : n;
  }

  static Optional<Chart> priceByTier(PublicationModel m, String product, String source) {
    Optional<String> period = latestPeriod(m, product);
    if (period.isEmpty()) {
      return Optional.empty();
    }
    String category = mainCategory(m, product, period.get()).orElseThrow();
    List<MarketCell> cells =
        m.market().cells().stream()
            .filter(
                c ->
                    !c.suppressed()
                        && c.period().equals(period.get())
                        && productOf(c).equals(product)
                        && c.category().equals(category)
                        && c.medianCny() != null
                        && c.medianCny() > 0)
            .toList();
    List<String> tiers =
        new ArrayList<>(order(cells.stream().map(MarketCell::tier).toList(), TIER_ORDER));
    List<String> freshness =
        order(cells.stream().map(MarketCell::freshness).toList(), FRESHNESS_ORDER);
    YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    XYErrorRenderer renderer = new XYErrorRenderer();
    double width = 0.6;
    for (int s = 0; s < freshness.size(); s++) {
      YIntervalSeries series = new YIntervalSeries(label(freshness.get(s)));
      // Dodge the series side by side within a tier so that overlapping intervals stay readable.
      double offset = freshness.size() == 1 ? 0 : -width / 2 + width * s / (freshness.size() - 1);
      for (MarketCell c : cells) {
        if (c.freshness().equals(freshness.get(s))) {
          double lo = c.medianCiLow() == null ? c.medianCny() : c.medianCiLow();
          double hi = c.medianCiHigh() == null ? c.medianCny() : c.medianCiHigh();
          series.add(tiers.indexOf(c.tier()) + offset, c.medianCny(), lo, hi);
        }
      }
      data.addSeries(series);
      Color colour = FRESHNESS_COLOURS.getOrDefault(freshness.get(s), MUTED);
      renderer.setSeriesPaint(s, colour);
      renderer.setSeriesShape(s, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
    }
    renderer.setDrawXError(false);
    renderer.setCapLength(8);
    renderer.setErrorStroke(new BasicStroke(1.6f));
    SymbolAxis x =
        new SymbolAxis(
            "Card tier", tiers.stream().map(PublicationCharts::label).toArray(String[]::new));
    x.setGridBandsVisible(false);
    x.setRange(-0.7, tiers.size() - 0.3);
    LogAxis y = new OneTwoFiveLogAxis("CNY per record (log scale)");
    y.setBase(10);
    y.setSmallestValue(1e-4);
    y.setUpperMargin(0.08);
    y.setLowerMargin(0.08);
    XYPlot plot = new XYPlot(data, x, y, renderer);
    String what = MarketView.productTitle(product) + ", " + label(category);
    JFreeChart chart =
        chart(
            "Asking price per record by card tier and freshness, " + period.get(),
            what + "; median, 95% order-statistic interval (range below 6 quotes)",
            plot,
            source,
            true);
    return Optional.of(
        new Chart(
            PRICE_CHART + product,
            "Asking price per record by tier and freshness, " + what + ", " + period.get(),
            "Median asking price per record in CNY by card tier and freshness with the median's"
                + " 95% order-statistic interval or range",
            chart));
  }

  static Optional<Chart> indices(PublicationModel m, String source) {
    TreeSet<String> periods = new TreeSet<>();
    m.market().jevons().stream().filter(p -> !p.suppressed()).forEach(p -> periods.add(p.period()));
    m.market().hedonic().stream()
        .filter(p -> !p.suppressed())
        .forEach(p -> periods.add(p.period()));
    if (periods.size() < 2) {
      return Optional.empty();
    }
    List<String> order = new ArrayList<>(periods);
    YIntervalSeriesCollection band = new YIntervalSeriesCollection();
    YIntervalSeries hed = new YIntervalSeries("Hedonic index (95% CI band)");
    for (HedonicPoint p : m.market().hedonic()) {
      if (!p.suppressed() && p.index() != null) {
        double lo = p.ciLow() == null ? p.index() : p.ciLow();
        double hi = p.ciHigh() == null ? p.index() : p.ciHigh();
        hed.add(order.indexOf(p.period()), p.index(), lo, hi);
      }
    }
    band.addSeries(hed);
    XYSeriesCollection jevons = new XYSeriesCollection();
    boolean breaks = m.market().jevons().stream().anyMatch(p -> Jevons.NOTE_BREAK.equals(p.note()));
    XYSeries jev =
        new XYSeries("Jevons index of matched cells" + (breaks ? " (gap: chain break)" : ""));
    for (IndexPoint p : m.market().jevons()) {
      if (!p.suppressed() && p.index() != null) {
        if (Jevons.NOTE_BREAK.equals(p.note()) && jev.getItemCount() > 0) {
          // a null point ends the line: the segments before and after a break are not comparable
          jev.add(order.indexOf(p.period()) - 0.5, null);
        }
        jev.add(order.indexOf(p.period()), p.index());
      }
    }
    jevons.addSeries(jev);
    SymbolAxis x = new SymbolAxis("Period", order.toArray(String[]::new));
    x.setGridBandsVisible(false);
    NumberAxis y = new NumberAxis("Index (first period = 100)");
    y.setAutoRangeIncludesZero(false);
    DeviationRenderer dev = new DeviationRenderer(true, true);
    dev.setSeriesPaint(0, BLUE);
    dev.setSeriesFillPaint(0, BLUE);
    dev.setSeriesStroke(0, new BasicStroke(2.2f));
    dev.setSeriesShape(0, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
    dev.setAlpha(0.18f);
    XYPlot plot = new XYPlot(band, x, y, dev);
    XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, true);
    line.setSeriesPaint(0, VERMILION);
    line.setSeriesStroke(
        0,
        new BasicStroke(
            2.0f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 4f}, 0f));
    line.setSeriesShape(0, new Rectangle(-3, -3, 6, 6));
    plot.setDataset(1, jevons);
    plot.setRenderer(1, line);
    ValueMarker base = new ValueMarker(100, MUTED, new BasicStroke(1f));
    plot.addRangeMarker(base);
    JFreeChart chart =
        chart(
            "Asking-price indices of stolen records over time",
            "Base 100 in the first period; shaded: 95% interval of the hedonic index"
                + " (seller-clustered CR1 standard errors)",
            plot,
            source,
            true);
    return Optional.of(
        new Chart(
            "price_indices",
            "Asking-price indices over time",
            "Hedonic and Jevons indices of asking prices by period with the hedonic 95% band",
            chart));
  }

  static Optional<Chart> exposureByIssuer(PublicationModel m, String source) {
    if (m.exposure() == null) {
      return Optional.empty();
    }
    List<IssuerCount> shown =
        m.exposure().byIssuer().stream()
            .filter(c -> !c.suppressed() && c.persons() != null)
            .sorted(
                Comparator.comparing(IssuerCount::persons)
                    .reversed()
                    .thenComparing(IssuerCount::issuer))
            .toList();
    if (shown.isEmpty()) {
      return Optional.empty();
    }
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (IssuerCount c : shown) {
      data.addValue(c.persons(), "Persons", c.issuer());
    }
    CategoryAxis x = new CategoryAxis(null);
    NumberAxis y = new NumberAxis("Persons exposed");
    y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    y.setNumberFormatOverride(
        new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT)));
    y.setUpperMargin(0.12);
    BarRenderer bars = new BarRenderer();
    bars.setBarPainter(new StandardBarPainter());
    bars.setShadowVisible(false);
    bars.setSeriesPaint(0, BLUE);
    bars.setMaximumBarWidth(0.08);
    bars.setDefaultItemLabelGenerator(
        new StandardCategoryItemLabelGenerator(
            "{2}", new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT))));
    bars.setDefaultItemLabelsVisible(true);
    bars.setDefaultItemLabelFont(new Font(FONT, Font.PLAIN, 11));
    bars.setDefaultItemLabelPaint(INK);
    bars.setDefaultPositiveItemLabelPosition(
        new org.jfree.chart.labels.ItemLabelPosition(
            org.jfree.chart.labels.ItemLabelAnchor.OUTSIDE3,
            org.jfree.chart.ui.TextAnchor.CENTER_LEFT));
    CategoryPlot plot = new CategoryPlot(data, x, y, bars);
    plot.setOrientation(PlotOrientation.HORIZONTAL);
    plot.setRangeAxisLocation(org.jfree.chart.axis.AxisLocation.BOTTOM_OR_LEFT);
    JFreeChart chart =
        chart(
            "Persons exposed by card issuer",
            "Persons in the leak samples holding a card of the issuer; small issuers not shown",
            plot,
            source,
            false);
    return Optional.of(
        new Chart(
            "exposure_by_issuer",
            "Persons exposed by card issuer",
            "Bar chart of persons exposed per card issuer",
            chart));
  }

  /** At most this many log-linear models are plotted (the best by BIC), so labels stay legible. */
  static final int MAX_MODELS_PLOTTED = 8;

  static Optional<Chart> population(PublicationModel m, String source) {
    Population p = m.population();
    if (p == null) {
      return Optional.empty();
    }
    // name -> {estimate, low, high, series}: 0 selected, 1 other models, 2 average, 3 heterogeneity
    Map<String, double[]> estimates = new LinkedHashMap<>();
    if (p.chapman() != null) {
      estimates.put(
          "chapman",
          new double[] {p.chapman().nHat(), p.chapman().ciLow(), p.chapman().ciHigh(), 1});
    }
    List<LogLinearModel> best =
        p.models().stream()
            .filter(lm -> lm.converged() && lm.nHat() != null && lm.bic() != null)
            .sorted(Comparator.comparingDouble(LogLinearModel::bic))
            .limit(MAX_MODELS_PLOTTED)
            .toList();
    for (LogLinearModel lm : p.models()) {
      if (best.contains(lm)) {
        // the profile interval where there is one with both limits, else the log-normal one
        boolean profile = lm.profileCiLow() != null && lm.profileCiHigh() != null;
        Double lo = profile ? lm.profileCiLow() : lm.ciLow();
        Double hi = profile ? lm.profileCiHigh() : lm.ciHigh();
        estimates.put(
            lm.model(),
            new double[] {
              lm.nHat(),
              lo == null ? lm.nHat() : lo,
              hi == null ? lm.nHat() : hi,
              lm.model().equals(p.selected()) ? 0 : 1
            });
      }
    }
    PublicationModel.ModelAverage a = p.modelAverage();
    if (a != null && a.nHat() != null && a.models() != null && a.models() > 1) {
      estimates.put("average", new double[] {a.nHat(), a.ciLow(), a.ciHigh(), 2});
    }
    for (PublicationModel.SensitivityModel sm : p.sensitivity()) {
      if (sm.converged() && sm.nHat() != null) {
        boolean profile = sm.profileCiLow() != null && sm.profileCiHigh() != null;
        Double lo = profile ? sm.profileCiLow() : sm.ciLow();
        Double hi = profile ? sm.profileCiHigh() : sm.ciHigh();
        // short axis labels: "Mth Chao (LB)" does not fit under its point
        estimates.put(
            sm.model().replace("Mth ", "").replace(" (LB)", " LB"),
            new double[] {sm.nHat(), lo == null ? sm.nHat() : lo, hi == null ? sm.nHat() : hi, 3});
      }
    }
    if (estimates.isEmpty()) {
      return Optional.empty();
    }
    List<String> names = new ArrayList<>(estimates.keySet());
    YIntervalSeries selected = new YIntervalSeries("Selected model");
    YIntervalSeries others = new YIntervalSeries("Other models");
    YIntervalSeries average = new YIntervalSeries("BIC-weighted average");
    YIntervalSeries heterogeneity = new YIntervalSeries("Heterogeneity (sensitivity)");
    List<YIntervalSeries> series = List.of(selected, others, average, heterogeneity);
    for (int i = 0; i < names.size(); i++) {
      double[] e = estimates.get(names.get(i));
      series.get((int) e[3]).add(i, e[0], e[1], e[2]);
    }
    // Only series with points enter the chart (and its legend); paints follow the kind.
    YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    List<Integer> kinds = new ArrayList<>();
    for (int k = 0; k < series.size(); k++) {
      if (series.get(k).getItemCount() > 0) {
        data.addSeries(series.get(k));
        kinds.add(k);
      }
    }
    XYErrorRenderer renderer = new XYErrorRenderer();
    renderer.setDrawXError(false);
    renderer.setCapLength(10);
    renderer.setErrorStroke(new BasicStroke(1.6f));
    Color[] paints = {VERMILION, BLUE, INK, new Color(0x00, 0x9E, 0x73)};
    java.awt.Shape[] shapes = {
      new Ellipse2D.Double(-6, -6, 12, 12),
      new Ellipse2D.Double(-4.5, -4.5, 9, 9),
      new java.awt.geom.Rectangle2D.Double(-5, -5, 10, 10),
      new Ellipse2D.Double(-4.5, -4.5, 9, 9)
    };
    for (int i = 0; i < kinds.size(); i++) {
      renderer.setSeriesPaint(i, paints[kinds.get(i)]);
      renderer.setSeriesShape(i, shapes[kinds.get(i)]);
    }
    SymbolAxis x = new SymbolAxis("Model", names.toArray(String[]::new));
    x.setGridBandsVisible(false);
    x.setRange(-0.6, names.size() - 0.4);
    NumberAxis y = new NumberAxis("Estimated persons exposed");
    y.setAutoRangeIncludesZero(true);
    y.setNumberFormatOverride(
        new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT)));
    XYPlot plot = new XYPlot(data, x, y, renderer);
    if (m.exposure() != null && m.exposure().persons() != null) {
      ValueMarker observed =
          new ValueMarker(
              m.exposure().persons(),
              MUTED,
              new BasicStroke(
                  1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {4f, 4f}, 0f));
      observed.setLabel("persons observed");
      observed.setLabelFont(new Font(FONT, Font.PLAIN, 11));
      observed.setLabelPaint(MUTED);
      observed.setLabelBackgroundColor(new Color(255, 255, 255, 0));
      observed.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_RIGHT);
      observed.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.BOTTOM_RIGHT);
      plot.addRangeMarker(observed);
    }
    JFreeChart chart =
        chart(
            "Exposed population: capture-recapture estimates",
            "Estimate and 95% interval (profile likelihood where available): the best models by"
                + " BIC, their weighted average, and heterogeneity models",
            plot,
            source,
            true);
    return Optional.of(
        new Chart(
            "population_estimates",
            "Population estimates by model",
            "Estimated number of persons exposed per capture-recapture model with 95% intervals",
            chart));
  }

  /**
   * A log axis whose ticks fall on 1, 2 and 5 times a power of ten (0.02, 0.05, 0.1, ...), the
   * values a reader can place, instead of JFreeChart's fractional powers (0.398, 0.631, ...).
   */
  static final class OneTwoFiveLogAxis extends LogAxis {
    private static final long serialVersionUID = 1L;

    OneTwoFiveLogAxis(String label) {
      super(label);
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public List refreshTicks(
        java.awt.Graphics2D g2,
        org.jfree.chart.axis.AxisState state,
        java.awt.geom.Rectangle2D dataArea,
        RectangleEdge edge) {
      List ticks = new ArrayList();
      double lo = getRange().getLowerBound();
      double hi = getRange().getUpperBound();
      DecimalFormat f = new DecimalFormat("0.####", DecimalFormatSymbols.getInstance(Locale.ROOT));
      boolean vertical = RectangleEdge.isLeftOrRight(edge);
      org.jfree.chart.ui.TextAnchor anchor =
          vertical
              ? (edge == RectangleEdge.LEFT
                  ? org.jfree.chart.ui.TextAnchor.CENTER_RIGHT
                  : org.jfree.chart.ui.TextAnchor.CENTER_LEFT)
              : org.jfree.chart.ui.TextAnchor.TOP_CENTER;
      for (int e = (int) Math.floor(Math.log10(lo)); e <= (int) Math.ceil(Math.log10(hi)); e++) {
        for (int m : new int[] {1, 2, 5}) {
          double v = m * Math.pow(10, e);
          if (v >= lo && v <= hi) {
            ticks.add(
                new org.jfree.chart.axis.NumberTick(
                    org.jfree.chart.axis.TickType.MAJOR, v, f.format(v), anchor, anchor, 0.0));
          }
        }
      }
      return ticks;
    }
  }

  private static JFreeChart chart(
      String title,
      String subtitle,
      org.jfree.chart.plot.Plot plot,
      String source,
      boolean legend) {
    JFreeChart chart = new JFreeChart(title, new Font(FONT, Font.BOLD, 17), plot, legend);
    chart.setBackgroundPaint(Color.WHITE);
    chart.setPadding(new RectangleInsets(10, 12, 8, 16));
    chart.getTitle().setHorizontalAlignment(HorizontalAlignment.LEFT);
    chart.getTitle().setPaint(INK);
    TextTitle sub = new TextTitle(subtitle, new Font(FONT, Font.PLAIN, 13));
    sub.setPaint(MUTED);
    sub.setHorizontalAlignment(HorizontalAlignment.LEFT);
    sub.setPadding(new RectangleInsets(2, 0, 8, 0));
    chart.addSubtitle(sub);
    TextTitle src = new TextTitle(source, new Font(FONT, Font.PLAIN, 11));
    src.setPaint(MUTED);
    src.setPosition(RectangleEdge.BOTTOM);
    src.setHorizontalAlignment(HorizontalAlignment.LEFT);
    src.setPadding(new RectangleInsets(8, 0, 0, 0));
    chart.addSubtitle(src);
    if (legend) {
      // Title, then what the chart shows, then the key: the order a reader needs them.
      LegendTitle l = chart.getLegend();
      chart.removeLegend();
      chart.addSubtitle(l);
      l.setFrame(BlockBorder.NONE);
      l.setItemFont(new Font(FONT, Font.PLAIN, 12));
      l.setPosition(RectangleEdge.TOP);
      l.setHorizontalAlignment(HorizontalAlignment.LEFT);
      l.setItemPaint(INK);
    }
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlineVisible(false);
    if (plot instanceof XYPlot xy) {
      xy.setDomainGridlinesVisible(false);
      xy.setRangeGridlinePaint(GRID);
      xy.setRangeGridlineStroke(new BasicStroke(0.8f));
      xy.setAxisOffset(RectangleInsets.ZERO_INSETS);
      styleAxis(xy.getDomainAxis());
      styleAxis(xy.getRangeAxis());
    } else if (plot instanceof CategoryPlot cp) {
      cp.setDomainGridlinesVisible(false);
      cp.setRangeGridlinePaint(GRID);
      cp.setRangeGridlineStroke(new BasicStroke(0.8f));
      cp.setAxisOffset(RectangleInsets.ZERO_INSETS);
      styleAxis(cp.getDomainAxis());
      styleAxis(cp.getRangeAxis());
    }
    return chart;
  }

  private static void styleAxis(org.jfree.chart.axis.Axis axis) {
    axis.setLabelFont(new Font(FONT, Font.PLAIN, 13));
    axis.setLabelPaint(INK);
    axis.setTickLabelFont(new Font(FONT, Font.PLAIN, 12));
    axis.setTickLabelPaint(INK);
    axis.setAxisLinePaint(MUTED);
    axis.setTickMarkPaint(MUTED);
  }

  /** Values in the canonical order first, then any others alphabetically. */
  static List<String> order(List<String> values, List<String> canonical) {
    TreeSet<String> present = new TreeSet<>(values);
    List<String> out = new ArrayList<>();
    for (String c : canonical) {
      if (present.remove(c)) {
        out.add(c);
      }
    }
    out.addAll(present);
    return out;
  }

  /** A code as a reader sees it: {@code second_hand} becomes {@code second-hand}. */
  static String label(String code) {
    return code == null ? "" : code.replace('_', '-');
  }
}
