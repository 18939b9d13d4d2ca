package org.leakmarket.publish;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.leakmarket.config.Defaults;
import org.leakmarket.publish.PublicationModel.HedonicPoint;
import org.leakmarket.publish.PublicationModel.IndexPoint;
import org.leakmarket.publish.PublicationModel.MarketCell;
import org.leakmarket.stats.market.Jevons;
import org.leakmarket.stats.market.MedianInterval;

/**
 * The market part of a publication's template context: one section per product present (the seed's
 * customer records first) with its chart and table of cells, the market headline sentences, the
 * index text and table, and the market paragraphs of the methodology. Every price is called an
 * asking price ("advertised at"), never a sale, and every interval says its method and level. Reads
 * only the suppressed model's published values. Pure; costs one pass over the cells.
 */
final class MarketView {
  private static final String SELLER = "seller";

  private final PublicationModel m;

  MarketView(PublicationModel m) {
    this.m = m;
  }

  // ---------------------------------------------------------------- words

  /** A product as a section title: {@code Customer records}. */
  static String productTitle(String product) {
    return switch (product == null ? FigureNames.LEGACY_PRODUCT : product) {
      case "personal_records" -> "Customer records";
      case "card_credentials" -> "Card credentials (number, expiry, CVV)";
      case "card_clones" -> "Cloned cards and track data";
      case "account_access" -> "Account logins";
      case "identity_documents" -> "Identity documents";
      case "other" -> "Other goods";
      default -> PublicationCharts.label(product);
    };
  }

  /** What a cell sells, for a sentence: {@code credit-card customer records}. */
  static String goods(MarketCell c) {
    String category = c.category() == null ? "other" : c.category();
    String cat = "other".equals(category) ? "" : PublicationCharts.label(category) + " ";
    // card goods are credit-card data by nature: "credit-card card credentials" says it twice
    String cardCat = "credit_card".equals(category) ? "" : cat;
    return switch (PublicationCharts.productOf(c)) {
      case "personal_records" -> cat + "customer records";
      case "card_credentials" -> cardCat + "card credentials";
      case "card_clones" -> cardCat + "cloned cards and dumps";
      case "account_access" ->
          "bank_account".equals(category) ? "online-banking logins" : cat + "account logins";
      case "identity_documents" -> cat + "identity documents";
      default -> cat + "goods";
    };
  }

  /** How offers vote, for the reader. */
  String weightText() {
    return SELLER.equals(m.market().weight()) || m.market().weight() == null
        ? "Each seller counts once per cell and period, at the median of its asking prices"
            + " (weight: seller)."
        : "Every offer counts once (weight: offer): a seller quoting many prices in a cell weighs"
            + " as much as as many sellers.";
  }

  /**
   * The median's interval with its method and level: {@code 95% order-statistic interval 0.49–0.60,
   * achieved level 96.1%} or {@code range 0.20–0.30 (fewer than 6 quotes: no 95% interval exists)}.
   */
  static String intervalText(MarketCell c) {
    if (c.medianCiLow() == null || c.medianCiHigh() == null) {
      return "";
    }
    String range = Formats.cnyRange(c.medianCiLow(), c.medianCiHigh());
    if (MedianInterval.RANGE.equals(c.ciMethod())) {
      return "range " + range + "; with fewer than 6 quotes no 95% interval exists";
    }
    if (MedianInterval.ORDER_STATISTIC.equals(c.ciMethod()) && c.medianCiLevel() != null) {
      return "95% order-statistic interval "
          + range
          + ", achieved level "
          + Formats.percent(c.medianCiLevel());
    }
    return "interval " + range;
  }

  /** The interval's method and level for a table cell: {@code order statistic, 96.1%}. */
  static String intervalMethod(MarketCell c) {
    if (MedianInterval.RANGE.equals(c.ciMethod())) {
      return "range, n < 6";
    }
    if (MedianInterval.ORDER_STATISTIC.equals(c.ciMethod()) && c.medianCiLevel() != null) {
      return "order statistic, " + Formats.percent(c.medianCiLevel());
    }
    return c.ciMethod() == null ? "" : c.ciMethod().replace('_', ' ');
  }

