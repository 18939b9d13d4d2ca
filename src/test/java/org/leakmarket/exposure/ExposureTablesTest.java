package org.leakmarket.exposure;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.leakmarket.testing.SparkTestBase;

/**
 * The five plain exposure breakdowns, computed in one tagged aggregation, against counts made by
 * hand from six records (written out per breakdown in the expected rows).
 */
class ExposureTablesTest extends SparkTestBase {
  static final StructType SCHEMA =
      createStructType(
          List.of(
              createStructField("person_id", StringType, false),
              createStructField("card_token", StringType, true),
              createStructField("issuer", StringType, true),
              createStructField("tier", StringType, true),
              createStructField("region_code", StringType, true),
              createStructField("fields_present", createArrayType(StringType, false), true),
              createStructField("recycled", BooleanType, false)));

  @Test
  void eachBreakdownCountsRecordsPersonsCardsAndRecycledAsSeparateAggregatesWould() {
    List<Row> rows =
        List.of(
            RowFactory.create("p1", "c1", "VISA", "gold", "11", arr("card_number", "name"), false),
            RowFactory.create("p1", "c1", "VISA", "gold", "11", arr("card_number", "name"), true),
            RowFactory.create("p2", "c2", null, null, "44", arr("card_number"), false),
            RowFactory.create("p3", null, null, null, null, arr("name", "phone"), false),
            RowFactory.create(
                "p4", "c3", "VISA", "classic", "44", arr("card_number", "name"), true),
            // an issuer without a card (cannot happen in linked records, but the card decides)
            RowFactory.create("p5", null, "MASTERCARD", null, "11", null, false));
    List<String> got =
        ExposureTables.breakdowns(spark.createDataFrame(rows, SCHEMA))
            .orderBy("breakdown", "key")
            .collectAsList()
            .stream()
            .map(r -> r.mkString("|"))
            .toList();
    // breakdown|key|records|persons|cards|recycled_records
    assertThat(got)
        .containsExactly(
            "fields|null|1|1|0|0", // p5: no fields list, a null key
            "fields|card_number|1|1|1|0",
            "fields|card_number+name|3|2|2|2",
            "fields|name+phone|1|1|0|0",
            "issuer|VISA|3|2|2|2", // records 1, 2, 5; MASTERCARD has no card
            "issuer|unknown|1|1|1|0",
            "region|11|3|2|1|1",
            "region|44|2|2|2|1",
            "region|unknown|1|1|0|0",
            "tier|classic|1|1|1|1",
            "tier|gold|2|1|1|1",
            "tier|unknown|1|1|1|0",
            "total|all|6|5|3|2");
  }

  private static scala.collection.immutable.Seq<String> arr(String... s) {
    return scala.jdk.javaapi.CollectionConverters.asScala(Arrays.asList(s)).toList();
  }
}
