package org.leakmarket.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.leakmarket.warehouse.Table;
import org.leakmarket.warehouse.Warehouse;

/**
 * Delta commits a stage made: the latest version of every warehouse table before and after it
 * (Delta 4.2 has no public commit listener), summed. Each table's version is the newest commit file
 * in its {@code _delta_log} folder: one directory listing per table, no Spark job.
 */
final class DeltaCommits {
  private final Warehouse warehouse;
  private final Map<Table, Long> before;

  private DeltaCommits(Warehouse warehouse) {
    this.warehouse = warehouse;
    this.before = versions(warehouse);
  }

  /** Notes every table's version now. */
  static DeltaCommits start(Warehouse warehouse) {
    return new DeltaCommits(warehouse);
  }

  /** Commits to any table since {@link #start}, by table (only tables with commits). */
  Map<Table, Long> byTable() {
    Map<Table, Long> out = new EnumMap<>(Table.class);
    versions(warehouse)
        .forEach(
            (t, v) -> {
              long n = v - before.getOrDefault(t, -1L);
              if (n > 0) {
                out.put(t, n);
              }
            });
    return out;
  }

  /** Commits to all tables since {@link #start}. */
  long total() {
    return byTable().values().stream().mapToLong(Long::longValue).sum();
  }

  private static Map<Table, Long> versions(Warehouse w) {
    Map<Table, Long> m = new EnumMap<>(Table.class);
    for (Table t : Table.values()) {
      long v = latestVersion(w, t);
      if (v >= 0) {
        m.put(t, v);
      }
    }
    return m;
  }

  /** The newest commit file's version, or -1 without a log (not {@code isDeltaTable}: no Delta). */
  static long latestVersion(Warehouse w, Table t) {
    Path log = new Path(w.location(t), "_delta_log");
    try {
      FileSystem fs = log.getFileSystem(w.spark().sparkContext().hadoopConfiguration());
      if (!fs.exists(log)) {
        return -1;
      }
      long max = -1;
      for (FileStatus st : fs.listStatus(log)) {
        String n = st.getPath().getName();
        if (n.length() == 25
            && n.endsWith(".json")
            && n.substring(0, 20).chars().allMatch(Character::isDigit)) {
          max = Math.max(max, Long.parseLong(n.substring(0, 20)));
        }
      }
      return max;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + log, e);
    }
  }
}
