package org.leakmarket.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.leakmarket.bench.GoldDiff;
import org.leakmarket.faults.PausePoints;
import org.leakmarket.pipeline.RunRecorder;
import org.leakmarket.warehouse.Table;
import org.leakmarket.warehouse.Warehouse;

/**
 * Kills {@code bin/leakmarket run} with SIGKILL at a named point ({@link PausePoints}), runs the
 * same command again, and compares everything it left with an uninterrupted run of the same command
 * (docs/reliability.md). Used by {@code CrashRecoveryIT} (a few points) and by {@code
 * bench/crash.sh} through {@link #main} (the full sweep).
 *
 * <p>A trial: (1) start the run with {@code LEAKMARKET_PAUSE_AT=point}; (2) when it waits at the
 * point, SIGKILL it; (3) check what the kill left: no publication folder that looks complete
 * without being complete, the run recorded as not finished, nothing recorded as ok; (4) run the
 * same command again: it must finish, saying it took over the stale lock; (5) compare every bronze,
 * quarantine, silver and gold table (GoldDiff, provenance columns aside), {@code gold/runs} (one ok
 * run, the killed one interrupted), the publication's tables byte for byte and {@code summary.json}
 * without its timestamps, with the uninterrupted run's.
 */
public final class CrashHarness {
  static final ObjectMapper JSON = new ObjectMapper();

  /** The points of the full sweep, in the order a run reaches them. */
  public static final List<String> SWEEP =
      List.of(
          "run:started",
          "stage:ingest",
          "ingest:scanned",
          "commit:bronze/listings#1",
          "commit:quarantine/listings#1",
          "stage:samples",
          "samples:row#150",
          "commit:bronze/sample_records#1",
          "commit:quarantine/sample_records#1",
          "commit:bronze/sample_files#1",
          "stage:normalize",
          "commit:silver/offers#1",
          "commit:quarantine/listings#2",
          "stage:persons",
          "commit:silver/records#1",
          "stage:analyze",
          "commit:gold/market_cells#1",
          "commit:gold/price_index#1",
          "stage:exposure",
          "commit:gold/exposure#1",
          "commit:gold/population#1",
          "stage:publish",
          "publish:summary-written",
          "publish:tables-written",
          "publish:charts-written",
          "publish:renaming",
          "run:before-finished",
          "commit:gold/runs#2");

  private final Path project;
  private final Path work;
  private final List<String> command;

  /** The result of one trial; {@code problems} is empty when the run survived the kill. */
  public record Trial(String point, boolean paused, List<String> problems, Path warehouse) {}

  /**
   * @param project the project folder (for {@code bin/leakmarket})
   * @param work a folder for the runs
   * @param inputs a folder made by {@code generate} (listings.jsonl, samples/manifest.jsonl)
   * @param extra more options of {@code run} (e.g. {@code --bootstrap 100})
   */
  public CrashHarness(Path project, Path work, Path inputs, List<String> extra) throws IOException {
    this.project = project;
    this.work = Files.createDirectories(work);
    Path key = work.resolve("pseudonym.key");
    if (!Files.exists(key)) {
      // one key for every run, so tokens compare across warehouses
      Files.writeString(key, "crash-harness-key-0123456789abcdef\n");
      Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    }
    List<String> c = new ArrayList<>();
    c.addAll(
        List.of(
            "run",
            "--listings",
            inputs.resolve("listings.jsonl").toString(),
            "--samples",
            inputs.resolve("samples/manifest.jsonl").toString(),
            "--key-file",
            key.toString()));
    c.addAll(extra);
    this.command = List.copyOf(c);
  }

