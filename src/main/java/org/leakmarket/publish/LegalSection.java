package org.leakmarket.publish;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.leakmarket.legal.LegalRules;
import org.leakmarket.legal.LegalThresholds;
import org.leakmarket.warehouse.Table;
import org.leakmarket.warehouse.Warehouse;
import org.leakmarket.warehouse.gold.GoldLegalThreshold;
import org.leakmarket.warehouse.gold.GoldRows;

/**
 * The publication section "Against the legal thresholds" as data: how many adverts, samples and
 * sellers of samples reach the 情节严重 (serious) and 情节特别严重 (especially serious) lines of 法释〔2017〕10号
 * Article 5, as found and after the exclusions of Article 11, and each published sample's items.
 * Built from {@code gold/legal_thresholds} at the pinned version; {@link #suppress} gives the
 * publishable copy. Written to {@code summary.json} under {@code legal}.
 *
 * <p>Cost: one aggregation of the gold table to a handful of rows, and the sample rows (one per
 * leak sample, few by construction) collected.
 *
 * @param rulesVersion version of the legal tables (resources/legal)
 * @param source the legal source
 * @param note that this is a measurement aid, not a legal finding
 * @param tiers counts of units reaching each line; a suppressed count is null
 * @param samples items of each leak sample; a suppressed sample has no numbers
 */
