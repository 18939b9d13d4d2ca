package org.leakmarket.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The privacy proof's scanner (privacy.md section 5), reusable for any output tree: for each
 * planted identifier it searches every file under a root for the value in clear, in common
 * reformattings (NFKC, digits only, groups of 4 with spaces or dashes, phones as 3-4-4, E.164 with
 * and without {@code +86}, upper/lower case) and as unkeyed SHA-256 hex of each of those. Parquet
 * files (Delta data and checkpoints) are decoded by reading them back with Spark and checking every
 * string, array, map and struct cell; every file, Parquet included, is also searched as raw bytes
 * in UTF-8, GB18030 and UTF-16LE renderings of each variant.
 *
 * <p>Test utility: holds the file being scanned in memory, so meant for test-sized outputs.
 */
public final class PrivacyScanner {
  /** One found occurrence: which file, how it was found, which identifier, which variant. */
  public record Hit(Path file, String how, String identifier, String variant) {}

  private static final Charset GB18030 = Charset.forName("GB18030");
  private final Map<String, List<String[]>> variants = new LinkedHashMap<>();

  private PrivacyScanner(Collection<String> identifiers) {
    for (String id : identifiers) {
      variants.put(id, variantsOf(id));
    }
  }

  public static PrivacyScanner of(Collection<String> identifiers) {
    return new PrivacyScanner(identifiers);
  }

  /** {variantName, text} pairs for one identifier. */
  static List<String[]> variantsOf(String id) {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("clear", id);
    String nfkc = Normalizer.normalize(id, Normalizer.Form.NFKC).strip();
    v.put("nfkc", nfkc);
    v.put("upper", nfkc.toUpperCase(Locale.ROOT));
    v.put("lower", nfkc.toLowerCase(Locale.ROOT));
    v.put("collapsed", nfkc.replaceAll("\\s+", ""));
    String digits = nfkc.replaceAll("[^0-9]", "");
    if (digits.length() >= 7 && digits.length() * 2 >= nfkc.replaceAll("\\s", "").length()) {
      if (digits.startsWith("86") && digits.length() == 13) {
        digits = digits.substring(2);
      }
      v.put("digits", digits);
      v.put("groups4-space", digits.replaceAll("(.{4})(?!$)", "$1 "));
      v.put("groups4-dash", digits.replaceAll("(.{4})(?!$)", "$1-"));
      if (digits.length() == 11) {
        v.put(
            "phone-3-4-4-space",
            digits.substring(0, 3) + " " + digits.substring(3, 7) + " " + digits.substring(7));
        v.put(
            "phone-3-4-4-dash",
            digits.substring(0, 3) + "-" + digits.substring(3, 7) + "-" + digits.substring(7));
        v.put("e164", "+86" + digits);
        v.put("e164-no-plus", "86" + digits);
      }
    }
    List<String[]> out = new ArrayList<>();
    Map<String, String> hashes = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : v.entrySet()) {
      out.add(new String[] {e.getKey(), e.getValue()});
      String h = sha256(e.getValue());
      hashes.put("sha256(" + e.getKey() + ")", h);
    }
    for (Map.Entry<String, String> e : hashes.entrySet()) {
      out.add(new String[] {e.getKey(), e.getValue()});
      out.add(new String[] {e.getKey() + "-upper", e.getValue().toUpperCase(Locale.ROOT)});
    }
    return out;
  }

  public static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Scans every regular file under {@code root} except those {@code skip} accepts. */
  public List<Hit> scan(SparkSession spark, Path root, Predicate<Path> skip) {
    List<Hit> hits = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> s = Files.walk(root)) {
      files = s.filter(Files::isRegularFile).filter(skip.negate()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Path f : files) {
      scanBytes(f, hits);
      if (f.getFileName().toString().endsWith(".parquet")) {
        scanParquet(spark, f, hits);
      }
    }
    return hits;
  }

  /** How many files {@link #scan} would look at (to show the scan was not vacuous). */
  public static long countFiles(Path root, Predicate<Path> skip) {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).filter(skip.negate()).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void scanBytes(Path f, List<Hit> hits) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String haystack = new String(bytes, StandardCharsets.ISO_8859_1);
    for (Map.Entry<String, List<String[]>> e : variants.entrySet()) {
      for (String[] v : e.getValue()) {
        for (Charset cs : List.of(StandardCharsets.UTF_8, GB18030, StandardCharsets.UTF_16LE)) {
          String needle = new String(v[1].getBytes(cs), StandardCharsets.ISO_8859_1);
          if (!needle.isEmpty() && haystack.contains(needle)) {
            hits.add(new Hit(f, "bytes:" + cs.name(), e.getKey(), v[0]));
            break;
          }
        }
      }
    }
  }

  private void scanParquet(SparkSession spark, Path f, List<Hit> hits) {
    List<Row> rows = spark.read().parquet(f.toString()).collectAsList();
    for (Row r : rows) {
      List<String> cells = new ArrayList<>();
      strings(r, cells);
      for (String cell : cells) {
        for (Map.Entry<String, List<String[]>> e : variants.entrySet()) {
          for (String[] v : e.getValue()) {
            if (!v[1].isEmpty() && cell.contains(v[1])) {
              hits.add(new Hit(f, "parquet-cell", e.getKey(), v[0]));
            }
          }
        }
      }
    }
  }

  private static void strings(Object o, List<String> out) {
    if (o == null) {
      return;
    }
    if (o instanceof String s) {
      out.add(s);
    } else if (o instanceof Row r) {
      for (int i = 0; i < r.length(); i++) {
        strings(r.get(i), out);
      }
    } else if (o instanceof scala.collection.Map<?, ?> m) {
      m.foreach(
          t -> {
            strings(t._1(), out);
            strings(t._2(), out);
            return null;
          });
    } else if (o instanceof scala.collection.Iterable<?> it) {
      it.foreach(
          x -> {
            strings(x, out);
            return null;
          });
    } else if (o instanceof byte[] b) {
      out.add(new String(b, StandardCharsets.UTF_8));
    } else {
      out.add(String.valueOf(o));
    }
  }
}