  /** Generates small inputs with {@code bin/leakmarket generate}. */
  public static Path generate(Path project, Path out, int listings, int samples, int records)
      throws IOException, InterruptedException {
    if (Files.exists(out.resolve("samples/manifest.jsonl"))) {
      return out;
    }
    Process p =
        new ProcessBuilder(
                project.resolve("bin/leakmarket").toString(),
                "generate",
                "--out",
                out.toString(),
                "--listings",
                Integer.toString(listings),
                "--samples",
                Integer.toString(samples),
                "--records-per-sample",
                Integer.toString(records),
                "--seed",
                "11",
                "--master",
                "local[2]")
            .redirectErrorStream(true)
            .redirectOutput(
                Files.createDirectories(out.getParent()).resolve("generate.log").toFile())
            .start();
    if (!p.waitFor(20, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException("generate failed: see " + out.getParent() + "/generate.log");
    }
    return out;
  }

  Path warehouse(String name) {
    return work.resolve(name).resolve("warehouse");
  }

  Path reports(String name) {
    return work.resolve(name).resolve("reports");
  }

  private ProcessBuilder process(String name, String pauseAt, String log) throws IOException {
    return process(name, pauseAt, log, command);
  }

  /** The key file every run uses. */
  Path keyFile() {
    return work.resolve("pseudonym.key");
  }

  /** The command every run of the harness gives (before its warehouse and reports). */
  List<String> command() {
    return command;
  }

  /** The harness's command with other listing files (for runs on different inputs). */
  List<String> withListings(Path listings) {
    List<String> c = new ArrayList<>(command);
    c.set(c.indexOf("--listings") + 1, listings.toString());
    return c;
  }

  /**
   * {@code bin/leakmarket} with {@code cmd} on the warehouse and reports of {@code name}, output to
   * {@code log} in its folder, pause points logged under its {@code points} folder (and paused at
   * {@code pauseAt} if not null).
   */
  ProcessBuilder process(String name, String pauseAt, String log, List<String> cmd)
      throws IOException {
    List<String> args = new ArrayList<>();
    args.add(project.resolve("bin/leakmarket").toString());
    args.addAll(cmd);
    args.addAll(
        List.of("--warehouse", warehouse(name).toString(), "--reports", reports(name).toString()));
    ProcessBuilder pb =
        new ProcessBuilder(args)
            .redirectErrorStream(true)
            .redirectOutput(Files.createDirectories(work.resolve(name)).resolve(log).toFile());
    Map<String, String> env = pb.environment();
    env.remove(PausePoints.ENV_AT);
    env.put(PausePoints.ENV_DIR, work.resolve(name).resolve("points").toString());
    if (pauseAt != null) {
      env.put(PausePoints.ENV_AT, pauseAt);
    }
    env.putIfAbsent("LEAKMARKET_DRIVER_MEMORY", "2g");
    return pb;
  }

  /** The uninterrupted run; returns the points it reached (each with its count), in order. */
  public List<String> baseline() throws IOException, InterruptedException {
    Path log = work.resolve("baseline/points/points.log");
    if (Files.exists(warehouse("baseline").resolve("gold/runs"))) {
      return Files.readAllLines(log);
    }
    Process p = process("baseline", null, "run.log").start();
    if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException(
          "baseline run failed: see " + work.resolve("baseline/run.log"));
    }
    return Files.readAllLines(log);
  }

