package org.leakmarket.ingest;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.is_valid_utf8;
import static org.apache.spark.sql.functions.left;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.make_valid_utf8;
import static org.apache.spark.sql.functions.map_filter;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.octet_length;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
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
 * <p>JSON Lines are read as text by Spark (split across tasks) and parsed with {@code from_json}
 * against an explicit schema, so a malformed line keeps its raw text for the quarantine and unknown
 * fields survive in the {@code extra} map; Hadoop's line reader is capped so that a line over the
 * limit is never buffered ({@link ListingFiles} finds those). CSV files are read by {@link
 * CsvListingReader}, one task per file, into the same JSON text. Hostile lines get a reason, never
 * a crash: {@code line_too_long}, {@code invalid_utf8}, {@code malformed}, and a listing id given
 * again with different content {@code conflicting_id}. Every non-blank line of every file is
 * accounted for: read = accepted + quarantined per file ({@link FileCounts}).
 *
 * <p>Cost: one scan of the input (cached once for counting and both writes), one window over
 * listing ids to collapse repeated ids, two Delta merges; the driver collects one count per file
 * and reason. The cache is in memory (spilling to disk) or on disk only, by the input's size
 * ({@link CacheLevel}).
 */
public final class ListingIngest {

  /** Counts of one ingest; {@code read} excludes blank lines, which are counted apart. */
  public record Result(
      long read,
      long accepted,
      long rejected,
      long blankLines,
      long repeatedIds,
      Map<String, Long> rejectedByReason,
      Map<String, FileCounts> files) {}

  /**
   * What happened to the lines of one input file. {@code lines} is the file's physical lines (for
   * CSV, records may span lines and the header is one); {@code read} the non-blank lines (JSON
   * Lines) or records (CSV); {@code read = accepted + quarantined}, where {@code accepted} counts a
   * listing repeated with the same content each time ({@code repeated} of them collapse).
   */
  public record FileCounts(
      String file,
      long lines,
      long blank,
      long read,
      long accepted,
      long repeated,
      long quarantined,
      Map<String, Long> byReason) {}

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(ListingIngest.class);
  private static final String SEP = "\u001f";
  private static final String BLANK = "_blank";
  private static final String HADOOP_MAX_LINE = "mapreduce.input.linerecordreader.line.maxlength";

  private final SparkSession spark;
  private final Warehouse warehouse;
  private final SellerTokens sellerTokens;
  private final StorageLevel cacheLevel; // null: chosen from the input's size (CacheLevel)

  public ListingIngest(SparkSession spark, Warehouse warehouse, SellerTokens sellerTokens) {
    this(spark, warehouse, sellerTokens, null);
  }

  /** An ingest that caches its decided listings at {@code cacheLevel} whatever their size. */
  ListingIngest(
      SparkSession spark, Warehouse warehouse, SellerTokens sellerTokens, StorageLevel cacheLevel) {
    this.spark = spark;
    this.warehouse = warehouse;
    this.sellerTokens = sellerTokens;
    this.cacheLevel = cacheLevel;
  }

  /** Scans and ingests the files named (folders expanded), at the default line limit. */
  public Result run(List<Path> inputs, String runId, double maxRejectRate) {
    long max = org.leakmarket.config.Defaults.MAX_LINE_BYTES;
    List<ListingFiles.Scan> scans = new ArrayList<>();
    for (Path f : ListingFiles.expand(inputs)) {
      scans.add(ListingFiles.scan(f, max));
    }
    return run(scans, runId, maxRejectRate, max);
  }

