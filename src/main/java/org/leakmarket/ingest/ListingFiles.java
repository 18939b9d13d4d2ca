package org.leakmarket.ingest;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.leakmarket.common.UserException;
import org.leakmarket.ingest.samples.DelimitedReader;

/**
 * The driver's one pass over the listing files before Spark reads them, in constant memory: it
 * expands folders into files, hashes each file (SHA-256 of its bytes, for {@code gold/runs}),
 * proves a gzip file decompresses to its end, and finds the lines too long to read. Pure Java.
 *
 * <p>Too-long lines: Spark reads JSON Lines through Hadoop's line reader capped at {@link
 * #hadoopMaxLineLength} bytes, which drops (without buffering) every line whose content plus line
 * ending reaches the cap. Those lines never reach Spark, so this scan finds them with the same rule
 * and they are quarantined {@code line_too_long} from here; a line just over the limit but under
 * the cap reaches Spark, which quarantines it by its length. Every line over the limit is
 * quarantined once, and every line is accounted for.
 *
 * <p>A problem that makes a file unusable as a whole (a truncated or corrupt gzip file, an
 * unreadable file, a CSV header naming one field twice) is bad input: {@link UserException}, exit
 * 3, one line naming the file, before anything is written. Cost: one sequential read of every
 * listing file on the driver (the same read that hashing needs anyway).
 */
public final class ListingFiles {
  /** How many too-long lines per file are listed one by one. */
  static final int MAX_LISTED = 10_000;

  /** A listing file: JSON Lines or CSV, maybe gzipped. */
  public enum Format {
    JSONL,
    CSV
  }

  /** A too-long line: its 1-based number and its length in bytes (without the line ending). */
  public record LongLine(long line, long bytes) {}

  /**
   * One scanned file.
   *
   * @param lines lines in the file (a last line without an ending counts)
   * @param dropped lines Hadoop's reader drops as too long (up to {@link #MAX_LISTED} listed)
   * @param droppedCount how many lines it drops in all
   */
  public record Scan(
      Path path,
      Format format,
      String sha256,
      long bytes,
      long lines,
      List<LongLine> dropped,
      long droppedCount) {
    public boolean empty() {
      return bytes == 0;
    }
  }

  private ListingFiles() {}

  /**
   * The cap given to Hadoop's line reader for a limit of {@code maxLineBytes}: a line with more
   * than {@code maxLineBytes} bytes either reaches Spark (and is quarantined there by its length)
   * or is dropped by the reader (and found by this scan), never both; see the class comment.
   */
  public static long hadoopMaxLineLength(long maxLineBytes) {
    return maxLineBytes + 3;
  }

