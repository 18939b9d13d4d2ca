package org.leakmarket.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakmarket.cli.LeakmarketCommand;
import org.leakmarket.warehouse.Table;
import org.leakmarket.warehouse.Warehouse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job jar on a real Spark standalone cluster: {@code bin/spark-cluster start 2} (a master and
 * two 1-core workers on loopback, free ports, in a temp folder), {@code bin/spark-submit} of {@code
 * target/leakmarket-<version>-job.jar run ...} under a timeout, proof that tasks ran in executors
 * on both workers, and {@code gold/market_cells} equal to an in-process {@code local[2]} run of the
 * same input.
 *
 * <p>The cluster's SPARK_HOME is the project's Spark runtime <em>without</em> Delta and without the
 * project's own libraries (picocli, jfreechart, mustache): like a stock Spark 4.1, so the test also
 * proves the job jar alone carries what the job needs.
 *
 * <p>Cost: about 2.5 GB of memory (master and workers 256 MB each, two 512 MB executors, a 1 GB
 * driver, this JVM's local run) and one to several minutes on two cores. The cluster is always
 * stopped in {@link #stopCluster()}.
 *
 * <p>System properties (set by the pom): {@code leakmarket.project.dir}, {@code
 * leakmarket.job.jar}; optional {@code leakmarket.cluster.timeout.seconds} (the submission's limit,
 * default 900).
 */
class ClusterIT {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterIT.class);

  private static final int WORKERS = 2;
  private static final Duration START_TIMEOUT = Duration.ofSeconds(240);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

  /**
   * Relative tolerance for floating-point columns: sums in another order may differ in the last
   * bits.
   */
  private static final double DOUBLE_TOLERANCE = 1e-9;

  /** Jars left out of the cluster's SPARK_HOME: they must reach the cluster inside the job jar. */
  private static final Pattern NOT_ON_CLUSTER =
      Pattern.compile("/(io/delta|io/unitycatalog|info/picocli|org/jfree|com/github/spullara)/");

  @TempDir static Path tmp;

  private static Path projectDir;
  private static Path jobJar;
  private static Path clusterDir;
  private static Map<String, String> env;
  private static boolean clusterStarted;

  @BeforeAll
  static void locateBuild() throws IOException {
    projectDir =
        Path.of(
            Objects.requireNonNull(
                System.getProperty("leakmarket.project.dir"),
                "system property leakmarket.project.dir (set by the pom)"));
    jobJar =
        Path.of(
            Objects.requireNonNull(
                System.getProperty("leakmarket.job.jar"),
                "system property leakmarket.job.jar (set by the pom)"));
    assertThat(jobJar).as("job jar (failsafe runs after package)").isRegularFile();
    clusterDir = tmp.resolve("cluster");
    env = new LinkedHashMap<>();
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.put("LEAKMARKET_SPARK_HOME", stockSparkHome(tmp.resolve("spark-home")).toString());
  }

  @AfterAll
  static void stopCluster() throws IOException {
    try {
      if (clusterStarted) {
        Scripts.Result r =
            Scripts.run(
                List.of(bin("spark-cluster"), "stop", "--dir", clusterDir.toString()),
                projectDir,
                env,
                tmp.resolve("stop.log"),
                STOP_TIMEOUT);
        assertThat(r.exitCode()).as("spark-cluster stop: %s", r.describe()).isZero();
      }
    } finally {
      // Our symlinks, removed here so that the temp-dir cleanup does not warn about each one.
      Path jars = tmp.resolve("spark-home/jars");
      if (Files.isDirectory(jars)) {
        try (Stream<Path> links = Files.list(jars)) {
          for (Path link : (Iterable<Path>) links::iterator) {
            Files.deleteIfExists(link);
          }
        }
      }
    }
  }

  @Test
  void jobJarOnTwoWorkersGivesTheSameMarketCellsAsLocal() throws Exception {
    Path listings = projectDir.resolve("data-samples/listings.jsonl");
    Path samples = projectDir.resolve("data-samples/samples/manifest.jsonl");

    // 1. The local run first: it is cheap, and a local failure says more than a cluster one.
    Path localWarehouse = tmp.resolve("wh-local");
    String[] localArgs = {
      "run",
      "--listings",
      listings.toString(),
      "--samples",
      samples.toString(),
      "--warehouse",
      localWarehouse.toString(),
      "--reports",
      tmp.resolve("rep-local").toString(),
      "--master",
      "local[2]"
    };
    ByteArrayOutputStream localErr = new ByteArrayOutputStream();
    int localCode = withStderrCopiedTo(localErr, () -> LeakmarketCommand.execute(localArgs));
    String localMessages = localErr.toString(StandardCharsets.UTF_8);
    assertThat(localCode).as("local run exit code; stderr:\n%s", localMessages).isZero();

    // 2. The cluster: a master and two workers on ports nobody else uses.
    int base = Scripts.freePortRun(2 + WORKERS);
    int masterPort = base;
    int uiPort = base + 1;
    clusterStarted = true; // from here on, stop whatever may have started
    Scripts.Result start =
        Scripts.run(
            List.of(
                bin("spark-cluster"),
                "start",
                String.valueOf(WORKERS),
                "--master-port",
                String.valueOf(masterPort),
                "--ui-port",
                String.valueOf(uiPort),
                "--worker-ui-port-base",
                String.valueOf(base + 2),
                "--dir",
                clusterDir.toString()),
            projectDir,
            env,
            tmp.resolve("start.log"),
            START_TIMEOUT);
    assertThat(start.exitCode()).as("spark-cluster start: %s", start.describe()).isZero();
    LOG.info("master and {} workers up in {} s", WORKERS, start.elapsed().toMillis() / 1000.0);
    assertThat(masterJson(uiPort).path("aliveworkers").asInt()).isEqualTo(WORKERS);

    // 3. The submission, as a user would type it, under a hard timeout.
    Path clusterWarehouse = tmp.resolve("wh-cluster");
    Duration submitTimeout =
        Duration.ofSeconds(Long.getLong("leakmarket.cluster.timeout.seconds", 900));
    Scripts.Result submit =
        Scripts.run(
            List.of(
                bin("spark-submit"),
                "--master",
                "spark://127.0.0.1:" + masterPort,
                "--class",
                "org.leakmarket.Main",
                "--conf",
                "spark.executor.memory=512m",
                "--conf",
                "spark.executor.cores=1",
                // Fewer shuffle partitions than local[2]'s: the result must not depend on
                // partitioning.
                "--conf",
                "spark.sql.shuffle.partitions=4",
                jobJar.toString(),
                "run",
                "--listings",
                listings.toString(),
                "--samples",
                samples.toString(),
                "--warehouse",
                clusterWarehouse.toString(),
                "--reports",
                tmp.resolve("rep-cluster").toString()),
            tmp,
            env,
            tmp.resolve("submit.log"),
            submitTimeout);
    assertThat(submit.timedOut()).as("spark-submit: %s", submit.describe()).isFalse();
    assertThat(submit.exitCode()).as("spark-submit: %s", submit.describe()).isZero();
    LOG.info("submission finished in {} s", submit.elapsed().toMillis() / 1000.0);

    // 4. Proof that the work ran in executors, on both workers.
    JsonNode master = masterJson(uiPort);
    List<JsonNode> apps = new ArrayList<>();
    master.path("completedapps").forEach(apps::add);
    assertThat(apps).as("completed apps in %s", master).hasSize(1);
    JsonNode app = apps.get(0);
    assertThat(app.path("state").asText()).isEqualTo("FINISHED");
    assertThat(app.path("cores").asInt()).as("cores granted to the app").isPositive();
    String appId = app.path("id").asText();
    long tasksRun = 0;
    for (int w = 1; w <= WORKERS; w++) {
      Path appDir = clusterDir.resolve("worker-" + w).resolve(appId);
      assertThat(appDir).as("worker %d ran an executor of %s", w, appId).isDirectory();
      List<Path> executorLogs;
      try (Stream<Path> s = Files.list(appDir)) {
        executorLogs = s.map(d -> d.resolve("stderr")).filter(Files::isRegularFile).toList();
      }
      assertThat(executorLogs).as("executor logs of worker %d", w).isNotEmpty();
      for (Path log : executorLogs) {
        tasksRun += countLines(log, "Running task ");
      }
    }
    assertThat(tasksRun).as("tasks run by the executors (executor stderr)").isPositive();
    LOG.info("app {} ran {} tasks in executors on {} workers", appId, tasksRun, WORKERS);

    // 5. The same gold/market_cells, every column.
    SparkSession spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("ClusterIT-compare")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
            .config(
                "spark.sql.catalog.spark_catalog",
                "org.apache.spark.sql.delta.catalog.DeltaCatalog")
            .getOrCreate();
    try {
      Dataset<Row> local = new Warehouse(spark, localWarehouse).read(Table.GOLD_MARKET_CELLS);
      Dataset<Row> onCluster = new Warehouse(spark, clusterWarehouse).read(Table.GOLD_MARKET_CELLS);
      assertThat(onCluster.schema()).isEqualTo(local.schema());
      List<Row> expected = sortedRows(local);
      List<Row> actual = sortedRows(onCluster);
      assertThat(expected).as("local market cells").isNotEmpty();
      assertSameRows(actual, expected, local.schema().fields());
    } finally {
      spark.stop();
      SparkSession.clearActiveSession();
      SparkSession.clearDefaultSession();
    }
  }

  /** gold/market_cells is small by construction (months x categories x tiers x freshness). */
  private static List<Row> sortedRows(Dataset<Row> ds) {
    // Every column Spark can order by (maps cannot be sorted; they are still compared).
    Column[] keys =
        Arrays.stream(ds.schema().fields())
            .filter(f -> !(f.dataType() instanceof MapType))
            .map(f -> functions.col(f.name()))
            .toArray(Column[]::new);
    return ds.orderBy(keys).collectAsList();
  }

  private static void assertSameRows(List<Row> actual, List<Row> expected, StructField[] fields) {
    assertThat(actual).as("number of market cells").hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      Row e = expected.get(i);
      Row a = actual.get(i);
      for (int f = 0; f < fields.length; f++) {
        Object ev = e.get(f);
        Object av = a.get(f);
        DataType t = fields[f].dataType();
        boolean same;
        if (ev != null
            && av != null
            && (t.equals(DataTypes.DoubleType) || t.equals(DataTypes.FloatType))) {
          double x = ((Number) ev).doubleValue();
          double y = ((Number) av).doubleValue();
          same = x == y || Math.abs(x - y) <= DOUBLE_TOLERANCE * Math.max(Math.abs(x), Math.abs(y));
        } else {
          same = Objects.equals(ev, av);
        }
        if (!same) {
          fail(
              "market cell "
                  + i
                  + " column "
                  + fields[f].name()
                  + ": cluster "
                  + av
                  + ", local "
                  + ev
                  + "\n cluster row "
                  + a
                  + "\n local row   "
                  + e);
        }
      }
    }
  }

  /**
   * The project's Spark runtime minus the jars the job jar must bring itself (Delta first of all),
   * as symlinks: a stand-in for a stock Spark 4.1 installation.
   */
  private static Path stockSparkHome(Path home) throws IOException {
    Path jars = Files.createDirectories(home.resolve("jars"));
    String cp =
        Files.readString(projectDir.resolve("target/classpath.txt"), StandardCharsets.UTF_8)
            .strip();
    int linked = 0;
    for (String entry : cp.split(":")) {
      if (entry.isBlank() || NOT_ON_CLUSTER.matcher(entry).find()) {
        continue;
      }
      Path jar = Path.of(entry);
      Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar);
      linked++;
    }
    assertThat(linked).as("Spark jars in target/classpath.txt").isGreaterThan(100);
    return home;
  }

  private static JsonNode masterJson(int uiPort) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest req =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + uiPort + "/json/"))
            .timeout(Duration.ofSeconds(10))
            .GET()
            .build();
    HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
    assertThat(resp.statusCode()).as("master UI /json/").isEqualTo(200);
    return new ObjectMapper().readTree(resp.body());
  }

  private static long countLines(Path log, String needle) throws IOException {
    try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
      return lines.filter(l -> l.contains(needle)).count();
    }
  }

  private static String bin(String script) {
    return projectDir.resolve("bin").resolve(script).toString();
  }

  /**
   * Runs {@code body} with System.err also copied into {@code copy} (the CLI prints user errors
   * there).
   */
  private static int withStderrCopiedTo(
      ByteArrayOutputStream copy, java.util.function.IntSupplier body) {
    PrintStream original = System.err;
    PrintStream tee =
        new PrintStream(
            new OutputStream() {
              @Override
              public void write(int b) {
                original.write(b);
                copy.write(b);
              }

              @Override
              public void write(byte[] b, int off, int len) {
                original.write(b, off, len);
                copy.write(b, off, len);
              }
            },
            true,
            StandardCharsets.UTF_8);
    System.setErr(tee);
    try {
      return body.getAsInt();
    } finally {
      tee.flush();
      System.setErr(original);
    }
  }
}
