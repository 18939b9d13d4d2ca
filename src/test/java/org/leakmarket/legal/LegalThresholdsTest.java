package org.leakmarket.legal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.leakmarket.testing.SparkTestBase;

/**
 * gold/legal_thresholds on hand-built records and offers; every expected count and multiple is
 * worked out by hand in the comments (lines: property 50, other 5,000, gains 5,000 CNY, ×10).
 */
class LegalThresholdsTest extends SparkTestBase {
  private static final StructType RECORDS =
      new StructType()
          .add("record_id", DataTypes.StringType)
          .add("sample_id", DataTypes.StringType)
          .add("seller_token", DataTypes.StringType)
          .add("person_id", DataTypes.StringType)
          .add("fields_present", DataTypes.createArrayType(DataTypes.StringType))
          .add("damaged_fields", DataTypes.createArrayType(DataTypes.StringType))
          .add("card_luhn_valid", DataTypes.BooleanType)
          .add("phone_valid", DataTypes.BooleanType)
          .add("id_valid", DataTypes.BooleanType)
          .add("email_valid", DataTypes.BooleanType);
  private static final StructType OFFERS =
      new StructType()
          .add("listing_id", DataTypes.StringType)
          .add("dup_group", DataTypes.StringType)
          .add("seller_key", DataTypes.StringType)
          .add("product", DataTypes.StringType)
          .add("category", DataTypes.StringType)
          .add("quantity", DataTypes.LongType)
          .add("price_per_record_cny", DataTypes.DoubleType);

  private final Map<String, Row> out = new HashMap<>();
  private int n;

  private Row card(String sample, String seller, String person, boolean luhn) {
    return RowFactory.create(
        "r" + n++,
        sample,
        seller,
        person,
        List.of("card_number", "name"),
        List.of(),
        luhn,
        null,
        null,
        null);
  }

  private Row phone(String sample, String seller, String person) {
    return RowFactory.create(
        "r" + n++,
        sample,
        seller,
        person,
        List.of("name", "phone"),
        List.of(),
        null,
        true,
        null,
        null);
  }

  @BeforeAll
  void compute() {
    List<Row> records = new ArrayList<>();
    // A: 30 real cards with names + 30 Luhn-failing padded cards with names (persons a0..a59).
    for (int i = 0; i < 60; i++) {
      records.add(card("A", "S", "a" + i, i < 30));
    }
    // B: 50 real card records of 40 persons (10 handed over twice).
    for (int i = 0; i < 50; i++) {
      records.add(card("B", "T", "b" + (i % 40), true));
    }
    // C: 25 real cards, persons a0..a24 again (seller S re-sells A's people).
    for (int i = 0; i < 25; i++) {
      records.add(card("C", "S", "a" + i, true));
    }
    // D: 25 real cards + 2,500 names with phones: 25/50 + 2500/5000 = 1.0 (Art. 5(6)).
    for (int i = 0; i < 25; i++) {
      records.add(card("D", null, "d" + i, true));
    }
    for (int i = 0; i < 2500; i++) {
      records.add(phone("D", null, "e" + i));
    }
    // E: a padded card with a real phone (property as found, other after), and a damaged phone.
    records.add(
        RowFactory.create(
            "r" + n++,
            "E",
            null,
            "x1",
            List.of("name", "card_number", "phone"),
            List.of(),
            false,
            true,
            null,
            null));
    records.add(
        RowFactory.create(
            "r" + n++,
            "E",
            null,
            "x2",
            List.of("name", "phone"),
            List.of("phone"),
            null,
            null,
            null,
            null));
    List<Row> offers =
        List.of(
            // 60 cards at 100 CNY: 60/50 = 1.2 (serious); 6,000 CNY (serious)
            RowFactory.create("l1", "l1", "k1", "card_credentials", "credit_card", 60L, 100.0),
            // the seed's 100,000 records for 2,000 CNY: 100000/5000 = 20 (especially); 2,000 CNY
            RowFactory.create("l2", "l2", "k2", "personal_records", "credit_card", 100000L, 0.02),
            RowFactory.create("l2b", "l2", "k2", "personal_records", "credit_card", 100000L, 0.02),
            // 0.5 CNY per record, no count: 1 item, 0.5 CNY
            RowFactory.create("l3", "l3", "k3", "personal_records", "bank_account", 1L, 0.5),
            // a menu: 500 cards at 120 (500/50 = 10, 60,000 CNY) and 10 platinum at 600
            RowFactory.create("l4", "l4", "k4", "card_credentials", "credit_card", 500L, 120.0),
            RowFactory.create("l4", "l4", "k4", "card_credentials", "credit_card", 10L, 600.0));
    Dataset<Row> rec = spark.createDataFrame(records, RECORDS).repartition(3);
    Dataset<Row> off = spark.createDataFrame(offers, OFFERS);
    for (Row r : LegalThresholds.compute(spark, rec, off, LegalRules.load()).collectAsList()) {
      out.put(r.getAs("unit") + "/" + r.getAs("key") + "/" + r.getAs("measure"), r);
    }
  }

