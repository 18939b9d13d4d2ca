package org.leakmarket.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakmarket.common.UserException;

/** One run per warehouse: refusal naming the holder, stale locks taken over, races. */
class WarehouseLockTest {
  static final Duration STALE = Duration.ofMinutes(10);

  private static WarehouseLock take(Path wh, String run, List<String> said) {
    return WarehouseLock.acquire(wh, run, "run", STALE, said::add);
  }

  @Test
  void aSecondRunRefusesWithOneLineNamingTheFirstAndGetsItAfterRelease(@TempDir Path wh) {
    List<String> said = new ArrayList<>();
    WarehouseLock first = take(wh, "run-A", said);
    assertThatThrownBy(() -> take(wh, "run-B", said))
        .isInstanceOf(UserException.class)
        .hasMessageContaining("in use by run run-A")
        .hasMessageContaining("pid " + ProcessHandle.current().pid())
        .hasMessageNotContaining("\n")
        .extracting(e -> ((UserException) e).exitCode())
        .isEqualTo(UserException.BAD_INPUT);
    first.close();
    assertThat(Files.exists(wh.resolve(WarehouseLock.FILE))).isFalse();
    try (WarehouseLock second = take(wh, "run-B", said)) {
      assertThat(WarehouseLock.read(wh.resolve(WarehouseLock.FILE)).orElseThrow().runId())
          .isEqualTo("run-B");
    }
    assertThat(said).isEmpty();
  }

  @Test
  void aLockOfADeadProcessOnThisHostIsTakenOverSayingSo(@TempDir Path wh) throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    long deadPid = p.pid();
    writeLock(wh, "run-dead", WarehouseLock.host(), deadPid, Instant.now());
    List<String> said = new ArrayList<>();
    try (WarehouseLock l = take(wh, "run-new", said)) {
      assertThat(said)
          .singleElement()
          .asString()
          .contains("stale lock of run run-dead")
          .contains("process " + deadPid + " is gone");
      assertThat(WarehouseLock.read(wh.resolve(WarehouseLock.FILE)).orElseThrow().runId())
          .isEqualTo("run-new");
    }
  }

  @Test
  void anotherHostsLockIsStaleOnlyWhenNotRefreshedForTheLimit(@TempDir Path wh) throws Exception {
    writeLock(wh, "run-far", "some-other-host", 4242, Instant.now());
    assertThatThrownBy(() -> take(wh, "run-near", new ArrayList<>()))
        .hasMessageContaining("in use by run run-far")
        .hasMessageContaining("on some-other-host");
    Files.setLastModifiedTime(
        wh.resolve(WarehouseLock.FILE), FileTime.from(Instant.now().minus(Duration.ofMinutes(11))));
    List<String> said = new ArrayList<>();
    try (WarehouseLock l = take(wh, "run-near", said)) {
      assertThat(said).singleElement().asString().contains("not refreshed for 11 minutes");
    }
  }

  @Test
  void anUnreadableLockIsRespectedUntilItIsOld(@TempDir Path wh) throws Exception {
    Files.createDirectories(wh);
    Files.writeString(wh.resolve(WarehouseLock.FILE), "garbage\0");
    assertThatThrownBy(() -> take(wh, "r", new ArrayList<>()))
        .hasMessageContaining("another run (unreadable lock)");
    Files.setLastModifiedTime(
        wh.resolve(WarehouseLock.FILE), FileTime.from(Instant.now().minus(Duration.ofHours(1))));
    try (WarehouseLock l = take(wh, "r", new ArrayList<>())) {
      assertThat(Files.exists(wh.resolve(WarehouseLock.FILE))).isTrue();
    }
  }

  /** Eight runs start at the same instant: exactly one holds the lock, seven refuse. */
  @Test
  void ofRunsStartingTogetherExactlyOneWins(@TempDir Path wh) throws Exception {
    int n = 8;
    CountDownLatch go = new CountDownLatch(1);
    List<WarehouseLock> won = new CopyOnWriteArrayList<>();
    List<String> refused = new CopyOnWriteArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String run = "run-" + i;
      Thread t =
          new Thread(
              () -> {
                try {
                  go.await();
                  won.add(take(wh, run, new ArrayList<>()));
                } catch (UserException e) {
                  refused.add(e.getMessage());
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      t.start();
      threads.add(t);
    }
    go.countDown();
    for (Thread t : threads) {
      t.join();
    }
    assertThat(won).hasSize(1);
    assertThat(refused).hasSize(n - 1).allMatch(m -> m.contains("is in use by run run-"));
    won.get(0).close();
  }

  private static void writeLock(Path wh, String run, String host, long pid, Instant started)
      throws Exception {
    Files.createDirectories(wh);
    Files.writeString(
        wh.resolve(WarehouseLock.FILE),
        "{\"run_id\":\""
            + run
            + "\",\"command\":\"run\",\"user\":\"u\",\"host\":\""
            + host
            + "\",\"pid\":"
            + pid
            + ",\"started_at\":\""
            + started
            + "\",\"process_start\":null}\n");
  }
}
