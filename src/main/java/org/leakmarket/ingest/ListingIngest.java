package org.leakmarket.ingest;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_filter;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.leakmarket.common.UserException;
import org.leakmarket.normalize.Reason;
import org.leakmarket.warehouse.Table;
import org.leakmarket.warehouse.Warehouse;

/**
 * Reads listing files (JSON Lines, optionally gzipped, or CSV with a header) into {@code
 * bronze/listings}; rows that cannot be read or lack a required field go to {@code
 * quarantine/listings} with a reason. Idempotent: rows merge on {@code listing_id}.
 *
 * <p>Lines are read as text and parsed with {@code from_json} against an explicit schema, so a
 * malformed line keeps its raw text for the quarantine and unknown fields survive in the {@code
 * extra} map. Cost: one scan of the input (cached once for counting and both writes), one window
 * over listing ids to collapse repeated ids, two Delta merges.
 */
public final class ListingIngest {

  /** Counts of one ingest; {@code read} excludes blank lines, which are counted apart. */
  public record Result(
      long read,
      long accepted,
      long rejected,
      long blankLines,
      long repeatedIds,
      Map<String, Long> rejectedByReason) {}

  private static final String SEP = "\u001f";

  private final SparkSession spark;
  private final Warehouse warehouse;
  private final SellerTokens sellerTokens;

  public ListingIngest(SparkSession spark, Warehouse warehouse, SellerTokens sellerTokens) {
    this.spark = spark;
    this.warehouse = warehouse;
    this.sellerTokens = sellerTokens;
  }

