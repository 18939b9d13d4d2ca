package org.leakmarket.market;

import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.leakmarket.testing.SparkTestBase;

/**
 * {@link CopyGroups#groups} closes copy pairs into connected components; here against components
 * computed another way (union-find on the driver) on graphs whose shape is chosen: a chain of
 * copies far longer than {@link CopyGroups#MAX_ROUNDS} hops (min-label propagation alone moves a
 * label one hop a round, so it stopped at the cap and split the chain; the 10^6 benchmark hit the
 * cap), and a random forest of many small groups.
 */
class CopyGroupsComponentsTest extends SparkTestBase {

  static final StructType PAIRS =
      createStructType(
          List.of(
              createStructField("listing_id_a", StringType, false),
              createStructField("seller_key_a", StringType, true),
              createStructField("listing_id_b", StringType, false),
              createStructField("seller_key_b", StringType, true)));

  private static String id(int i) {
    return String.format("L%06d", i);
  }

  /**
   * listing id to copy_group from {@link CopyGroups#groups}, checked against the groups found in
   * Spark rounds ({@link CopyGroups#unsortedGroups(Dataset, int)} with 0: never on the driver) and
   * on the driver with a bound just too small (so in rounds again): the same rows, the same schema.
   */
  private Map<String, String> groupsOf(List<int[]> edges) {
    List<Row> rows = new ArrayList<>();
    for (int[] e : edges) {
      int a = Math.min(e[0], e[1]);
      int b = Math.max(e[0], e[1]);
      rows.add(RowFactory.create(id(a), "s" + (a % 7), id(b), "s" + (b % 7)));
    }
    Dataset<Row> pairs = spark.createDataFrame(rows, PAIRS);
    Dataset<Row> onDriver = CopyGroups.groups(pairs);
    Dataset<Row> inRounds = CopyGroups.unsortedGroups(pairs, 0).orderBy("copy_group");
    Dataset<Row> overBound =
        CopyGroups.unsortedGroups(pairs, rows.size() - 1).orderBy("copy_group");
    List<Row> driverRows = onDriver.collectAsList();
    assertThat(onDriver.schema()).isEqualTo(inRounds.schema()).isEqualTo(overBound.schema());
    assertThat(driverRows).isEqualTo(inRounds.collectAsList()).isEqualTo(overBound.collectAsList());
    Map<String, String> found = new TreeMap<>();
    for (Row g : driverRows) {
      for (Object listing : g.getList(g.fieldIndex("listing_ids"))) {
        assertThat(found.put((String) listing, g.getString(0))).isNull();
      }
    }
    return found;
  }

  /** The same from union-find: each node's component named by its smallest listing id. */
  private static Map<String, String> unionFind(List<int[]> edges) {
    Map<Integer, Integer> parent = new HashMap<>();
    for (int[] e : edges) {
      parent.putIfAbsent(e[0], e[0]);
      parent.putIfAbsent(e[1], e[1]);
      int ra = root(parent, e[0]);
      int rb = root(parent, e[1]);
      // the smaller id becomes the root, so a root is its component's smallest id
      parent.put(Math.max(ra, rb), Math.min(ra, rb));
    }
    Map<String, String> out = new TreeMap<>();
    for (int node : parent.keySet()) {
      out.put(id(node), id(root(parent, node)));
    }
    return out;
  }

  private static int root(Map<Integer, Integer> parent, int i) {
    while (parent.get(i) != i) {
      i = parent.get(i);
    }
    return i;
  }

  @Test
  void aChainFarLongerThanTheRoundCapIsOneGroup() {
    int n = 400;
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    // the smallest id in the middle of the chain, the rest shuffled along it
    Collections.shuffle(order, new Random(11));
    Collections.swap(order, order.indexOf(0), n / 2);
    List<int[]> edges = new ArrayList<>();
    for (int i = 0; i + 1 < n; i++) {
      edges.add(new int[] {order.get(i), order.get(i + 1)});
    }
    Map<String, String> found = groupsOf(edges);
    assertThat(found).hasSize(n);
    // 399 hops between the chain's ends, 8 times the cap of 50 rounds
    assertThat(found.values()).containsOnly(id(0));
    assertThat(found).isEqualTo(unionFind(edges));
  }

  @Test
  void aRandomForestGivesTheUnionFindComponents() {
    Random r = new Random(5);
    List<int[]> edges = new ArrayList<>();
    // 600 nodes, 450 random edges among neighbours in id blocks of 30: many groups, some chains
    for (int k = 0; k < 450; k++) {
      int block = r.nextInt(20) * 30;
      edges.add(new int[] {block + r.nextInt(30), block + r.nextInt(30)});
    }
    edges.removeIf(e -> e[0] == e[1]);
    Map<String, String> expected = unionFind(edges);
    assertThat(expected.values().stream().distinct().count()).isGreaterThan(20);
    assertThat(groupsOf(edges)).isEqualTo(expected);
  }
}
