package org.leakmarket.legal;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.leakmarket.warehouse.gold.GoldLegalThreshold;

/**
 * {@code gold/legal_thresholds}: every leak sample, every seller of samples and every advert set
 * against the lines of 法释〔2017〕10号 Article 5, as found and after the exclusions of Article 11. A
 * measurement aid, not a legal finding.
 *
 * <p>Rows (one per unit and measure):
 *
 * <ul>
 *   <li>{@code unit = sample | seller}, {@code measure =} a class id: items of that class, {@code
 *       found} as handed over (every record, each in its most sensitive class) and {@code counted}
 *       after Article 11 (fields failing their check or damaged dropped, then each person once per
 *       unit, in the most sensitive class of their real records); multiples of the class line.
 *   <li>{@code unit = sample | seller}, {@code measure = items}: all classes together, the multiple
 *       being the proportional sum of Art. 5(6), Σ n_c / line_c.
 *   <li>{@code unit = advert} (one per advert: reposts collapsed by {@code dup_group}), {@code
 *       measure = items}: the largest stated count of its offers against the line of the offer's
 *       class; {@code measure = gains_cny}: its largest asking value (price per record × count)
 *       against the 5,000 CNY gains line. An advert cannot be checked: {@code counted} is null.
 * </ul>
 *
 * <p>Cost: one narrow pass over the records (pure-Java classification in {@code mapPartitions}),
 * two aggregations over records (by person of a unit, then by unit) and no join; over offers one
 * projection, a join with the broadcast class table and one aggregation. Nothing is collected, and
 * nothing is sorted (the reader orders what it collects).
 */
public final class LegalThresholds {
  public static final String SAMPLE = "sample";
  public static final String SELLER = "seller";
  public static final String ADVERT = "advert";
  public static final String ITEMS = "items";

  /** Schema of the gold table. */
  public static final StructType SCHEMA = GoldLegalThreshold.SCHEMA;

  private static final StructType CLASSIFIED =
      new StructType()
          .add("sample_id", DataTypes.StringType, true)
          .add("seller_token", DataTypes.StringType, true)
          .add("person_id", DataTypes.StringType, true)
          .add("found_class", DataTypes.StringType, true)
          .add("real_class", DataTypes.StringType, true)
          .add("real_rank", DataTypes.IntegerType, true);

  private LegalThresholds() {}

  /**
   * @param records {@code silver/records} (needs sample_id, seller_token, person_id,
   *     fields_present, damaged_fields and the validity columns of {@code field_checks.tsv})
   * @param offers {@code silver/offers} (needs dup_group, seller_key, product, category, quantity,
   *     price_per_record_cny), or null when there are none
   */
  public static Dataset<Row> compute(
      SparkSession spark, Dataset<Row> records, Dataset<Row> offers, LegalRules rules) {
    Dataset<Row> classes = broadcast(classTable(spark, rules));
    Dataset<Row> out = sampleUnits(classify(records, rules), rules);
    if (offers != null) {
      out = out.unionByName(adverts(offers, classes, rules));
    }
    // in no particular order: a global sort before the write cost a sampling job and a shuffle,
    // and the one reader (publish's LegalSection) orders what it collects
    return out.select(
        Arrays.stream(SCHEMA.fieldNames())
            .map(c -> col(c).cast(SCHEMA.apply(c).dataType()))
            .toArray(Column[]::new));
  }

  /** A unit's columns (unit, key, seller_key, records) followed by {@code more}. */
  private static Column[] unitColumns(Column... more) {
    Column[] out = new Column[4 + more.length];
    out[0] = col("unit");
    out[1] = col("key");
    out[2] = col("seller_key");
    out[3] = col("records");
    System.arraycopy(more, 0, out, 4, more.length);
    return out;
  }

