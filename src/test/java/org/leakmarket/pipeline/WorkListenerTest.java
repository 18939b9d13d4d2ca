package org.leakmarket.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;
import org.leakmarket.testing.SparkTestBase;
import scala.Tuple2;

/**
 * The listener's counts against RDD jobs whose work is known by construction: a map over 3
 * partitions is 1 job, 1 stage, 3 tasks, no shuffle; a reduceByKey from 3 into 2 partitions is 1
 * job, 2 stages (map side and reduce side), 3 + 2 tasks, some shuffle bytes.
 */
class WorkListenerTest extends SparkTestBase {

  @Test
  void countsJobsStagesTasksShuffleAndCacheByTheStageThatStartedThem() {
    SparkContext sc = spark.sparkContext();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(sc);
    WorkListener listener = new WorkListener();
    sc.addSparkListener(listener);
    try {
      List<Integer> numbers = IntStream.range(0, 300).boxed().toList();

      sc.setLocalProperty(WorkListener.STAGE_PROPERTY, "first");
      listener.current("first");
      assertThat(jsc.parallelize(numbers, 3).map(i -> i * 2).collect()).hasSize(300);

      sc.setLocalProperty(WorkListener.STAGE_PROPERTY, "second");
      listener.current("second");
      JavaPairRDD<Integer, Integer> pairs =
          jsc.parallelize(numbers, 3).mapToPair(i -> new Tuple2<>(i % 7, 1));
      assertThat(pairs.reduceByKey(Integer::sum, 2).collect()).hasSize(7);

      sc.setLocalProperty(WorkListener.STAGE_PROPERTY, "third");
      listener.current("third");
      JavaRDD<Integer> cached = jsc.parallelize(numbers, 4).persist(StorageLevel.MEMORY_ONLY());
      assertThat(cached.count()).isEqualTo(300);
      cached.unpersist(true);

      sc.setLocalProperty(WorkListener.STAGE_PROPERTY, null);
      listener.current(null);
      WorkListener.settle(sc, 10_000);

      Work first = listener.work("first");
      assertThat(List.of(first.jobs(), first.stages(), first.tasks(), first.shuffleBytes()))
          .containsExactly(1L, 1L, 3L, 0L);
      Work second = listener.work("second");
      assertThat(List.of(second.jobs(), second.stages(), second.tasks()))
          .containsExactly(1L, 2L, 5L);
      assertThat(second.shuffleBytes()).isPositive();
      Work third = listener.work("third");
      assertThat(List.of(third.jobs(), third.stages(), third.tasks())).containsExactly(1L, 1L, 4L);
      // four cached blocks of 75 boxed integers each, at least 4 bytes an integer
      assertThat(third.cachedBytes()).isGreaterThanOrEqualTo(4L * 75 * 4);
      assertThat(first.cachedBytes()).isZero();
      assertThat(listener.work("never ran")).isEqualTo(Work.NONE);
      // nothing running any more
      assertThat(listener.progress("second").runningJobs()).isZero();
    } finally {
      sc.removeSparkListener(listener);
      sc.setLocalProperty(WorkListener.STAGE_PROPERTY, null);
    }
  }

  @Test
  void theLogLineAndTheRecordedCountsCarryEveryNumber() {
    Work w = new Work(12, 20, 41, 1_234_567, 3_400_000, 99, 2);
    assertThat(w.logLine())
        .isEqualTo("jobs=12 stages=20 tasks=41 shuffle=1.2MB cached=3.4MB delta_commits=2");
    assertThat(w.recordedCounts("analyze"))
        .containsExactly(
            java.util.Map.entry("analyze_spark_jobs", "12"),
            java.util.Map.entry("analyze_spark_stages", "20"),
            java.util.Map.entry("analyze_spark_tasks", "41"),
            java.util.Map.entry("analyze_shuffle_bytes", "1234567"),
            java.util.Map.entry("analyze_cached_bytes", "3400000"),
            java.util.Map.entry("analyze_input_rows", "99"),
            java.util.Map.entry("analyze_delta_commits", "2"));
  }
}