  /**
   * Ingests scanned files.
   *
   * @param scans the files, each scanned by {@link ListingFiles#scan} with the same limit
   * @param maxLineBytes lines longer than this are quarantined {@code line_too_long}
   */
  public Result run(
      List<ListingFiles.Scan> scans, String runId, double maxRejectRate, long maxLineBytes) {
    Dataset<Row> lines = readLines(scans, maxLineBytes);
    // in memory while it fits Spark's protected storage region, else on disk: at 10^7 listings a
    // MEMORY_AND_DISK cache filled the 4 GB heap (CacheLevel)
    StorageLevel level =
        cacheLevel != null
            ? cacheLevel
            : CacheLevel.forSession(spark, CacheLevel.listingCacheBytes(scans));
    LOG.info("ingest: decided listings cached {}", level.description());
    Dataset<Row> decided = decide(classify(lines, maxLineBytes)).persist(level);
    try {
      Map<String, FileCounts> files = counts(scans, decided);
      long read = 0;
      long ok = 0;
      long blank = 0;
      long repeated = 0;
      Map<String, Long> byReason = new TreeMap<>();
      for (FileCounts f : files.values()) {
        read += f.read();
        ok += f.accepted();
        blank += f.blank();
        repeated += f.repeated();
        f.byReason().forEach((k, v) -> byReason.merge(k, v, Long::sum));
      }
      long rejected = read - ok;
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
      if (read == 0 && !warehouse.exists(Table.BRONZE_LISTINGS)) {
        throw new UserException(
            UserException.BAD_INPUT,
            "no listing read: the "
                + scans.size()
                + " listing file(s) hold no non-blank line; nothing was written");
      }
      if (read > 0) {
        warehouse.mergeInsert(Table.BRONZE_LISTINGS, bronze(decided, runId));
        warehouse.mergeInsert(Table.QUARANTINE_LISTINGS, quarantine(decided, runId));
      }
      return new Result(read, ok, rejected, blank, repeated, byReason, files);
    } finally {
      decided.unpersist();
    }
  }

  /**
   * Every input line as {@code (value, source_file, line, pre_reason, pre_detail)}: JSON Lines
   * through Spark's text reader ({@code line} null), CSV records through {@link CsvListingReader}
   * (their first line), and the lines too long for Hadoop's reader from the scan ({@code value}
   * null, {@code pre_reason} {@code line_too_long}).
   */
  Dataset<Row> readLines(List<ListingFiles.Scan> scans, long maxLineBytes) {
    List<String> jsonl = new ArrayList<>();
    List<String> csv = new ArrayList<>();
    List<Row> dropped = new ArrayList<>();
    for (ListingFiles.Scan s : scans) {
      if (s.empty()) {
        continue; // nothing to read; a zero-byte .gz would not even decompress
      }
      if (s.format() == ListingFiles.Format.CSV) {
        csv.add(s.path().toString()); // its reader cuts long records itself
        continue;
      }
      jsonl.add(s.path().toString());
      for (ListingFiles.LongLine l : s.dropped()) {
        dropped.add(
            RowFactory.create(
                null,
                sourceFile(s.path()),
                l.line(),
                IngestReason.LINE_TOO_LONG,
                "line " + l.line() + " has " + l.bytes() + " bytes > limit " + maxLineBytes));
      }
    }
    Dataset<Row> out = spark.createDataFrame(dropped, CsvListings.LINES);
    if (!jsonl.isEmpty()) {
      Dataset<Row> text =
          spark
              .read()
              // Hadoop's reader drops longer lines without buffering them (ListingFiles counts
              // them); what it returns is at most this long.
              .option(
                  HADOOP_MAX_LINE, Long.toString(ListingFiles.hadoopMaxLineLength(maxLineBytes)))
              .text(jsonl.toArray(String[]::new))
              .select(
                  col("value"),
                  col("_metadata.file_path").as("source_file"),
                  lit(null).cast("long").as("line"),
                  lit(null).cast("string").as("pre_reason"),
                  lit(null).cast("string").as("pre_detail"));
      out = out.unionByName(text);
    }
    if (!csv.isEmpty()) {
      out = out.unionByName(CsvListings.read(spark, csv, maxLineBytes));
    }
    return out;
  }

  /** The {@code source_file} Spark's {@code _metadata.file_path} gives a local file. */
  static String sourceFile(Path p) {
    return new org.apache.hadoop.fs.Path("file", null, p.toAbsolutePath().toString())
        .toUri()
        .toString();
  }

