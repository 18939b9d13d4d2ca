package org.leakmarket.publish;

import java.util.Map;
import org.leakmarket.publish.PublicationModel.ValueAtMarket;
import org.leakmarket.publish.PublicationModel.ValueCell;
import org.leakmarket.publish.PublicationModel.ValueRule;
import org.leakmarket.publish.PublicationView.DisplayTable;
import org.leakmarket.stats.valuation.PricingLadder;
import org.leakmarket.stats.valuation.PricingRule;

/**
 * The value-at-asking-prices part of a publication: its sentence (says "at asking prices" and how
 * many persons could not be priced), the table of valued groups, the table of pricing rules and the
 * methods paragraph. Reads only the suppressed model. Pure; one pass over the groups.
 */
final class ValueView {
  private final ValueAtMarket v;
  private final int k;

  ValueView(ValueAtMarket v, int k) {
    this.v = v;
    this.k = k;
  }

  /** The sentence; empty without a valuation. */
  String text() {
    if (v == null || (v.totalCny() == null && v.recordsValued() == null)) {
      return "";
    }
    StringBuilder sb = new StringBuilder("At asking prices, ");
    if (v.totalCny() == null) {
      sb.append("no total value of the exposed persons is published (small-cell rule)");
    } else {
      sb.append("the exposed persons that could be priced are worth about ")
          .append(Formats.cny(v.totalCny()))
          .append(" CNY");
      if (v.ciLow() != null && v.ciLow().equals(v.ciHigh())) {
        // every priced group at its own advertised price: nothing was estimated from cells
        sb.append(" (each sample at its own advertised price, so no sampling error)");
      } else if (v.ciLow() != null && v.ciHigh() != null) {
        sb.append(" (95% CI ")
            .append(Formats.cny(v.ciLow()))
            .append("–")
            .append(Formats.cny(v.ciHigh()))
            .append(')');
      }
      sb.append(
          ": what sellers could ask for their records, not a price paid and not the harm done");
    }
    String unpriced = unpricedClause();
    if (!unpriced.isEmpty()) {
      sb.append("; ").append(unpriced);
    }
    String left = excludedClause();
    if (!left.isEmpty()) {
      sb.append("; ").append(left);
    }
    return sb.append('.').toString();
  }

  private String unpricedClause() {
    Long all = v.recordsValued();
    Long u = v.recordsUnpriced();
    if (all == null) {
      return "";
    }
    String persons = Formats.count(all) + " valid persons (each counted once)";
    if (u == null) {
      return "how many of the " + persons + " could not be priced is withheld (small-cell rule)";
    }
    if (u == 0) {
      return "all " + persons + " could be priced";
    }
    return Formats.count(u)
        + " of the "
        + persons
        + " could not be priced (no own advertised price and no market cell with "
        + PricingLadder.MIN_QUOTES
        + " or more independent quotes) and "
        + (u == 1 ? "is" : "are")
        + " not in the total";
  }

  private String excludedClause() {
    Long f = v.excludedFabricated();
    Long r = v.excludedRepeats();
    StringBuilder sb = new StringBuilder();
    if (f != null && f > 0) {
      sb.append(Formats.count(f)).append(" fabricated records (no valid identifier)");
    }
    if (r != null && r > 0) {
      sb.append(sb.length() > 0 ? " and " : "")
          .append(Formats.count(r))
          .append(" repeats of persons already counted");
    }
    return sb.length() == 0 ? "" : sb.append(" were left out").toString();
  }

  /** Every valued group with its rule, price and value. */
  Map<String, Object> table() {
    DisplayTable t =
        new DisplayTable(
            "value_at_market_prices",
            "Exposed persons at asking prices (CNY)",
            "Sample",
            "Period",
            "Category",
            "Tier",
            "Freshness",
            "Persons",
            "Priced by",
            "Price",
            "Value",
            "95% CI",
            "Note");
    if (v == null) {
      return t.map();
    }
    for (ValueCell c : v.byCell()) {
      t.row(
          c.sampleId() == null ? "" : c.sampleId(),
          c.period(),
          PublicationCharts.label(c.category()),
          c.tier(),
          PublicationCharts.label(c.freshness()),
          Formats.count(c.records()),
          rule(c.rule()),
          Formats.cny(c.priceCny()),
          Formats.cny(c.valueCny()),
          // an own advertised price is the price of that very sample: no interval to show
          PricingRule.OWN_PRICE.code().equals(c.rule()) && c.valueCny() != null
              ? "fixed"
              : Formats.cnyRange(c.ciLow(), c.ciHigh()),
          c.suppressed() ? CsvTables.MARK : "");
    }
    t.row(
        "Total",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        Formats.cny(v.totalCny()),
        v.ciLow() != null && v.ciLow().equals(v.ciHigh())
            ? "fixed"
            : Formats.cnyRange(v.ciLow(), v.ciHigh()),
        v.totalCny() == null ? CsvTables.MARK : "");
    return t.map();
  }

  /** How many persons each rule priced, and their value. */
  Map<String, Object> ruleTable() {
    DisplayTable t =
        new DisplayTable(
            "value_by_rule",
            "How the exposed persons were priced",
            "Priced by",
            "Persons",
            "Value",
            "Note");
    if (v == null) {
      return t.map();
    }
    for (ValueRule r : v.byRule()) {
      t.row(
          rule(r.rule()),
          Formats.count(r.records()),
          Formats.cny(r.valueCny()),
          r.suppressed() ? CsvTables.MARK : "");
    }
    return t.map();
  }

  private static String rule(String code) {
    if (code == null) {
      return "";
    }
    try {
      return PricingRule.of(code).description();
    } catch (IllegalArgumentException e) {
      return code;
    }
  }

  /** The methods paragraph. */
  static String method() {
    return "What the exposed records would fetch at the asking prices of the same goods: an "
        + "advert states what a seller asks, not what a buyer paid, so this is an upper reference, "
        + "not a market turnover and not the harm to the people exposed. Each person with a valid "
        + "identifier counts once, at the first sample holding them; fabricated records (no "
        + "identifier passes its check) and repeats of persons already counted are left out. A "
        + "sample's records take its own advertised price when the sample came with a priced "
        + "advert; otherwise the median asking price of the matching published cell of customer "
        + "records (period, category, tier, freshness) with at least "
        + PricingLadder.MIN_QUOTES
        + " independent quotes; failing that the same cell without freshness, then without tier, "
        + "then the category's cells over the quarter; otherwise they stay unpriced and are "
        + "counted. A suppressed cell is never used. The 95% interval comes from a seeded "
        + "simulation that draws each cell's median from its order statistics (the same draw for "
        + "every sample priced from that cell), not from adding up the cells' bounds.";
  }
}
