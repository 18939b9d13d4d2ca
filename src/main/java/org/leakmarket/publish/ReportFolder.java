package org.leakmarket.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.leakmarket.faults.PausePoints;

/**
 * A publication folder that appears whole or not at all: it is written under a hidden temporary
 * name ({@code .<label>.tmp-<id>}) beside its final place and renamed into it, replacing the
 * previous publication (moved aside to {@code .<label>.old-<id>} first, then deleted). A process
 * killed at any moment leaves either the old folder, the new one, or none (between the two renames:
 * then the hidden old one is still there), never a half-written {@code <label>/}. Hidden folders
 * are ignored by {@link Manifest#latest} and cleaned by the next publication of the label.
 */
final class ReportFolder {
  private final Path dir;
  private final Path tmp;

  private ReportFolder(Path dir, Path tmp) {
    this.dir = dir;
    this.tmp = tmp;
  }

  /** Starts the publication of {@code label} under {@code reports}: a fresh temporary folder. */
  static ReportFolder start(Path reports, String label) {
    try {
      Files.createDirectories(reports);
      cleanStale(reports, label);
      String id = UUID.randomUUID().toString().substring(0, 8);
      return new ReportFolder(
          reports.resolve(label),
          Files.createDirectory(reports.resolve("." + label + ".tmp-" + id)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a folder under " + reports, e);
    }
  }

  /** Where the publication is written before it is complete. */
  Path temporary() {
    return tmp;
  }

  /** Moves the complete publication into place. */
  Path commit() {
    try {
      PausePoints.reach("publish:renaming");
      Path old = null;
      if (Files.exists(dir)) {
        old = dir.resolveSibling(tmp.getFileName().toString().replace(".tmp-", ".old-"));
        Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
        PausePoints.reach("publish:between-renames");
      }
      Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
      if (old != null) {
        delete(old);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move the publication into " + dir, e);
    }
  }

  /** Temporary and old folders of the label that a killed run left behind. */
  private static void cleanStale(Path reports, String label) throws IOException {
    try (DirectoryStream<Path> s =
        Files.newDirectoryStream(
            reports, p -> p.getFileName().toString().matches("\\." + label + "\\.(tmp|old)-.*"))) {
      for (Path p : s) {
        delete(p);
      }
    }
  }

  private static void delete(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