public record LegalSection(
    String rulesVersion,
    String source,
    String note,
    List<TierRow> tiers,
    List<SampleItems> samples) {

  public static final String SOURCE =
      "最高人民法院、最高人民检察院关于办理侵犯公民个人信息刑事案件适用法律若干问题的解释" + " (法释〔2017〕10号), Articles 5 and 11";
  public static final String NOTE =
      "A measurement aid, not a legal finding: counts are set against the lines of Article 5 as"
          + " the data show them; whether any conduct is a crime is for a court.";

  public LegalSection {
    tiers = PublicationModel.listOrEmpty(tiers);
    samples = PublicationModel.listOrEmpty(samples);
  }

  /**
   * One unit kind and measure: how many units there are and how many reach each line. {@code Found}
   * counts what was handed over or stated; {@code Counted} what is left after Article 11 (null for
   * adverts, which cannot be checked). Each count comes with what suppression needs: the distinct
   * sellers and the size (adverts, or records) of the units in the band [1×, 10×) and in [10×, ∞).
   */
  public record TierRow(
      String unit,
      String measure,
      Long units,
      Long seriousFound,
      Long seriousCounted,
      Long especiallyFound,
      Long especiallyCounted,
      List<String> suppressed,
      @com.fasterxml.jackson.annotation.JsonIgnore Bands bands) {
    public TierRow {
      suppressed = PublicationModel.listOrEmpty(suppressed);
    }
  }

  /** Band figures of one row, as found and after Article 11 (null for adverts). */
  public record Bands(Side found, Side counted) {}

  /** Units in [1×, 10×), in [10×, ∞) and in [1×, ∞) of one side. */
  public record Side(Band between, Band especially, Band atLeastSerious) {}

  /** Units, distinct sellers and size (adverts or records) of one band. */
  public record Band(long units, long sellers, long size) {}

  /** One leak sample's items (all classes) and tiers, as found and after Article 11. */
  public record SampleItems(
      String sampleId,
      Double itemsFound,
      Double itemsCounted,
      Double multipleFound,
      Double multipleCounted,
      String tierFound,
      String tierCounted,
      boolean suppressed) {}

  /** The raw section from {@code gold/legal_thresholds}, or null when the table is absent. */
  public static LegalSection build(Warehouse w) {
    if (!w.exists(Table.GOLD_LEGAL_THRESHOLDS)) {
      return null;
    }
    Dataset<Row> g = w.read(Table.GOLD_LEGAL_THRESHOLDS);
    // the size of a unit: an advert is one; a sample or seller its records
    Column size =
        when(col("unit").equalTo(LegalThresholds.ADVERT), lit(1L)).otherwise(col("records"));
    List<Column> aggs = new ArrayList<>();
    aggs.add(count(lit(1)).as("units"));
    for (String side : List.of("found", "counted")) {
      Column serious = col("tier_" + side).equalTo("serious");
      Column especially = col("tier_" + side).equalTo("especially_serious");
      for (Object[] band :
          new Object[][] {
            {"s_" + side, serious}, {"e_" + side, especially}, {"u_" + side, serious.or(especially)}
          }) {
        String name = (String) band[0];
        Column in = (Column) band[1];
        aggs.add(sum(when(in, 1L).otherwise(0L)).as(name + "_units"));
        aggs.add(countDistinct(when(in, col("seller_key"))).as(name + "_sellers"));
        aggs.add(sum(when(in, size).otherwise(0L)).as(name + "_size"));
      }
      aggs.add(sum(when(col("tier_" + side).isNull(), 1L).otherwise(0L)).as("null_" + side));
    }
    // bounded: one row per unit and measure; ordered on the driver (no sampling job, no shuffle)
    List<Row> rows =
        GoldRows.collectSorted(
            g.filter(col("measure").isin(LegalThresholds.ITEMS, LegalRules.load().gains().id()))
                .groupBy("unit", "measure")
                .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new)),
            "unit",
            "measure");
    List<TierRow> tiers = new ArrayList<>();
    for (Row r : rows) {
      boolean checked = agg(r, "null_counted").equals(0L);
      Bands b = new Bands(side(r, "found"), checked ? side(r, "counted") : null);
      tiers.add(
          new TierRow(
              agg(r, "unit"),
              agg(r, "measure"),
              agg(r, "units"),
              b.found().atLeastSerious().units(),
              checked ? b.counted().atLeastSerious().units() : null,
              b.found().especially().units(),
              checked ? b.counted().especially().units() : null,
              List.of(),
              b));
    }
    List<SampleItems> samples = new ArrayList<>();
    // bounded: one row per leak sample
    List<GoldLegalThreshold> sampleRows =
        GoldRows.from(
            GoldRows.collectSorted(
                g.filter(
                    col("unit")
                        .equalTo(LegalThresholds.SAMPLE)
                        .and(col("measure").equalTo(LegalThresholds.ITEMS))),
                "key"),
            GoldLegalThreshold::from);
    for (GoldLegalThreshold r : sampleRows) {
      samples.add(
          new SampleItems(
              r.key(),
              r.found(),
              r.counted(),
              r.multipleFound(),
              r.multipleCounted(),
              r.tierFound(),
              r.tierCounted(),
              false));
    }
    // every row of one write carries the same rules version (a literal of LegalThresholds): a
    // sample row gives it without another query; only a table with no sample rows is asked again
    String rulesVersion = sampleRows.isEmpty() ? null : sampleRows.get(0).rulesVersion();
    if (rulesVersion == null) {
      rulesVersion =
          g.select("rules_version").limit(1).collectAsList().stream()
              .map(x -> x.getString(0))
              .findFirst()
              .orElse(LegalRules.load().version());
    }
    return new LegalSection(rulesVersion, SOURCE, NOTE, tiers, samples);
  }

  private static Side side(Row r, String side) {
    return new Side(band(r, "s_" + side), band(r, "e_" + side), band(r, "u_" + side));
  }

  private static Band band(Row r, String name) {
    return new Band(agg(r, name + "_units"), agg(r, name + "_sellers"), agg(r, name + "_size"));
  }

  /**
   * A column of the aggregate computed above (not a gold table's row, which is read through {@link
   * GoldLegalThreshold}).
   */
  private static <T> T agg(Row r, String column) {
    return r.getAs(r.fieldIndex(column));
  }

  /**
   * The publishable copy (privacy.md §4, the project's rule for a cell of units): a count of units
   * reaching a line is published when it is zero, or when its units come from at least {@code
   * minSellers} sellers and hold at least {@code k} adverts or records. The especially-serious
   * count is published when its band passes; the serious count (both bands together) when the union
   * passes and, if the especially-serious count is published, the band between the lines passes
   * too, so that no small band is recovered by subtraction. A sample's row is published only when
   * the exposure section publishes that sample ({@code publishedSamples}).
   */
  public LegalSection suppress(int k, int minSellers, Set<String> publishedSamples) {
    List<TierRow> t = new ArrayList<>();
    for (TierRow r : tiers) {
      if (r.bands() == null) {
        t.add(r); // already published: applying the rule again changes nothing
        continue;
      }
      List<String> gone = new ArrayList<>();
      Long[] found = cells(r.bands().found(), k, minSellers);
      boolean checked = r.bands().counted() != null;
      Long[] counted = checked ? cells(r.bands().counted(), k, minSellers) : new Long[2];
      if (found[0] == null) {
        gone.add("serious_found");
      }
      if (found[1] == null) {
        gone.add("especially_found");
      }
      if (checked && counted[0] == null) {
        gone.add("serious_counted");
      }
      if (checked && counted[1] == null) {
        gone.add("especially_counted");
      }
      t.add(
          new TierRow(
              r.unit(),
              r.measure(),
              r.units(),
              found[0],
              counted[0],
              found[1],
              counted[1],
              gone,
              null));
    }
    List<SampleItems> s = new ArrayList<>();
    for (SampleItems x : samples) {
      s.add(
          x.suppressed() || publishedSamples.contains(x.sampleId())
              ? x
              : new SampleItems(x.sampleId(), null, null, null, null, null, null, true));
    }
    return new LegalSection(rulesVersion, source, note, t, s);
  }

  /** [serious (both bands), especially] after the rule; null = suppressed. */
  static Long[] cells(Side side, int k, int minSellers) {
    boolean e = passes(side.especially(), k, minSellers);
    boolean s =
        passes(side.atLeastSerious(), k, minSellers)
            && (!e || passes(side.between(), k, minSellers));
    return new Long[] {
      s ? side.atLeastSerious().units() : null, e ? side.especially().units() : null
    };
  }

  static boolean passes(Band b, int k, int minSellers) {
    return b.units() == 0 || (b.sellers() >= minSellers && b.size() >= k);
  }
}
