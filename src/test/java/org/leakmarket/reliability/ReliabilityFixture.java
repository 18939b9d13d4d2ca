package org.leakmarket.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the reliability ITs share: small generated inputs (300 listings, 3 samples of 100 records,
 * seed 11) and one uninterrupted run of them, made once under {@code target/reliability-it} and
 * reused by every IT of the same build.
 */
final class ReliabilityFixture {
  static final Path PROJECT =
      Path.of(System.getProperty("leakmarket.project.dir", System.getProperty("user.dir")))
          .toAbsolutePath();
  static final Path WORK = PROJECT.resolve("target/reliability-it");

  private static CrashHarness harness;

  private ReliabilityFixture() {}

  /** The harness with inputs generated and the uninterrupted run done. */
  static synchronized CrashHarness harness() throws IOException, InterruptedException {
    if (harness == null) {
      Path inputs = CrashHarness.generate(PROJECT, WORK.resolve("inputs"), 300, 3, 100);
      CrashHarness h =
          new CrashHarness(
              PROJECT, WORK, inputs, List.of("--bootstrap", "100", "--master", "local[2]"));
      h.baseline();
      harness = h;
    }
    return harness;
  }

  /** Waits until the run of {@code name} waits at its pause point; returns what it wrote there. */
  static String awaitPaused(Path work, String name, Process p)
      throws IOException, InterruptedException {
    Path paused = work.resolve(name).resolve("points/paused");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(20);
    while (!Files.exists(paused) && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    if (!Files.exists(paused)) {
      p.destroyForcibly().waitFor();
      throw new AssertionError("the run " + name + " never reached its pause point");
    }
    return Files.readString(paused).trim();
  }
}
