package org.leakmarket.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * When progress lines appear (a fake clock drives {@link ProgressLines#tick}) and what they say.
 */
class ProgressLinesTest {
  private long now;
  private final List<String> lines = new ArrayList<>();
  private final ProgressLines progress =
      new ProgressLines(new WorkListener(), () -> now, lines::add);

  private void at(double seconds) {
    now = (long) (seconds * TimeUnit.SECONDS.toNanos(1));
    progress.tick();
  }

  @Test
  void aStageShorterThanTenSecondsPrintsNothing() {
    at(100);
    progress.stageStarted("ingest");
    at(101);
    at(105);
    at(109.9);
    progress.stageEnded();
    at(115);
    at(200);
    assertThat(lines).isEmpty();
  }

  @Test
  void aLongStagePrintsOneLineEveryTenSecondsAtMost() {
    at(0);
    progress.stageStarted("analyze");
    // the timer ticks once a second; lines at 10 s and 20 s, not between
    for (int s = 1; s <= 25; s++) {
      at(s);
    }
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).startsWith("analyze running 10s: ");
    assertThat(lines.get(1)).startsWith("analyze running 20s: ");
    // a late tick (the machine stalled) prints once, and the next line is 10 s after it
    at(37.5);
    at(40);
    at(47.4);
    at(47.5);
    assertThat(lines).hasSize(4);
    assertThat(lines.get(2)).startsWith("analyze running 38s: ");
    assertThat(lines.get(3)).startsWith("analyze running 48s: ");
  }

  @Test
  void theNextStageStartsItsOwnClock() {
    at(0);
    progress.stageStarted("normalize");
    at(12);
    progress.stageEnded();
    at(13);
    progress.stageStarted("persons");
    at(20); // 7 s into persons
    at(23);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).startsWith("normalize running 12s: ");
    assertThat(lines.get(1)).startsWith("persons running 10s: ");
  }

  @Test
  void theLineGivesRunningTasksJobsDoneRowsAndRates() {
    // 14 jobs so far, 1 still running with 35 of its 48 tasks done; 812 tasks and 1,234,000 rows
    // in 20 s: 40.6 tasks/s and 61,700 rows/s
    WorkListener.Progress p =
        new WorkListener.Progress(1, 35, 48, new Work(14, 20, 812, 0, 0, 1_234_000, 0));
    assertThat(ProgressLines.line("analyze", p, 20.0))
        .isEqualTo(
            "analyze running 20s: tasks 35/48 of 1 running job; done so far 13 jobs, 812 tasks"
                + " (40.6 tasks/s), 1,234,000 rows read (61,700 rows/s)");
    WorkListener.Progress idle = new WorkListener.Progress(0, 0, 0, new Work(3, 3, 6, 0, 0, 0, 0));
    assertThat(ProgressLines.line("publish", idle, 12.0))
        .isEqualTo(
            "publish running 12s: no Spark job running; done so far 3 jobs, 6 tasks (0.5 tasks/s)");
  }
}