  public Result run(List<Path> inputs, String runId, double maxRejectRate) {
    Dataset<Row> lines = readLines(inputs);
    Dataset<Row> classified = classify(lines).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Map<String, Long> byReason = new TreeMap<>();
      long blank = 0;
      long ok = 0;
      // One small aggregate: a handful of reason codes.
      for (Row r : classified.groupBy("reason").count().collectAsList()) {
        String reason = r.getString(0);
        long n = r.getLong(1);
        if (reason == null) {
          ok += n;
        } else if (reason.equals(BLANK)) {
          blank += n;
        } else {
          byReason.put(reason, n);
        }
      }
      long rejected = byReason.values().stream().mapToLong(Long::longValue).sum();
      long read = ok + rejected;
      if (read > 0 && (double) rejected / read > maxRejectRate) {
        throw new UserException(
            UserException.BAD_INPUT,
            String.format(
                Locale.ROOT,
                "stopped: %d of %d listings rejected (%.1f%% > limit %.1f%%): %s; nothing was written",
                rejected,
                read,
                100.0 * rejected / read,
                100 * maxRejectRate,
                byReason));
      }
      Dataset<Row> good = classified.filter(col("reason").isNull());
      // Persisted: counted here and merged next; without it the window would run twice.
      Dataset<Row> bronze = bronze(good, runId).persist(StorageLevel.MEMORY_AND_DISK());
      long repeated = ok - bronze.count();
      warehouse.mergeInsert(Table.BRONZE_LISTINGS, bronze);
      bronze.unpersist();
      Dataset<Row> quarantine =
          classified
              .filter(col("reason").isNotNull().and(col("reason").notEqual(BLANK)))
              .select(
                  sha2(concat_ws(SEP, lit("ingest"), col("source_file"), col("value")), 256)
                      .as("quarantine_id"),
                  col("j.listing_id").as("listing_id"),
                  lit("ingest").as("stage"),
                  col("reason"),
                  col("detail"),
                  // the raw line, for diagnosis, with any seller handle masked (sellers are
                  // pseudonymised)
                  regexp_replace(col("value"), "(\"seller\"\\s*:\\s*\")[^\"]*(\")", "$1***$2")
                      .as("raw"),
                  col("source_file"),
                  lit(runId).as("ingest_run"))
              .dropDuplicates("quarantine_id");
      warehouse.mergeInsert(Table.QUARANTINE_LISTINGS, quarantine);
      return new Result(read, ok, rejected, blank, repeated, byReason);
    } finally {
      classified.unpersist();
    }
  }

  private static final String BLANK = "_blank";

  /** Every input line as {@code (value, source_file, j)} where j is the parsed struct. */
  Dataset<Row> readLines(List<Path> inputs) {
    List<String> jsonl = new ArrayList<>();
    List<String> csv = new ArrayList<>();
    for (Path p : inputs) {
      if (!Files.exists(p)) {
        throw new UserException(UserException.BAD_INPUT, "listings not found: " + p);
      }
      String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
      (name.endsWith(".csv") || name.endsWith(".csv.gz") ? csv : jsonl)
          .add(p.toAbsolutePath().toString());
    }
    Dataset<Row> out = null;
    if (!jsonl.isEmpty()) {
      Dataset<Row> text =
          spark
              .read()
              .text(jsonl.toArray(String[]::new))
              .select(col("value"), col("_metadata.file_path").as("source_file"));
      out =
          text.withColumn(
                  "j",
                  from_json(
                      col("value"),
                      ListingSchema.INPUT,
                      Map.of(
                          "mode",
                          "PERMISSIVE",
                          "columnNameOfCorruptRecord",
                          ListingSchema.CORRUPT)))
              .withColumn(
                  "extra",
                  from_json(
                      col("value"),
                      DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType),
                      Map.of()));
    }
    if (!csv.isEmpty()) {
      // A header gives column names; every column stays a string (no inference).
      Dataset<Row> raw =
          spark
              .read()
              .option("header", "true")
              .option("multiLine", "true")
              .option("mode", "PERMISSIVE")
              .csv(csv.toArray(String[]::new));
      List<String> present = List.of(raw.columns());
      List<Column> fields = new ArrayList<>();
      for (String f : ListingSchema.FIELDS) {
        fields.add(
            present.contains(f)
                ? col("`" + f + "`").cast("string").as(f)
                : lit(null).cast("string").as(f));
      }
      fields.add(lit(null).cast("string").as(ListingSchema.CORRUPT));
      List<Column> extras = new ArrayList<>();
      for (String c : present) {
        if (!ListingSchema.FIELDS.contains(c)) {
          extras.add(lit(c));
          extras.add(col("`" + c + "`").cast("string"));
        }
      }
      Dataset<Row> c =
          raw.select(
              to_json(struct(present.stream().map(n -> col("`" + n + "`")).toArray(Column[]::new)))
                  .as("value"),
              col("_metadata.file_path").as("source_file"),
              struct(fields.toArray(Column[]::new)).as("j"),
              extras.isEmpty()
                  ? lit(null).cast("map<string,string>").as("extra")
                  : org.apache.spark.sql.functions.map(extras.toArray(Column[]::new)).as("extra"));
      out = out == null ? c : out.unionByName(c);
    }
    if (out == null) {
      throw new UserException(UserException.USAGE, "no listings given (--listings PATH...)");
    }
    return out;
  }

  /** Adds {@code reason}/{@code detail}: null reason means the row is accepted. */
  static Dataset<Row> classify(Dataset<Row> lines) {
    Column blank = trim(col("value")).equalTo("");
    Column malformed = col("j").isNull().or(col("j." + ListingSchema.CORRUPT).isNotNull());
    Column noSource = blankOrNull(col("j.source"));
    Column noDate = blankOrNull(col("j.posted_at"));
    Column noTextNoPrice = blankOrNull(col("j.text")).and(blankOrNull(col("j.price")));
    Column reason =
        when(blank, lit(BLANK))
            .when(malformed, lit(Reason.MALFORMED))
            .when(noSource, lit(Reason.MISSING_FIELD))
            .when(noDate, lit(Reason.BAD_DATE))
            .when(noTextNoPrice, lit(Reason.NO_PRICE));
    Column detail =
        when(blank, lit(null))
            .when(malformed, lit("not a JSON object"))
            .when(noSource, lit("source missing"))
            .when(noDate, lit("posted_at missing"))
            .when(noTextNoPrice, lit("neither text nor price given"));
    return lines.withColumn("reason", reason).withColumn("detail", detail);
  }

  private static Column blankOrNull(Column c) {
    return c.isNull().or(trim(c).equalTo(""));
  }

  /** Accepted rows in the bronze schema, one row per listing id (first by file and line text). */
  private Dataset<Row> bronze(Dataset<Row> good, String runId) {
    Column defaultId =
        sha2(
            concat_ws(
                SEP,
                coalesce(col("j.source"), lit("")),
                coalesce(col("j.channel"), lit("")),
                coalesce(col("j.seller"), lit("")),
                coalesce(col("j.posted_at"), lit("")),
                coalesce(col("j.text"), lit(""))),
            256);
    Column known =
        array(
            ListingSchema.FIELDS.stream()
                .map(org.apache.spark.sql.functions::lit)
                .toArray(Column[]::new));
    Dataset<Row> rows =
        good.select(
            coalesce(col("j.listing_id"), defaultId).as("listing_id"),
            org.apache.spark.sql.functions.lower(trim(col("j.source"))).as("source"),
            col("j.channel").as("channel"),
            sellerTokens.column(col("j.seller")).as("seller_key"),
            col("j.posted_at").as("posted_at"),
            col("j.text").as("text"),
            col("j.price").as("price"),
            col("j.currency").as("currency"),
            col("j.quantity").as("quantity"),
            col("j.tier").as("tier"),
            col("j.freshness").as("freshness"),
            col("j.category").as("category"),
            col("j.region").as("region"),
            col("j.issuer").as("issuer"),
            map_filter(col("extra"), (k, v) -> not(array_contains(known, k))).as("extra"),
            col("source_file"),
            lit(runId).as("ingest_run"),
            col("value"));
    return rows.withColumn(
            "_rn",
            row_number().over(Window.partitionBy("listing_id").orderBy("source_file", "value")))
        .filter(col("_rn").equalTo(1))
        .drop("_rn", "value");
  }
}