  /** Steps 1 to 4 of a trial; the comparison (step 5) is {@link #compare}. */
  public Trial crash(SparkSession spark, String point) throws IOException, InterruptedException {
    String name = "kill-" + point.replaceAll("[^A-Za-z0-9]+", "-");
    Path dir = work.resolve(name);
    if (Files.exists(dir)) {
      deleteTree(dir);
    }
    List<String> problems = new ArrayList<>();
    Path paused = dir.resolve("points/paused");
    Process p = process(name, point, "killed.log").start();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
    while (!Files.exists(paused) && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    if (!Files.exists(paused)) {
      p.destroyForcibly().waitFor();
      problems.add("never paused at " + point + " (see " + dir.resolve("killed.log") + ")");
      return new Trial(point, false, problems, warehouse(name));
    }
    p.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
    p.waitFor();
    problems.addAll(afterKill(spark, name));
    Process again = process(name, null, "rerun.log").start();
    if (!again.waitFor(30, TimeUnit.MINUTES) || again.exitValue() != 0) {
      problems.add("the re-run failed: see " + dir.resolve("rerun.log"));
      return new Trial(point, true, problems, warehouse(name));
    }
    String rerun = Files.readString(dir.resolve("rerun.log"));
    if (!rerun.contains("taking over the stale lock")) {
      problems.add("the re-run did not say it took over the stale lock");
    }
    return new Trial(point, true, problems, warehouse(name));
  }

  /**
   * What the kill left: no half publication passing for whole; the killed run recorded as running,
   * none as ok.
   */
  private List<String> afterKill(SparkSession spark, String name) throws IOException {
    List<String> problems = new ArrayList<>();
    Path published = reports(name).resolve("all");
    if (Files.exists(published)) {
      List<String> want = files(reports("baseline").resolve("all"));
      List<String> got = files(published);
      if (!got.equals(want)) {
        problems.add(
            "after the kill reports/all exists but is incomplete: "
                + got.size()
                + " of "
                + want.size()
                + " files");
      }
    }
    Warehouse w = new Warehouse(spark, warehouse(name));
    if (!w.exists(Table.GOLD_RUNS)) {
      problems.add("after the kill gold/runs does not record the run");
      return problems;
    }
    List<String> outcomes = new ArrayList<>();
    for (Row r : w.read(Table.GOLD_RUNS).select("outcome").collectAsList()) {
      outcomes.add(r.getString(0));
    }
    if (!outcomes.equals(List.of(RunRecorder.RUNNING))) {
      problems.add("after the kill gold/runs should hold one running run: " + outcomes);
    }
    return problems;
  }

  /** Step 5: differences between the trial's warehouse and publication and the baseline's. */
  public List<String> compare(SparkSession spark, Trial t) throws IOException {
    List<String> problems = new ArrayList<>(t.problems());
    if (!t.paused()
        || !problems.isEmpty() && problems.stream().anyMatch(p -> p.contains("re-run failed"))) {
      return problems;
    }
    ObjectNode diff = GoldDiff.compare(spark, warehouse("baseline"), t.warehouse(), true);
    for (JsonNode n : diff.get("tables")) {
      if (n.has("equal") && !n.get("equal").asBoolean()
          || n.has("present_in_a")
              && n.get("present_in_a").asBoolean() != n.get("present_in_b").asBoolean()) {
        problems.add("table differs from the uninterrupted run: " + n);
      }
    }
    Warehouse w = new Warehouse(spark, t.warehouse());
    Map<String, Long> outcomes = new TreeMap<>();
    for (Row r : w.read(Table.GOLD_RUNS).groupBy("outcome").count().collectAsList()) {
      outcomes.put(r.getString(0), r.getLong(1));
    }
    if (!Long.valueOf(1).equals(outcomes.get("ok"))) {
      problems.add("gold/runs should hold one ok run: " + outcomes);
    }
    if (outcomes.containsKey(RunRecorder.RUNNING) || outcomes.containsKey("failed")) {
      problems.add("gold/runs holds a run still running or failed after the re-run: " + outcomes);
    }
    long interrupted = outcomes.getOrDefault(RunRecorder.INTERRUPTED, 0L);
    if (interrupted != 1) {
      problems.add("gold/runs should show the killed run as interrupted: " + outcomes);
    }
    if (w.read(Table.GOLD_RUNS)
            .filter("outcome = '" + RunRecorder.INTERRUPTED + "' and finished_at is not null")
            .count()
        > 0) {
      problems.add("the interrupted run has a finished_at");
    }
    problems.addAll(
        comparePublication(reports("baseline").resolve("all"), reports(nameOf(t)).resolve("all")));
    return problems;
  }

  private String nameOf(Trial t) {
    return t.warehouse().getParent().getFileName().toString();
  }

  /**
   * Tables byte for byte; summary.json without generated_at and without the version numbers of its
   * pinned tables; the same file names. A killed run's commits are history: a table the killed run
   * wrote and the re-run wrote again is one Delta version further on than in an uninterrupted run,
   * with the same rows. The manifest pins the versions the re-run's publication read.
   */
  static List<String> comparePublication(Path want, Path got) throws IOException {
    List<String> problems = new ArrayList<>();
    if (!Files.isDirectory(got)) {
      problems.add("no publication at " + got);
      return problems;
    }
    List<String> wantFiles = files(want);
    List<String> gotFiles = files(got);
    if (!wantFiles.equals(gotFiles)) {
      problems.add("publication files differ: " + wantFiles + " vs " + gotFiles);
    }
    for (String f : wantFiles) {
      if (f.startsWith("tables/") && gotFiles.contains(f)) {
        if (Files.mismatch(want.resolve(f), got.resolve(f)) != -1) {
          problems.add("publication table " + f + " differs");
        }
      }
    }
    JsonNode a = withoutHistory(JSON.readTree(want.resolve("summary.json").toFile()));
    JsonNode b = withoutHistory(JSON.readTree(got.resolve("summary.json").toFile()));
    if (!a.equals(b)) {
      problems.add(
          "summary.json differs (timestamps and table versions aside) at " + diff(a, b, ""));
    }
    return problems;
  }

  /** The first path at which two JSON trees differ, for the failure message. */
  static String diff(JsonNode a, JsonNode b, String path) {
    if (a.isContainerNode() && b.isContainerNode() && a.size() == b.size()) {
      if (a.isObject()) {
        for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
          String k = it.next();
          if (!b.has(k)) {
            return path + "/" + k + " (missing)";
          }
          if (!a.get(k).equals(b.get(k))) {
            return diff(a.get(k), b.get(k), path + "/" + k);
          }
        }
      } else {
        for (int i = 0; i < a.size(); i++) {
          if (!a.get(i).equals(b.get(i))) {
            return diff(a.get(i), b.get(i), path + "[" + i + "]");
          }
        }
      }
    }
    return path + ": " + a + " vs " + b;
  }

