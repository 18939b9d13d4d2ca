package org.leakmarket.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakmarket.testing.SparkTestBase;

/**
 * The two readers of {@link TableFingerprint} agree on a table holding every type the warehouse
 * uses (and nulls, nested arrays, maps and structs), and the fingerprint tells versions apart: a
 * changed value or an extra row changes it, row order does not.
 */
class TableFingerprintTest extends SparkTestBase {
  @TempDir Path tmp;

  private static final StructType SCHEMA =
      new StructType()
          .add("s", DataTypes.StringType)
          .add("l", DataTypes.LongType)
          .add("i", DataTypes.IntegerType)
          .add("d", DataTypes.DoubleType)
          .add("b", DataTypes.BooleanType)
          .add("day", DataTypes.DateType)
          .add("ts", DataTypes.TimestampType)
          .add("dec", DataTypes.createDecimalType(12, 4))
          .add("arr", DataTypes.createArrayType(DataTypes.StringType))
          .add("m", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
          .add(
              "st",
              DataTypes.createArrayType(
                  new StructType()
                      .add("field", DataTypes.StringType)
                      .add("n", DataTypes.LongType)));

  private static Row row(String s, double d) {
    return RowFactory.create(
        s,
        7L,
        3,
        d,
        true,
        Date.valueOf("2015-01-08"),
        Timestamp.valueOf("2015-01-08 10:30:00.123456"),
        new BigDecimal("12.3400"),
        List.of("a", "b"),
        Map.of("k", "v", "z", "y"),
        List.of(RowFactory.create("price", 2L)));
  }

  @Test
  void kernelAndSparkAgreeAndVersionsDiffer() {
    String table = tmp.resolve("t").toString();
    List<Row> rows =
        List.of(
            row("鑫源数据", 0.35),
            row(null, Double.NaN),
            RowFactory.create(null, null, null, null, null, null, null, null, null, null, null));
    spark.createDataFrame(rows, SCHEMA).repartition(2).write().format("delta").save(table);
    TableFingerprint v0 = TableFingerprint.kernel(table, null);
    assertThat(v0.version()).isZero();
    assertThat(v0.rows()).isEqualTo(3);
    assertThat(v0.schema())
        .contains("ts:timestamp", "dec:decimal(12,4)", "m:map<string,string>")
        .contains("st:array<struct<field:string,n:bigint>>");
    assertThat(v0).isEqualTo(TableFingerprint.spark(spark, table, 0));

    // the same rows in another order and partitioning: the same fingerprint (version aside)
    spark
        .createDataFrame(List.of(rows.get(2), rows.get(0), rows.get(1)), SCHEMA)
        .coalesce(1)
        .write()
        .format("delta")
        .mode(SaveMode.Overwrite)
        .save(table);
    TableFingerprint v1 = TableFingerprint.kernel(table, null);
    assertThat(v1.version()).isEqualTo(1);
    assertThat(v1.checksum()).isEqualTo(v0.checksum());

    // one value changed: another checksum, from both readers alike
    spark
        .createDataFrame(List.of(row("鑫源数据", 0.36), rows.get(1), rows.get(2)), SCHEMA)
        .write()
        .format("delta")
        .mode(SaveMode.Overwrite)
        .save(table);
    TableFingerprint v2 = TableFingerprint.kernel(table, 2L);
    assertThat(v2.checksum()).isNotEqualTo(v0.checksum());
    assertThat(v2).isEqualTo(TableFingerprint.spark(spark, table, 2));
    // time travel: version 0 still reads as it was
    assertThat(TableFingerprint.kernel(table, 0L)).isEqualTo(v0);
  }
}