  private Row row(String key) {
    assertThat(out).containsKey(key);
    return out.get(key);
  }

  @Test
  void paddedFabricatedCardsCrossTheLineAsFoundButNotAfterExclusions() {
    Row a = row("sample/A/property");
    assertThat(a.<Double>getAs("found")).isEqualTo(60.0);
    assertThat(a.<Double>getAs("counted")).isEqualTo(30.0);
    assertThat(a.<Double>getAs("multiple_found")).isEqualTo(1.2);
    assertThat(a.<Double>getAs("multiple_counted")).isEqualTo(0.6);
    assertThat(a.<String>getAs("tier_found")).isEqualTo("serious");
    assertThat(a.<String>getAs("tier_counted")).isEqualTo("none");
    assertThat(a.<Long>getAs("records")).isEqualTo(60L);
    Row items = row("sample/A/items");
    assertThat(items.<String>getAs("tier_found")).isEqualTo("serious");
    assertThat(items.<String>getAs("tier_counted")).isEqualTo("none");
  }

  @Test
  void duplicatesCountOncePerSampleAndPerSeller() {
    Row b = row("sample/B/property");
    assertThat(b.<Double>getAs("found")).isEqualTo(50.0);
    assertThat(b.<Double>getAs("counted")).isEqualTo(40.0);
    assertThat(b.<String>getAs("tier_found")).isEqualTo("serious");
    assertThat(b.<String>getAs("tier_counted")).isEqualTo("none");
    // seller S: A (60) + C (25) = 85 as found; real persons a0..a29 once = 30 after exclusions
    Row s = row("seller/S/property");
    assertThat(s.<Double>getAs("found")).isEqualTo(85.0);
    assertThat(s.<Double>getAs("counted")).isEqualTo(30.0);
    assertThat(s.<Long>getAs("records")).isEqualTo(85L);
    assertThat(out)
        .doesNotContainKey("seller/null/items"); // samples without a seller: no seller row
  }

  @Test
  void classesAddUpInProportionToTheirLines() {
    Row d = row("sample/D/items");
    assertThat(d.<Double>getAs("found")).isEqualTo(2525.0);
    assertThat(d.<Double>getAs("multiple_found")).isEqualTo(1.0);
    assertThat(d.<String>getAs("tier_found")).isEqualTo("serious");
    assertThat(row("sample/D/property").<String>getAs("tier_found")).isEqualTo("none");
    assertThat(row("sample/D/other").<String>getAs("tier_found")).isEqualTo("none");
  }

  @Test
  void aPaddedCardWithARealPhoneFallsToOtherAndADamagedFieldIsNotReal() {
    assertThat(row("sample/E/property").<Double>getAs("found")).isEqualTo(1.0);
    assertThat(row("sample/E/property").<Double>getAs("counted")).isEqualTo(0.0);
    assertThat(row("sample/E/other").<Double>getAs("found")).isEqualTo(1.0);
    assertThat(row("sample/E/other").<Double>getAs("counted")).isEqualTo(1.0);
    assertThat(row("sample/E/items").<Double>getAs("found")).isEqualTo(2.0);
    assertThat(row("sample/E/items").<Double>getAs("counted")).isEqualTo(1.0);
  }

  @Test
  void advertsAgainstItemAndGainsLines() {
    assertThat(row("advert/l1/items").<Double>getAs("multiple_found")).isEqualTo(1.2);
    assertThat(row("advert/l1/items").<String>getAs("tier_found")).isEqualTo("serious");
    assertThat(row("advert/l1/gains_cny").<Double>getAs("found")).isEqualTo(6000.0);
    assertThat(row("advert/l1/gains_cny").<String>getAs("tier_found")).isEqualTo("serious");
    Row seed = row("advert/l2/items");
    assertThat(seed.<String>getAs("item_class")).isEqualTo("other");
    assertThat(seed.<Double>getAs("multiple_found")).isEqualTo(20.0);
    assertThat(seed.<String>getAs("tier_found")).isEqualTo("especially_serious");
    assertThat(seed.<Double>getAs("counted")).isNull();
    assertThat(row("advert/l2/gains_cny").<Double>getAs("found")).isEqualTo(2000.0);
    assertThat(row("advert/l2/gains_cny").<String>getAs("tier_found")).isEqualTo("none");
    assertThat(row("advert/l3/items").<String>getAs("tier_found")).isEqualTo("none");
    Row menu = row("advert/l4/items");
    assertThat(menu.<Double>getAs("found")).isEqualTo(500.0);
    assertThat(menu.<String>getAs("tier_found")).isEqualTo("especially_serious");
    assertThat(row("advert/l4/gains_cny").<Double>getAs("found")).isEqualTo(60000.0);
    assertThat(row("advert/l4/gains_cny").<String>getAs("tier_found"))
        .isEqualTo("especially_serious");
    // reposts collapse: one advert l2, no row for l2b
    assertThat(out.keySet().stream().filter(k -> k.startsWith("advert/"))).hasSize(8);
  }
}