  /**
   * The JSON without {@code generated_at} fields, wherever they are, and with the numbers under
   * {@code table_versions} blanked (the tables named stay compared).
   */
  static JsonNode withoutHistory(JsonNode n) {
    return withoutHistory(n, false);
  }

  private static JsonNode withoutHistory(JsonNode n, boolean versions) {
    if (versions && n.isNumber()) {
      return JSON.getNodeFactory().textNode("version");
    }
    if (n.isObject()) {
      ObjectNode o = ((ObjectNode) n).deepCopy();
      o.remove("generated_at");
      Iterator<String> names = o.fieldNames();
      List<String> keys = new ArrayList<>();
      names.forEachRemaining(keys::add);
      for (String k : keys) {
        o.set(k, withoutHistory(o.get(k), versions || k.equals("table_versions")));
      }
      return o;
    }
    if (n.isArray()) {
      com.fasterxml.jackson.databind.node.ArrayNode a = JSON.createArrayNode();
      n.forEach(e -> a.add(withoutHistory(e, versions)));
      return a;
    }
    return n;
  }

  /** Relative paths of the files under a folder, sorted. */
  static List<String> files(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString())
          .sorted()
          .toList();
    }
  }

  static void deleteTree(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /**
   * {@code CrashHarness WORK [POINT...]}: generates inputs under WORK, runs the baseline, then one
   * trial per point (default: {@link #SWEEP}); prints one line per point and a summary; exit 1 if a
   * point was not survived.
   */
  public static void main(String[] args) throws Exception {
    Path project = Path.of(System.getProperty("leakmarket.project.dir", ".")).toAbsolutePath();
    Path work = Path.of(args[0]).toAbsolutePath();
    List<String> points = args.length > 1 ? List.of(args).subList(1, args.length) : SWEEP;
    Path inputs = generate(project, work.resolve("inputs"), 300, 3, 100);
    CrashHarness h =
        new CrashHarness(
            project, work, inputs, List.of("--bootstrap", "100", "--master", "local[2]"));
    List<String> reached = h.baseline();
    System.out.println("baseline reached " + reached.size() + " points; sweeping " + points.size());
    int survived = 0;
    SparkSession spark =
        org.leakmarket.pipeline.SparkSessions.create("crash harness comparison", "local[2]");
    try {
      for (String point : points) {
        Trial t = h.crash(spark, point);
        List<String> problems = h.compare(spark, t);
        survived += problems.isEmpty() ? 1 : 0;
        System.out.println(
            (problems.isEmpty() ? "survived  " : "FAILED    ")
                + point
                + (problems.isEmpty() ? "" : " " + problems));
        if (problems.isEmpty()) {
          deleteTree(work.resolve(h.nameOf(t)));
        }
      }
    } finally {
      spark.stop();
    }
    System.out.println("kill points survived: " + survived + " of " + points.size());
    System.exit(survived == points.size() ? 0 : 1);
  }
}
