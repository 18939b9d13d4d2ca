package org.leakmarket.warehouse;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.to_json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.leakmarket.common.UserException;

/**
 * Writes one table to a single local file. CSV cannot hold arrays, maps or structs, so those
 * columns become JSON text. Rows are sorted by every column so two exports of the same table
 * version are byte-identical. Cost: one sort and a single-partition write (export is for tables a
 * statistics package can open, not for billions of rows).
 */
public final class TableExport {
  private final SparkSession spark;
  private final Path warehouse;

  public TableExport(SparkSession spark, Path warehouse) {
    this.spark = spark;
    this.warehouse = warehouse;
  }

  public long export(Table t, String format, Path to) {
    Warehouse wh = new Warehouse(spark, warehouse);
    if (!wh.exists(t)) {
      throw new UserException(
          UserException.BAD_INPUT, "no table " + t.path() + " under " + warehouse);
    }
    Dataset<Row> df = wh.read(t);
    if (format.equals("csv")) {
      df = flatten(df);
    }
    // Maps are not orderable; every other column takes part in the sort.
    Column[] sortCols =
        java.util.Arrays.stream(df.schema().fields())
            .filter(f -> !(f.dataType() instanceof MapType))
            .map(f -> col("`" + f.name() + "`"))
            .toArray(Column[]::new);
    df = df.orderBy(sortCols);
    Path tmp = to.toAbsolutePath().resolveSibling(".export-" + System.nanoTime());
    var w = df.coalesce(1).write();
    if (format.equals("csv")) {
      w.option("header", "true").csv(tmp.toString());
    } else {
      w.json(tmp.toString());
    }
    try (Stream<Path> parts = Files.list(tmp)) {
      Path part =
          parts
              .filter(p -> p.getFileName().toString().startsWith("part-"))
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("no part file written under " + tmp));
      if (to.toAbsolutePath().getParent() != null) {
        Files.createDirectories(to.toAbsolutePath().getParent());
      }
      Files.move(part, to, StandardCopyOption.REPLACE_EXISTING);
      try (Stream<Path> rest = Files.walk(tmp)) {
        rest.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return spark.read().format("delta").load(wh.location(t)).count();
  }

  private static Dataset<Row> flatten(Dataset<Row> df) {
    StructType schema = df.schema();
    List<Column> cols = new ArrayList<>();
    for (StructField f : schema.fields()) {
      Column c = col("`" + f.name() + "`");
      boolean complex =
          f.dataType() instanceof ArrayType
              || f.dataType() instanceof MapType
              || f.dataType() instanceof StructType;
      cols.add(complex ? to_json(c).as(f.name()) : c);
    }
    return df.select(cols.toArray(Column[]::new));
  }
}
