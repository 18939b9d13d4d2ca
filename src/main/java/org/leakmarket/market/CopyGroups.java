package org.leakmarket.market;

import static org.apache.spark.ml.functions.vector_to_array;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_intersect;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.array_union;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.feature.HashingTF;
import org.apache.spark.ml.feature.MinHashLSH;
import org.apache.spark.ml.feature.MinHashLSHModel;
import org.apache.spark.ml.feature.NGram;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.StructType;
import org.leakmarket.common.Components;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copied adverts across sellers (methods.md, Duplicates): near-identical {@code text_norm} posted
 * by different sellers, found with Spark MLlib's MinHash LSH on character shingles and reported,
 * never merged (different sellers are different offers, even if one copied the other's text).
 *
 * <p>Steps: one representative listing per same-seller chain ({@code dup_group}, see {@link
 * OfferDedup}); identical texts collapsed to one (signatures are computed once per distinct {@code
 * text_norm}); each text split into characters, {@value #SHINGLE}-character shingles ({@link
 * NGram}), a binary {@link HashingTF} set of 2^18 buckets, {@link MinHashLSH} with {@value #BANDS}
 * x {@value #ROWS} hash functions and a fixed seed ({@code transform} only). Banding: listings
 * whose signatures agree on all {@value #ROWS} values of one band share a bucket. Instead of all
 * pairs of a bucket, each bucket gives a star: every member is linked to the bucket's smallest
 * listing id, or, when the member has that listing's seller, to the smallest listing id of another
 * seller. Each candidate edge is then verified with the exact Jaccard distance of the two shingle
 * sets (built-in {@code array_intersect}/{@code array_union}) and kept when {@code <= maxDistance}
 * and the sellers differ (a null seller differs from every other). {@link #groups} closes the edges
 * into connected components by labels hooked over the contracted graph with pointer jumping. Texts
 * shorter than {@value #SHINGLE} characters have no shingle and are not compared.
 *
 * <p>Output meaning: {@link #pairs} lists <em>verified edges</em> of the copy groups, not every
 * pair inside a group (a group of k listings has about k - 1 edges, at most {@value #BANDS} per
 * listing). Every listed edge is truly within the threshold (exact check); LSH is approximate in
 * the other direction: two near-copies are joined only if they share a bucket in some band
 * (probability 1 - (1 - s^{@value #ROWS})^{@value #BANDS} for similarity s: 0.89 at s = 0.7, 0.985
 * at 0.8) and the star of that bucket links them by verified edges (a star centre that is itself a
 * weaker match can leave a member out in that band; the other bands make up).
 *
 * <p>Deterministic: the hash functions depend only on the seed, the shingles only on the text, the
 * bucket centres are minima of listing ids, so the result does not depend on partitioning. Cost:
 * linear in the number of listings: one MinHash pass over the distinct texts, {@value #BANDS}
 * bucket rows per listing in one window over (band, bucket) that gives both star centres (no
 * self-join; a large bucket is one sorted partition, not a quadratic join), at most {@value #BANDS}
 * candidate edges per listing each verified once, and four joins per round of the connected
 * components (labels hooked over the contracted graph, then pointer jumping: rounds grow with the
 * logarithm of a group's diameter, not the diameter, capped at {@value #MAX_ROUNDS}); up to {@value
 * #LOCAL_MAX_PAIRS} pairs the same components by union-find on the driver instead of the rounds.
 */
public final class CopyGroups {
  private static final Logger LOG = LoggerFactory.getLogger(CopyGroups.class);

  public static final int SHINGLE = 3;

  /** LSH bands; a pair is a candidate when its signatures agree on all rows of one band. */
  public static final int BANDS = 8;

  /** MinHash values per band ({@value #BANDS} x {@value #ROWS} hash functions in all). */
  public static final int ROWS = 4;

  public static final int FEATURES = 1 << 18;
  public static final int MAX_ROUNDS = 50;

  /** Default Jaccard distance threshold (similarity at least 0.7). */
  public static final double DEFAULT_MAX_DISTANCE = 0.3;

  /**
   * Schema of {@link #pairs}: verified edges of copy groups (see the class comment), not every pair
   * of a group.
   */
  public static final StructType PAIRS_SCHEMA =
      createStructType(
          List.of(
              createStructField("listing_id_a", StringType, false),
              createStructField("seller_key_a", StringType, true),
              createStructField("listing_id_b", StringType, false),
              createStructField("seller_key_b", StringType, true),
              createStructField("jaccard_distance", DoubleType, false)));

  public static final StructType GROUPS_SCHEMA =
      createStructType(
          List.of(
              createStructField("copy_group", StringType, false),
              createStructField("n_listings", IntegerType, false),
              createStructField("n_sellers", IntegerType, false),
              createStructField("listing_ids", createArrayType(StringType, false), false),
              createStructField("seller_keys", createArrayType(StringType, false), false)));

  private CopyGroups() {}

  /**
   * Verified edges of the copy groups: pairs of listings of different sellers whose texts are
   * within {@code maxDistance} (exact Jaccard distance of their {@value #SHINGLE}-character shingle
   * sets), {@code listing_id_a < listing_id_b}, sorted. Not every pair of a group is listed: each
   * candidate bucket contributes a star (each member to the bucket's smallest listing, or to its
   * smallest listing of another seller when the member shares the first one's seller), so the edges
   * are linear in the number of listings and {@link #groups} closes them into the full groups.
   * Input: offers with {@code dup_group} ({@link OfferDedup#assign}) or raw offers.
   */
  public static Dataset<Row> pairs(Dataset<Row> offers, double maxDistance, long seed) {
    return unsortedPairs(offers, maxDistance, seed)
        .orderBy(col("listing_id_a"), col("listing_id_b"));
  }

  /**
   * The edges of {@link #pairs} in no particular order: what the stage materialises and writes (a
   * global sort cost a sampling job and a shuffle; {@link #groups} and the written table do not
   * depend on the order).
   */
  static Dataset<Row> unsortedPairs(Dataset<Row> offers, double maxDistance, long seed) {
    if (!(maxDistance >= 0 && maxDistance < 1)) {
      throw new IllegalArgumentException("Jaccard distance must be in [0, 1), was: " + maxDistance);
    }
    Dataset<Row> assigned =
        Arrays.asList(offers.columns()).contains("dup_group") ? offers : OfferDedup.assign(offers);
    Dataset<Row> reps =
        assigned
            .where(col("listing_id").equalTo(col("dup_group")))
            .groupBy(col("listing_id"))
            .agg(min("seller_key").as("seller_key"), min("text_norm").as("text_norm"))
            .where(col("text_norm").isNotNull().and(length(col("text_norm")).geq(SHINGLE)))
            // who tells sellers apart; a listing without a seller is its own seller (the old
            // rule: only two equal non-null sellers make a same-seller pair)
            .withColumn(
                "who", coalesce(col("seller_key"), concat(lit("\u0000"), col("listing_id"))))
            // each text named by its smallest listing: the later steps join on this short id
            // instead of on the text itself
            .withColumn(
                "text_id", min(col("listing_id")).over(Window.partitionBy(col("text_norm"))));
    // one signature per distinct text: template adverts repeat texts verbatim, and hashing
    // each copy again would cost as much as hashing everything
    Dataset<Row> texts =
        reps.where(col("listing_id").equalTo(col("text_id")))
            .select(col("text_norm"), col("text_id"))
            // split on the empty pattern gives the characters; NGram ignores arrays shorter than n
            .withColumn("chars", split(col("text_norm"), "", -1));
    Dataset<Row> shingled =
        new NGram()
            .setN(SHINGLE)
            .setInputCol("chars")
            .setOutputCol("shingle_list")
            .transform(texts)
            .withColumn("shingles", array_distinct(col("shingle_list")))
            .where(size(col("shingles")).gt(0));
    Dataset<Row> vectors =
        new HashingTF()
            .setNumFeatures(FEATURES)
            .setBinary(true)
            .setInputCol("shingles")
            .setOutputCol("features")
            .transform(shingled);
    MinHashLSHModel model =
        new MinHashLSH()
            .setNumHashTables(BANDS * ROWS)
            .setSeed(seed)
            .setInputCol("features")
            .setOutputCol("hashes")
            .fit(vectors);
    Column[] hashValues = new Column[BANDS * ROWS];
    for (int i = 0; i < hashValues.length; i++) {
      hashValues[i] = vector_to_array(col("hashes").getItem(i), "float64").getItem(0);
    }
    Column[] bands = new Column[BANDS];
    for (int b = 0; b < BANDS; b++) {
      bands[b] = struct(lit(b).as("band"), slice(col("hv"), b * ROWS + 1, ROWS).as("bucket"));
    }
    // materialised: the signatures and shingle sets are read by the banding and again by the
    // verification, and MinHash is the expensive part per text
    Dataset<Row> signed =
        model
            .transform(vectors)
            .select(col("text_id"), col("shingles"), array(hashValues).as("hv"))
            .localCheckpoint();
    Dataset<Row> textBands =
        signed
            .select(col("text_id"), explode(array(bands)).as("b"))
            .select(col("text_id"), col("b.band").as("band"), col("b.bucket").as("bucket"));
    Dataset<Row> members =
        reps.select(col("listing_id"), col("who"), col("text_id"))
            .join(textBands, "text_id")
            .select(col("band"), col("bucket"), col("listing_id"), col("who"));
    // a star per bucket instead of all its pairs: the first centre is the bucket's smallest
    // listing; members of the centre's own seller link to the smallest listing of another
    // seller instead, so that no member loses its only cross-seller candidate. Both centres come
    // from one window over the bucket (one shuffle and sort by band and bucket; the two columns
    // share the window's partitioning), not two aggregates each joined back to the members
    WindowSpec bucket = Window.partitionBy(col("band"), col("bucket"));
    Dataset<Row> withFirst =
        members
            .withColumn("c", min(struct(col("listing_id"), col("who"))).over(bucket))
            .select(
                col("band"),
                col("bucket"),
                col("listing_id"),
                col("who"),
                col("c.listing_id").as("c1"),
                col("c.who").as("c1_who"));
    Dataset<Row> candidates =
        withFirst
            .withColumn(
                "c2", min(when(col("who").notEqual(col("c1_who")), col("listing_id"))).over(bucket))
            .select(
                col("listing_id"),
                when(col("who").notEqual(col("c1_who")), col("c1"))
                    .otherwise(col("c2"))
                    .as("centre"))
            .where(col("centre").isNotNull().and(col("centre").notEqual(col("listing_id"))))
            .select(
                least(col("listing_id"), col("centre")).as("listing_id_a"),
                greatest(col("listing_id"), col("centre")).as("listing_id_b"))
            .distinct();
    Dataset<Row> side =
        reps.join(signed.select(col("text_id"), col("shingles")), "text_id")
            .select(col("listing_id"), col("seller_key"), col("who"), col("shingles"));
    Dataset<Row> a = side.toDF("listing_id_a", "seller_key_a", "who_a", "shingles_a");
    Dataset<Row> b = side.toDF("listing_id_b", "seller_key_b", "who_b", "shingles_b");
    Column inter = size(array_intersect(col("shingles_a"), col("shingles_b")));
    Column union = size(array_union(col("shingles_a"), col("shingles_b")));
    return candidates
        .join(a, "listing_id_a")
        .join(b, "listing_id_b")
        .where(col("who_a").notEqual(col("who_b")))
        .select(
            col("listing_id_a"),
            col("seller_key_a"),
            col("listing_id_b"),
            col("seller_key_b"),
            lit(1.0)
                .minus(inter.cast(DoubleType).divide(union.cast(DoubleType)))
                .as("jaccard_distance"))
        .where(col("jaccard_distance").leq(maxDistance));
  }

  /**
   * One row per listing in a copy group: {@code listing_id} (a same-seller chain's representative,
   * i.e. a {@code dup_group} id) and its {@code copy_group}. Input: {@link #groups}. Cost: one
   * explode of the groups, no shuffle.
   */
  public static Dataset<Row> membership(Dataset<Row> copyGroups) {
    return copyGroups.select(
        explode(col("listing_ids")).as("listing_id"), col("copy_group").as("copy_group"));
  }

  /**
   * Closes {@link #pairs} into groups: one row per group of listings connected by copy pairs,
   * {@code copy_group} = its smallest listing id, sorted by it.
   */
  public static Dataset<Row> groups(Dataset<Row> copyPairs) {
    return unsortedGroups(copyPairs).orderBy(col("copy_group"));
  }

  /**
   * The groups of {@link #groups} in no particular order: what the stage uses (only through {@link
   * #membership}, a broadcast join that does not depend on the order).
   */
  static Dataset<Row> unsortedGroups(Dataset<Row> copyPairs) {
    return unsortedGroups(copyPairs, LOCAL_MAX_PAIRS);
  }

  /**
   * Pairs up to which the components are found on the driver ({@link #localLabels}) instead of in
   * rounds of Spark joins: each round costs 13 to 15 Spark jobs (two local checkpoints and a
   * count), a fixed cost that dominates small inputs (the demo has 9 pairs, generated 10^4 listings
   * 640). 10,000 pairs of two listing ids are about a MB on the driver, and their labels a local
   * relation of at most 20,000 rows; larger graphs (generated 10^5 listings: about 17,000 pairs)
   * keep the rounds.
   */
  static final int LOCAL_MAX_PAIRS = 10_000;

  /**
   * {@link #unsortedGroups(Dataset)} with the components found on the driver when there are at most
   * {@code localMaxPairs} pairs (0: always in Spark rounds, as the tests compare both).
   */
  static Dataset<Row> unsortedGroups(Dataset<Row> copyPairs, int localMaxPairs) {
    // materialise the pairs once: every propagation round reads them, and recomputing the LSH
    // join each round would dominate the cost
    Dataset<Row> pairs =
        copyPairs
            .select(
                col("listing_id_a"), col("seller_key_a"), col("listing_id_b"), col("seller_key_b"))
            .localCheckpoint();
    Dataset<Row> edges =
        pairs
            .select(col("listing_id_a").as("src"), col("listing_id_b").as("dst"))
            .unionByName(
                pairs.select(col("listing_id_b").as("src"), col("listing_id_a").as("dst")));
    Dataset<Row> nodes =
        pairs
            .select(col("listing_id_a").as("node"), col("seller_key_a").as("seller"))
            .unionByName(
                pairs.select(col("listing_id_b").as("node"), col("seller_key_b").as("seller")))
            .distinct();
    Dataset<Row> labels =
        edges.select(col("src").as("node")).distinct().withColumn("label", col("node"));
    Dataset<Row> local = localMaxPairs > 0 ? localLabels(pairs, labels, localMaxPairs) : null;
    return (local != null ? local : propagated(edges, labels))
        .join(nodes, "node")
        .groupBy(col("label").as("copy_group"))
        .agg(
            count(lit(1)).cast(IntegerType).as("n_listings"),
            size(collect_set(col("seller"))).as("n_sellers"),
            array_sort(collect_set(col("node"))).as("listing_ids"),
            array_sort(collect_set(col("seller"))).as("seller_keys"));
  }

  /**
   * Each node's label, its component's smallest listing id in Spark's string order (UTF-8 bytes),
   * by union-find over the pairs collected to the driver: the fixpoint {@link #propagated} reaches,
   * without its rounds of jobs. Null if there are more than {@code maxPairs} pairs (not collected
   * beyond {@code maxPairs + 1}: the bound on what the driver holds). A pair with a null id adds no
   * edge (a join on it matches nothing), its other listing stays in its own group.
   *
   * @param start the rounds' first labels (every node labelled by itself): the schema of the result
   */
  static Dataset<Row> localLabels(Dataset<Row> pairs, Dataset<Row> start, int maxPairs) {
    List<Row> few =
        pairs.select(col("listing_id_a"), col("listing_id_b")).limit(maxPairs + 1).collectAsList();
    if (few.size() > maxPairs) {
      return null;
    }
    Components components = new Components();
    for (Row r : few) {
      String a = r.getString(0);
      String b = r.getString(1);
      if (a != null && b != null) {
        components.union(a, b);
      } else if (a != null || b != null) {
        components.add(a != null ? a : b); // no edge: the other listing stays in its own group
      }
    }
    List<Row> rows = new ArrayList<>(components.nodes().size());
    for (String node : components.nodes()) {
      rows.add(RowFactory.create(node, components.add(node)));
    }
    return start.sparkSession().createDataFrame(rows, start.schema());
  }

  /** The labels' fixpoint by rounds of Spark joins (see the loop's comment). */
  private static Dataset<Row> propagated(Dataset<Row> edges, Dataset<Row> labels) {
    int round = 0;
    while (true) {
      round++;
      // Min-label propagation moves the smallest label one hop a round, so a chain of copies k
      // hops long needed k rounds (at 10^6 generated listings it hit the round cap and split
      // groups). Instead each round works on the graph contracted to the current labels: every
      // label hooks to the smallest label it shares an edge with, then every node jumps to its
      // label's new label. Rounds grow with the logarithm of the chain length (13 for a shuffled
      // chain of 10^5, 14 for a sorted one of 10^4 in a simulation). The fixpoint is the one of
      // propagation: a label is always a node of the same group and never above the node, and
      // the loop ends when no edge joins two labels, so each group carries its smallest id.
      Dataset<Row> hooks =
          edges
              .join(labels.select(col("node").as("src"), col("label").as("ls")), "src")
              .join(labels.select(col("node").as("dst"), col("label").as("ld")), "dst")
              .where(col("ls").notEqual(col("ld")))
              .groupBy(col("ls").as("label"))
              .agg(min("ld").as("hook"));
      Dataset<Row> hooked =
          labels
              .join(hooks, "label", "left")
              .select(
                  col("node"), least(col("label"), coalesce(col("hook"), col("label"))).as("label"))
              .localCheckpoint();
      Dataset<Row> next =
          hooked
              .join(
                  hooked.select(col("node").as("label"), col("label").as("jlabel")),
                  "label",
                  "left")
              .select(
                  col("node"),
                  least(col("label"), coalesce(col("jlabel"), col("label"))).as("label"))
              .join(labels.select(col("node"), col("label").as("before")), "node")
              .select(col("node"), col("label"), col("label").lt(col("before")).as("changed"))
              .localCheckpoint();
      long changed = next.where(col("changed")).count();
      // a fresh plan for the next round: a checkpoint keeps its source plan's size estimate, and
      // the self-join above squares it each round (after twenty rounds the optimiser spent
      // minutes multiplying numbers of a million digits); rows from the RDD carry no estimate
      Dataset<Row> settled = next.drop("changed");
      labels = settled.sparkSession().createDataFrame(settled.rdd(), settled.schema());
      if (changed == 0) {
        break;
      }
      if (round >= MAX_ROUNDS) {
        LOG.warn(
            "copy groups: label propagation stopped after {} rounds, {} labels still"
                + " changing; groups may be split",
            round,
            changed);
        break;
      }
    }
    return labels;
  }
}
