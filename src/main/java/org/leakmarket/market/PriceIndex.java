package org.leakmarket.market;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createDecimalType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.StructType;
import org.leakmarket.stats.market.Hedonic;
import org.leakmarket.stats.market.IndependentQuotes;
import org.leakmarket.stats.market.Jevons;
import org.leakmarket.stats.market.QuoteWeight;
import org.leakmarket.stats.market.SellerBootstrap;
import org.leakmarket.warehouse.gold.GoldPriceIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code gold/price_index}: the chained Jevons elementary index over matched cells ({@link Jevons})
 * with a seller-bootstrap interval, and the time-dummy hedonic index ({@link Hedonic}) with
 * seller-clustered (CR1) standard errors; base 100 in the first observed period, one row per
 * (period, method).
 *
 * <p><b>Jevons.</b> Elementary cells are product x category x tier x freshness x region. Spark
 * groups the {@link QuoteInputs} rows by cell and period (one shuffle); each group's independent
 * quotes ({@link IndependentQuotes}), geometric mean and B seller-bootstrap replicates ({@link
 * SellerBootstrap}, draws derived from (seed, cell, period, replicate, draw)) are computed in plain
 * Java. Only cells with enough sellers to be matched are kept and collected (cells x periods x B
 * doubles: small by construction, independent of the number of offers); the chain and its
 * percentile interval run on the driver.
 *
 * <p><b>Hedonic.</b> Observations are unique offers with copies at one price collapsed to one (the
 * one of the smallest seller id), weighted 1/m for a seller's m offers in one cell and period under
 * seller weighting (1 under offer weighting). Pass 1 groups them by regressor pattern (period,
 * control levels, balance presence; one shuffle) into weighted sums computed in Java over sorted
 * values, collected (patterns: small by construction) and solved on the driver. Pass 2 groups the
 * rows by seller (one shuffle), computes each seller's score {@code Σ w x û} in Java, and adds up
 * the outer products as exact decimal sums grouped by matrix entry (one more shuffle, k^2 rows
 * collected): exact sums do not depend on the order Spark adds them in, so the standard errors,
 * like everything else here, are the same whatever the partitioning.
 *
 * <p>Rows: {@code method} {@code jevons}: {@code link}, {@code ci_low}/{@code ci_high} (seller
 * bootstrap, {@code ci_method = seller_bootstrap}), {@code n_cells} and {@code cells} (the matched
 * elementary cell keys {@code product|category|tier|freshness|region}), {@code n_obs} (quotes of
 * period t in them), {@code segment} and {@code note} ({@code base}, {@code chained}, {@code
 * chain_break}). {@code hedonic}: {@code se} (delta method on the CR1 variance), {@code
 * ci_low}/{@code ci_high} ({@code ci_method = cr1_t}), {@code index_kennedy}, {@code n_obs} of the
 * period, and the fit's {@code fit_n}, {@code fit_sellers}, {@code r2}. Both carry {@code weight}.
 */
public final class PriceIndex {
  private static final Logger LOG = LoggerFactory.getLogger(PriceIndex.class);

  public static final String JEVONS = "jevons";
  public static final String HEDONIC = "hedonic";
  public static final String CI_BOOTSTRAP = "seller_bootstrap";
  public static final String CI_CR1 = "cr1_t";

  /** Columns of an elementary cell of the Jevons index (methods.md). */
  public static final List<String> ELEMENTARY_CELL =
      List.of("product", "category", "tier", "freshness", "region_code");

  /** The base cell: the grain within which a seller counts once. */
  static final List<String> BASE_CELL = List.of("product", "category", "tier", "freshness");

  /** Default hedonic controls (methods.md); {@code region_code} and {@code source} may be added. */
  public static final List<String> DEFAULT_CONTROLS =
      List.of("product", "category", "tier", "freshness", "language", "lot_size");

  public static final List<String> ALLOWED_CONTROLS =
      List.of(
          "product",
          "category",
          "tier",
          "freshness",
          "language",
          "lot_size",
          "region_code",
          "source");

