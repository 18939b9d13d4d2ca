package org.leakmarket.ingest;

import java.nio.file.Path;
import java.util.List;
import org.leakmarket.config.LeakmarketConfig;
import org.leakmarket.stage.Count;
import org.leakmarket.stage.Stage;
import org.leakmarket.stage.StageContext;
import org.leakmarket.stage.StageResult;

/**
 * The listing side of {@code ingest}: listing files through {@link ListingIngest} into {@code
 * bronze/listings} (sellers tokenised) and {@code quarantine/listings}. Runs when listings are
 * named; costs what {@link ListingIngest} costs.
 */
public final class IngestStage implements Stage {

  @Override
  public String name() {
    return "ingest";
  }

  @Override
  public boolean applies(StageContext ctx) {
    return !ctx.cfg().listings().isEmpty();
  }

  @Override
  public List<Path> inputs(LeakmarketConfig cfg) {
    return cfg.listings();
  }

  @Override
  public StageResult run(StageContext ctx) {
    ListingIngest.Result r =
        new ListingIngest(ctx.spark(), ctx.warehouse(), new SellerTokens(ctx.key()))
            .run(ctx.cfg().listings(), ctx.runId(), ctx.cfg().maxRejectRate());
    return StageResult.builder()
        .count(Count.LISTINGS_READ, r.read())
        .count(Count.LISTINGS_ACCEPTED, r.accepted())
        .count(Count.LISTINGS_REJECTED, r.rejected())
        .count(Count.BLANK_LINES, r.blankLines())
        .count(Count.REPEATED_IDS, r.repeatedIds())
        .rejectedByReason(r.rejectedByReason())
        .build();
  }
}
