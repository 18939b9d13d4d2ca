package org.leakmarket.stage;

import java.nio.file.Path;
import java.util.List;
import org.leakmarket.config.LeakmarketConfig;

/**
 * One step of a run (ingest, samples, normalize, persons, analyze, exposure, publish): reads what
 * earlier stages wrote through the {@link StageContext}, writes its tables, and returns typed
 * counts. The pipeline times it, logs one line from its counts and records them in {@code
 * gold/runs}; a stage neither logs its counts nor formats them.
 */
public interface Stage {

  /** The stage's name in its log line and Spark job description, e.g. {@code "normalize"}. */
  String name();

  /**
   * Whether the stage has anything to do in this run (e.g. no sample manifest: no samples stage).
   * Throws {@link org.leakmarket.common.UserException} when a table it needs is missing, before any
   * Spark job. Asked just before the stage would run, after the stages before it.
   */
  boolean applies(StageContext ctx);

  /** Files outside the warehouse that the stage reads; the run records their SHA-256. */
  default List<Path> inputs(LeakmarketConfig cfg) {
    return List.of();
  }

  /** Does the stage's work. */
  StageResult run(StageContext ctx);
}