  /** Label of a null dimension value in cell keys and hedonic levels. */
  public static final String NULL_LEVEL = "-";

  /** The table's schema, kept beside its record ({@link GoldPriceIndex}). */
  public static final StructType SCHEMA = GoldPriceIndex.SCHEMA;

  private static final StructType CELL_PERIOD =
      createStructType(
          List.of(
              createStructField("period", StringType, false),
              createStructField("cell_key", StringType, false),
              createStructField("log_geomean", DoubleType, false),
              createStructField("n_sellers", IntegerType, false),
              createStructField("n_quotes", LongType, false),
              createStructField("replicates", createArrayType(DoubleType, false), false)));

  private static final StructType HEDONIC_GROUP =
      createStructType(
          List.of(
              createStructField("period", StringType, false),
              createStructField("levels", createArrayType(StringType, false), false),
              createStructField("has_balance", BooleanType, false),
              createStructField("n", LongType, false),
              createStructField("sw", DoubleType, false),
              createStructField("swy", DoubleType, false),
              createStructField("swy2", DoubleType, false),
              createStructField("swb", DoubleType, false),
              createStructField("swb2", DoubleType, false),
              createStructField("swyb", DoubleType, false)));

  private static final StructType MEAT_ENTRY =
      createStructType(
          List.of(
              createStructField("i", IntegerType, false),
              createStructField("j", IntegerType, false),
              createStructField("v", DoubleType, false)));

  /**
   * Decimal type of the exact meat sums: 20 integer digits hold any score product of log prices
   * (|s| below 10^9 per seller), 18 fractional digits keep 15 significant digits down to 10^-3.
   */
  private static final org.apache.spark.sql.types.DecimalType EXACT = createDecimalType(38, 18);

  /**
   * Index options.
   *
   * @param weight how offers vote
   * @param replicates B of the Jevons seller bootstrap
   * @param seed run seed of the bootstrap
   * @param rules Jevons matching rules and alpha
   * @param controls hedonic control factors among {@link #ALLOWED_CONTROLS}
   */
  public record Options(
      QuoteWeight weight, int replicates, long seed, Jevons.Rules rules, List<String> controls)
      implements Serializable {
    public Options {
      if (replicates < 0) {
        throw new IllegalArgumentException("replicates must be >= 0, was: " + replicates);
      }
      for (String c : controls) {
        if (!ALLOWED_CONTROLS.contains(c)) {
          throw new IllegalArgumentException(
              "hedonic control must be one of " + ALLOWED_CONTROLS + ", was: " + c);
        }
      }
      controls = List.copyOf(controls);
    }

    /** Seller weighting, default rules and controls. */
    public static Options of(int replicates, long seed) {
      return new Options(
          QuoteWeight.SELLER, replicates, seed, Jevons.Rules.DEFAULT, DEFAULT_CONTROLS);
    }
  }

  private PriceIndex() {}

  /** Both indices, Jevons rows then hedonic rows. */
  public static Dataset<Row> compute(Dataset<Row> inputs, Options options) {
    Dataset<Row> in = prepared(inputs);
    return jevons(in, options).unionByName(hedonic(in, options));
  }

  private static Dataset<Row> prepared(Dataset<Row> inputs) {
    Dataset<Row> in =
        java.util.Arrays.asList(inputs.columns()).contains("copy_key")
            ? inputs
            : QuoteInputs.of(inputs);
    // ln(price) needs price > 0; ok offers always satisfy it (price_nonpositive is a rejection)
    return in.where(col("price_per_record_cny").gt(0).and(col("period").isNotNull()));
  }

