package org.leakmarket.bench;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.leakmarket.ingest.ListingSchema;
import org.leakmarket.pipeline.SparkSessions;

/**
 * Benchmark main (not a test): the floors and the peer that {@code bench/run.sh} sets the pipeline
 * against, on the same listings file(s), in one JVM, one after the other:
 *
 * <ol>
 *   <li>{@code jackson}: one thread reads the lines and parses each into a Jackson tree;
 *   <li>{@code spark_text_count}: {@code spark.read().text(path).count()};
 *   <li>{@code spark_json_count}: {@code spark.read().schema(ListingSchema.INPUT).json(path)}
 *       filtered on a parsed field, then counted (forces the JSON parse);
 *   <li>{@code duckdb_cell_medians}: DuckDB over JDBC (driver on the classpath, not a project
 *       dependency) reads the same JSONL and computes median CNY price per record of the structured
 *       rows by month x category x tier x freshness: the structured-field part of {@code
 *       gold/market_cells} without text parsing, FX, dedup or CIs.
 * </ol>
 *
 * Each is run {@code --rounds} times (default 2; the first warms the JIT and the page cache); the
 * JSON result keeps every round and the minimum.
 *
 * <pre>java -cp ... org.leakmarket.bench.Floors LISTINGS OUT.json [--master local[*]] [--rounds R]
 * </pre>
 *
 * Cost: a few passes over the input; memory O(1) in rows except DuckDB's (bounded by its own
 * spilling); the DuckDB result (a few hundred cells) is the only thing brought to the driver.
 */
public final class Floors {
  private Floors() {}

  public static void main(String[] args) throws Exception {
    Path listings = Path.of(args[0]);
    Path out = Path.of(args[1]);
    String master = "local[*]";
    int rounds = 2;
    for (int i = 2; i < args.length; i++) {
      switch (args[i]) {
        case "--master" -> master = args[++i];
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode result = mapper.createObjectNode();
    result.put("listings_path", listings.toString());
    result.put("bytes", bytes(listings));
    List<Path> files = files(listings);

    ObjectNode jackson = result.putObject("jackson");
    long rows = 0;
    for (int r = 0; r < rounds; r++) {
      long t0 = System.nanoTime();
      rows = jackson(files, mapper);
      jackson.withArray("seconds").add((System.nanoTime() - t0) / 1e9);
    }
    jackson.put("rows", rows);
    jackson.put("threads", 1);

    SparkSession spark = SparkSessions.create("leakmarket bench floors", master);
    try {
      ObjectNode text = result.putObject("spark_text_count");
      ObjectNode json = result.putObject("spark_json_count");
      for (int r = 0; r < rounds; r++) {
        long t0 = System.nanoTime();
        text.put("rows", spark.read().text(listings.toString()).count());
        text.withArray("seconds").add((System.nanoTime() - t0) / 1e9);
        t0 = System.nanoTime();
        json.put(
            "rows",
            spark
                .read()
                .schema(ListingSchema.INPUT)
                .json(listings.toString())
                .filter(col("posted_at").isNotNull().or(col("text").isNotNull()))
                .count());
        json.withArray("seconds").add((System.nanoTime() - t0) / 1e9);
      }
      result.put("spark_parallelism", spark.sparkContext().defaultParallelism());
    } finally {
      spark.stop();
    }

    ObjectNode duck = result.putObject("duckdb_cell_medians");
    try {
      for (int r = 0; r < rounds; r++) {
        long t0 = System.nanoTime();
        int cells = duckdb(listings, files.size() > 1, duck);
        duck.withArray("seconds").add((System.nanoTime() - t0) / 1e9);
        duck.put("cells", cells);
      }
    } catch (SQLException e) {
      duck.put("error", e.getMessage());
    }
    for (String k :
        List.of("jackson", "spark_text_count", "spark_json_count", "duckdb_cell_medians")) {
      ObjectNode n = (ObjectNode) result.get(k);
      if (n.has("seconds")) {
        double min = Double.MAX_VALUE;
        for (var s : n.get("seconds")) {
          min = Math.min(min, s.asDouble());
        }
        n.put("best_seconds", min);
        if (result.get("jackson").has("rows")) {
          n.put("rows_per_second", result.get("jackson").get("rows").asLong() / min);
        }
      }
    }
    Files.createDirectories(out.toAbsolutePath().getParent());
    mapper.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), result);
  }

  private static List<Path> files(Path listings) throws IOException {
    if (!Files.isDirectory(listings)) {
      return List.of(listings);
    }
    try (Stream<Path> s = Files.list(listings)) {
      return s.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
    }
  }

  private static long bytes(Path listings) throws IOException {
    long b = 0;
    for (Path p : files(listings)) {
      b += Files.size(p);
    }
    return b;
  }

  /** Lines parsed into trees (malformed lines counted as parsed: their cost is paid). */
  static long jackson(List<Path> files, ObjectMapper mapper) throws IOException {
    long n = 0;
    long fields = 0;
    for (Path f : files) {
      try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
        String line;
        while ((line = r.readLine()) != null) {
          n++;
          try {
            fields += mapper.readTree(line).size();
          } catch (IOException malformed) {
            // a bad row: parsing it failed, which is what the floor measures
          }
        }
      }
    }
    return fields >= 0 ? n : -1;
  }

  /** Cell medians of the structured CNY rows; returns the number of cells. */
  static int duckdb(Path listings, boolean folder, ObjectNode into) throws SQLException {
    String src =
        (folder ? listings.resolve("part-*").toString() : listings.toString()).replace("'", "''");
    String sql =
        "SELECT substr(posted_at, 1, 7) AS period, category, tier, freshness, count(*) AS n, "
            + "median(TRY_CAST(price AS DOUBLE) / coalesce(TRY_CAST(quantity AS DOUBLE), 1)) AS median_cny "
            + "FROM read_json('"
            + src
            + "', format = 'newline_delimited', ignore_errors = true, "
            + "columns = {listing_id: 'VARCHAR', posted_at: 'VARCHAR', price: 'VARCHAR', currency: 'VARCHAR', "
            + "quantity: 'VARCHAR', tier: 'VARCHAR', freshness: 'VARCHAR', category: 'VARCHAR'}) "
            + "WHERE TRY_CAST(price AS DOUBLE) > 0 AND upper(currency) = 'CNY' GROUP BY ALL ORDER BY ALL";
    List<String> sample = new ArrayList<>();
    int cells = 0;
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        cells++;
        if (sample.size() < 5) {
          sample.add(
              rs.getString(1)
                  + "/"
                  + rs.getString(2)
                  + "/"
                  + rs.getString(3)
                  + "/"
                  + rs.getString(4)
                  + " n="
                  + rs.getLong(5)
                  + " median="
                  + rs.getDouble(6));
        }
      }
    }
    into.putPOJO("first_cells", sample);
    return cells;
  }
}
