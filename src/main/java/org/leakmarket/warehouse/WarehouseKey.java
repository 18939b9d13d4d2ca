package org.leakmarket.warehouse;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.leakmarket.common.UserException;
import org.leakmarket.privacy.PseudonymKey;

/**
 * The warehouse remembers the fingerprint of the key that made its tokens ({@value #FILE}), so a
 * run with another key is refused before it writes a token: its card, phone and seller tokens would
 * never equal the warehouse's, and linkage across runs (persons, recycled samples, sellers) would
 * break without a word. A warehouse made before this file existed is recognised by the fingerprints
 * its runs and sample records carry. Never holds or prints the key, only fingerprints.
 *
 * <p>Cost: one small file read; for an older warehouse without the file, two small Spark reads
 * (distinct fingerprints of {@code gold/runs} and {@code bronze/sample_records}) once.
 */
public final class WarehouseKey {
  /** Where the fingerprint is kept, relative to the warehouse. */
  public static final String FILE = "_keys/fingerprint";

  private WarehouseKey() {}

  /**
   * Refuses (exit 3, one line) a key whose fingerprint differs from the warehouse's; records the
   * fingerprint when the warehouse has none yet.
   */
  public static void check(Warehouse warehouse, PseudonymKey key) {
    Path file = warehouse.root().resolve(FILE);
    String mine = key.fingerprint();
    TreeSet<String> known = new TreeSet<>();
    if (Files.isRegularFile(file)) {
      known.add(read(file));
    } else {
      known.addAll(recorded(warehouse));
    }
    known.remove("");
    if (!known.isEmpty() && !known.contains(mine)) {
      throw new UserException(
          UserException.BAD_INPUT,
          "warehouse "
              + warehouse.root()
              + " holds tokens made with the pseudonymisation key of fingerprint "
              + String.join(", ", known)
              + "; this run's key ("
              + key.origin()
              + ") has fingerprint "
              + mine
              + ", so its tokens would not link with them: use the key that built the warehouse,"
              + " or a new warehouse");
    }
    if (!Files.isRegularFile(file)) {
      write(file, mine);
    }
  }

  /** The fingerprints an older warehouse's runs and sample records carry. */
  private static TreeSet<String> recorded(Warehouse w) {
    TreeSet<String> out = new TreeSet<>();
    if (w.exists(Table.GOLD_RUNS)) {
      for (Row r :
          w.read(Table.GOLD_RUNS)
              .select(col("counts").getItem("key_fingerprint"))
              .distinct()
              .collectAsList()) {
        if (!r.isNullAt(0)) {
          out.add(r.getString(0));
        }
      }
    }
    if (w.exists(Table.BRONZE_SAMPLE_RECORDS)) {
      for (Row r :
          w.read(Table.BRONZE_SAMPLE_RECORDS)
              .select("key_fingerprint")
              .distinct()
              .limit(100)
              .collectAsList()) {
        if (!r.isNullAt(0)) {
          out.add(r.getString(0));
        }
      }
    }
    return out;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UserException(
          UserException.BAD_INPUT,
          "cannot read the key fingerprint " + file + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** Written whole or not at all (a temporary file linked into place). */
  private static void write(Path file, String fingerprint) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), ".fingerprint", ".tmp");
      try {
        Files.writeString(tmp, fingerprint + "\n", StandardCharsets.UTF_8);
        Files.createLink(file, tmp);
      } catch (FileAlreadyExistsException raced) {
        // another run recorded it at the same moment; the next run compares with it
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UserException(
          UserException.FAILURE,
          "cannot record the key fingerprint in "
              + file
              + " ("
              + e.getClass().getSimpleName()
              + ")");
    }
  }
}