  /** The chained Jevons index of {@code inputs} ({@link QuoteInputs} rows). */
  public static Dataset<Row> jevons(Dataset<Row> inputs, Options options) {
    Dataset<Row> in = prepared(inputs);
    List<Row> cells =
        in.select(
                col("period"),
                key(ELEMENTARY_CELL).as("cell_key"),
                struct(
                        col("seller_id"),
                        col("seller_known"),
                        col("copy_key"),
                        col("price_per_record_cny").as("price"),
                        col("origin"))
                    .as("offer"))
            .groupBy(col("period"), col("cell_key"))
            .agg(collect_list(col("offer")).as("offers"))
            .map(new CellPeriodStats(options), Encoders.row(CELL_PERIOD))
            // every cell-period, so that the periods come from the same job (a second query for
            // the distinct periods cost two jobs): bounded by design, elementary cells (fixed
            // vocabularies) x periods, and only matchable ones carry their B replicates
            .collectAsList();
    // periods where no cell is matchable still get a row (a base or a break): every period of
    // the prepared rows has at least one cell-period above
    java.util.Set<String> periods = new java.util.TreeSet<>();
    List<Jevons.CellPeriod> prices = new ArrayList<>(cells.size());
    int minSellers = options.rules().minSellers();
    for (Row r : cells) {
      periods.add(r.getString(0));
      if (r.getInt(3) < minSellers) {
        continue;
      }
      List<Double> reps = r.getList(5);
      double[] rep = new double[reps.size()];
      for (int i = 0; i < rep.length; i++) {
        rep[i] = reps.get(i);
      }
      prices.add(
          new Jevons.CellPeriod(
              r.getString(0), r.getString(1), r.getDouble(2), r.getInt(3), r.getLong(4), rep));
    }
    List<Row> out = new ArrayList<>();
    for (Jevons.Link l : Jevons.chain(prices, periods, options.rules())) {
      out.add(
          RowFactory.create(
              l.period(),
              JEVONS,
              options.weight().code(),
              l.index(),
              null,
              l.ciLow(),
              l.ciHigh(),
              l.ciLow() == null ? null : CI_BOOTSTRAP,
              null,
              l.link(),
              l.link() == null ? null : StrictMath.log(l.link()),
              l.nCells(),
              l.nQuotes(),
              l.segment(),
              null,
              null,
              null,
              l.cells().toArray(new String[0]),
              l.note(),
              l.from(),
              l.linkLow(),
              l.linkHigh()));
      if (Jevons.NOTE_BREAK.equals(l.note())) {
        LOG.warn(
            "Jevons chain breaks into {}: {} matched cells (at least {} needed); restarts at 100",
            l.period(),
            l.nCells(),
            options.rules().minCells());
      }
    }
    LOG.info("Jevons index: {} periods from {} matchable cell-periods", out.size(), prices.size());
    return in.sparkSession().createDataFrame(out, SCHEMA);
  }

