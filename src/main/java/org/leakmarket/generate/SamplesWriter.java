package org.leakmarket.generate;

import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The leak-sample half of {@code generate}: writes {@code DIR/samples/manifest.jsonl} and its
 * record files and returns the true size of the synthetic population the samples were drawn from
 * ({@code population_size} of {@code ground_truth.json}). The listing generator does not depend on
 * how samples are made; the command is given an implementation (an adapter over the sample
 * generator) and refuses {@code --samples > 0} without one.
 */
public interface SamplesWriter {

  /**
   * @param spark the command's session (an implementation may ignore it)
   * @param outDir the {@code --out} folder; samples go under {@code outDir/samples/}
   * @param samples number of samples K (at least 1)
   * @param recordsPerSample records per sample M
   * @param seed the run's seed
   * @return the true population size
   */
  long write(SparkSession spark, Path outDir, int samples, long recordsPerSample, long seed);

  /** Whether this writer can make samples; the placeholder {@link #NOT_WIRED} cannot. */
  default boolean available() {
    return true;
  }

  /** Placeholder until the sample generator is wired in: {@code generate --samples 0} only. */
  SamplesWriter NOT_WIRED =
      new SamplesWriter() {
        @Override
        public long write(
            SparkSession spark, Path outDir, int samples, long recordsPerSample, long seed) {
          throw new IllegalStateException("no sample generator is wired into generate");
        }

        @Override
        public boolean available() {
          return false;
        }
      };
}