  static String cellSentence(MarketCell c) {
    String fresh =
        switch (c.freshness()) {
          case "new" -> "Fresh ";
          case "second_hand" -> "Second-hand ";
          case "aged" -> "Aged ";
          default -> "";
        };
    String what = goods(c);
    if (fresh.isEmpty()) {
      what = Character.toUpperCase(what.charAt(0)) + what.substring(1);
    }
    String tier = "unknown".equals(c.tier()) ? "" : " of " + c.tier() + " cards";
    StringBuilder sb =
        new StringBuilder()
            .append(fresh)
            .append(what)
            .append(tier)
            .append(" were advertised at a median asking price of ")
            .append(Formats.cny(c.medianCny()))
            .append(" CNY per record in ")
            .append(c.period());
    String interval = intervalText(c);
    if (!interval.isEmpty()) {
      sb.append(" (").append(interval).append(')');
    }
    sb.append(", from ");
    if (c.nQuotes() != null) {
      sb.append(Formats.count(c.nQuotes())).append(" independent quotes");
      if (!c.nQuotes().equals(c.nOffers())) {
        sb.append(" (").append(Formats.count(c.nOffers())).append(" offers)");
      }
    } else {
      sb.append(Formats.count(c.nOffers())).append(" offers");
    }
    sb.append(" by ").append(Formats.count(c.nSellers())).append(" sellers.");
    return sb.toString();
  }

  /**
   * Headline sentences: the largest published cells of each product's latest period, three for the
   * first product (the seed's customer records when present) and one for each other product.
   */
  List<String> headlines() {
    List<String> out = new ArrayList<>();
    List<String> products = PublicationCharts.products(m);
    for (int i = 0; i < products.size(); i++) {
      String product = products.get(i);
      Optional<String> latest = PublicationCharts.latestPeriod(m, product);
      if (latest.isEmpty()) {
        continue;
      }
      m.market().cells().stream()
          .filter(
              c ->
                  !c.suppressed()
                      && c.medianCny() != null
                      && c.period().equals(latest.get())
                      && PublicationCharts.productOf(c).equals(product))
          .sorted(
              Comparator.comparingLong(PublicationCharts::size)
                  .reversed()
                  .thenComparing(MarketCell::key))
          .limit(i == 0 ? 3 : 1)
          .forEach(c -> out.add(cellSentence(c)));
    }
    return out;
  }

  // ---------------------------------------------------------------- sections