  /** The time-dummy hedonic index of {@code inputs} ({@link QuoteInputs} rows). */
  public static Dataset<Row> hedonic(Dataset<Row> inputs, Options options) {
    List<String> ctl = options.controls();
    Dataset<Row> obs = observations(prepared(inputs), ctl, options.weight());
    List<Row> groups =
        obs.groupBy(col("period"), col("levels"), col("has_balance"))
            .agg(collect_list(struct(col("w"), col("y"), col("b"))).as("wyb"))
            .map(
                (MapFunction<Row, Row>)
                    r -> {
                      List<Row> rows = r.getList(3);
                      double[][] wyb = new double[rows.size()][];
                      for (int i = 0; i < wyb.length; i++) {
                        Row x = rows.get(i);
                        wyb[i] = new double[] {x.getDouble(0), x.getDouble(1), x.getDouble(2)};
                      }
                      Hedonic.Group g =
                          Hedonic.Group.of(r.getString(0), r.getList(1), r.getBoolean(2), wyb);
                      return RowFactory.create(
                          g.period(),
                          g.levels().toArray(new String[0]),
                          g.hasBalance(),
                          g.n(),
                          g.sw(),
                          g.swy(),
                          g.swy2(),
                          g.swb(),
                          g.swb2(),
                          g.swyb());
                    },
                Encoders.row(HEDONIC_GROUP))
            .collectAsList(); // regressor patterns: small by construction
    if (groups.isEmpty()) {
      return inputs.sparkSession().createDataFrame(List.of(), SCHEMA);
    }
    List<Hedonic.Group> hg = new ArrayList<>(groups.size());
    for (Row r : groups) {
      hg.add(
          new Hedonic.Group(
              r.getString(0),
              r.<String>getList(1),
              r.getBoolean(2),
              r.getLong(3),
              r.getDouble(4),
              r.getDouble(5),
              r.getDouble(6),
              r.getDouble(7),
              r.getDouble(8),
              r.getDouble(9)));
    }
    Hedonic.Model model = Hedonic.estimate(hg, ctl);
    int k = model.design().size();
    double[][] meat = new double[k][k];
    List<Row> entries =
        obs.groupBy(col("seller_id"))
            .agg(
                collect_list(
                        struct(
                            col("period"),
                            col("levels"),
                            col("w"),
                            col("y"),
                            col("b"),
                            col("has_balance")))
                    .as("rows"))
            .flatMap(new SellerScores(model.design()), Encoders.row(MEAT_ENTRY))
            .groupBy(col("i"), col("j"))
            .agg(sum(col("v").cast(EXACT)).as("v"))
            .collectAsList(); // at most k^2 entries and the seller count
    // the clusters: each seller's group adds 1 to the entry (-1, -1), an exact sum, instead of a
    // second query for the distinct sellers (seller_id is never null: QuoteInputs)
    long sellers = 0;
    for (Row e : entries) {
      if (e.getInt(0) < 0) {
        sellers = e.getDecimal(2).longValueExact();
        continue;
      }
      double v = e.getDecimal(2).doubleValue();
      meat[e.getInt(0)][e.getInt(1)] = v;
      meat[e.getInt(1)][e.getInt(0)] = v;
    }
    Hedonic.Result res = model.result(meat, sellers, options.rules().alpha());
    List<Row> out = new ArrayList<>();
    for (Hedonic.Point p : res.points()) {
      out.add(
          RowFactory.create(
              p.period(),
              HEDONIC,
              options.weight().code(),
              p.index(),
              nan(p.se()),
              nan(p.ciLow()),
              nan(p.ciHigh()),
              Double.isNaN(p.ciLow()) ? null : CI_CR1,
              nan(p.indexKennedy()),
              nan(p.link()),
              nan(p.delta()),
              null,
              p.nObs(),
              null,
              res.n(),
              res.clusters(),
              nan(res.r2()),
              null,
              "fitted",
              p.from(),
              nan(p.linkLow()),
              nan(p.linkHigh())));
    }
    LOG.info(
        "Hedonic index: {} periods, {} coefficients, n = {}, sellers = {}, R2 = {}",
        res.points().size(),
        res.names().size(),
        res.n(),
        res.clusters(),
        res.r2());
    return inputs.sparkSession().createDataFrame(out, SCHEMA);
  }

  /**
   * The hedonic observations: one row per unique offer with copies at one price collapsed, with
   * {@code levels} (the control factors, null as {@value #NULL_LEVEL}), weight {@code w}, {@code y
   * = ln(price)}, {@code b = ln(balance)} or 0 and {@code has_balance}.
   */
  static Dataset<Row> observations(Dataset<Row> in, List<String> controls, QuoteWeight weight) {
    List<Column> copyKey = new ArrayList<>();
    copyKey.add(col("period"));
    BASE_CELL.forEach(c -> copyKey.add(col(c)));
    copyKey.add(col("copy_key"));
    copyKey.add(col("price_per_record_cny"));
    List<Column> sellerCell = new ArrayList<>();
    sellerCell.add(col("seller_id"));
    sellerCell.add(col("period"));
    BASE_CELL.forEach(c -> sellerCell.add(col(c)));
    Dataset<Row> single =
        in.withColumn(
                "_copy",
                row_number()
                    .over(
                        Window.partitionBy(copyKey.toArray(Column[]::new))
                            .orderBy(col("origin"), col("seller_id"), col("offer_index"))))
            .where(col("_copy").equalTo(1));
    Column w =
        weight == QuoteWeight.SELLER
            ? lit(1.0)
                .divide(count(lit(1)).over(Window.partitionBy(sellerCell.toArray(Column[]::new))))
            : lit(1.0);
    Column[] levels =
        controls.stream()
            .map(c -> coalesce(col(c).cast(StringType), lit(NULL_LEVEL)))
            .toArray(Column[]::new);
    return single.select(
        col("seller_id"),
        col("period"),
        array(levels).as("levels"),
        w.cast(DoubleType).as("w"),
        org.apache.spark.sql.functions.log(col("price_per_record_cny")).as("y"),
        coalesce(col("ln_balance"), lit(0.0)).as("b"),
        col("ln_balance").isNotNull().as("has_balance"));
  }

