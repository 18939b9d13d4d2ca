package org.leakmarket.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.leakmarket.cli.VersionProvider;
import org.leakmarket.config.ConfigResolver;
import org.leakmarket.config.LeakmarketConfig;
import org.leakmarket.publish.PublicationModel.Revision;
import org.leakmarket.warehouse.Table;
import org.leakmarket.warehouse.Warehouse;

/**
 * The publish stage: pins the current version of every table, builds the publication model of the
 * label from them, compares it with the latest earlier publication (read at the versions that
 * publication pinned: Delta time travel) to list revisions, writes the publication and its
 * manifest. {@link #reproduce} runs the same code from a manifest's pins.
 */
public final class PublishStage {
  private final SparkSession spark;
  private final Path warehouseRoot;
  private final LeakmarketConfig cfg;
  private final Map<String, String> inputHashes;
  private final String keyFingerprint;

  /**
   * @param inputHashes SHA-256 of the inputs the warehouse was built from
   * @param keyFingerprint fingerprint of the pseudonymisation key, or null
   */
  public PublishStage(
      SparkSession spark,
      Path warehouseRoot,
      LeakmarketConfig cfg,
      Map<String, String> inputHashes,
      String keyFingerprint) {
    this.spark = spark;
    this.warehouseRoot = warehouseRoot.toAbsolutePath().normalize();
    this.cfg = cfg;
    this.inputHashes = inputHashes;
    this.keyFingerprint = keyFingerprint;
  }

  /** Publishes the configured period from the tables as they are now. */
  public String run() {
    Warehouse latest = new Warehouse(spark, warehouseRoot);
    Map<String, Long> pins = new HashMap<>();
    for (Table t : Table.values()) {
      latest.latestVersion(t).ifPresent(v -> pins.put(t.path(), v));
    }
    Optional<Manifest> previous =
        Manifest.latest(cfg.reports())
            .filter(
                m -> warehouseRoot.toString().equals(String.valueOf(m.config().get("warehouse"))));
    Manifest.Previous prev =
        previous
            .map(m -> new Manifest.Previous(m.label(), m.generatedAt(), m.tableVersions()))
            .orElse(null);
    return publish(pins, prev, cfg.reports());
  }

  /**
   * Re-renders the publication of {@code manifest} into {@code reports} from its pinned versions.
   */
  public static String reproduce(
      SparkSession spark, Manifest manifest, Path reports, Path warehouseOverride) {
    Map<String, Object> flags = new HashMap<>();
    manifest
        .config()
        .forEach(
            (k, v) -> {
              if (v != null && !k.equals("key_file")) {
                flags.put(k, v);
              }
            });
    flags.put("reports", reports);
    if (warehouseOverride != null) {
      flags.put("warehouse", warehouseOverride);
    }
    LeakmarketConfig cfg = ConfigResolver.resolve(flags, null);
    PublishStage stage =
        new PublishStage(
            spark, cfg.warehouse(), cfg, manifest.inputHashes(), manifest.keyFingerprint());
    return stage.publish(manifest.tableVersions(), manifest.previous(), reports);
  }

  private String publish(Map<String, Long> pins, Manifest.Previous previous, Path reports) {
    String generatedAt = Instant.now().toString();
    Warehouse pinned = new Warehouse(spark, warehouseRoot, pins);
    PublicationModel raw = new ModelBuilder(pinned, cfg).build(cfg.period(), generatedAt);
    List<Revision> revisions = List.of();
    if (previous != null) {
      PublicationModel before =
          PublicationWriter.prepare(
              new ModelBuilder(new Warehouse(spark, warehouseRoot, previous.tableVersions()), cfg)
                  .build(previous.label(), previous.generatedAt()),
              cfg.suppressionK(),
              cfg.suppressionMinSellers());
      PublicationModel now =
          new ModelBuilder(new Warehouse(spark, warehouseRoot, pins), cfg)
              .build(previous.label(), generatedAt);
      revisions = Revisions.between(before, now);
    }
    PublicationModel model =
        new PublicationModel(
            raw.label(),
            raw.generatedAt(),
            raw.listings(),
            raw.samples(),
            raw.market(),
            raw.exposure(),
            raw.population(),
            raw.rejectionsByReason(),
            raw.valueAtMarketPrices(),
            raw.volume(),
            raw.changeSincePrevious(),
            revisions,
            raw.dataAndMethods(),
            raw.footnotes());
    // written whole under a temporary name, then renamed into reports/<label>
    ReportFolder folder = ReportFolder.start(reports, cfg.period());
    Path dir = folder.temporary();
    try {
      PublicationWriter.write(model, dir, cfg.suppressionK(), cfg.suppressionMinSellers());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write publication " + dir, e);
    }
    Map<String, Object> config = new HashMap<>(cfg.describe());
    config.put("warehouse", warehouseRoot.toString());
    config.remove("reports");
    config.remove("key_file");
    new Manifest(
            cfg.period(),
            generatedAt,
            VersionProvider.version(),
            cfg.seed(),
            config,
            pinned.versionsRead(),
            inputHashes,
            keyFingerprint,
            previous)
        .write(dir);
    dir = folder.commit();
    return "report=" + dir + " revisions=" + revisions.size();
  }
}
