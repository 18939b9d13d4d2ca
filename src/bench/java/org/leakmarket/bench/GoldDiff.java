package org.leakmarket.bench;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.map_entries;
import static org.apache.spark.sql.functions.to_json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.leakmarket.pipeline.SparkSessions;
import org.leakmarket.warehouse.Table;
import org.leakmarket.warehouse.Warehouse;

/**
 * Benchmark main (not a test): are two warehouses' silver and gold tables the same? Used by {@code
 * bench/cluster.sh} to set a run on the standalone cluster against the local run of the same
 * inputs. {@code gold/runs} is left out (it records when and where a run happened), and so are
 * provenance columns that name the run which wrote a row ({@link #PROVENANCE}).
 *
 * <p>For each table, both ways, {@code exceptAll} counts the rows of one warehouse that the other
 * lacks: first exactly, then with every floating-point column printed to 12 significant digits
 * (sums of doubles may differ in their last bits when rows reach an aggregate in another order;
 * anything beyond that is a real difference; rows equal exactly are not compared again). Maps are
 * compared as sorted entry lists.
 *
 * <pre>java -cp ... org.leakmarket.bench.GoldDiff WAREHOUSE_A WAREHOUSE_B OUT.json [--all-tables]
 * </pre>
 *
 * With {@code --all-tables} the bronze and quarantine tables are compared too.
 *
 * <p>Exit code 0 when every table agrees to 12 digits, 1 otherwise. Cost: two anti-joins per table;
 * only counts reach the driver.
 */
public final class GoldDiff {
  /** Columns that identify the writing run (a fresh id per run), not the data. */
  static final java.util.Set<String> PROVENANCE = java.util.Set.of("ingest_run", "run_id");

  private GoldDiff() {}

  public static void main(String[] args) throws Exception {
    Path a = Path.of(args[0]);
    Path b = Path.of(args[1]);
    Path out = Path.of(args[2]);
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode result;
    try (SparkSessions.Handle h = SparkSessions.acquire("leakmarket gold diff", "local[*]")) {
      result = compare(h.spark(), a, b, args.length > 3 && "--all-tables".equals(args[3]));
    }
    Files.writeString(out, mapper.writeValueAsString(result));
    System.out.println(mapper.writeValueAsString(result));
    System.exit(result.get("all_equal").asBoolean() ? 0 : 1);
  }

  /**
   * Compares the silver and gold tables of two warehouses (with {@code allTables}, the bronze and
   * quarantine tables too: the crash tests check that nothing was lost or duplicated there); {@code
   * all_equal} says whether every table agrees to 12 digits.
   */
  public static ObjectNode compare(SparkSession spark, Path a, Path b, boolean allTables) {
    ObjectNode result = new ObjectMapper().createObjectNode();
    result.put("a", a.toString());
    result.put("b", b.toString());
    ArrayNode tables = result.putArray("tables");
    boolean same = true;
    Warehouse wa = new Warehouse(spark, a);
    Warehouse wb = new Warehouse(spark, b);
    for (Table t : Table.values()) {
      if (t == Table.GOLD_RUNS
          || !(allTables || t.path().startsWith("gold/") || t.path().startsWith("silver/"))) {
        continue;
      }
      ObjectNode n = tables.addObject();
      n.put("table", t.path());
      if (!wa.exists(t) || !wb.exists(t)) {
        n.put("present_in_a", wa.exists(t));
        n.put("present_in_b", wb.exists(t));
        same &= wa.exists(t) == wb.exists(t);
        continue;
      }
      Dataset<Row> da = comparable(wa.read(t), false).cache();
      Dataset<Row> db = comparable(wb.read(t), false).cache();
      n.put("rows_a", da.count());
      n.put("rows_b", db.count());
      n.put("schema_equal", wa.read(t).schema().equals(wb.read(t).schema()));
      n.put("only_in_a", da.exceptAll(db).count());
      n.put("only_in_b", db.exceptAll(da).count());
      long ta = 0;
      long tb = 0;
      if (n.get("only_in_a").asLong() + n.get("only_in_b").asLong() > 0) {
        // rows equal bit for bit are equal to 12 digits: the second pair of anti-joins (the cost
        // at 10^6) only when the first found a difference
        Dataset<Row> ra = comparable(wa.read(t), true);
        Dataset<Row> rb = comparable(wb.read(t), true);
        ta = ra.exceptAll(rb).count();
        tb = rb.exceptAll(ra).count();
      }
      n.put("only_in_a_12_digits", ta);
      n.put("only_in_b_12_digits", tb);
      boolean equal =
          n.get("schema_equal").asBoolean()
              && ta == 0
              && tb == 0
              && n.get("rows_a").asLong() == n.get("rows_b").asLong();
      n.put("equal", equal);
      same &= equal;
      da.unpersist();
      db.unpersist();
    }
    result.put("all_equal", same);
    return result;
  }

  /**
   * Maps become sorted entry lists (maps cannot take part in set operations); doubles optionally
   * text.
   */
  private static Dataset<Row> comparable(Dataset<Row> df, boolean roundDoubles) {
    Column[] cols =
        Arrays.stream(df.schema().fields())
            .filter(f -> !PROVENANCE.contains(f.name()))
            .map(f -> column(f, roundDoubles))
            .toArray(Column[]::new);
    return df.select(cols);
  }

  private static Column column(StructField f, boolean roundDoubles) {
    DataType type = f.dataType();
    Column c = col(f.name());
    if (type instanceof MapType) {
      return to_json(array_sort(map_entries(c))).as(f.name());
    }
    if (roundDoubles && (type.equals(DataTypes.DoubleType) || type.equals(DataTypes.FloatType))) {
      return format_string("%.11e", c).as(f.name());
    }
    return c;
  }
}
