package org.leakmarket.market;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.last;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createStructField;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reposts and cross-posts of one advert by one seller count once (methods.md, Duplicates).
 *
 * <p>Rule: listings with the same {@code seller_key} and the same {@code text_norm}, ordered by
 * ({@code posted_at}, {@code listing_id}), form a chain while each post is at most {@value
 * #WINDOW_DAYS} days after the previous one; a longer gap starts a new chain. The chain's id,
 * {@code dup_group}, is the {@code listing_id} of its first post (stable: it does not depend on
 * partitioning, and re-running on the same data gives the same id). A unique offer is (dup_group,
 * offer_index). Listings with a null seller key, a null or empty {@code text_norm} or a null {@code
 * posted_at} cannot be matched and are each their own group ({@code dup_group = listing_id}): never
 * merged on a guess.
 *
 * <p>Cost: {@link #assign} one shuffle of the listing-level projection (window by seller and text)
 * and one join back; {@link #collapse} one more shuffle (group by unique offer). Near-copies across
 * sellers are {@link CopyGroups}' job, not merged here.
 */
public final class OfferDedup {
  public static final int WINDOW_DAYS = 30;

  /** Columns {@link #collapse} adds to the offer columns. */
  public static final List<StructField> COLLAPSE_FIELDS =
      List.of(
          createStructField("n_posts", LongType, false),
          createStructField("first_seen", TimestampType, true),
          createStructField("last_seen", TimestampType, true),
          createStructField("channels", createArrayType(StringType, false), false));

  /** Columns {@link #assign} adds to the offer columns. */
  public static final List<StructField> ASSIGN_FIELDS =
      List.of(
          createStructField("dup_group", StringType, true),
          createStructField("first_post", BooleanType, false));

  private OfferDedup() {}

  /** {@code offers}' schema plus {@link #ASSIGN_FIELDS}. */
  public static StructType assignedSchema(StructType offers) {
    return append(offers, ASSIGN_FIELDS);
  }

  /**
   * {@code offers}' schema plus {@link #ASSIGN_FIELDS} and {@link #COLLAPSE_FIELDS}, as {@link
   * #collapse} returns it: the first post's columns come out of an aggregate, so they are all
   * nullable.
   */
  public static StructType collapsedSchema(StructType offers) {
    StructType out = new StructType();
    for (StructField f : assignedSchema(offers).fields()) {
      out = out.add(f.name(), f.dataType(), true, f.metadata());
    }
    return append(out, COLLAPSE_FIELDS);
  }

  /**
   * Every offer row plus {@code dup_group} and {@code first_post} (true on the first post of its
   * unique offer): what {@code silver/offers} holds. Replaces existing columns of those names.
   */
  public static Dataset<Row> assign(Dataset<Row> offers) {
    Dataset<Row> in = dropIfPresent(offers, "dup_group", "first_post");
    // one row per listing; min() makes the pick deterministic should a listing disagree
    Dataset<Row> listings =
        in.groupBy(col("listing_id"))
            .agg(
                min("seller_key").as("seller_key"),
                min("text_norm").as("text_norm"),
                min("posted_at").as("posted_at"));
    Column matchable =
        col("seller_key")
            .isNotNull()
            .and(col("text_norm").isNotNull())
            .and(length(col("text_norm")).gt(0))
            .and(col("posted_at").isNotNull());
    WindowSpec chainOrder =
        Window.partitionBy(col("seller_key"), col("text_norm"))
            .orderBy(col("posted_at"), col("listing_id"));
    Column gap =
        unix_seconds(col("posted_at"))
            .minus(lag(unix_seconds(col("posted_at")), 1).over(chainOrder));
    Dataset<Row> chained =
        listings
            .where(matchable)
            .withColumn(
                "chain_start",
                when(gap.isNull().or(gap.gt(WINDOW_DAYS * 86_400L)), col("listing_id")))
            .withColumn(
                "dup_group",
                last(col("chain_start"), true)
                    .over(chainOrder.rowsBetween(Window.unboundedPreceding(), Window.currentRow())))
            .select(col("listing_id"), col("dup_group"));
    Dataset<Row> singles =
        listings.where(not(matchable)).select(col("listing_id"), col("listing_id").as("dup_group"));
    Dataset<Row> groupOf = chained.unionByName(singles);
    WindowSpec firstOrder =
        Window.partitionBy(col("dup_group"), col("offer_index"))
            .orderBy(col("posted_at").asc_nulls_last(), col("listing_id"));
    return in.join(groupOf, "listing_id")
        .withColumn("first_post", row_number().over(firstOrder).equalTo(1))
        .select(selection(in.schema(), "dup_group", "first_post"));
  }

  /**
   * One row per unique offer: the first post's columns (so its listing_id, posted_at, period and
   * price) plus {@code dup_group}, {@code first_post} (true), {@code n_posts}, {@code first_seen},
   * {@code last_seen}, {@code channels} (sorted distinct non-null channels). Accepts raw offers or
   * the output of {@link #assign}.
   */
  public static Dataset<Row> collapse(Dataset<Row> offers) {
    Dataset<Row> assigned =
        Arrays.asList(offers.columns()).contains("dup_group")
                && Arrays.asList(offers.columns()).contains("first_post")
            ? offers
            : assign(offers);
    String[] cols = assigned.columns();
    Column[] all = Arrays.stream(cols).map(c -> col(c)).toArray(Column[]::new);
    Dataset<Row> agg =
        assigned
            .groupBy(col("dup_group"), col("offer_index"))
            .agg(
                count(lit(1)).as("n_posts"),
                min("posted_at").as("first_seen"),
                max("posted_at").as("last_seen"),
                array_sort(collect_set(col("channel"))).as("channels"),
                // the first post's row: the one first_post marks (true sorts after false)
                firstPost(struct(all)).as("first"));
    List<Column> out = new ArrayList<>();
    for (String c : cols) {
      out.add(col("first." + c).as(c));
    }
    for (StructField f : COLLAPSE_FIELDS) {
      out.add(col(f.name()));
    }
    return agg.select(out.toArray(Column[]::new));
  }

  private static Column firstPost(Column row) {
    // min_by over (not first_post) picks the row with first_post = true; exactly one exists
    return min_by(row, col("first_post").equalTo(false));
  }

  private static Column[] selection(StructType base, String... extra) {
    List<Column> cols = new ArrayList<>();
    for (String f : base.fieldNames()) {
      cols.add(col(f));
    }
    for (String e : extra) {
      cols.add(col(e));
    }
    return cols.toArray(Column[]::new);
  }

  private static Dataset<Row> dropIfPresent(Dataset<Row> ds, String... names) {
    Dataset<Row> out = ds;
    for (String n : names) {
      if (Arrays.asList(out.columns()).contains(n)) {
        out = out.drop(n);
      }
    }
    return out;
  }

  private static StructType append(StructType base, List<StructField> fields) {
    StructType out = base;
    for (StructField f : fields) {
      if (!Arrays.asList(out.fieldNames()).contains(f.name())) {
        out = out.add(f);
      }
    }
    return out;
  }
}