  /**
   * One section per product with a published cell: {@code title}, {@code text}, {@code chart} (a
   * chart context from {@code charts}, or absent) and {@code table}.
   */
  List<Map<String, Object>> productSections(Map<String, Object> charts) {
    List<Map<String, Object>> out = new ArrayList<>();
    long suppressed = m.market().cells().stream().filter(MarketCell::suppressed).count();
    for (String product : PublicationCharts.products(m)) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("title", productTitle(product));
      s.put("id", "prices-" + product.replace('_', '-'));
      List<MarketCell> cells =
          m.market().cells().stream()
              .filter(c -> !c.suppressed() && PublicationCharts.productOf(c).equals(product))
              .toList();
      long quotes = cells.stream().mapToLong(PublicationCharts::size).sum();
      s.put(
          "text",
          Formats.count((long) cells.size())
              + (cells.size() == 1 ? " published cell" : " published cells")
              + " holding "
              + Formats.count(quotes)
              + " independent quotes. Prices are asking prices per record in CNY.");
      Object chart = charts.get(PublicationCharts.PRICE_CHART + product);
      if (chart != null) {
        s.put("chart", chart);
      }
      s.put("table", cellTable(product, cells, suppressed));
      out.add(s);
    }
    return out;
  }

  private Map<String, Object> cellTable(String product, List<MarketCell> cells, long suppressed) {
    return PublishedTables.MARKET_CELLS.display(
        PublishedTables.cellLines(cells, m.market().weight()),
        productTitle(product)
            + ": asking price per record by period, category, tier and freshness (CNY)"
            + (SELLER.equals(m.market().weight()) ? "; one quote per seller and cell" : "")
            + (m.market().weight() == null ? "" : " (weight: " + m.market().weight() + ")")
            + (suppressed == 0
                ? ""
                : "; " + suppressed + " cells of all products are suppressed (marked in the CSV)"));
  }

  /** The paragraph that opens the market part. */
  String marketText() {
    return "Every price below is an asking price: what a seller advertised, not what a buyer paid. "
        + "Adverts are counted in independent quotes: reposts of one advert count once, an advert"
        + " copied by several sellers at the same price counts once. "
        + weightText();
  }

  // ---------------------------------------------------------------- indices

  String indexText() {
    List<HedonicPoint> pts =
        m.market().hedonic().stream()
            .filter(p -> !p.suppressed() && p.index() != null)
            .sorted(Comparator.comparing(HedonicPoint::period))
            .toList();
    StringBuilder sb = new StringBuilder();
    if (pts.size() >= 2) {
      HedonicPoint first = pts.get(0);
      HedonicPoint last = pts.get(pts.size() - 1);
      sb.append("The quality-adjusted (hedonic) index of asking prices stood at ")
          .append(Formats.index(last.index()))
          .append(" in ")
          .append(last.period());
      if (last.ciLow() != null && last.ciHigh() != null) {
        sb.append(" (95% CI ")
            .append(Formats.index(last.ciLow()))
            .append("–")
            .append(Formats.index(last.ciHigh()))
            .append(", seller-clustered CR1 standard errors)");
      }
      sb.append(", against 100 in ").append(first.period());
      if (last.n() != null && last.sellers() != null) {
        sb.append("; the regression holds ")
            .append(Formats.count(last.n()))
            .append(" offers from ")
            .append(Formats.count(last.sellers()))
            .append(" sellers");
        if (last.r2() != null) {
          sb.append(" (R² ")
              .append(String.format(java.util.Locale.ROOT, "%.2f", last.r2()))
              .append(')');
        }
      }
      sb.append('.');
      Optional<IndexPoint> jev =
          m.market().jevons().stream()
              .filter(p -> !p.suppressed() && p.index() != null && p.period().equals(last.period()))
              .findFirst();
      jev.ifPresent(
          j -> {
            sb.append(" The Jevons index of matched cells stood at ")
                .append(Formats.index(j.index()));
            if (j.ciLow() != null && j.ciHigh() != null) {
              sb.append(" (95% seller-bootstrap interval ")
                  .append(Formats.index(j.ciLow()))
                  .append("–")
                  .append(Formats.index(j.ciHigh()))
                  .append(')');
            }
            if (j.segment() != null && j.segment() > 1) {
              sb.append(" in its chain since the last break");
            }
            sb.append('.');
          });
    }
    String breaks = breakText();
    if (!breaks.isEmpty()) {
      sb.append(sb.length() == 0 ? "" : " ").append(breaks);
    }
    return sb.toString();
  }

  /** Where the Jevons chain breaks, in words; empty when it never does. */
  String breakText() {
    List<IndexPoint> jev =
        m.market().jevons().stream().sorted(Comparator.comparing(IndexPoint::period)).toList();
    List<String> parts = new ArrayList<>();
    for (int i = 1; i < jev.size(); i++) {
      IndexPoint p = jev.get(i);
      if (Jevons.NOTE_BREAK.equals(p.note())) {
        int n = p.nCells() == null ? 0 : p.nCells();
        parts.add(
            "at "
                + p.period()
                + " ("
                + n
                + (n == 1 ? " cell" : " cells")
                + " matched with "
                + jev.get(i - 1).period()
                + ")");
      }
    }
    if (parts.isEmpty()) {
      return "";
    }
    Jevons.Rules rules = Jevons.Rules.DEFAULT;
    return "The Jevons chain breaks "
        + String.join(", ", parts)
        + ": a link needs at least "
        + rules.minCells()
        + " elementary cells with "
        + rules.minSellers()
        + " or more sellers in both periods. After a break the index restarts at 100, and values"
        + " before and after it are not comparable.";
  }

  Map<String, Object> indexTable() {
    return PublishedTables.INDICES.display(m.market().indexRows());
  }

  // ---------------------------------------------------------------- methods

  /** The market paragraphs of the methodology, with this publication's parameters. */
  List<Map<String, String>> methods() {
    Map<String, String> p = m.dataAndMethods() == null ? Map.of() : m.dataAndMethods().parameters();
    String b =
        p.getOrDefault("bootstrap_replicates", String.valueOf(Defaults.BOOTSTRAP_REPLICATES));
    Jevons.Rules rules = Jevons.Rules.DEFAULT;
    List<Map<String, String>> out = new ArrayList<>();
    out.add(
        PublicationView.method(
            "Asking prices",
            "Every price in this brief is an asking price copied from an advert, not a price paid:"
                + " an offer is not a sale, and nothing here shows that a sale took place or at"
                + " what price. Sellers exaggerate (fresher data, better cards, bigger lots than"
                + " they deliver), some adverts are scams that take payment and deliver nothing or"
                + " recycled data, and buyers haggle. Asking prices therefore show what sellers"
                + " demand and how that moves over time; they do not measure transaction prices,"
                + " turnover or sellers' income."));
    out.add(
        PublicationView.method(
            "Offers, quotes and cells",
            "Each advert is read into zero or more offers: a price per record in CNY with the"
                + " product sold (customer records, card credentials, cloned cards, account"
                + " logins, identity documents), tier, freshness, category, issuers and region the"
                + " advert states. Prices in other currencies are converted with the FX table"
                + " named above. The unit of count is the independent quote: the same advert"
                + " reposted by the same seller within 30 days counts once; an advert copied by"
                + " several sellers at the same price in the same period counts once; "
                + (SELLER.equals(m.market().weight()) || m.market().weight() == null
                    ? "and a seller quoting several prices in one cell and period counts once, at"
                        + " the median of its prices (weight: seller), so that one prolific seller"
                        + " cannot move a median."
                    : "and every remaining offer counts (weight: offer), so a seller quoting many"
                        + " prices weighs as much as as many sellers.")
                + " Quotes are grouped into cells of period × product × category × tier ×"
                + " freshness; goods a hundred times apart in price never share a cell."));
    out.add(
        PublicationView.method(
            "Prices and their intervals",
            "Each cell reports exact percentiles of its quotes (median, 25th and 75th"
                + " percentiles), not approximations. The median's interval is the"
                + " distribution-free order-statistic interval: the r-th smallest and r-th"
                + " largest quote, with the largest r whose binomial coverage is at least 95%;"
                + " the level it actually achieves is printed beside it (with 6 quotes the"
                + " smallest and largest, 96.9%; with 9 the second smallest and second largest,"
                + " 96.1%). With fewer than 6 quotes no 95% interval exists and the cell's range"
                + " is shown instead, as a range. No bootstrap is used for a cell's median: on a"
                + " handful of values it covers far less often than it claims."));
    out.add(
        PublicationView.method(
            "Jevons index",
            "Elementary cells are product × category × tier × freshness × region. For two"
                + " consecutive periods, the cells with at least "
                + rules.minSellers()
                + " sellers in both are matched, and the link is the geometric mean of the ratios"
                + " of their geometric-mean prices; links are chained, with 100 in the first"
                + " period. A link with fewer than "
                + rules.minCells()
                + " matched cells breaks the chain: the index restarts at 100 and says so. The 95%"
                + " interval is a percentile bootstrap that resamples sellers within each cell,"
                + " one fewer than the cell has, so that a cell of few sellers does not look"
                + " more certain than it is ("
                + b
                + " replicates, each draw derived from the publication seed, the cell and the"
                + " replicate, so it does not depend on how the data were partitioned). In"
                + " simulation it covers close to 95% from four matched cells of four or more"
                + " sellers, and about 91% at three cells of two or three sellers. The"
                + " change since the previous period has its own interval, the same percentiles"
                + " of the replicate links; a change across a chain break is not published."));
    out.add(
        PublicationView.method(
            "Hedonic index",
            "A least-squares regression of the log asking price per record on period dummies"
                + " and product, category, tier, freshness, language and lot-size (1; 2–1,000;"
                + " 1,000–100,000; more records) dummies, plus the log of the balance where the"
                + " goods carry one; "
                + (SELLER.equals(m.market().weight()) || m.market().weight() == null
                    ? "each of a seller's m offers in a cell and period weighs 1/m. "
                    : "every offer weighs 1. ")
                + "The index is 100·exp(δ) for a period's coefficient δ; its 95% interval uses"
                + " standard errors clustered by seller (CR1) and Student's t with one degree of"
                + " freedom fewer than there are sellers. The Kennedy-corrected value"
                + " 100·exp(δ − ½·Var(δ)) removes the small bias of exponentiating an estimate."
                + " The change since the previous period, exp(δ_t − δ_t−1), has its own 95%"
                + " interval from the variance of the difference of the two coefficients"
                + " (their covariance included): two overlapping index intervals do not show"
                + " that prices stood still, nor two separate ones that they moved."
                + " The number of offers, of sellers and the R² are reported with the index."));
    return out;
  }
}
