package org.leakmarket.warehouse;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BinaryType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What a reader sees of one Delta table version: its schema (column names and types in Spark's
 * notation), its row count and an order-independent checksum of its rows (the sum, modulo 2^64, of
 * the first 8 bytes of SHA-256 over each row's canonical text). Computed twice, independently: by
 * Delta Kernel (no Spark) and by Spark, so that the two readers can be compared. Test code; reads
 * the whole table once per reader.
 */
public record TableFingerprint(long version, List<String> schema, long rows, long checksum) {

  /** Delta Kernel's reading of {@code table} at {@code version}, or at its latest when null. */
  public static TableFingerprint kernel(String table, Long version) {
    Engine engine = DefaultEngine.create(new Configuration());
    io.delta.kernel.Table t = io.delta.kernel.Table.forPath(engine, table);
    Snapshot snap =
        version == null ? t.getLatestSnapshot(engine) : t.getSnapshotAsOfVersion(engine, version);
    StructType schema = snap.getSchema();
    List<String> names = new ArrayList<>();
    for (StructField f : schema.fields()) {
      names.add(f.getName() + ":" + typeName(f.getDataType()));
    }
    Scan scan = snap.getScanBuilder().build();
    io.delta.kernel.data.Row state = scan.getScanState(engine);
    StructType physical = ScanStateRow.getPhysicalDataReadSchema(state);
    long rows = 0;
    long sum = 0;
    try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
      while (files.hasNext()) {
        try (CloseableIterator<io.delta.kernel.data.Row> scanFiles = files.next().getRows()) {
          while (scanFiles.hasNext()) {
            io.delta.kernel.data.Row scanFile = scanFiles.next();
            FileStatus file = InternalScanFileUtils.getAddFileStatus(scanFile);
            CloseableIterator<ColumnarBatch> data =
                engine
                    .getParquetHandler()
                    .readParquetFiles(
                        Utils.singletonCloseableIterator(file), physical, Optional.empty())
                    .map(FileReadResult::getData);
            try (CloseableIterator<FilteredColumnarBatch> logical =
                Scan.transformPhysicalData(engine, state, scanFile, data)) {
              while (logical.hasNext()) {
                FilteredColumnarBatch fb = logical.next();
                ColumnarBatch b = fb.getData();
                Optional<ColumnVector> sel = fb.getSelectionVector();
                for (int i = 0; i < b.getSize(); i++) {
                  if (sel.isPresent() && (sel.get().isNullAt(i) || !sel.get().getBoolean(i))) {
                    continue; // deleted by a deletion vector
                  }
                  StringBuilder sb = new StringBuilder();
                  for (int c = 0; c < schema.length(); c++) {
                    sb.append('\u001f');
                    kernelValue(sb, b.getColumnVector(c), i);
                  }
                  rows++;
                  sum += hash(sb.toString());
                }
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Delta Kernel cannot read " + table, e);
    }
    return new TableFingerprint(snap.getVersion(), names, rows, sum);
  }

  /**
   * Spark's reading of the same table version (one job; only a count and a sum per partition reach
   * the driver).
   */
  public static TableFingerprint spark(SparkSession spark, String table, long version) {
    String java8 = spark.conf().get("spark.sql.datetime.java8API.enabled");
    // LocalDate and Instant instead of java.sql types: no time-zone conversion in between
    spark.conf().set("spark.sql.datetime.java8API.enabled", "true");
    try {
      var df = spark.read().format("delta").option("versionAsOf", version).load(table);
      List<String> names = new ArrayList<>();
      for (org.apache.spark.sql.types.StructField f : df.schema().fields()) {
        names.add(f.name() + ":" + f.dataType().simpleString());
      }
      // One job: each partition returns its row count and checksum (a sum, so order-free).
      List<long[]> parts =
          df.javaRDD()
              .mapPartitions(
                  (Iterator<Row> it) -> {
                    long n = 0;
                    long h = 0;
                    while (it.hasNext()) {
                      Row r = it.next();
                      StringBuilder sb = new StringBuilder();
                      for (int c = 0; c < r.length(); c++) {
                        sb.append('\u001f');
                        sparkValue(sb, r.get(c));
                      }
                      n++;
                      h += hash(sb.toString());
                    }
                    return List.of(new long[] {n, h}).iterator();
                  })
              .collect();
      long rows = 0;
      long sum = 0;
      for (long[] p : parts) {
        rows += p[0];
        sum += p[1];
      }
      return new TableFingerprint(version, names, rows, sum);
    } finally {
      spark.conf().set("spark.sql.datetime.java8API.enabled", java8);
    }
  }

  static String typeName(DataType t) {
    if (t instanceof StringType) {
      return "string";
    } else if (t instanceof LongType) {
      return "bigint";
    } else if (t instanceof IntegerType) {
      return "int";
    } else if (t instanceof ShortType) {
      return "smallint";
    } else if (t instanceof ByteType) {
      return "tinyint";
    } else if (t instanceof DoubleType) {
      return "double";
    } else if (t instanceof FloatType) {
      return "float";
    } else if (t instanceof BooleanType) {
      return "boolean";
    } else if (t instanceof DateType) {
      return "date";
    } else if (t instanceof TimestampType) {
      return "timestamp";
    } else if (t instanceof TimestampNTZType) {
      return "timestamp_ntz";
    } else if (t instanceof BinaryType) {
      return "binary";
    } else if (t instanceof DecimalType d) {
      return "decimal(" + d.getPrecision() + "," + d.getScale() + ")";
    } else if (t instanceof ArrayType a) {
      return "array<" + typeName(a.getElementType()) + ">";
    } else if (t instanceof MapType m) {
      return "map<" + typeName(m.getKeyType()) + "," + typeName(m.getValueType()) + ">";
    } else if (t instanceof StructType s) {
      List<String> fs = new ArrayList<>();
      for (StructField f : s.fields()) {
        fs.add(f.getName() + ":" + typeName(f.getDataType()));
      }
      return "struct<" + String.join(",", fs) + ">";
    }
    throw new IllegalArgumentException("type not covered: " + t);
  }

  /** The canonical text of one value of a Kernel column vector. */
  static void kernelValue(StringBuilder sb, ColumnVector v, int i) {
    if (v.isNullAt(i)) {
      sb.append("∅");
      return;
    }
    DataType t = v.getDataType();
    if (t instanceof StringType) {
      sb.append("s:").append(v.getString(i));
    } else if (t instanceof LongType) {
      sb.append("i:").append(v.getLong(i));
    } else if (t instanceof IntegerType) {
      sb.append("i:").append(v.getInt(i));
    } else if (t instanceof ShortType) {
      sb.append("i:").append(v.getShort(i));
    } else if (t instanceof ByteType) {
      sb.append("i:").append(v.getByte(i));
    } else if (t instanceof DoubleType) {
      sb.append("d:").append(v.getDouble(i));
    } else if (t instanceof FloatType) {
      sb.append("d:").append((double) v.getFloat(i));
    } else if (t instanceof BooleanType) {
      sb.append("b:").append(v.getBoolean(i));
    } else if (t instanceof DateType) {
      sb.append("D:").append(v.getInt(i));
    } else if (t instanceof TimestampType || t instanceof TimestampNTZType) {
      sb.append("T:").append(v.getLong(i));
    } else if (t instanceof DecimalType) {
      sb.append("n:").append(v.getDecimal(i).toPlainString());
    } else if (t instanceof BinaryType) {
      sb.append("x:").append(HexFormat.of().formatHex(v.getBinary(i)));
    } else if (t instanceof ArrayType) {
      ArrayValue a = v.getArray(i);
      sb.append('[');
      for (int j = 0; j < a.getSize(); j++) {
        sb.append(j == 0 ? "" : ",");
        kernelValue(sb, a.getElements(), j);
      }
      sb.append(']');
    } else if (t instanceof MapType) {
      MapValue m = v.getMap(i);
      List<String> entries = new ArrayList<>();
      for (int j = 0; j < m.getSize(); j++) {
        StringBuilder e = new StringBuilder();
        kernelValue(e, m.getKeys(), j);
        e.append('=');
        kernelValue(e, m.getValues(), j);
        entries.add(e.toString());
      }
      entries.sort(null);
      sb.append('{').append(String.join(",", entries)).append('}');
    } else if (t instanceof StructType s) {
      sb.append('(');
      for (int j = 0; j < s.length(); j++) {
        sb.append(j == 0 ? "" : ",");
        kernelValue(sb, v.getChild(j), i);
      }
      sb.append(')');
    } else {
      throw new IllegalArgumentException("type not covered: " + t);
    }
  }

  /** The same canonical text of one value as Spark returns it. */
  static void sparkValue(StringBuilder sb, Object o) {
    if (o == null) {
      sb.append("∅");
    } else if (o instanceof String s) {
      sb.append("s:").append(s);
    } else if (o instanceof Long
        || o instanceof Integer
        || o instanceof Short
        || o instanceof Byte) {
      sb.append("i:").append(((Number) o).longValue());
    } else if (o instanceof Double d) {
      sb.append("d:").append(d.doubleValue());
    } else if (o instanceof Float f) {
      sb.append("d:").append((double) f.floatValue());
    } else if (o instanceof Boolean b) {
      sb.append("b:").append(b);
    } else if (o instanceof LocalDate d) {
      sb.append("D:").append(d.toEpochDay());
    } else if (o instanceof Instant t) {
      sb.append("T:")
          .append(
              Math.addExact(
                  Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000));
    } else if (o instanceof LocalDateTime t) {
      sparkValue(sb, t.toInstant(ZoneOffset.UTC));
    } else if (o instanceof BigDecimal d) {
      sb.append("n:").append(d.toPlainString());
    } else if (o instanceof byte[] x) {
      sb.append("x:").append(HexFormat.of().formatHex(x));
    } else if (o instanceof scala.collection.Seq<?> seq) {
      sb.append('[');
      var it = seq.iterator();
      boolean first = true;
      while (it.hasNext()) {
        sb.append(first ? "" : ",");
        first = false;
        sparkValue(sb, it.next());
      }
      sb.append(']');
    } else if (o instanceof scala.collection.Map<?, ?> m) {
      List<String> entries = new ArrayList<>();
      for (Map.Entry<?, ?> e : scala.jdk.javaapi.CollectionConverters.asJava(m).entrySet()) {
        StringBuilder x = new StringBuilder();
        sparkValue(x, e.getKey());
        x.append('=');
        sparkValue(x, e.getValue());
        entries.add(x.toString());
      }
      entries.sort(null);
      sb.append('{').append(String.join(",", entries)).append('}');
    } else if (o instanceof Row r) {
      sb.append('(');
      for (int j = 0; j < r.length(); j++) {
        sb.append(j == 0 ? "" : ",");
        sparkValue(sb, r.get(j));
      }
      sb.append(')');
    } else {
      throw new IllegalArgumentException("value not covered: " + o.getClass());
    }
  }

  static long hash(String row) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(row.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(d, 0, 8).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