  /** The local path of a {@code source_file} URI: the key of {@link Result#files()}. */
  static String localPath(String sourceFile) {
    try {
      String p = new URI(sourceFile).getPath();
      return p == null ? sourceFile : p;
    } catch (java.net.URISyntaxException e) {
      return sourceFile;
    }
  }

  /**
   * Adds the parsed struct {@code j}, {@code extra}, and {@code reason}/{@code detail}: null reason
   * means the row is a candidate listing.
   */
  static Dataset<Row> classify(Dataset<Row> lines, long maxLineBytes) {
    // A BOM at the start of a line (files concatenated with cat) is not part of the JSON.
    Column clean = regexp_replace(col("value"), "^\uFEFF", "");
    Dataset<Row> parsed =
        lines
            .withColumn(
                "j",
                from_json(
                    clean,
                    ListingSchema.INPUT,
                    Map.of(
                        "mode", "PERMISSIVE", "columnNameOfCorruptRecord", ListingSchema.CORRUPT)))
            .withColumn(
                "extra",
                from_json(
                    clean,
                    DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType),
                    Map.of()));
    Column pre = col("pre_reason").isNotNull();
    // spaces, tabs, a stray CR: nothing to read (counted apart, not rejected)
    Column blank = col("value").isNotNull().and(col("value").rlike("^\\s*$"));
    Column tooLong = octet_length(col("value")).gt(maxLineBytes);
    Column notUtf8 = not(is_valid_utf8(col("value")));
    Column malformed = col("j").isNull().or(col("j." + ListingSchema.CORRUPT).isNotNull());
    Column noSource = blankOrNull(col("j.source"));
    Column noDate = blankOrNull(col("j.posted_at"));
    Column noTextNoPrice = blankOrNull(col("j.text")).and(blankOrNull(col("j.price")));
    Column reason =
        when(pre, col("pre_reason"))
            .when(blank, lit(BLANK))
            .when(tooLong, lit(IngestReason.LINE_TOO_LONG))
            .when(notUtf8, lit(IngestReason.INVALID_UTF8))
            .when(malformed, lit(Reason.MALFORMED))
            .when(noSource, lit(Reason.MISSING_FIELD))
            .when(noDate, lit(Reason.BAD_DATE))
            .when(noTextNoPrice, lit(Reason.NO_PRICE));
    Column detail =
        when(pre, col("pre_detail"))
            .when(blank, lit(null))
            .when(
                tooLong,
                concat_ws(
                    "",
                    lit("line of "),
                    octet_length(col("value")).cast("string"),
                    lit(" bytes > limit " + maxLineBytes)))
            .when(notUtf8, lit("bytes that are not UTF-8"))
            .when(malformed, lit("not a JSON object"))
            .when(noSource, lit("source missing"))
            .when(noDate, lit("posted_at missing"))
            .when(noTextNoPrice, lit("neither text nor price given"));
    return parsed.withColumn("reason", reason).withColumn("detail", detail);
  }

  private static Column blankOrNull(Column c) {
    return c.isNull().or(trim(c).equalTo(""));
  }

  /**
   * Settles repeated listing ids among the candidates: the first row of an id (by file and text) is
   * the listing; a later row with the same content is a repeat (accepted, collapsed), one with
   * different content is quarantined {@code conflicting_id}. Adds {@code listing_id} and {@code
   * first} (the row that goes to bronze).
   */
  private static Dataset<Row> decide(Dataset<Row> classified) {
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
    Column fields =
        struct(ListingSchema.FIELDS.stream().map(f -> col("j." + f).as(f)).toArray(Column[]::new));
    Column content = sha2(to_json(struct(fields.as("f"), col("extra").as("x"))), 256);
    Dataset<Row> candidates =
        classified
            .filter(col("reason").isNull())
            .withColumn("listing_id", coalesce(col("j.listing_id"), defaultId))
            .withColumn("content", content);
    WindowSpec byId = Window.partitionBy("listing_id").orderBy("source_file", "value", "line");
    Dataset<Row> settled =
        candidates
            .withColumn("_rn", row_number().over(byId))
            .withColumn("_first_content", first(col("content")).over(byId))
            .withColumn("first", col("_rn").equalTo(1))
            .withColumn(
                "reason",
                when(
                    col("_rn").gt(1).and(col("content").notEqual(col("_first_content"))),
                    lit(IngestReason.CONFLICTING_ID)))
            .withColumn(
                "detail",
                when(
                    col("reason").isNotNull(),
                    lit("listing id given again with different content; the first is kept")))
            .drop("_rn", "_first_content", "content");
    Dataset<Row> others =
        classified
            .filter(col("reason").isNotNull())
            .withColumn("listing_id", col("j.listing_id"))
            .withColumn("first", lit(false));
    return settled.unionByName(others);
  }

  /** One count per file and outcome (a handful of rows per file), joined with the scans. */
  private static Map<String, FileCounts> counts(
      List<ListingFiles.Scan> scans, Dataset<Row> decided) {
    Map<String, long[]> n = new TreeMap<>(); // blank, read, accepted, repeated
    Map<String, Map<String, Long>> reasons = new TreeMap<>();
    for (Row r :
        decided
            .groupBy(
                col("source_file"),
                col("reason"),
                col("reason").isNull().and(not(col("first"))).as("repeat"))
            .count()
            .collectAsList()) {
      String file = localPath(r.getString(0));
      String reason = r.getString(1);
      long c = r.getLong(3);
      long[] a = n.computeIfAbsent(file, k -> new long[4]);
      if (BLANK.equals(reason)) {
        a[0] += c;
        continue;
      }
      a[1] += c;
      if (reason == null) {
        a[2] += c;
        a[3] += r.getBoolean(2) ? c : 0;
      } else {
        reasons.computeIfAbsent(file, k -> new TreeMap<>()).merge(reason, c, Long::sum);
      }
    }
    Map<String, FileCounts> out = new LinkedHashMap<>();
    for (ListingFiles.Scan s : scans) {
      String file = s.path().toString();
      long[] a = n.getOrDefault(file, new long[4]);
      out.put(
          file,
          new FileCounts(
              file,
              s.lines(),
              a[0],
              a[1],
              a[2],
              a[3],
              a[1] - a[2],
              Map.copyOf(reasons.getOrDefault(file, Map.of()))));
    }
    return out;
  }

  /** The listings, one row per id, in the bronze schema. */
  private Dataset<Row> bronze(Dataset<Row> decided, String runId) {
    Column known =
        array(
            ListingSchema.FIELDS.stream()
                .map(org.apache.spark.sql.functions::lit)
                .toArray(Column[]::new));
    return decided
        .filter(col("reason").isNull().and(col("first")))
        .select(
            col("listing_id"),
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
            lit(runId).as("ingest_run"));
  }

  /** The rejected rows, one quarantine row per distinct (file, line or text). */
  private static Dataset<Row> quarantine(Dataset<Row> decided, String runId) {
    Column raw = left(make_valid_utf8(col("value")), lit(4096));
    return decided
        .filter(col("reason").isNotNull().and(col("reason").notEqual(BLANK)))
        .select(
            sha2(
                    concat_ws(
                        SEP,
                        lit("ingest"),
                        col("source_file"),
                        coalesce(col("line").cast("string"), lit("")),
                        col("reason"),
                        coalesce(col("value"), lit(""))),
                    256)
                .as("quarantine_id"),
            col("listing_id"),
            lit("ingest").as("stage"),
            col("reason"),
            col("detail"),
            // the raw line (its first 4096 characters), for diagnosis, with any seller handle
            // masked (sellers are pseudonymised)
            regexp_replace(raw, "(\"seller\"\\s*:\\s*\")[^\"]*(\")", "$1***$2").as("raw"),
            col("source_file"),
            lit(runId).as("ingest_run"))
        .dropDuplicates("quarantine_id");
  }
}