  /** One row per item class: id, rank, serious line, especially factor, Art. 5(6) weight. */
  static Dataset<Row> classTable(SparkSession spark, LegalRules rules) {
    List<Row> rows = new ArrayList<>();
    for (Threshold t : rules.classes()) {
      rows.add(
          RowFactory.create(
              t.id(), t.rank(), t.serious(), t.especially(), rules.equivalents(t.id(), 1)));
    }
    StructType s =
        new StructType()
            .add("class", DataTypes.StringType, false)
            .add("rank", DataTypes.IntegerType, false)
            .add("serious", DataTypes.LongType, false)
            .add("especially", DataTypes.LongType, false)
            .add("weight", DataTypes.LongType, false);
    return spark.createDataFrame(rows, s);
  }

  /** Each record's class as found and after Article 11 (pure Java per partition). */
  static Dataset<Row> classify(Dataset<Row> records, LegalRules rules) {
    List<String> flagColumns = List.copyOf(rules.checks().values());
    List<String> cols = new ArrayList<>(List.of("sample_id", "seller_token", "person_id"));
    cols.add("fields_present");
    cols.add("damaged_fields");
    cols.addAll(flagColumns);
    RecordClasses rc = new RecordClasses(rules);
    MapPartitionsFunction<Row, Row> f =
        (Iterator<Row> it) ->
            new Iterator<>() {
              @Override
              public boolean hasNext() {
                return it.hasNext();
              }

              @Override
              public Row next() {
                Row r = it.next();
                List<String> present = r.isNullAt(3) ? List.of() : r.getList(3);
                List<String> damaged = r.isNullAt(4) ? List.of() : r.getList(4);
                RecordClasses.Classes c =
                    rc.classify(
                        present,
                        damaged,
                        column -> {
                          int i = 5 + flagColumns.indexOf(column);
                          return r.isNullAt(i) ? null : r.getBoolean(i);
                        });
                return RowFactory.create(
                    r.get(0),
                    r.get(1),
                    r.get(2),
                    c.found() == null ? null : c.found().id(),
                    c.real() == null ? null : c.real().id(),
                    c.real() == null ? null : c.real().rank());
              }
            };
    return records
        .select(cols.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new))
        .mapPartitions(f, Encoders.row(CLASSIFIED));
  }

  /**
   * Sample and seller rows: per class, then all classes together. Two aggregations and no join: per
   * (unit, key, person) the records, the records of each found class and the person's most
   * sensitive real class; then per (unit, key) their sums, one column per class of the rules (a
   * fixed, small list), from which both the class rows (exploded) and the items row are projected.
   * (It was five aggregations, a full outer join and three joins: 21 Spark jobs in the demo.)
   * Classes outside the rules' table are not counted, as the inner join with it did.
   */
  private static Dataset<Row> sampleUnits(Dataset<Row> classified, LegalRules rules) {
    Dataset<Row> bySample =
        classified.select(
            lit(SAMPLE).as("unit"),
            col("sample_id").as("key"),
            col("seller_token").as("seller_key"),
            col("person_id"),
            col("found_class"),
            col("real_class"),
            col("real_rank"));
    Dataset<Row> bySeller =
        classified
            .filter(col("seller_token").isNotNull())
            .select(
                lit(SELLER).as("unit"),
                col("seller_token").as("key"),
                col("seller_token").as("seller_key"),
                col("person_id"),
                col("found_class"),
                col("real_class"),
                col("real_rank"));
    Dataset<Row> units = bySample.unionByName(bySeller);
    List<Threshold> table = rules.classes();

    // per person of a unit: records, found records of each class, most sensitive real class
    List<Column> perPerson = new ArrayList<>();
    perPerson.add(min("seller_key").as("seller_key"));
    perPerson.add(count(lit(1)).as("records"));
    for (int i = 0; i < table.size(); i++) {
      perPerson.add(
          sum(when(col("found_class").equalTo(table.get(i).id()), 1L).otherwise(0L)).as("f" + i));
    }
    // Article 11: each person once per unit, in the most sensitive class of their real records
    perPerson.add(
        min(when(col("real_class").isNotNull(), struct(col("real_rank"), col("real_class"))))
            .getField("real_class")
            .as("best"));
    Dataset<Row> persons =
        units
            .groupBy("unit", "key", "person_id")
            .agg(perPerson.get(0), perPerson.subList(1, perPerson.size()).toArray(Column[]::new));
    List<Column> perUnit = new ArrayList<>();
    perUnit.add(min("seller_key").as("seller_key"));
    perUnit.add(sum("records").as("records"));
    for (int i = 0; i < table.size(); i++) {
      perUnit.add(sum("f" + i).as("f" + i));
      perUnit.add(sum(when(col("best").equalTo(table.get(i).id()), 1L).otherwise(0L)).as("c" + i));
    }
    Dataset<Row> perUnitRows =
        persons
            .groupBy("unit", "key")
            .agg(perUnit.get(0), perUnit.subList(1, perUnit.size()).toArray(Column[]::new));

    long especially = rules.especially();
    // one struct per class, exploded; a class with neither found nor counted items has no row (the
    // full outer join of the two counts had none)
    List<Column> perClass = new ArrayList<>();
    for (int i = 0; i < table.size(); i++) {
      Threshold t = table.get(i);
      perClass.add(
          struct(
              lit(t.id()).as("measure"),
              lit(t.serious()).as("serious"),
              lit(t.especially()).as("especially"),
              col("f" + i).as("found"),
              col("c" + i).as("counted")));
    }
    Dataset<Row> exploded =
        perUnitRows
            .select(unitColumns(explode(array(perClass.toArray(Column[]::new))).as("c")))
            .where(col("c.found").gt(0).or(col("c.counted").gt(0)))
            .select(unitColumns(col("c.*"))); // measure, serious, especially, found, counted
    Dataset<Row> classRows =
        exploded.select(
            col("unit"),
            col("key"),
            col("seller_key"),
            col("measure"),
            col("measure").as("item_class"),
            col("serious").cast("double").as("threshold"),
            col("found").cast("double").as("found"),
            col("counted").cast("double").as("counted"),
            col("found").divide(col("serious")).as("multiple_found"),
            col("counted").divide(col("serious")).as("multiple_counted"),
            tier(col("found"), col("serious"), col("especially")).as("tier_found"),
            tier(col("counted"), col("serious"), col("especially")).as("tier_counted"),
            col("records"),
            lit(rules.version()).as("rules_version"));
    // Article 5(6): items of different classes add up in proportion to their lines; in exact
    // integer equivalents of the largest line (base) the combined multiple is eq / base.
    Column found = lit(0L);
    Column counted = lit(0L);
    Column eqFound = lit(0L);
    Column eqCounted = lit(0L);
    for (int i = 0; i < table.size(); i++) {
      Column weight = lit(rules.equivalents(table.get(i).id(), 1));
      found = found.plus(col("f" + i));
      counted = counted.plus(col("c" + i));
      eqFound = eqFound.plus(col("f" + i).multiply(weight));
      eqCounted = eqCounted.plus(col("c" + i).multiply(weight));
    }
    Column base = lit(rules.base());
    Dataset<Row> itemRows =
        perUnitRows
            .select(
                unitColumns(
                    found.as("found"),
                    counted.as("counted"),
                    eqFound.as("eq_found"),
                    eqCounted.as("eq_counted")))
            .select(
                col("unit"),
                col("key"),
                col("seller_key"),
                lit(ITEMS).as("measure"),
                lit(null).cast("string").as("item_class"),
                lit(null).cast("double").as("threshold"),
                col("found").cast("double").as("found"),
                col("counted").cast("double").as("counted"),
                col("eq_found").divide(base).as("multiple_found"),
                col("eq_counted").divide(base).as("multiple_counted"),
                tier(col("eq_found"), base, lit(especially)).as("tier_found"),
                tier(col("eq_counted"), base, lit(especially)).as("tier_counted"),
                col("records"),
                lit(rules.version()).as("rules_version"));
    return classRows.unionByName(itemRows);
  }

  /** Advert rows: the largest stated count against its class line, the largest asking value. */
  private static Dataset<Row> adverts(Dataset<Row> offers, Dataset<Row> classes, LegalRules rules) {
    Threshold gains = rules.gains();
    Dataset<Row> perOffer =
        offers
            .select(
                coalesce(col("dup_group"), col("listing_id")).as("key"),
                col("seller_key"),
                offerClass(rules).as("offer_class"),
                coalesce(col("quantity"), lit(1L)).as("quantity"),
                col("price_per_record_cny")
                    .multiply(coalesce(col("quantity"), lit(1L)))
                    .as("value"))
            .join(classes, col("offer_class").equalTo(col("class")));
    Dataset<Row> perAdvert =
        perOffer
            .groupBy("key")
            .agg(
                min("seller_key").as("seller_key"),
                // the offer reaching furthest past its line; ties: the larger count, then class
                max(struct(
                        col("quantity").divide(col("serious")).as("m"),
                        col("quantity").as("q"),
                        col("class").as("c"),
                        col("serious").as("s"),
                        col("especially").as("e")))
                    .as("top"),
                max("value").as("value"));
    Dataset<Row> items =
        perAdvert.select(
            lit(ADVERT).as("unit"),
            col("key"),
            col("seller_key"),
            lit(ITEMS).as("measure"),
            col("top.c").as("item_class"),
            col("top.s").cast("double").as("threshold"),
            col("top.q").cast("double").as("found"),
            lit(null).cast("double").as("counted"),
            col("top.m").as("multiple_found"),
            lit(null).cast("double").as("multiple_counted"),
            tier(col("top.q"), col("top.s"), col("top.e")).as("tier_found"),
            lit(null).cast("string").as("tier_counted"),
            lit(null).cast("long").as("records"),
            lit(rules.version()).as("rules_version"));
    Column line = lit((double) gains.serious());
    Dataset<Row> value =
        perAdvert.select(
            lit(ADVERT).as("unit"),
            col("key"),
            col("seller_key"),
            lit(gains.id()).as("measure"),
            lit(null).cast("string").as("item_class"),
            line.as("threshold"),
            col("value").as("found"),
            lit(null).cast("double").as("counted"),
            col("value").divide(line).as("multiple_found"),
            lit(null).cast("double").as("multiple_counted"),
            tier(col("value"), line, lit(gains.especially())).as("tier_found"),
            lit(null).cast("string").as("tier_counted"),
            lit(null).cast("long").as("records"),
            lit(rules.version()).as("rules_version"));
    return items.unionByName(value);
  }

  /** The advert rules as one CASE expression over product and category, first match wins. */
  static Column offerClass(LegalRules rules) {
    Column c = null;
    for (LegalRules.AdvertRule r : rules.advertRules()) {
      Column cond = lit(true);
      if (!"*".equals(r.product())) {
        cond = cond.and(col("product").equalTo(r.product()));
      }
      if (!"*".equals(r.category())) {
        cond = cond.and(col("category").equalTo(r.category()));
      }
      c = c == null ? when(cond, lit(r.classId())) : c.when(cond, lit(r.classId()));
    }
    return c.otherwise(lit("other"));
  }

  /** none / serious / especially_serious of an amount against a line (exact for integers). */
  static Column tier(Column amount, Column line, Column especially) {
    return when(amount.isNull(), lit(null).cast("string"))
        .when(amount.geq(line.multiply(especially)), lit(Severity.ESPECIALLY_SERIOUS.code()))
        .when(amount.geq(line), lit(Severity.SERIOUS.code()))
        .otherwise(lit(Severity.NONE.code()));
  }
}
