package org.leakmarket.pipeline;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.apache.spark.SparkContext;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerBlockUpdated;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.storage.BlockUpdatedInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Counts, per pipeline stage, the Spark work it caused ({@link Work}): jobs started, Spark stages
 * and tasks completed, shuffle bytes written, rows read from files and bytes of RDD blocks stored
 * (caches, local checkpoints). It also knows, for the progress lines, which jobs are running and
 * how many of their submitted tasks are done ({@link #progress}).
 *
 * <p>A job belongs to the pipeline stage named by the local property {@value #STAGE_PROPERTY} of
 * the thread that started it (the pipeline sets it around each stage, and Spark copies local
 * properties into every job's events), or, for a job started by a thread without it (a pool of
 * Delta's), to the stage running at the time; tasks and Spark stages belong to their job's stage.
 * Spark delivers listener events asynchronously, so {@link #settle} waits for the event queue to
 * drain before a stage's counts are read.
 *
 * <p>Cost: a few map updates per task on Spark's listener thread; memory of a few numbers per Spark
 * stage and per cached block of the run.
 */
public final class WorkListener extends SparkListener {
  private static final Logger LOG = LoggerFactory.getLogger(WorkListener.class);

  /** Local property naming the pipeline stage of the jobs a thread starts. */
  public static final String STAGE_PROPERTY = "leakmarket.stage";

  /** What is not attributed to any pipeline stage (work outside the stages). */
  static final String OUTSIDE = "";

  /** Running totals of one pipeline stage. */
  private static final class Tally {
    long jobs;
    long stages;
    long tasks;
    long shuffleBytes;
    long cachedBytes;
    long inputRows;

    Work work() {
      return new Work(jobs, stages, tasks, shuffleBytes, cachedBytes, inputRows, 0);
    }
  }

  /** A running job: its pipeline stage and its Spark stages. */
  private record RunningJob(String owner, Set<Integer> stageIds) {}

  private final Map<String, Tally> tallies = new HashMap<>();
  private final Map<Integer, String> stageOwner = new HashMap<>();
  private final Map<Integer, RunningJob> running = new LinkedHashMap<>();
  private final Map<Integer, Integer> submittedTasks = new HashMap<>();
  private final Map<Integer, Long> doneTasks = new HashMap<>();
  private final Set<String> blocksSeen = new HashSet<>();
  private String current = OUTSIDE;

  /** The pipeline stage now running, for events that carry no stage property. */
  public synchronized void current(String stage) {
    this.current = stage == null ? OUTSIDE : stage;
  }

  /** The work counted so far for {@code stage} (without Delta commits, which are not events). */
  public synchronized Work work(String stage) {
    Tally t = tallies.get(stage);
    return t == null ? Work.NONE : t.work();
  }

  /** What the progress line shows about a running stage. */
  public record Progress(
      int runningJobs, long runningTasksDone, long runningTasksTotal, Work soFar) {}

  /**
   * For {@code stage}: its running jobs, their tasks done of the tasks of their submitted Spark
   * stages (stages a job will skip, its shuffle output being there already, are never submitted, so
   * never counted), and its work so far.
   */
  public synchronized Progress progress(String stage) {
    int jobs = 0;
    long done = 0;
    long total = 0;
    for (RunningJob j : running.values()) {
      if (!j.owner().equals(stage)) {
        continue;
      }
      jobs++;
      for (int id : j.stageIds()) {
        Integer n = submittedTasks.get(id);
        if (n != null) {
          total += n;
          done += Math.min(n, doneTasks.getOrDefault(id, 0L));
        }
      }
    }
    return new Progress(jobs, done, total, work(stage));
  }

  /**
   * Waits (at most {@code millis}) until Spark has delivered every event posted so far, so that the
   * counts include the jobs just finished. {@code LiveListenerBus.waitUntilEmpty} is Spark-internal
   * (its own tests use it) but public to Java; should it time out, the counts may miss the last
   * events, which the log says.
   */
  public static void settle(SparkContext sc, long millis) {
    try {
      sc.listenerBus().waitUntilEmpty(millis);
    } catch (TimeoutException e) {
      LOG.warn("Spark's listener queue did not drain in {} ms: work counts may be short", millis);
    }
  }

  @Override
  public synchronized void onJobStart(SparkListenerJobStart e) {
    String owner = owner(e.properties());
    tally(owner).jobs++;
    Set<Integer> ids = new HashSet<>();
    for (StageInfo s : CollectionConverters.asJava(e.stageInfos())) {
      ids.add(s.stageId());
      stageOwner.putIfAbsent(s.stageId(), owner);
    }
    running.put(e.jobId(), new RunningJob(owner, ids));
  }

  @Override
  public synchronized void onJobEnd(SparkListenerJobEnd e) {
    RunningJob j = running.remove(e.jobId());
    if (j != null) {
      for (int id : j.stageIds()) {
        submittedTasks.remove(id);
        doneTasks.remove(id);
      }
    }
  }

  @Override
  public synchronized void onStageSubmitted(SparkListenerStageSubmitted e) {
    StageInfo s = e.stageInfo();
    stageOwner.putIfAbsent(s.stageId(), owner(e.properties()));
    submittedTasks.put(s.stageId(), s.numTasks());
    // a retried stage attempt starts its count again
    doneTasks.put(s.stageId(), 0L);
  }

  @Override
  public synchronized void onStageCompleted(SparkListenerStageCompleted e) {
    tally(ownerOf(e.stageInfo().stageId())).stages++;
  }

  @Override
  public synchronized void onTaskEnd(SparkListenerTaskEnd e) {
    Tally t = tally(ownerOf(e.stageId()));
    t.tasks++;
    doneTasks.merge(e.stageId(), 1L, Long::sum);
    TaskMetrics m = e.taskMetrics();
    if (m != null) {
      t.shuffleBytes += m.shuffleWriteMetrics().bytesWritten();
      t.inputRows += m.inputMetrics().recordsRead();
    }
  }

  @Override
  public synchronized void onBlockUpdated(SparkListenerBlockUpdated e) {
    BlockUpdatedInfo b = e.blockUpdatedInfo();
    // RDD blocks only (caches and checkpoints; broadcasts are not the job's data), each once
    if (b.blockId().isRDD() && b.storageLevel().isValid() && blocksSeen.add(b.blockId().name())) {
      tally(current).cachedBytes += b.memSize() + b.diskSize();
    }
  }

  private String owner(Properties p) {
    String s = p == null ? null : p.getProperty(STAGE_PROPERTY);
    return s != null ? s : current;
  }

  private String ownerOf(int stageId) {
    return stageOwner.getOrDefault(stageId, current);
  }

  private Tally tally(String stage) {
    return tallies.computeIfAbsent(stage, k -> new Tally());
  }
}
