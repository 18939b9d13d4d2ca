package org.leakmarket.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.leakmarket.config.LeakmarketConfig;
import org.leakmarket.pipeline.RunRecorder;
import org.leakmarket.warehouse.Table;
import org.leakmarket.warehouse.Warehouse;

/** The publish stage: summary.json and publication.md from the gold tables. */
public final class PublishStage {
  private final SparkSession spark;
  private final Warehouse warehouse;
  private final LeakmarketConfig cfg;
  private final RunRecorder recorder;

  public PublishStage(SparkSession spark, Warehouse warehouse, LeakmarketConfig cfg, RunRecorder recorder) {
    this.spark = spark;
    this.warehouse = warehouse;
    this.cfg = cfg;
    this.recorder = recorder;
  }

  public String run() {
    ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode summary = om.createObjectNode();
    ObjectNode listings = summary.putObject("listings");
    listings.put("read", warehouse.read(Table.BRONZE_LISTINGS).count()
        + warehouse.read(Table.QUARANTINE_LISTINGS).filter("stage = 'ingest'").count());
    listings.put("offers", warehouse.read(Table.SILVER_OFFERS).count());
    listings.put("rejected", warehouse.read(Table.QUARANTINE_LISTINGS).count());
    listings.put("duplicates_collapsed", 0);
    ArrayNode cells = summary.putObject("market").putArray("cells");
    // gold/market_cells is small by construction: one row per cell.
    for (Row r : warehouse.read(Table.GOLD_MARKET_CELLS).orderBy("period", "category", "tier", "freshness").collectAsList()) {
      ObjectNode c = cells.addObject();
      c.put("period", r.<String>getAs("period"));
      c.put("category", r.<String>getAs("category"));
      c.put("tier", r.<String>getAs("tier"));
      c.put("freshness", r.<String>getAs("freshness"));
      c.put("n_offers", r.<Long>getAs("n_offers"));
      c.put("n_sellers", r.<Long>getAs("n_sellers"));
      c.put("median_cny", r.<Double>getAs("median_cny"));
    }
    Path dir = cfg.reports().resolve(cfg.period());
    try {
      Files.createDirectories(dir);
      om.writeValue(dir.resolve("summary.json").toFile(), summary);
      Files.writeString(dir.resolve("publication.md"), "# leakmarket publication " + cfg.period() + "\n\n"
          + "Listings read: " + listings.get("read") + ", offers: " + listings.get("offers") + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "report=" + dir;
  }
}
