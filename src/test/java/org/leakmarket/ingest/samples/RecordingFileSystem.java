package org.leakmarket.ingest.samples;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.spark.TaskContext;

/**
 * The local file system under the scheme {@code recording:} (registered for tests in
 * META-INF/services), recording where each file was opened: in a Spark task (its stage and
 * partition) or outside any task, on the driver (its thread). The sample reader opens any URI that
 * is not a local path through Hadoop, so a manifest naming {@code recording:///...} shows which JVM
 * thread read the file. In local mode the tasks run in this JVM, so one static list sees them.
 */
public final class RecordingFileSystem extends RawLocalFileSystem {
  static final List<String> OPENS = new CopyOnWriteArrayList<>();

  @Override
  public String getScheme() {
    return "recording";
  }

  @Override
  public URI getUri() {
    return URI.create("recording:///");
  }

  @Override
  public FSDataInputStream open(Path f, int bufferSize) throws IOException {
    TaskContext task = TaskContext.get();
    OPENS.add(
        (task == null
                ? "driver thread " + Thread.currentThread().getName()
                : "task of stage " + task.stageId() + " partition " + task.partitionId())
            + ": "
            + f.getName());
    return super.open(f, bufferSize);
  }
}
