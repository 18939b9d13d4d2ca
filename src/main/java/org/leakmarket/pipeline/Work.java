package org.leakmarket.pipeline;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The work one pipeline stage made Spark and Delta do: Spark jobs started, Spark stages and tasks
 * completed, shuffle bytes written, bytes put into the block manager (caches and local
 * checkpoints), rows read from files, and Delta commits (new versions of the warehouse's tables).
 * Counts, not times, so they do not depend on the machine's load: the fixed cost of a stage is
 * mostly its jobs and commits.
 */
public record Work(
    long jobs,
    long stages,
    long tasks,
    long shuffleBytes,
    long cachedBytes,
    long inputRows,
    long deltaCommits) {

  /** No work at all. */
  public static final Work NONE = new Work(0, 0, 0, 0, 0, 0, 0);

  /** The same work with its Delta commits set. */
  public Work withDeltaCommits(long commits) {
    return new Work(jobs, stages, tasks, shuffleBytes, cachedBytes, inputRows, commits);
  }

  /**
   * The work part of a stage's log line, e.g. {@code "jobs=12 stages=20 tasks=41 shuffle=1.2MB
   * cached=3.4MB delta_commits=2"}.
   */
  public String logLine() {
    return "jobs="
        + jobs
        + " stages="
        + stages
        + " tasks="
        + tasks
        + " shuffle="
        + megabytes(shuffleBytes)
        + " cached="
        + megabytes(cachedBytes)
        + " delta_commits="
        + deltaCommits;
  }

  /**
   * The work as {@code gold/runs} records it, keys prefixed by the stage's name so that every
   * stage's work is kept: {@code <stage>_spark_jobs}, {@code _spark_stages}, {@code _spark_tasks},
   * {@code _shuffle_bytes}, {@code _cached_bytes}, {@code _input_rows}, {@code _delta_commits}.
   */
  public Map<String, String> recordedCounts(String stage) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(stage + "_spark_jobs", Long.toString(jobs));
    m.put(stage + "_spark_stages", Long.toString(stages));
    m.put(stage + "_spark_tasks", Long.toString(tasks));
    m.put(stage + "_shuffle_bytes", Long.toString(shuffleBytes));
    m.put(stage + "_cached_bytes", Long.toString(cachedBytes));
    m.put(stage + "_input_rows", Long.toString(inputRows));
    m.put(stage + "_delta_commits", Long.toString(deltaCommits));
    return m;
  }

  static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1fMB", bytes / 1e6);
  }
}
