package org.leakmarket.pipeline;

import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of long stages: once a pipeline stage has run {@value #INTERVAL_SECONDS} s, one line at
 * most every {@value #INTERVAL_SECONDS} s with the tasks done of the running jobs' submitted tasks,
 * the jobs and tasks done so far, rows read from files (when the stage reads files) and their rate,
 * and the time elapsed, all from the {@link WorkListener}. Short stages print nothing.
 *
 * <p>The clock and the output are injected, so {@link #tick} can be driven by a test; {@link
 * #start} runs it once a second on a daemon thread. Spark's own console progress bar stays off
 * ({@link SparkSessions}).
 */
final class ProgressLines implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("org.leakmarket.progress");

  static final long INTERVAL_SECONDS = 10;
  private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(INTERVAL_SECONDS);

  private final WorkListener listener;
  private final LongSupplier nanoClock;
  private final Consumer<String> out;
  private ScheduledExecutorService timer;
  private String stage;
  private long startedAt;
  private long lastLineAt;

  ProgressLines(WorkListener listener, LongSupplier nanoClock, Consumer<String> out) {
    this.listener = listener;
    this.nanoClock = nanoClock;
    this.out = out;
  }

  /** Lines to the log ({@code org.leakmarket.progress} at INFO), checked once a second. */
  static ProgressLines start(WorkListener listener) {
    ProgressLines p = new ProgressLines(listener, System::nanoTime, LOG::info);
    p.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "leakmarket-progress");
              t.setDaemon(true);
              return t;
            });
    p.timer.scheduleAtFixedRate(p::tickQuietly, 1, 1, TimeUnit.SECONDS);
    return p;
  }

  synchronized void stageStarted(String name) {
    stage = name;
    startedAt = nanoClock.getAsLong();
    lastLineAt = startedAt;
  }

  synchronized void stageEnded() {
    stage = null;
  }

  /** Prints a line when a stage has run, and no line has been printed, for the last interval. */
  synchronized void tick() {
    if (stage == null) {
      return;
    }
    long now = nanoClock.getAsLong();
    if (now - lastLineAt < INTERVAL_NANOS) {
      return;
    }
    lastLineAt = now;
    out.accept(line(stage, listener.progress(stage), (now - startedAt) / 1e9));
  }

  private void tickQuietly() {
    try {
      tick();
    } catch (RuntimeException e) {
      // a progress line is never worth failing a run for
      LOG.debug("progress line failed", e);
    }
  }

  /**
   * E.g. {@code "analyze running 20s: tasks 35/48 of 1 running job; done so far 14 jobs, 812 tasks
   * (40.6 tasks/s), 1,234,000 rows read (61,700 rows/s)"}.
   */
  static String line(String stage, WorkListener.Progress p, double elapsedSeconds) {
    StringBuilder b = new StringBuilder();
    b.append(stage).append(" running ").append(Math.round(elapsedSeconds)).append("s: ");
    if (p.runningJobs() > 0) {
      b.append(
          String.format(
              Locale.ROOT,
              "tasks %d/%d of %d running job%s; ",
              p.runningTasksDone(),
              p.runningTasksTotal(),
              p.runningJobs(),
              p.runningJobs() == 1 ? "" : "s"));
    } else {
      b.append("no Spark job running; ");
    }
    Work w = p.soFar();
    double secs = Math.max(elapsedSeconds, 1e-9);
    b.append(
        String.format(
            Locale.ROOT,
            "done so far %d jobs, %,d tasks (%.1f tasks/s)",
            w.jobs() - p.runningJobs(),
            w.tasks(),
            w.tasks() / secs));
    if (w.inputRows() > 0) {
      b.append(
          String.format(
              Locale.ROOT, ", %,d rows read (%,.0f rows/s)", w.inputRows(), w.inputRows() / secs));
    }
    return b.toString();
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
