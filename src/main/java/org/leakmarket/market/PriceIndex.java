package org.leakmarket.market;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.leakmarket.stats.market.Hedonic;
import org.leakmarket.stats.market.Jevons;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code gold/price_index}: the chained Jevons elementary index ({@link Jevons}) and the time-dummy
 * hedonic index ({@link Hedonic}), both base 100 in the first observed period, one row per (period,
 * method).
 *
 * <p>How it runs: offers are grouped in Spark (one shuffle) to the small set of elementary cells
 * (Jevons) or distinct regressor patterns (hedonic: period x control levels, since every regressor
 * is a dummy); each group's prices are collected and sorted, and its geometric mean, or count, sum
 * and sum of squares of ln(price), computed in plain Java over the sorted values, so the
 * floating-point result does not depend on partitioning. Those groups (at most periods x cells,
 * thousands of rows, small by construction) are collected to the driver, where the chain or the OLS
 * on the k x k normal equations runs in O(groups k^2 + k^3). The regression is thus exactly the
 * row-level OLS without ever moving rows to the driver.
 *
 * <p>Rows: {@code method} {@code jevons} has {@code link}, {@code n_cells}, {@code cells} (the
 * elementary cell keys {@code category|tier|freshness|region} that entered the link) and {@code
 * n_offers} of period t in them; se and interval columns null. {@code hedonic} has {@code se}
 * (delta method), {@code ci_low}/{@code ci_high} and {@code index_kennedy}, and {@code n_offers} of
 * the period. {@code note} says {@code base}, {@code chained}, {@code
 * no_common_cells_carried_forward} or {@code fitted}.
 */
public final class PriceIndex {
  private static final Logger LOG = LoggerFactory.getLogger(PriceIndex.class);

  public static final String JEVONS = "jevons";
  public static final String HEDONIC = "hedonic";

  /** Columns of an elementary cell of the Jevons index (methods.md). */
  public static final List<String> ELEMENTARY_CELL =
      List.of("category", "tier", "freshness", "region_code");

  /** Default hedonic controls; {@code region_code} and {@code source} may be added. */
  public static final List<String> DEFAULT_CONTROLS = List.of("tier", "freshness", "category");

  public static final List<String> ALLOWED_CONTROLS =
      List.of("tier", "freshness", "category", "region_code", "source");

  /** Label of a null dimension value in cell keys and hedonic levels. */
  public static final String NULL_LEVEL = "-";

  public static final StructType SCHEMA =
      createStructType(
          List.of(
              createStructField("period", StringType, false),
              createStructField("method", StringType, false),
              createStructField("index", DoubleType, false),
              createStructField("se", DoubleType, true),
              createStructField("ci_low", DoubleType, true),
              createStructField("ci_high", DoubleType, true),
              createStructField("index_kennedy", DoubleType, true),
              createStructField("link", DoubleType, true),
              createStructField("log_coefficient", DoubleType, true),
              createStructField("n_cells", IntegerType, true),
              createStructField("n_offers", LongType, false),
              createStructField("cells", createArrayType(StringType, false), true),
              createStructField("note", StringType, false)));

  private static final StructType CELL_GROUP =
      createStructType(
          List.of(
              createStructField("period", StringType, false),
              createStructField("cell_key", StringType, false),
              createStructField("n", LongType, false),
              createStructField("geomean", DoubleType, false)));

  private static final StructType HEDONIC_GROUP =
      createStructType(
          List.of(
              createStructField("period", StringType, false),
              createStructField("levels", createArrayType(StringType, false), false),
              createStructField("n", LongType, false),
              createStructField("sum_ln", DoubleType, false),
              createStructField("sum_ln2", DoubleType, false)));

  private PriceIndex() {}

  /** Both indices, Jevons rows then hedonic rows, with default controls and 95% intervals. */
  public static Dataset<Row> compute(Dataset<Row> offers) {
    return jevons(offers).unionByName(hedonic(offers, DEFAULT_CONTROLS, 0.05));
  }

