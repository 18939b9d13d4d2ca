package org.leakmarket.warehouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.leakmarket.common.UserException;

/**
 * One run at a time per warehouse: a lock file ({@value #FILE}) naming the run that holds it (run
 * id, command, user, host, pid, start time). A second run refuses at once with one line naming the
 * holder (exit 3). Why a lock and not Delta's optimistic concurrency: each table's commit is
 * atomic, but a run's tables are not independent (silver is computed from all of bronze, gold from
 * all of silver, the publication from all of gold), so two interleaved runs could each commit
 * consistent tables and still leave gold that misses the other's listings; docs/reliability.md.
 *
 * <p>The lock appears whole or not at all: its content is written to a temporary file that is then
 * hard-linked to the lock's name, which fails if the name exists (atomic on POSIX file systems and
 * NFS). A lock left by a process that died (kill -9, a crash, a reboot) is stale and is taken over,
 * saying so: on the same host when its pid is gone or now belongs to a younger process; from
 * another host when it has not been refreshed for the stale limit (the holder touches it every
 * quarter of that limit). Taking over renames the stale lock away first, so of two runs racing to
 * take it over, one wins.
 *
 * <p>Cost: a few small file operations per run, and one daemon thread touching the file.
 */
public final class WarehouseLock implements AutoCloseable {
  /** The lock file, relative to the warehouse. */
  public static final String FILE = "_run.lock";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a lock file says about its holder. */
  public record Holder(
      String runId,
      String command,
      String user,
      String host,
      long pid,
      Instant startedAt,
      Instant processStart) {
    String describe() {
      return "run "
          + runId
          + " ("
          + command
          + ", user "
          + user
          + ", pid "
          + pid
          + " on "
          + host
          + ", started "
          + startedAt
          + ")";
    }
  }

  private final Path lock;
  private final String runId;
  private final List<String> tookOverFrom;
  private final ScheduledExecutorService heartbeat;

