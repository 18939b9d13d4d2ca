package org.leakmarket.ingest.samples;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Opens a sample file where the task runs and decodes it strictly: a local path (or {@code file:}
 * URI) through java.nio, any other URI ({@code hdfs://}, {@code s3a://}...) through Hadoop's
 * FileSystem, so the same job works on a laptop and on a cluster whose executors see a shared file
 * system. A byte-order mark wins over the declared encoding (a UTF-8 BOM is stripped, a UTF-16 BOM
 * picks the byte order); bytes that are not valid in the encoding raise {@link
 * java.nio.charset.CharacterCodingException} rather than becoming U+FFFD, so a file declared in the
 * wrong encoding is reported instead of hashed as garbage.
 *
 * <p>A gzip file (recognised by its magic bytes, whatever its name) is decompressed as it is read.
 * Every byte read (after decompression) is counted against a limit, so neither a huge file nor a
 * gzip bomb can keep one task reading without end: past the limit the read fails with {@link
 * TooLarge}.
 */
final class SampleSource {
  private SampleSource() {}

  /** Thrown for an encoding name the reader does not support. */
  static final class UnsupportedEncoding extends IOException {
    private static final long serialVersionUID = 1L;

    UnsupportedEncoding(String name) {
      super("unsupported encoding " + name);
    }
  }

  /** Thrown when more than the limit's bytes have been read from one file. */
  static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge(long limit) {
      super("more than " + limit + " bytes");
    }
  }

  /** What is at a location, as far as reading it goes. */
  enum Kind {
    FILE,
    MISSING,
    DIRECTORY,
    UNREADABLE
  }

  private static boolean remote(String location) {
    return location.contains("://") && !location.startsWith("file:");
  }

  private static Path local(String location) {
    return location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
  }

  /**
   * The raw bytes of the file, decompressed when they are gzip, counted against {@code maxBytes}.
   */
  static InputStream open(String location, long maxBytes) throws IOException {
    InputStream raw =
        remote(location)
            ? (InputStream) hadoop(location, "open")
            : Files.newInputStream(local(location));
    PushbackInputStream p = new PushbackInputStream(new BufferedInputStream(raw, 1 << 16), 2);
    byte[] magic = new byte[2];
    int n = p.readNBytes(magic, 0, 2);
    if (n > 0) {
      p.unread(magic, 0, n);
    }
    InputStream in =
        n == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b
            ? new GZIPInputStream(p, 1 << 16)
            : p;
    return new Counting(in, maxBytes);
  }

  static InputStream open(String location) throws IOException {
    return open(location, Long.MAX_VALUE);
  }

  static boolean exists(String location) throws IOException {
    return kind(location) == Kind.FILE;
  }

  /** Whether the location is a readable file, and if not, why. */
  static Kind kind(String location) throws IOException {
    if (remote(location)) {
      return (Boolean) hadoop(location, "exists") ? Kind.FILE : Kind.MISSING;
    }
    Path p = local(location);
    if (Files.isDirectory(p)) {
      return Kind.DIRECTORY;
    }
    if (!Files.exists(p)) {
      return Kind.MISSING;
    }
    return Files.isReadable(p) ? Kind.FILE : Kind.UNREADABLE;
  }

  /** The size in bytes of a local file, or -1 when it is not known before reading. */
  static long size(String location) throws IOException {
    return remote(location) ? -1 : Files.size(local(location));
  }

  /** Counts bytes read and fails past a limit. */
  private static final class Counting extends FilterInputStream {
    private final long limit;
    private long count;

    Counting(InputStream in, long limit) {
      super(in);
      this.limit = limit;
    }

    private void add(long n) throws TooLarge {
      if (n > 0) {
        count += n;
        if (count > limit) {
          throw new TooLarge(limit);
        }
      }
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      add(b < 0 ? 0 : 1);
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      add(n);
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long k = super.skip(n);
      add(k);
      return k;
    }
  }

  /**
   * Calls {@code FileSystem.open/exists} on a Hadoop path. Reflection because Hadoop is on the
   * Spark runtime classpath but not on this project's compile classpath.
   */
  private static Object hadoop(String location, String method) throws IOException {
    try {
      Class<?> confClass = Class.forName("org.apache.hadoop.conf.Configuration");
      Class<?> pathClass = Class.forName("org.apache.hadoop.fs.Path");
      Object conf = confClass.getConstructor().newInstance();
      Object path = pathClass.getConstructor(String.class).newInstance(location);
      Object fs = pathClass.getMethod("getFileSystem", confClass).invoke(path, conf);
      return Class.forName("org.apache.hadoop.fs.FileSystem")
          .getMethod(method, pathClass)
          .invoke(fs, path);
    } catch (java.lang.reflect.InvocationTargetException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(
          "Hadoop FileSystem." + method + " failed for " + location, e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IOException("Hadoop FileSystem unavailable for " + location, e);
    }
  }

  static Charset charset(String encoding) throws UnsupportedEncoding {
    String e = encoding == null ? "utf-8" : encoding.toLowerCase(Locale.ROOT).replace("_", "-");
    return switch (e) {
      case "utf-8", "utf8" -> StandardCharsets.UTF_8;
      case "gb18030" -> Charset.forName("GB18030");
      case "gbk", "cp936", "gb2312" -> Charset.forName("GBK");
      case "utf-16", "utf16" -> StandardCharsets.UTF_16;
      case "utf-16le" -> StandardCharsets.UTF_16LE;
      case "utf-16be" -> StandardCharsets.UTF_16BE;
      default -> throw new UnsupportedEncoding(e);
    };
  }

  /** A strict decoding reader over {@code in}, honouring a byte-order mark. */
  static Reader decode(InputStream in, String encoding) throws IOException {
    Charset declared = charset(encoding);
    PushbackInputStream p = new PushbackInputStream(in, 3);
    byte[] head = new byte[3];
    int n = p.readNBytes(head, 0, 3);
    Charset cs = declared;
    int skip = 0;
    if (n >= 3
        && (head[0] & 0xff) == 0xEF
        && (head[1] & 0xff) == 0xBB
        && (head[2] & 0xff) == 0xBF) {
      cs = StandardCharsets.UTF_8;
      skip = 3;
    } else if (n >= 2 && (head[0] & 0xff) == 0xFE && (head[1] & 0xff) == 0xFF) {
      cs = StandardCharsets.UTF_16BE;
      skip = 2;
    } else if (n >= 2 && (head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xFE) {
      cs = StandardCharsets.UTF_16LE;
      skip = 2;
    }
    if (n > skip) {
      p.unread(head, skip, n - skip);
    }
    CharsetDecoder dec =
        cs.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    return new InputStreamReader(p, dec);
  }
}
