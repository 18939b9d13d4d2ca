package org.leakmarket.exposure;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.leakmarket.stats.population.CaptureHistories;

/**
 * Capture-history counts for capture-recapture, computed in Spark: a list is a sample, a seller or
 * a source ({@code --lists-by}); a person's history is the set of lists holding them. The
 * estimators ({@link org.leakmarket.stats.population.CaptureRecapture}) are plain Java. Cost: the
 * labels one distinct, ordered on the driver; the counts two group-bys; the driver receives at most
 * min(persons, 2^t - 1) rows and the list labels, both small for the t a study has (at most {@link
 * org.leakmarket.config.Defaults#MAX_LISTS}).
 */
public final class CaptureHistoryCounts {
  private CaptureHistoryCounts() {}

  /** Column of linked records that defines a list for each {@code --lists-by} choice. */
  public static String listColumn(String listsBy) {
    return switch (listsBy) {
      case "seller" -> "seller_token";
      case "source" -> "source";
      default -> "sample_id";
    };
  }

  /** The list labels in order, so a caller can refuse too many lists before counting. */
  public static List<String> labels(Dataset<Row> records, String listsBy) {
    String listCol = listColumn(listsBy);
    List<String> labels = new ArrayList<>();
    // distinct lists: as many as samples/sellers/sources, small by construction; ordered here as
    // Spark orders strings (UTF-8 bytes), a global sort cost a sampling job and a shuffle
    for (Row r :
        records
            .filter(col(listCol).isNotNull())
            .select(col(listCol).cast("string"))
            .distinct()
            .collectAsList()) {
      labels.add(r.getString(0));
    }
    labels.sort(org.leakmarket.warehouse.gold.GoldRows::compareValues);
    return labels;
  }

  public static CaptureHistories compute(
      Dataset<Row> records, String listsBy, List<String> labels) {
    String listCol = listColumn(listsBy);
    Dataset<Row> histories =
        records
            .filter(col(listCol).isNotNull())
            .select(col("person_id"), col(listCol).cast("string").as("list"))
            // no distinct first: collect_set drops a person's repeated lists itself
            .groupBy("person_id")
            .agg(array_sort(collect_set(col("list"))).as("lists"))
            .groupBy("lists")
            .agg(count(lit(1)).as("n"));
    Map<Integer, Long> counts = new TreeMap<>();
    for (Row r : histories.collectAsList()) {
      int mask = 0;
      for (Object l : r.getList(0)) {
        mask |= 1 << labels.indexOf((String) l);
      }
      counts.merge(mask, r.getLong(1), Long::sum);
    }
    return CaptureHistories.of(labels, counts);
  }
}