  private WarehouseLock(Path lock, String runId, Duration stale, List<String> tookOverFrom) {
    this.lock = lock;
    this.runId = runId;
    this.tookOverFrom = List.copyOf(tookOverFrom);
    this.heartbeat =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "leakmarket-lock-heartbeat");
              t.setDaemon(true);
              return t;
            });
    long every = Math.max(1, stale.toSeconds() / 4);
    heartbeat.scheduleAtFixedRate(this::touch, every, every, TimeUnit.SECONDS);
  }

  /**
   * Takes the warehouse's lock for a run, or refuses.
   *
   * @param warehouse the warehouse root (created if missing)
   * @param runId the run taking the lock
   * @param command what the run does, for the refusal line ({@code run}, {@code ingest}...)
   * @param stale how long another host's lock may go unrefreshed before it is stale
   * @param say where the line about taking over a stale lock goes (the log)
   * @throws UserException (exit 3) when another live run holds the lock
   */
  public static WarehouseLock acquire(
      Path warehouse, String runId, String command, Duration stale, Consumer<String> say) {
    Path lock = warehouse.resolve(FILE);
    Holder me =
        new Holder(
            runId,
            command,
            System.getProperty("user.name", "unknown"),
            host(),
            ProcessHandle.current().pid(),
            Instant.now(),
            ProcessHandle.current().info().startInstant().orElse(null));
    Path tmp = null;
    List<String> tookOver = new ArrayList<>();
    try {
      Files.createDirectories(warehouse);
      tmp = Files.createTempFile(warehouse, ".run.lock.", ".tmp");
      Files.writeString(tmp, json(me), StandardCharsets.UTF_8);
      for (int attempt = 0; attempt < 5; attempt++) {
        try {
          link(lock, tmp);
          return new WarehouseLock(lock, runId, stale, tookOver);
        } catch (FileAlreadyExistsException held) {
          Optional<Holder> other = read(lock);
          if (other.isEmpty() && !Files.exists(lock)) {
            continue; // released between our attempt and the read
          }
          String why = staleReason(lock, other, stale);
          if (why == null) {
            throw new UserException(
                UserException.BAD_INPUT,
                "warehouse "
                    + warehouse
                    + " is in use by "
                    + other.map(Holder::describe).orElse("another run (unreadable lock)")
                    + "; wait for it to finish, or remove "
                    + lock
                    + " if that run is gone");
          }
          if (takeOver(lock, runId, other)) {
            other.ifPresent(h -> tookOver.add(h.runId()));
            say.accept(
                "taking over the stale lock of "
                    + other.map(Holder::describe).orElse("an unknown run")
                    + " on warehouse "
                    + warehouse
                    + ": "
                    + why);
          }
        }
      }
      throw new UserException(
          UserException.BAD_INPUT,
          "warehouse " + warehouse + " is in use: its lock " + lock + " keeps changing hands");
    } catch (IOException e) {
      throw new UserException(
          UserException.FAILURE,
          "cannot lock warehouse "
              + warehouse
              + " ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + ")");
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // a leftover temporary file is harmless
        }
      }
    }
  }

  /**
   * Why the lock is stale, or null when its holder may be alive: same host and the pid is gone or
   * reused; else not refreshed for {@code stale}.
   */
  static String staleReason(Path lock, Optional<Holder> holder, Duration stale) throws IOException {
    if (holder.isPresent() && holder.get().host().equals(host())) {
      Holder h = holder.get();
      Optional<ProcessHandle> p = ProcessHandle.of(h.pid());
      if (p.isEmpty() || !p.get().isAlive()) {
        return "process " + h.pid() + " is gone";
      }
      Optional<Instant> start = p.get().info().startInstant();
      if (h.processStart() != null
          && start.isPresent()
          && Duration.between(h.processStart(), start.get()).abs().toSeconds() > 2) {
        return "pid " + h.pid() + " now belongs to another process";
      }
      return null;
    }
    FileTime touched;
    try {
      touched = Files.getLastModifiedTime(lock);
    } catch (NoSuchFileException gone) {
      return "it was released";
    }
    Duration age = Duration.between(touched.toInstant(), Instant.now());
    if (age.compareTo(stale) > 0) {
      return "not refreshed for " + age.toMinutes() + " minutes (limit " + stale.toMinutes() + ")";
    }
    return null;
  }

  /**
   * Moves the stale lock aside; true if what was moved is the lock judged stale. If a fresh lock
   * was moved instead (another run took over first), it is put back.
   */
  private static boolean takeOver(Path lock, String runId, Optional<Holder> judged)
      throws IOException {
    Path aside = lock.resolveSibling(".run.lock.stale-" + runId);
    try {
      Files.move(lock, aside, StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException gone) {
      return false;
    }
    Optional<Holder> moved = read(aside);
    boolean same =
        moved.map(Holder::runId).equals(judged.map(Holder::runId))
            && moved.isPresent() == judged.isPresent();
    if (!same) {
      try {
        link(lock, aside);
      } catch (FileAlreadyExistsException another) {
        // a third run holds it now; it is theirs
      }
    }
    Files.deleteIfExists(aside);
    return same;
  }

  /** Creates {@code lock} with {@code content}'s bytes; fails if {@code lock} exists. */
  private static void link(Path lock, Path content) throws IOException {
    try {
      Files.createLink(lock, content);
    } catch (UnsupportedOperationException noHardLinks) {
      // A file system without hard links: an exclusive create, then the content. A process killed
      // between the two leaves an empty lock, which is stale after the limit.
      Files.write(lock, Files.readAllBytes(content), java.nio.file.StandardOpenOption.CREATE_NEW);
    }
  }

  /** The holder named by a lock file, if it can be read. */
  public static Optional<Holder> read(Path lock) {
    try {
      JsonNode n = JSON.readTree(Files.readString(lock, StandardCharsets.UTF_8));
      return Optional.of(
          new Holder(
              n.path("run_id").asText(),
              n.path("command").asText(),
              n.path("user").asText(),
              n.path("host").asText(),
              n.path("pid").asLong(),
              Instant.parse(n.path("started_at").asText()),
              n.hasNonNull("process_start")
                  ? Instant.parse(n.get("process_start").asText())
                  : null));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String json(Holder h) {
    ObjectNode o = JSON.createObjectNode();
    o.put("run_id", h.runId());
    o.put("command", h.command());
    o.put("user", h.user());
    o.put("host", h.host());
    o.put("pid", h.pid());
    o.put("started_at", h.startedAt().toString());
    o.put("process_start", h.processStart() == null ? null : h.processStart().toString());
    return o.toString() + "\n";
  }

  static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      String env = System.getenv("HOSTNAME");
      return env == null ? "unknown-host" : env;
    }
  }

  /** The runs whose stale locks this run took over (their processes died before they ended). */
  public List<String> tookOverFrom() {
    return tookOverFrom;
  }

  private boolean ours() {
    return read(lock).map(h -> h.runId().equals(runId)).orElse(false);
  }

  /** Refreshes the lock's time, so another host does not take it for stale. */
  private void touch() {
    try {
      if (ours()) {
        Files.setLastModifiedTime(lock, FileTime.from(Instant.now()));
      }
    } catch (IOException | RuntimeException ignored) {
      // the next beat tries again
    }
  }

  /** Releases the lock if this run still holds it. */
  @Override
  public void close() {
    heartbeat.shutdownNow();
    try {
      if (ours()) {
        Files.delete(lock);
      }
    } catch (IOException ignored) {
      // already gone
    }
  }
}
