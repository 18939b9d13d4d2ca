package org.leakmarket.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Named points of a run where a test can stop it deterministically (docs/reliability.md): the crash
 * harness kills the process with SIGKILL while it waits at one; the concurrency test holds one run
 * there while a second starts. Inert unless the environment asks: with {@value #ENV_DIR} set, every
 * point reached is appended to {@code points.log} in that folder; with {@value #ENV_AT} = {@code
 * name} or {@code name#k} as well, the k-th time (default the first) the point is reached the
 * thread writes {@code paused} (the point and the pid) there and waits until a file {@code resume}
 * appears.
 *
 * <p>Points are reached on the driver (between stages, before each Delta commit through {@link
 * PausingLogStore}, while the publication is written) and in tasks (sample rows, which in local
 * mode run in the same process). Costs one static check per point when inert.
 */
public final class PausePoints {
  /** {@code name} or {@code name#k}: where to pause. */
  public static final String ENV_AT = "LEAKMARKET_PAUSE_AT";

  /** Folder of {@code points.log}, {@code paused} and {@code resume}. */
  public static final String ENV_DIR = "LEAKMARKET_PAUSE_DIR";

  private static final String DIR = System.getenv(ENV_DIR);
  private static final String AT = System.getenv(ENV_AT);
  private static final boolean ON = DIR != null && !DIR.isBlank();
  private static final Map<String, AtomicInteger> HITS = new ConcurrentHashMap<>();

  private PausePoints() {}

  /** Whether points are logged (and maybe paused at) in this process. */
  public static boolean active() {
    return ON;
  }

  /** Marks that the run reached {@code name}; pauses there if asked. */
  public static void reach(String name) {
    if (!ON) {
      return;
    }
    int hit = HITS.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
    Path dir = Path.of(DIR);
    try {
      Files.createDirectories(dir);
      Files.writeString(
          dir.resolve("points.log"),
          name + "#" + hit + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      boolean here = AT != null && (AT.equals(name + "#" + hit) || AT.equals(name) && hit == 1);
      if (here) {
        pause(dir, name + "#" + hit);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("pause point " + name, e);
    }
  }

  private static void pause(Path dir, String point) throws IOException {
    Path tmp = dir.resolve("paused.tmp");
    Files.writeString(tmp, point + " " + ProcessHandle.current().pid() + "\n");
    Files.move(tmp, dir.resolve("paused"), StandardCopyOption.ATOMIC_MOVE);
    while (!Files.exists(dir.resolve("resume"))) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