  /** Every file named, folders expanded (hidden files and Spark's {@code _} files skipped). */
  public static List<Path> expand(List<Path> inputs) {
    List<Path> out = new ArrayList<>();
    for (Path p : inputs) {
      if (!Files.exists(p)) {
        throw new UserException(UserException.BAD_INPUT, "listings not found: " + p);
      }
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.walk(p)) {
          s.filter(Files::isRegularFile)
              .filter(f -> !hidden(p, f))
              .sorted()
              .forEach(f -> out.add(f.toAbsolutePath().normalize()));
        } catch (IOException | java.io.UncheckedIOException e) {
          throw new UserException(UserException.BAD_INPUT, "cannot list listings folder " + p);
        }
      } else {
        out.add(p.toAbsolutePath().normalize());
      }
    }
    return out;
  }

  private static boolean hidden(Path root, Path f) {
    for (Path part : root.relativize(f)) {
      String n = part.toString();
      if (n.startsWith(".") || n.startsWith("_")) {
        return true;
      }
    }
    return false;
  }

  public static Format format(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".csv") || n.endsWith(".csv.gz") ? Format.CSV : Format.JSONL;
  }

  /** Compression suffixes Hadoop would decompress; only {@code .gz} is supported. */
  private static final List<String> OTHER_CODECS =
      List.of(".bz2", ".deflate", ".zst", ".lz4", ".snappy", ".br", ".xz");

  /** Whether Spark (Hadoop's codec factory, by file name) reads the file as gzip. */
  public static boolean gzip(Path p) {
    return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
  }

  /** Scans one file; see the class comment. */
  public static Scan scan(Path file, long maxLineBytes) {
    Format format = format(file);
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (OTHER_CODECS.stream().anyMatch(name::endsWith)) {
      throw unusable(file, "is compressed in a format other than gzip (.gz)");
    }
    if (Files.isDirectory(file)) {
      throw unusable(file, "is a directory");
    }
    MessageDigest sha = sha256();
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw unusable(file, "cannot be read (" + e.getClass().getSimpleName() + ")");
    }
    // The digest sits under the buffers, so re-reading a marked prefix never hashes bytes twice.
    try (BufferedInputStream raw =
        new BufferedInputStream(new DigestInputStream(Files.newInputStream(file), sha), 1 << 16)) {
      LineCounter counter = new LineCounter(hadoopMaxLineLength(maxLineBytes));
      if (size > 0) {
        InputStream in =
            gzip(file) ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw;
        if (format == Format.CSV) {
          checkCsvHeader(file, in, maxLineBytes);
        }
        counter.count(in);
      }
      // whatever follows the last gzip member, so the hash covers the whole file
      raw.transferTo(java.io.OutputStream.nullOutputStream());
      return new Scan(
          file,
          format,
          HexFormat.of().formatHex(sha.digest()),
          size,
          counter.lines,
          List.copyOf(counter.dropped),
          counter.droppedCount);
    } catch (EOFException e) {
      throw unusable(file, "is a truncated gzip file (compressed data ends early)");
    } catch (ZipException e) {
      throw unusable(file, "is not valid gzip data (" + e.getMessage() + ")");
    } catch (AccessDeniedException e) {
      throw unusable(file, "cannot be read (permission denied)");
    } catch (IOException e) {
      throw unusable(file, "cannot be read (" + e.getClass().getSimpleName() + ")");
    }
  }

  /**
   * A CSV header naming a listing field twice is ambiguous (which column is the advert?): bad
   * input. Reads only the header record, which {@link #scan} then counts as a line like any other.
   * Uses mark/reset on the stream, so the header must fit in the mark limit (the line limit).
   */
  private static void checkCsvHeader(Path file, InputStream in, long maxLineBytes)
      throws IOException {
    int limit = (int) Math.min(Integer.MAX_VALUE - 8, maxLineBytes * 4 + 16);
    in.mark(limit);
    DelimitedReader r =
        new DelimitedReader(
            new InputStreamReader(new Bounded(in, limit), StandardCharsets.UTF_8),
            ',',
            maxLineBytes);
    DelimitedReader.Rec header = r.next();
    in.reset();
    if (header == null) {
      return;
    }
    if (header.tooLong()) {
      throw unusable(file, "has a header longer than " + maxLineBytes + " bytes");
    }
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < header.cells().size(); i++) {
      String name = header.cells().get(i).replace("\uFEFF", "").strip();
      if (name.isEmpty()) {
        continue;
      }
      Integer before = seen.put(name, i + 1);
      if (before != null) {
        throw unusable(
            file,
            "names the column '"
                + name
                + "' twice in its header (columns "
                + before
                + " and "
                + (i + 1)
                + ")");
      }
    }
  }

  private static UserException unusable(Path file, String what) {
    return new UserException(UserException.BAD_INPUT, "listings file " + file + " " + what);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Counts lines the way Hadoop's {@code LineRecordReader} splits them (LF, CR or CRLF end a line;
   * a last line without an ending counts; a UTF-8 BOM at the start of the file is not part of the
   * first line) and which of them it drops: those whose bytes plus line ending reach the cap.
   */
  static final class LineCounter {
    private final long cap;
    long lines;
    long droppedCount;
    final List<LongLine> dropped = new ArrayList<>();

    LineCounter(long cap) {
      this.cap = cap;
    }

    /** Reads {@code in} to its end; {@code in} must support mark (for the BOM). */
    void count(InputStream in) throws IOException {
      in.mark(3);
      byte[] head = in.readNBytes(3);
      if (!(head.length == 3
          && (head[0] & 0xff) == 0xEF
          && (head[1] & 0xff) == 0xBB
          && (head[2] & 0xff) == 0xBF)) {
        in.reset();
      }
      byte[] buf = new byte[1 << 16];
      long content = 0;
      boolean open = false; // content seen on the current line
      boolean cr = false; // the previous byte was a CR
      int n;
      while ((n = in.read(buf)) > 0) {
        for (int i = 0; i < n; i++) {
          byte b = buf[i];
          if (cr) {
            cr = false;
            if (b == '\n') {
              end(content, 2);
              content = 0;
              open = false;
              continue;
            }
            end(content, 1);
            content = 0;
            open = false;
          }
          if (b == '\n') {
            end(content, 1);
            content = 0;
            open = false;
          } else if (b == '\r') {
            cr = true;
          } else {
            content++;
            open = true;
          }
        }
      }
      if (cr) {
        end(content, 1);
      } else if (open) {
        end(content, 0);
      }
    }

    private void end(long content, int ending) {
      lines++;
      if (content + ending >= cap) {
        droppedCount++;
        if (dropped.size() < MAX_LISTED) {
          dropped.add(new LongLine(lines, content));
        }
      }
    }
  }

  /** Stops reading after {@code limit} bytes (so a header check never reads past the mark). */
  private static final class Bounded extends java.io.FilterInputStream {
    private long left;

    Bounded(InputStream in, long limit) {
      super(in);
      this.left = limit;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) {
        return -1;
      }
      int b = super.read();
      if (b >= 0) {
        left--;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int n = super.read(b, off, (int) Math.min(len, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }

    @Override
    public void close() {
      // the caller owns the stream
    }
  }
}
