package org.leakmarket.ingest.samples;

import static org.apache.spark.sql.functions.col;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.leakmarket.config.Limits;
import org.leakmarket.ingest.CacheLevel;
import org.leakmarket.privacy.PseudonymKey;
import org.leakmarket.reference.BinTable;
import org.leakmarket.reference.PhoneSegments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Ingests leak samples with privacy by design (privacy.md section 1): the driver reads the manifest
 * into a small Dataset of entries (one row per file, one partition per file); each task opens its
 * own file ({@link SampleSource}), streams it through {@link SampleReader}, and emits only
 * tokenised records, masked quarantine rows and one report row. Raw identifiers exist only inside
 * that task's iterator, never in a Dataset, a shuffle, a cache or a log.
 *
 * <p>Cost: one pass over each file, in parallel across files (a single file is read by one task;
 * memory per task is one row). The combined output is persisted (it holds tokens only; in memory or
 * on disk by the files' sizes, {@link CacheLevel}) so that records, quarantine and reports come
 * from that one pass; the driver collects only the report rows (one per sample). Call {@link
 * Result#release()} when the results have been written.
 */
public final class SampleIngestJob {
  private static final Logger LOG = LoggerFactory.getLogger(SampleIngestJob.class);

  /**
   * One row per sample record: tokens, flags, derived attributes, manifest context. All columns are
   * declared nullable (as Spark derives them from the task output); {@code record_id}, {@code
   * sample_id}, {@code row_number}, {@code fields_present}, {@code damaged_fields} and {@code
   * key_fingerprint} are never null in practice.
   */
  public static final StructType RECORD_SCHEMA =
      new StructType(
          new StructField[] {
            field("record_id", DataTypes.StringType, true),
            field("sample_id", DataTypes.StringType, true),
            field("row_number", DataTypes.LongType, true),
            field("listing_id", DataTypes.StringType, true),
            field("seller_token", DataTypes.StringType, true),
            field("source", DataTypes.StringType, true),
            field("obtained_at", DataTypes.DateType, true),
            field("card_token", DataTypes.StringType, true),
            field("phone_token", DataTypes.StringType, true),
            field("id_token", DataTypes.StringType, true),
            field("name_token", DataTypes.StringType, true),
            field("address_token", DataTypes.StringType, true),
            field("email_token", DataTypes.StringType, true),
            field("account_token", DataTypes.StringType, true),
            field("fields_present", DataTypes.createArrayType(DataTypes.StringType, true), true),
            field("damaged_fields", DataTypes.createArrayType(DataTypes.StringType, true), true),
            field("card_luhn_valid", DataTypes.BooleanType, true),
            field("card_bin_known", DataTypes.BooleanType, true),
            field("phone_valid", DataTypes.BooleanType, true),
            field("id_valid", DataTypes.BooleanType, true),
            field("email_valid", DataTypes.BooleanType, true),
            field("issuer", DataTypes.StringType, true),
            field("brand", DataTypes.StringType, true),
            field("card_type", DataTypes.StringType, true),
            field("card_level", DataTypes.StringType, true),
            field("tier", DataTypes.StringType, true),
            field("phone_province_code", DataTypes.StringType, true),
            field("phone_city", DataTypes.StringType, true),
            field("carrier", DataTypes.StringType, true),
            field("id_province_code", DataTypes.StringType, true),
            field("birth_year", DataTypes.IntegerType, true),
            field("gender", DataTypes.StringType, true),
            field("region_code", DataTypes.StringType, true),
            field("credit_limit", DataTypes.DoubleType, true),
            field("key_fingerprint", DataTypes.StringType, true),
          });

  /** One row per rejected sample row: reason code, detail, masked values only. */
  public static final StructType QUARANTINE_SCHEMA =
      new StructType(
          new StructField[] {
            field("quarantine_id", DataTypes.StringType, true),
            field("sample_id", DataTypes.StringType, true),
            field("row_number", DataTypes.LongType, true),
            field("listing_id", DataTypes.StringType, true),
            field("obtained_at", DataTypes.DateType, true),
            field("reason", DataTypes.StringType, true),
            field("detail", DataTypes.StringType, true),
            field(
                "masked",
                DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, true),
                true),
          });

  /** One row per sample file (also {@link SampleReport}). */
  public static final StructType REPORT_SCHEMA =
      new StructType(
          new StructField[] {
            field("sample_id", DataTypes.StringType, false),
            field("path", DataTypes.StringType, true),
            field("status", DataTypes.StringType, false),
            field("reason", DataTypes.StringType, true),
            field("detail", DataTypes.StringType, true),
            field("records_read", DataTypes.LongType, false),
            field("records_rejected", DataTypes.LongType, false),
            field("blank_lines", DataTypes.LongType, false),
            field("cards", DataTypes.LongType, false),
            field("cards_luhn_valid", DataTypes.LongType, false),
            field("cards_bin_known", DataTypes.LongType, false),
            field("phones", DataTypes.LongType, false),
            field("phones_valid", DataTypes.LongType, false),
            field("ids", DataTypes.LongType, false),
            field("ids_valid", DataTypes.LongType, false),
            field("emails", DataTypes.LongType, false),
            field("emails_valid", DataTypes.LongType, false),
          });

  static final String RECORD = "record";
  static final String QUARANTINE = "quarantine";
  static final String REPORT = "report";

  /** What one task emits: a kind and one of three payloads. */
  static final StructType OUTPUT_SCHEMA =
      new StructType(
          new StructField[] {
            field("kind", DataTypes.StringType, false),
            field(RECORD, RECORD_SCHEMA, true),
            field(QUARANTINE, QUARANTINE_SCHEMA, true),
            field(REPORT, REPORT_SCHEMA, true),
          });

  static final StructType MANIFEST_SCHEMA =
      new StructType(
          new StructField[] {
            field("sample_id", DataTypes.StringType, false),
            field("path", DataTypes.StringType, false),
            field("location", DataTypes.StringType, false),
            field("format", DataTypes.StringType, false),
            field("encoding", DataTypes.StringType, false),
            field("delimiter", DataTypes.StringType, false),
            field(
                "columns",
                DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType),
                false),
            field("obtained_at", DataTypes.StringType, true),
            field("listing_id", DataTypes.StringType, true),
            field("seller_token", DataTypes.StringType, true),
            field("source", DataTypes.StringType, true),
          });

  private SampleIngestJob() {}

  /**
   * The estimated cache of these samples, from their files' sizes; a remote file, whose size is not
   * known before reading, counts as too large to keep in memory, and a file that cannot be read as
   * nothing (its task reports why and caches no record).
   */
  static long cacheBytes(List<ManifestEntry> entries) {
    long bytes = 0;
    for (ManifestEntry e : entries) {
      long size;
      try {
        size = SampleSource.size(e.location());
      } catch (java.io.IOException | RuntimeException ex) {
        continue;
      }
      if (size < 0) {
        return Long.MAX_VALUE;
      }
      bytes += CacheLevel.sampleCacheBytes(e.location(), size);
    }
    return bytes;
  }

  /**
   * The job's output. {@code records} and {@code quarantine} hold the rows of samples that were
   * read ({@link SampleReport#ok()}); {@code reports} has one entry per manifest line, sorted by
   * sample id.
   */
  public record Result(
      Dataset<Row> records,
      Dataset<Row> quarantine,
      List<SampleReport> reports,
      Dataset<Row> persisted) {
    public long recordCount() {
      return reports.stream().mapToLong(SampleReport::recordsRead).sum();
    }

    public long rejectedCount() {
      return reports.stream().mapToLong(SampleReport::recordsRejected).sum();
    }

    /** Frees the persisted pass once records and quarantine have been written. */
    public void release() {
      persisted.unpersist();
    }
  }

  public static Result run(
      SparkSession spark, Path manifest, PseudonymKey key, BinTable bins, PhoneSegments phones) {
    return run(spark, manifest, key, bins, phones, Limits.defaults(), null);
  }

  /**
   * @param limits row and file-size limits of each task, and the earliest plausible {@code
   *     obtained_at}
   * @param latest the latest plausible {@code obtained_at}, or null for no bound
   */
  public static Result run(
      SparkSession spark,
      Path manifest,
      PseudonymKey key,
      BinTable bins,
      PhoneSegments phones,
      Limits limits,
      LocalDate latest) {
    List<ManifestEntry> entries = SampleManifest.read(manifest, key, limits.earliestDate(), latest);
    HeaderMap headers = HeaderMap.shipped();
    boolean java8Dates =
        Boolean.parseBoolean(spark.conf().get("spark.sql.datetime.java8API.enabled", "false"));
    spark.sparkContext().setJobDescription("leakmarket samples: read " + entries.size() + " files");
    try {
      Dataset<Row> all =
          readSamples(
                  spark,
                  manifestEntries(spark, entries),
                  new ReadPartition(
                      key,
                      bins,
                      phones,
                      headers,
                      java8Dates,
                      limits.maxLineBytes(),
                      limits.maxSampleFileBytes()))
              // in memory while it fits Spark's protected storage region, else on disk
              .persist(CacheLevel.forSession(spark, cacheBytes(entries)));
      List<SampleReport> reports = reports(all);
      List<String> failed =
          reports.stream().filter(r -> !r.ok()).map(SampleReport::sampleId).toList();
      Dataset<Row> records = payload(all, RECORD, failed);
      Dataset<Row> quarantine = payload(all, QUARANTINE, failed);
      Result result = new Result(records, quarantine, reports, all);
      for (SampleReport r : reports) {
        if (r.ok()) {
          LOG.info(
              "sample {}: {} records, {} rejected, valid cards {}/{}, valid phones {}/{}, valid IDs {}/{}",
              r.sampleId(),
              r.recordsRead(),
              r.recordsRejected(),
              r.cardsLuhnValid(),
              r.cards(),
              r.phonesValid(),
              r.phones(),
              r.idsValid(),
              r.ids());
        } else {
          LOG.warn("sample {} not read ({}): {}", r.sampleId(), r.reason(), r.detail());
        }
      }
      LOG.info(
          "samples: {} files, {} failed, {} records, {} rejected rows, key fingerprint {}",
          reports.size(),
          failed.size(),
          result.recordCount(),
          result.rejectedCount(),
          key.fingerprint());
      return result;
    } finally {
      spark.sparkContext().setJobDescription(null);
    }
  }

  /** The manifest as a Dataset, one partition per file so files are read in parallel. */
  static Dataset<Row> manifestEntries(SparkSession spark, List<ManifestEntry> entries) {
    List<Row> rows = new ArrayList<>();
    for (ManifestEntry e : entries) {
      rows.add(
          RowFactory.create(
              e.sampleId(),
              e.path(),
              e.location(),
              e.format(),
              e.encoding(),
              String.valueOf(e.delimiter()),
              CollectionConverters.asScala(e.columns()),
              e.obtainedAt() == null ? null : e.obtainedAt().toString(),
              e.listingId(),
              e.sellerToken(),
              e.source()));
    }
    JavaRDD<Row> rdd =
        JavaSparkContext.fromSparkContext(spark.sparkContext())
            .parallelize(rows, Math.max(rows.size(), 1));
    return spark.createDataFrame(rdd, MANIFEST_SCHEMA);
  }

  static Dataset<Row> readSamples(SparkSession spark, Dataset<Row> manifest, ReadPartition read) {
    return manifest.mapPartitions(read, Encoders.row(OUTPUT_SCHEMA));
  }

  static List<SampleReport> reports(Dataset<Row> all) {
    List<Row> rows = all.filter(col("kind").equalTo(REPORT)).select(REPORT + ".*").collectAsList();
    List<SampleReport> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(
          new SampleReport(
              r.getString(0),
              r.getString(1),
              r.getString(2),
              r.getString(3),
              r.getString(4),
              r.getLong(5),
              r.getLong(6),
              r.getLong(7),
              r.getLong(8),
              r.getLong(9),
              r.getLong(10),
              r.getLong(11),
              r.getLong(12),
              r.getLong(13),
              r.getLong(14),
              r.getLong(15),
              r.getLong(16)));
    }
    out.sort(Comparator.comparing(SampleReport::sampleId));
    return Collections.unmodifiableList(out);
  }

  static Dataset<Row> payload(Dataset<Row> all, String kind, List<String> failedSamples) {
    Dataset<Row> rows = all.filter(col("kind").equalTo(kind)).select(kind + ".*");
    if (!failedSamples.isEmpty()) {
      rows = rows.filter(col("sample_id").isin(failedSamples.toArray()).unary_$bang());
    }
    return rows;
  }

  private static StructField field(String name, DataType type, boolean nullable) {
    return DataTypes.createStructField(name, type, nullable);
  }

  /**
   * The task: for each manifest row of the partition, stream its file and turn each {@link
   * SampleReader.Item} into an output row. Captures the key, reference tables and header vocabulary
   * (all small and serializable) in the closure.
   */
  static final class ReadPartition implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final PseudonymKey key;
    private final BinTable bins;
    private final PhoneSegments phones;
    private final HeaderMap headers;
    private final boolean java8Dates;
    private final long maxLineChars;
    private final long maxFileBytes;

    ReadPartition(
        PseudonymKey key,
        BinTable bins,
        PhoneSegments phones,
        HeaderMap headers,
        boolean java8Dates,
        long maxLineChars,
        long maxFileBytes) {
      this.key = key;
      this.bins = bins;
      this.phones = phones;
      this.headers = headers;
      this.java8Dates = java8Dates;
      this.maxLineChars = maxLineChars;
      this.maxFileBytes = maxFileBytes;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> manifestRows) {
      RecordBuilder builder = new RecordBuilder(key, bins, phones);
      String fingerprint = key.fingerprint();
      return new Iterator<>() {
        private SampleReader current;
        private ManifestEntry entry;

        @Override
        public boolean hasNext() {
          while (current == null || !current.hasNext()) {
            if (!manifestRows.hasNext()) {
              return false;
            }
            entry = entry(manifestRows.next());
            current = new SampleReader(entry, builder, headers, maxLineChars, maxFileBytes);
          }
          return true;
        }

        @Override
        public Row next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          return toRow(entry, current.next(), fingerprint);
        }
      };
    }

    private ManifestEntry entry(Row r) {
      Map<String, String> columns = CollectionConverters.asJava(r.<String, String>getMap(6));
      String obtained = r.getString(7);
      return new ManifestEntry(
          r.getString(0),
          r.getString(1),
          r.getString(2),
          r.getString(3),
          r.getString(4),
          r.getString(5).charAt(0),
          Map.copyOf(columns),
          obtained == null ? null : LocalDate.parse(obtained),
          r.getString(8),
          r.getString(9),
          r.getString(10));
    }

    private Object date(LocalDate d) {
      if (d == null) {
        return null;
      }
      return java8Dates ? d : java.sql.Date.valueOf(d);
    }

    private Row toRow(ManifestEntry e, SampleReader.Item item, String fingerprint) {
      if (item instanceof SampleReader.Parsed p) {
        SampleRecord s = p.record();
        Row rec =
            RowFactory.create(
                e.sampleId() + "/" + p.rowNumber(),
                e.sampleId(),
                p.rowNumber(),
                e.listingId(),
                e.sellerToken(),
                e.source(),
                date(e.obtainedAt()),
                s.cardToken(),
                s.phoneToken(),
                s.idToken(),
                s.nameToken(),
                s.addressToken(),
                s.emailToken(),
                s.accountToken(),
                CollectionConverters.asScala(s.fieldsPresent()).toSeq(),
                CollectionConverters.asScala(s.damagedFields()).toSeq(),
                s.cardLuhnValid(),
                s.cardBinKnown(),
                s.phoneValid(),
                s.idValid(),
                s.emailValid(),
                s.issuer(),
                s.brand(),
                s.cardType(),
                s.cardLevel(),
                s.tier(),
                s.phoneProvinceCode(),
                s.phoneCity(),
                s.carrier(),
                s.idProvinceCode(),
                s.birthYear(),
                s.gender(),
                s.regionCode(),
                s.creditLimit(),
                fingerprint);
        return RowFactory.create(RECORD, rec, null, null);
      }
      if (item instanceof SampleReader.Rejected q) {
        Rejection j = q.rejection();
        Row rej =
            RowFactory.create(
                e.sampleId() + "/" + q.rowNumber(),
                e.sampleId(),
                q.rowNumber(),
                e.listingId(),
                date(e.obtainedAt()),
                j.reason(),
                j.detail(),
                CollectionConverters.asScala(j.masked()));
        return RowFactory.create(QUARANTINE, null, rej, null);
      }
      SampleReport r = ((SampleReader.Report) item).report();
      Row rep =
          RowFactory.create(
              r.sampleId(),
              r.path(),
              r.status(),
              r.reason(),
              r.detail(),
              r.recordsRead(),
              r.recordsRejected(),
              r.blankLines(),
              r.cards(),
              r.cardsLuhnValid(),
              r.cardsBinKnown(),
              r.phones(),
              r.phonesValid(),
              r.ids(),
              r.idsValid(),
              r.emails(),
              r.emailsValid());
      return RowFactory.create(REPORT, null, null, rep);
    }
  }
}
