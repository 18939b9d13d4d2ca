package org.leakmarket.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Spark wiring of {@link CsvListingReader}: one task per CSV listing file (a file is one
 * partition), each streaming its file through the reader. Output: {@link #LINES}, the row shape
 * ingest classifies. CSV listings are exports of marketplaces and spreadsheets, small next to the
 * JSON Lines scrapes, so a file is not split.
 */
final class CsvListings {

  /** {@code (value, source_file, line, pre_reason, pre_detail)}: one input line or record. */
  static final StructType LINES =
      DataTypes.createStructType(
          List.of(
              DataTypes.createStructField("value", DataTypes.StringType, true),
              DataTypes.createStructField("source_file", DataTypes.StringType, true),
              DataTypes.createStructField("line", DataTypes.LongType, true),
              DataTypes.createStructField("pre_reason", DataTypes.StringType, true),
              DataTypes.createStructField("pre_detail", DataTypes.StringType, true)));

  private static final StructType FILES =
      DataTypes.createStructType(
          List.of(DataTypes.createStructField("path", DataTypes.StringType, false)));

  private CsvListings() {}

  static Dataset<Row> read(SparkSession spark, List<String> files, long maxLineBytes) {
    List<Row> rows = new ArrayList<>();
    for (String f : files) {
      rows.add(RowFactory.create(f));
    }
    Dataset<Row> paths =
        spark.createDataFrame(
            JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, rows.size()),
            FILES);
    return paths.mapPartitions(new ReadFiles(maxLineBytes), Encoders.row(LINES));
  }

  /** The task: each file of the partition through a {@link CsvListingReader}. */
  static final class ReadFiles implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final long maxLineBytes;

    ReadFiles(long maxLineBytes) {
      this.maxLineBytes = maxLineBytes;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> files) {
      return new Iterator<>() {
        private CsvListingReader reader;
        private InputStream stream;
        private String source;
        private CsvListingReader.Row next;

        @Override
        public boolean hasNext() {
          while (next == null) {
            if (reader != null) {
              next = reader.next();
              if (next != null) {
                break;
              }
              close();
            }
            if (!files.hasNext()) {
              return false;
            }
            open(Path.of(files.next().getString(0)));
          }
          return true;
        }

        @Override
        public Row next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          CsvListingReader.Row r = next;
          next = null;
          return RowFactory.create(r.value(), source, r.line(), r.reason(), r.detail());
        }

        private void open(Path p) {
          try {
            InputStream in = new BufferedInputStream(Files.newInputStream(p), 1 << 16);
            stream = ListingFiles.gzip(p) ? new GZIPInputStream(in, 1 << 16) : in;
            // Bytes that are not UTF-8 become U+FFFD, which the reader reports as invalid_utf8.
            reader =
                new CsvListingReader(
                    new InputStreamReader(
                        stream,
                        StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPLACE)
                            .onUnmappableCharacter(CodingErrorAction.REPLACE)),
                    maxLineBytes);
            source = ListingIngest.sourceFile(p);
          } catch (IOException e) {
            // the driver's scan read this file a moment ago
            throw new UncheckedIOException("cannot read listings file " + p, e);
          }
        }

        private void close() {
          try {
            stream.close();
          } catch (IOException ignored) {
            // read-only
          }
          reader = null;
        }
      };
    }
  }
}
