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
import org.leakmarket.common.Version;
import org.leakmarket.config.ConfigResolver;
import org.leakmarket.config.LeakmarketConfig;
import org.leakmarket.publish.PublicationModel.Revision;
import org.leakmarket.stage.Count;
import org.leakmarket.stage.Stage;
import org.leakmarket.stage.StageContext;
import org.leakmarket.stage.StageResult;
import org.leakmarket.warehouse.Table;
import org.leakmarket.warehouse.Warehouse;

/**
 * The publish stage: pins the current version of every table, builds the publication model of the
 * label from them, compares it with the latest earlier publication (read at the versions that
 * publication pinned: Delta time travel) to list revisions, writes the publication and its
 * manifest. {@link #reproduce} runs the same code from a manifest's pins. Needs {@code
 * gold/market_cells}; reads the gold tables at pinned versions (twice when an earlier publication
 * exists) and collects only aggregates to the driver.
 */
public final class PublishStage implements Stage {

  @Override
  public String name() {
    return "publish";
  }

  @Override
  public boolean applies(StageContext ctx) {
    ctx.require(Table.GOLD_MARKET_CELLS, "publish");
    return true;
  }

  /** Publishes the configured period from the tables as they are now. */
  @Override
  public StageResult run(StageContext ctx) {
    SparkSession spark = ctx.spark();
    Path warehouseRoot = ctx.warehouse().root().toAbsolutePath().normalize();
    LeakmarketConfig cfg = ctx.cfg();
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
    Published p =
        publish(
            spark,
            warehouseRoot,
            cfg,
            ctx.buildInputs(),
            ctx.keyFingerprint(),
            pins,
            prev,
            cfg.reports());
    return StageResult.builder()
        .detail(StageResult.Detail.REPORT, p.dir())
        .count(Count.REVISIONS, p.revisions())
        .build();
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
    Published p =
        publish(
            spark,
            cfg.warehouse().toAbsolutePath().normalize(),
            cfg,
            manifest.inputHashes(),
            manifest.keyFingerprint(),
            manifest.tableVersions(),
            manifest.previous(),
            reports);
    return "report=" + p.dir() + " revisions=" + p.revisions();
  }

  /** Where a publication went and how many revisions it lists. */
  private record Published(Path dir, int revisions) {}

  /**
   * @param inputHashes SHA-256 of the inputs the warehouse was built from
   * @param keyFingerprint fingerprint of the pseudonymisation key, or null
   */
  private static Published publish(
      SparkSession spark,
      Path warehouseRoot,
      LeakmarketConfig cfg,
      Map<String, String> inputHashes,
      String keyFingerprint,
      Map<String, Long> pins,
      Manifest.Previous previous,
      Path reports) {
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
      PublicationWriter.write(
          model, dir, cfg.suppressionK(), cfg.suppressionMinSellers(), LegalSection.build(pinned));
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
            Version.get(),
            cfg.seed(),
            config,
            pinned.versionsRead(),
            inputHashes,
            keyFingerprint,
            previous)
        .write(dir);
    dir = folder.commit();
    return new Published(dir, revisions.size());
  }
}
