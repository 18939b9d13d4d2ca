package org.leakmarket.stage;

import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.leakmarket.common.UserException;
import org.leakmarket.config.LeakmarketConfig;
import org.leakmarket.privacy.PseudonymKey;
import org.leakmarket.warehouse.Table;
import org.leakmarket.warehouse.Warehouse;

/**
 * What a {@link Stage} may use: the run's session, warehouse, resolved configuration and id, the
 * pseudonymisation key, and the inputs recorded by earlier runs. One per run, made by the pipeline.
 */
public interface StageContext {
  SparkSession spark();

  Warehouse warehouse();

  LeakmarketConfig cfg();

  /** This run's id, written as {@code ingest_run} beside the rows it adds. */
  String runId();

  /** The pseudonymisation key, resolved once per run (created on first use). */
  PseudonymKey key();

  /** Fingerprint of the key if this run has resolved it, else null. */
  String keyFingerprint();

  /**
   * SHA-256 of every input the warehouse was built from: earlier successful runs' (from {@code
   * gold/runs}) and this run's so far.
   */
  Map<String, String> buildInputs();

  /** Stops the run with exit code 3 when {@code stage} needs table {@code t} and it is missing. */
  default void require(Table t, String stage) {
    if (!warehouse().exists(t)) {
      throw new UserException(
          UserException.BAD_INPUT,
          stage
              + " needs "
              + t.path()
              + " under "
              + warehouse().root()
              + ": run the earlier stages first");
    }
  }
}
