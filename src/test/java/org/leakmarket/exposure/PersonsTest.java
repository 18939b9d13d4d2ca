package org.leakmarket.exposure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.leakmarket.testing.SparkTestBase;

class PersonsTest extends SparkTestBase {
  private static final StructType SCHEMA =
      new StructType()
          .add("record_id", DataTypes.StringType)
          .add("card_token", DataTypes.StringType)
          .add("phone_token", DataTypes.StringType)
          .add("id_token", DataTypes.StringType);

  /**
   * record id to person id from {@link Persons#link}, checked against the linkage in Spark rounds
   * ({@code link(in, 0)}: never on the driver) and on the driver with a bound just too small (so in
   * rounds again): the same ids and the same schema.
   */
  private Map<String, String> personIds(List<Row> rows, int partitions) {
    Dataset<Row> in = spark.createDataFrame(rows, SCHEMA).repartition(partitions);
    Dataset<Row> onDriver = Persons.link(in);
    Dataset<Row> inRounds = Persons.link(in, 0);
    long edges = Persons.edges(in).count();
    Dataset<Row> overBound = Persons.link(in, (int) edges - 1);
    assertThat(onDriver.schema()).isEqualTo(inRounds.schema()).isEqualTo(overBound.schema());
    Map<String, String> out = ids(onDriver);
    assertThat(out).isEqualTo(ids(inRounds)).isEqualTo(ids(overBound));
    return out;
  }

  private static Map<String, String> ids(Dataset<Row> linked) {
    Map<String, String> out = new HashMap<>();
    for (Row r : linked.select("record_id", "person_id").collectAsList()) {
      out.put(r.getString(0), r.getString(1));
    }
    return out;
  }

  @Test
  void transitiveChainsAreOnePersonAndIdsAreStable() {
    List<Row> rows =
        new ArrayList<>(
            List.of(
                RowFactory.create("A", null, "p1", null), // A-B share phone p1
                RowFactory.create("B", "c1", "p1", null), // B-C share card c1
                RowFactory.create("C", "c1", null, "i1"), // C-F share ID i1
                RowFactory.create("F", null, null, "i1"),
                RowFactory.create("D", null, null, "i2"), // alone
                RowFactory.create("E", null, null, null), // no linking token: singleton
                RowFactory.create(
                    "G", "p1", null,
                    null))); // same string as a phone token, but a card: not linked
    // A chain of 8 records each sharing a phone with the next: needs several rounds.
    for (int i = 0; i < 4; i++) {
      rows.add(RowFactory.create("L" + i, null, "q" + i, "j" + (i + 1)));
      rows.add(RowFactory.create("M" + i, null, "q" + (i + 1), "j" + (i + 1)));
    }
    Map<String, String> ids = personIds(rows, 2);
    assertThat(ids).hasSize(rows.size());
    assertThat(ids.get("A"))
        .isEqualTo(ids.get("B"))
        .isEqualTo(ids.get("C"))
        .isEqualTo(ids.get("F"));
    assertThat(ids.get("D")).isNotEqualTo(ids.get("A"));
    assertThat(ids.get("E")).isNotIn(ids.get("A"), ids.get("D"));
    assertThat(ids.get("G")).isNotEqualTo(ids.get("A"));
    assertThat(ids.get("L0")).isEqualTo(ids.get("M3"));
    assertThat(ids.values().stream().distinct().count()).isEqualTo(5); // ABCF, D, E, G, chain

    // Closed form: the ABCF component's smallest node is "c:c1", so its id is
    // "p-" + first 24 hex of SHA-256("person:c:c1").
    assertThat(ids.get("A")).isEqualTo("p-" + sha256("person:c:c1").substring(0, 24));
    assertThat(ids.get("E")).isEqualTo("p-" + sha256("person:record:E").substring(0, 24));

    // Same tokens, different order and partitioning: same ids.
    List<Row> shuffled = new ArrayList<>(rows);
    Collections.shuffle(shuffled, new Random(7));
    assertThat(personIds(shuffled, 5)).isEqualTo(ids);
    assertThat(ids.values()).noneMatch(v -> v.equals("c1") || v.equals("p1"));
  }

  @Test
  void randomSamplesLinkTheSameOnTheDriverAsInRounds() {
    Random r = new Random(3);
    List<Row> rows = new ArrayList<>();
    // 300 records over small pools of tokens (some missing): many persons, some long chains
    for (int i = 0; i < 300; i++) {
      rows.add(
          RowFactory.create(
              String.format("R%04d", i),
              r.nextInt(3) == 0 ? null : "c" + r.nextInt(150),
              r.nextInt(2) == 0 ? null : "p" + r.nextInt(200),
              r.nextInt(4) == 0 ? "i" + r.nextInt(100) : null));
    }
    Map<String, String> ids = personIds(rows, 3);
    assertThat(ids).hasSize(rows.size());
    assertThat(ids.values().stream().distinct().count()).isGreaterThan(20).isLessThan(300);
  }

  private static String sha256(String s) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
