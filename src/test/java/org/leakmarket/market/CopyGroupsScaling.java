package org.leakmarket.market;

import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Scaling check of {@link CopyGroups} (a measurement, not a test: surefire does not run it).
 * Generates template-like adverts (a few templates whose number slots vary, so that most adverts of
 * a template are near-copies of each other, the case that made the all-pairs LSH join quadratic),
 * then times {@code pairs(...)} written out as a count and {@code groups(...)} for each size given.
 * Run after {@code ./mvnw -o -q test-compile} with the test classpath: {@code java $OPENS -cp
 * target/classes:target/test-classes:$CP org.leakmarket.market.CopyGroupsScaling 10000 40000
 * exact=3000}. Prints one line per size; {@code exact=n} compares the groups of n adverts with
 * brute-force exact groups.
 */
public final class CopyGroupsScaling {
  static final StructType SCHEMA =
      createStructType(
          List.of(
              createStructField("listing_id", StringType, false),
              createStructField("dup_group", StringType, false),
              createStructField("seller_key", StringType, true),
              createStructField("text_norm", StringType, true)));

  static final String[] TEMPLATES = {
    "出售 工农中建交 银行 信用卡 客户 资料 新料 每条 %d元 量大 从优 可按地区 定制 联系 qq %d",
    "fresh fullz with ssn and dob %d per record bulk discount escrow ok jabber id %d",
    "本人 长期 提供 快递 收货 信息 姓名 电话 地址 %d条起 每条 %d分 支持 担保",
    "dumps with pin track 1 2 high balance %d usd each min order %d icq only",
    "车主 数据 全国 %d万条 含 车牌 手机 身份证 价格 %d 可 验货",
    "bank logins uk us ca verified balance %d price %d btc only no escrow",
    "学生 家长 资料 幼儿园 小学 初中 %d条 打包价 %d元 微信 联系",
    "cvv fresh base valid rate %d percent price %d dollars replacement 24h"
  };

  private CopyGroupsScaling() {}

  static List<Row> adverts(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int sellers = Math.max(2, n / 20);
    List<Row> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String id = String.format("L%08d", i);
      String text =
          String.format(TEMPLATES[r.nextInt(TEMPLATES.length)], r.nextInt(1000), r.nextInt(100000));
      rows.add(RowFactory.create(id, id, "s" + r.nextInt(sellers), text));
    }
    return rows;
  }

  /**
   * Compares the groups with the exact ones (all cross-seller pairs within the threshold by brute
   * force on the driver, then connected components): prints how many listing pairs share an exact
   * group, how many of those share a found group, and any found pair not sharing an exact group
   * (must be 0: every edge is verified).
   */
  static void exact(SparkSession spark, int n) {
    List<Row> rows = adverts(n, 42L);
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (!rows.get(i).getString(2).equals(rows.get(j).getString(2))
            && MarketSparkTest.jaccardDistance(rows.get(i).getString(3), rows.get(j).getString(3))
                <= CopyGroups.DEFAULT_MAX_DISTANCE) {
          parent[find(parent, i)] = find(parent, j);
        }
      }
    }
    java.util.Map<String, String> found = new java.util.HashMap<>();
    for (Row g :
        CopyGroups.groups(
                CopyGroups.pairs(
                    spark.createDataFrame(rows, SCHEMA), CopyGroups.DEFAULT_MAX_DISTANCE, 42L))
            .collectAsList()) {
      for (Object id : g.getList(g.fieldIndex("listing_ids"))) {
        found.put((String) id, g.getString(0));
      }
    }
    long exactPairs = 0;
    long recovered = 0;
    long wrong = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        boolean same = find(parent, i) == find(parent, j);
        String gi = found.get(rows.get(i).getString(0));
        boolean sameFound = gi != null && gi.equals(found.get(rows.get(j).getString(0)));
        exactPairs += same ? 1 : 0;
        recovered += same && sameFound ? 1 : 0;
        wrong += !same && sameFound ? 1 : 0;
      }
    }
    System.out.printf(
        "exact n=%d co-grouped_pairs=%d recovered=%d (%.4f) wrongly_grouped=%d%n",
        n, exactPairs, recovered, exactPairs == 0 ? 1.0 : (double) recovered / exactPairs, wrong);
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  public static void main(String[] args) {
    SparkSession spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("CopyGroupsScaling")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "4")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    try {
      // warm-up: code generation and class loading would otherwise be charged to the first size
      CopyGroups.pairs(
              spark.createDataFrame(adverts(2000, 1L), SCHEMA), CopyGroups.DEFAULT_MAX_DISTANCE, 1L)
          .count();
      for (String a : args) {
        if (a.startsWith("exact=")) {
          exact(spark, Integer.parseInt(a.substring(6)));
          continue;
        }
        int n = Integer.parseInt(a);
        Dataset<Row> in = spark.createDataFrame(adverts(n, 42L), SCHEMA).repartition(4).cache();
        in.count();
        long t0 = System.nanoTime();
        Dataset<Row> pairs =
            CopyGroups.pairs(in, CopyGroups.DEFAULT_MAX_DISTANCE, 42L).localCheckpoint();
        long edges = pairs.count();
        long t1 = System.nanoTime();
        long groups = CopyGroups.groups(pairs).count();
        long t2 = System.nanoTime();
        System.out.printf(
            "n=%d edges=%d groups=%d pairs_s=%.1f groups_s=%.1f total_s=%.1f%n",
            n, edges, groups, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t2 - t0) / 1e9);
        in.unpersist();
      }
    } finally {
      spark.stop();
    }
  }
}
