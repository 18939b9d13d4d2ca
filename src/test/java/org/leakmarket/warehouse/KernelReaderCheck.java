package org.leakmarket.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;

/**
 * The second, independent reader of a warehouse: every Delta table under it is opened with Delta
 * Kernel (no Spark) at its latest version and at each version a publication's {@code manifest.json}
 * pins, and its schema, row count and order-independent row checksum ({@link TableFingerprint})
 * must equal Spark's reading of the same version. Returns what was compared, so that a caller can
 * assert it covered every table. Test code.
 */
public final class KernelReaderCheck {
  private KernelReaderCheck() {}

  /** Table path to the versions compared. */
  public static Map<String, List<Long>> assertSameAsSpark(
      SparkSession spark, Path warehouse, List<Path> manifests) throws IOException {
    Map<String, List<Long>> compared = new TreeMap<>();
    Warehouse w = new Warehouse(spark, warehouse);
    Map<String, List<Long>> pinned = pins(manifests);
    for (Table t : Table.values()) {
      if (!w.exists(t)) {
        continue;
      }
      String location = w.location(t);
      TableFingerprint latest = TableFingerprint.kernel(location, null);
      assertThat(latest.version())
          .as("%s: Kernel's latest version", t.path())
          .isEqualTo(w.latestVersion(t).getAsLong());
      List<TableFingerprint> kernel = new ArrayList<>(List.of(latest));
      for (long v : pinned.getOrDefault(t.path(), List.of())) {
        kernel.add(TableFingerprint.kernel(location, v));
      }
      for (TableFingerprint k : kernel) {
        TableFingerprint s = TableFingerprint.spark(spark, location, k.version());
        assertThat(k)
            .as("%s at version %d: Kernel against Spark", t.path(), k.version())
            .isEqualTo(s);
        compared.computeIfAbsent(t.path(), x -> new ArrayList<>()).add(k.version());
      }
    }
    return compared;
  }

  /** Table path to every version the manifests pin. */
  static Map<String, List<Long>> pins(List<Path> manifests) throws IOException {
    Map<String, List<Long>> out = new TreeMap<>();
    ObjectMapper json = new ObjectMapper();
    for (Path m : manifests) {
      JsonNode versions = json.readTree(Files.readString(m)).get("table_versions");
      assertThat(versions).as("table_versions in %s", m).isNotNull();
      versions
          .fields()
          .forEachRemaining(
              e -> {
                List<Long> vs = out.computeIfAbsent(e.getKey(), x -> new ArrayList<>());
                if (!vs.contains(e.getValue().asLong())) {
                  vs.add(e.getValue().asLong());
                }
              });
    }
    return out;
  }
}