  private static Column key(List<String> columns) {
    List<Column> parts = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      if (i > 0) {
        parts.add(lit("|"));
      }
      parts.add(coalesce(col(columns.get(i)), lit(NULL_LEVEL)));
    }
    return concat(parts.toArray(Column[]::new));
  }

  /** A Jevons cell-period: independent quotes, geometric mean, seller-bootstrap replicates. */
  private static final class CellPeriodStats implements MapFunction<Row, Row> {
    private final Options o;

    CellPeriodStats(Options o) {
      this.o = o;
    }

    @Override
    public Row call(Row r) {
      String period = r.getString(0);
      String cell = r.getString(1);
      IndependentQuotes.Result q =
          IndependentQuotes.of(MarketCells.offers(r, "offers"), o.weight());
      double sumLog = 0;
      for (double x : q.values()) {
        sumLog += StrictMath.log(x);
      }
      int sellers = (int) q.nSellers();
      Double[] reps = new Double[0];
      if (sellers >= o.rules().minSellers()) {
        double[] b =
            SellerBootstrap.logGeometricMeans(
                q.sellers(), o.replicates(), o.seed(), cell + "@" + period);
        reps = new Double[b.length];
        for (int i = 0; i < b.length; i++) {
          reps[i] = b[i];
        }
      }
      return RowFactory.create(
          period, cell, sumLog / q.nQuotes(), sellers, (long) q.nQuotes(), reps);
    }
  }

  /** The (i, j) of the entry that counts the sellers (the CR1 clusters). */
  private static final int SELLER_ENTRY = -1;

  /**
   * One seller's score outer product, as (i, j, value) entries with i <= j, zeros left out, and
   * ({@value #SELLER_ENTRY}, {@value #SELLER_ENTRY}, 1) for the seller itself.
   */
  private static final class SellerScores implements FlatMapFunction<Row, Row> {
    private final Hedonic.Design design;

    SellerScores(Hedonic.Design design) {
      this.design = design;
    }

    @Override
    public Iterator<Row> call(Row r) {
      String seller = r.getString(0);
      List<Row> rows = r.getList(1);
      List<Hedonic.Obs> obs = new ArrayList<>(rows.size());
      for (Row x : rows) {
        boolean hb = x.getBoolean(5);
        obs.add(
            new Hedonic.Obs(
                seller,
                x.getString(0),
                x.getList(1),
                x.getDouble(2),
                x.getDouble(3),
                hb ? x.getDouble(4) : null));
      }
      double[] s = design.score(obs);
      List<Row> out = new ArrayList<>();
      out.add(RowFactory.create(SELLER_ENTRY, SELLER_ENTRY, 1.0)); // counts the seller
      for (int i = 0; i < s.length; i++) {
        if (s[i] == 0) {
          continue;
        }
        for (int j = i; j < s.length; j++) {
          if (s[j] != 0) {
            out.add(RowFactory.create(i, j, s[i] * s[j]));
          }
        }
      }
      return out.iterator();
    }
  }

  private static Double nan(double d) {
    return Double.isNaN(d) ? null : d;
  }
}
