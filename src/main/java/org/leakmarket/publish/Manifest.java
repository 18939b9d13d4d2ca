package org.leakmarket.publish;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.leakmarket.common.UserException;

/**
 * {@code manifest.json} of a publication: what reproduces it exactly. It pins the Delta version of
 * every table read, the resolved configuration, the seed, the code version, the SHA-256 of every
 * input the warehouse was built from, the key's fingerprint (never the key) and, when the
 * publication lists revisions, the label and table versions of the publication it was compared
 * with.
 *
 * @param config the resolved configuration ({@code LeakmarketConfig#describe()})
 * @param tableVersions table path to the Delta version read
 * @param previous the publication revisions were computed against, or null
 */
public record Manifest(
    String label,
    String generatedAt,
    String codeVersion,
    long seed,
    Map<String, Object> config,
    Map<String, Long> tableVersions,
    Map<String, String> inputHashes,
    String keyFingerprint,
    Previous previous) {

  /** The earlier publication that revisions are computed against. */
  public record Previous(String label, String generatedAt, Map<String, Long> tableVersions) {}

  public static final String FILE = "manifest.json";
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  public void write(Path reportDir) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("label", label);
    m.put("generated_at", generatedAt);
    m.put("code_version", codeVersion);
    m.put("seed", seed);
    m.put("config", new TreeMap<>(config));
    m.put("table_versions", new TreeMap<>(tableVersions));
    m.put("input_hashes", new TreeMap<>(inputHashes));
    m.put("key_fingerprint", keyFingerprint);
    if (previous != null) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("label", previous.label());
      p.put("generated_at", previous.generatedAt());
      p.put("table_versions", new TreeMap<>(previous.tableVersions()));
      m.put("previous", p);
    }
    try {
      Files.writeString(reportDir.resolve(FILE), JSON.writeValueAsString(m) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Manifest read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new UserException(UserException.BAD_INPUT, "manifest not found: " + file);
    }
    try {
      Map<String, Object> m =
          JSON.readValue(file.toFile(), new TypeReference<Map<String, Object>>() {});
      Previous prev = null;
      if (m.get("previous") instanceof Map<?, ?> p) {
        prev =
            new Previous(
                (String) p.get("label"),
                (String) p.get("generated_at"),
                versions(p.get("table_versions")));
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> config = (Map<String, Object>) m.get("config");
      @SuppressWarnings("unchecked")
      Map<String, String> hashes = (Map<String, String>) m.getOrDefault("input_hashes", Map.of());
      return new Manifest(
          (String) m.get("label"),
          (String) m.get("generated_at"),
          (String) m.get("code_version"),
          ((Number) m.get("seed")).longValue(),
          config,
          versions(m.get("table_versions")),
          hashes,
          (String) m.get("key_fingerprint"),
          prev);
    } catch (IOException | ClassCastException | NullPointerException e) {
      throw new UserException(
          UserException.BAD_INPUT, "unreadable manifest " + file + ": " + e.getMessage());
    }
  }

  /** The most recently generated publication under {@code reportsRoot}, if any. */
  public static Optional<Manifest> latest(Path reportsRoot) {
    if (!Files.isDirectory(reportsRoot)) {
      return Optional.empty();
    }
    try (Stream<Path> dirs = Files.list(reportsRoot)) {
      // hidden folders are publications being written or replaced (ReportFolder)
      List<Manifest> all =
          dirs.filter(d -> !d.getFileName().toString().startsWith("."))
              .map(d -> d.resolve(FILE))
              .filter(Files::isRegularFile)
              .map(Manifest::read)
              .toList();
      return all.stream().max(java.util.Comparator.comparing(Manifest::generatedAt));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Long> versions(Object o) {
    Map<String, Long> out = new TreeMap<>();
    if (o instanceof Map<?, ?> m) {
      m.forEach((k, v) -> out.put((String) k, ((Number) v).longValue()));
    }
    return out;
  }
}
