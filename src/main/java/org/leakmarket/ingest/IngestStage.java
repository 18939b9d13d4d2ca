package org.leakmarket.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.leakmarket.config.LeakmarketConfig;
import org.leakmarket.faults.PausePoints;
import org.leakmarket.stage.Count;
import org.leakmarket.stage.Stage;
import org.leakmarket.stage.StageContext;
import org.leakmarket.stage.StageResult;

/**
 * The listing side of {@code ingest}: each listing file scanned once on the driver ({@link
 * ListingFiles#scan}: SHA-256, gzip integrity, lines above the configured limit), then through
 * {@link ListingIngest} into {@code bronze/listings} (sellers tokenised) and {@code
 * quarantine/listings}. Runs when listings are named; costs one streaming read of each file on the
 * driver plus what {@link ListingIngest} costs. Each file's counts (read = accepted + quarantined)
 * go to {@code gold/runs} under {@code file:<path>}.
 */
public final class IngestStage implements Stage {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String name() {
    return "ingest";
  }

  @Override
  public boolean applies(StageContext ctx) {
    return !ctx.cfg().listings().isEmpty();
  }

  /** None for the pipeline to hash: the scan hashes each file while it reads it. */
  @Override
  public List<Path> inputs(LeakmarketConfig cfg) {
    return List.of();
  }

  @Override
  public StageResult run(StageContext ctx) {
    long maxLine = ctx.cfg().limits().maxLineBytes();
    StageResult.Builder out = StageResult.builder();
    List<ListingFiles.Scan> scans = new ArrayList<>();
    for (Path f : ListingFiles.expand(ctx.cfg().listings())) {
      ListingFiles.Scan scan = ListingFiles.scan(f, maxLine);
      out.inputHash(f.toString(), scan.sha256());
      scans.add(scan);
    }
    PausePoints.reach("ingest:scanned");
    ListingIngest.Result r =
        new ListingIngest(ctx.spark(), ctx.warehouse(), new SellerTokens(ctx.key()))
            .run(scans, ctx.runId(), ctx.cfg().maxRejectRate(), maxLine);
    for (ListingIngest.FileCounts f : r.files().values()) {
      out.fileCounts(f.file(), json(f));
    }
    return out.count(Count.LISTINGS_READ, r.read())
        .count(Count.LISTINGS_ACCEPTED, r.accepted())
        .count(Count.LISTINGS_REJECTED, r.rejected())
        .count(Count.BLANK_LINES, r.blankLines())
        .count(Count.REPEATED_IDS, r.repeatedIds())
        .rejectedByReason(r.rejectedByReason())
        .build();
  }

  static String json(ListingIngest.FileCounts f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("lines", f.lines());
    m.put("blank", f.blank());
    m.put("read", f.read());
    m.put("accepted", f.accepted());
    m.put("repeated", f.repeated());
    m.put("quarantined", f.quarantined());
    m.put("by_reason", new TreeMap<>(f.byReason()));
    try {
      return JSON.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
