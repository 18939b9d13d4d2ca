package org.leakmarket.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Runs the project's shell scripts (bin/spark-cluster, bin/spark-submit) from tests: output to a
 * log file, a hard timeout after which the whole process tree is killed, and the log's tail for
 * assertion messages. Also finds free loopback ports. No Spark; costs what the script costs.
 */
final class Scripts {

  private Scripts() {}

  /** What a finished script left: its exit code (or -1 after a timeout) and its log. */
  record Result(int exitCode, boolean timedOut, Duration elapsed, Path log) {
    String tail(int lines) {
      try {
        List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
      } catch (IOException e) {
        return "(no log: " + e.getMessage() + ")";
      }
    }

    String describe() {
      return (timedOut ? "timed out after " + elapsed.toSeconds() + "s" : "exit " + exitCode)
          + "; last lines of "
          + log
          + ":\n"
          + tail(40);
    }
  }

  /**
   * Runs {@code command} in {@code workDir} with {@code env} added to this JVM's environment;
   * stdout and stderr go to {@code log}. On timeout, kills the process and its descendants.
   */
  static Result run(
      List<String> command, Path workDir, Map<String, String> env, Path log, Duration timeout) {
    ProcessBuilder pb =
        new ProcessBuilder(new ArrayList<>(command))
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().putAll(env);
    long start = System.nanoTime();
    try {
      Process p = pb.start();
      boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!done) {
        // A driver waiting for executors that never come would otherwise hang the build forever.
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      return new Result(done ? p.exitValue() : -1, !done, elapsed, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }

  /**
   * The first of {@code count} consecutive ports that are free on 127.0.0.1 now (another process
   * may still take one before the cluster binds it; the scripts then refuse to start).
   */
  static int freePortRun(int count) {
    for (int attempt = 0; attempt < 200; attempt++) {
      int base = ThreadLocalRandom.current().nextInt(20000, 60000 - count);
      boolean free = true;
      for (int i = 0; i < count && free; i++) {
        free = isFree(base + i);
      }
      if (free) {
        return base;
      }
    }
    throw new IllegalStateException("no run of " + count + " free ports found on 127.0.0.1");
  }

  private static boolean isFree(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