  /** The chained Jevons index of {@code offers} (unique offers with {@code period}). */
  public static Dataset<Row> jevons(Dataset<Row> offers) {
    List<Column> keyParts = new ArrayList<>();
    for (int i = 0; i < ELEMENTARY_CELL.size(); i++) {
      if (i > 0) {
        keyParts.add(lit("|"));
      }
      keyParts.add(coalesce(col(ELEMENTARY_CELL.get(i)), lit(NULL_LEVEL)));
    }
    List<Row> cells =
        positivePrices(offers)
            .select(
                col("period"),
                concat(keyParts.toArray(Column[]::new)).as("cell_key"),
                col("price_per_record_cny"))
            .groupBy(col("period"), col("cell_key"))
            .agg(collect_list(col("price_per_record_cny")).as("prices"))
            .map(
                (MapFunction<Row, Row>)
                    r -> {
                      double[] v = sortedPrices(r);
                      double sumLog = 0;
                      for (double x : v) {
                        sumLog += StrictMath.log(x);
                      }
                      return RowFactory.create(
                          r.getString(0),
                          r.getString(1),
                          (long) v.length,
                          StrictMath.exp(sumLog / v.length));
                    },
                Encoders.row(CELL_GROUP))
            .collectAsList(); // periods x elementary cells: small by construction
    List<Jevons.CellPrice> prices = new ArrayList<>(cells.size());
    for (Row r : cells) {
      prices.add(
          new Jevons.CellPrice(r.getString(0), r.getString(1), r.getDouble(3), r.getLong(2)));
    }
    List<Row> out = new ArrayList<>();
    for (Jevons.Link l : Jevons.chain(prices)) {
      out.add(
          RowFactory.create(
              l.period(),
              JEVONS,
              l.index(),
              null,
              null,
              null,
              null,
              l.link(),
              l.link() == null ? null : StrictMath.log(l.link()),
              l.nCells(),
              l.nOffers(),
              l.cells().toArray(new String[0]),
              l.note()));
      if (Jevons.NOTE_NO_COMMON.equals(l.note())) {
        LOG.warn(
            "Jevons link into {} has no elementary cell in common with the previous period;"
                + " index carried forward",
            l.period());
      }
    }
    LOG.info("Jevons index: {} periods from {} elementary cells", out.size(), cells.size());
    return sessionOf(offers).createDataFrame(out, SCHEMA);
  }

  /**
   * The time-dummy hedonic index.
   *
   * @param controls control factors among {@link #ALLOWED_CONTROLS}; empty gives the
   *     period-dummy-only model (ratio of geometric means)
   * @param alpha 1 - confidence level of {@code ci_low}/{@code ci_high}
   */
  public static Dataset<Row> hedonic(Dataset<Row> offers, List<String> controls, double alpha) {
    for (String c : controls) {
      if (!ALLOWED_CONTROLS.contains(c)) {
        throw new IllegalArgumentException(
            "hedonic control must be one of " + ALLOWED_CONTROLS + ", was: " + c);
      }
    }
    List<String> ctl = List.copyOf(controls);
    Column[] levelCols =
        ctl.stream()
            .map(c -> coalesce(col(c).cast(StringType), lit(NULL_LEVEL)))
            .toArray(Column[]::new);
    List<Row> groups =
        positivePrices(offers)
            .select(col("period"), array(levelCols).as("levels"), col("price_per_record_cny"))
            .groupBy(col("period"), col("levels"))
            .agg(collect_list(col("price_per_record_cny")).as("prices"))
            .map(
                (MapFunction<Row, Row>)
                    r -> {
                      double[] v = sortedPrices(r);
                      double s = 0;
                      double s2 = 0;
                      for (double x : v) {
                        double y = StrictMath.log(x);
                        s += y;
                        s2 += y * y;
                      }
                      return RowFactory.create(
                          r.getString(0),
                          r.getList(1).toArray(new String[0]),
                          (long) v.length,
                          s,
                          s2);
                    },
                Encoders.row(HEDONIC_GROUP))
            .collectAsList(); // distinct (period, control levels): small by construction
    List<Hedonic.Group> hg = new ArrayList<>(groups.size());
    for (Row r : groups) {
      hg.add(
          new Hedonic.Group(
              r.getString(0), r.<String>getList(1), r.getLong(2), r.getDouble(3), r.getDouble(4)));
    }
    Hedonic.Result res = Hedonic.fit(hg, ctl, alpha);
    List<Row> out = new ArrayList<>();
    for (Hedonic.Point p : res.points()) {
      out.add(
          RowFactory.create(
              p.period(),
              HEDONIC,
              p.index(),
              nan(p.se()),
              nan(p.ciLow()),
              nan(p.ciHigh()),
              nan(p.indexKennedy()),
              null,
              nan(p.delta()),
              null,
              p.nOffers(),
              null,
              "fitted"));
    }
    if (res.fit() != null) {
      LOG.info(
          "Hedonic index: {} periods, {} coefficients, n = {}, residual df = {}",
          res.points().size(),
          res.names().size(),
          res.fit().n(),
          res.fit().df());
    }
    return sessionOf(offers).createDataFrame(out, SCHEMA);
  }

  private static Dataset<Row> positivePrices(Dataset<Row> offers) {
    // ln(price) needs price > 0; ok offers always satisfy it (price_nonpositive is a rejection)
    return offers.where(col("price_per_record_cny").gt(0));
  }

  private static double[] sortedPrices(Row r) {
    List<Double> list = r.getList(r.fieldIndex("prices"));
    double[] v = new double[list.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = list.get(i);
    }
    java.util.Arrays.sort(v); // summation order fixed by value, not by arrival
    return v;
  }

  private static Double nan(double d) {
    return Double.isNaN(d) ? null : d;
  }

  private static SparkSession sessionOf(Dataset<Row> ds) {
    return ds.sparkSession();
  }
}
