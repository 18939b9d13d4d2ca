package org.leakmarket.faults;

import io.delta.storage.HDFSLogStore;
import java.io.IOException;
import java.util.Iterator;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Delta's log store for local files with a {@link PausePoints} point before every commit: {@code
 * commit:<table>} (e.g. {@code commit:silver/offers}) is reached after a write's data files exist
 * and before the JSON file that commits them is written, the moment "during a MERGE" that a crash
 * must survive. Installed only when pause points are active ({@code
 * spark.delta.logStore.file.impl}, set by {@code SparkSessions}); otherwise Delta's own store is
 * used.
 */
public class PausingLogStore extends HDFSLogStore {

  public PausingLogStore(Configuration conf) {
    super(conf);
  }

  @Override
  public void write(Path path, Iterator<String> actions, Boolean overwrite, Configuration conf)
      throws IOException {
    if (path.getName().matches("\\d{20}\\.json")) {
      Path table = path.getParent().getParent();
      PausePoints.reach("commit:" + table.getParent().getName() + "/" + table.getName());
    }
    super.write(path, actions, overwrite, conf);
  }
}
