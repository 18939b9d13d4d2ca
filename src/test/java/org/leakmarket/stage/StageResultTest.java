package org.leakmarket.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The log line and the {@code gold/runs} counts a stage's typed result becomes. */
class StageResultTest {

  @Test
  void logLineShowsCountsInEnumOrderThenReasonsThenDetails() {
    Map<String, Long> reasons = new LinkedHashMap<>();
    reasons.put("missing_field", 1L);
    reasons.put("malformed", 2L);
    StageResult r =
        StageResult.builder()
            // set out of order on purpose: the line follows Count's order
            .count(Count.REPEATED_IDS, 1)
            .count(Count.LISTINGS_READ, 9)
            .count(Count.LISTINGS_ACCEPTED, 7)
            .count(Count.LISTINGS_REJECTED, 2)
            .count(Count.BLANK_LINES, 1)
            .rejectedByReason(reasons)
            .build();
    // the reasons sorted by code, as the TreeMap of ListingIngest printed them
    assertThat(r.logLine())
        .isEqualTo(
            "read=9 accepted=7 rejected=2 blank_lines=1 repeated_ids=1"
                + " rejected_by_reason={malformed=2, missing_field=1}");
  }

  @Test
  void detailsFollowTheCounts() {
    StageResult r =
        StageResult.builder()
            .detail(StageResult.Detail.SELECTED_MODEL, "M12,M13")
            .count(Count.RECORDS, 40)
            .count(Count.CAPTURE_LISTS, 4)
            .build();
    assertThat(r.logLine()).isEqualTo("records=40 lists=4 selected=M12,M13");
    assertThat(r.rejectedByReason()).isNull();
  }

  @Test
  void gold_runsNamesAreUniqueAcrossStages() {
    StageResult r =
        StageResult.builder()
            .count(Count.LISTINGS_REJECTED, 2)
            .count(Count.LISTINGS_REJECTED_AT_NORMALIZE, 5)
            .build();
    assertThat(r.recordedCounts())
        .containsExactly(
            Map.entry("listings_rejected_at_ingest", "2"),
            Map.entry("listings_rejected_at_normalize", "5"));
    assertThat(java.util.Arrays.stream(Count.values()).map(Count::key).distinct())
        .hasSize(Count.values().length);
  }

  @Test
  void aCountNotReportedIsAnErrorNotZero() {
    StageResult r = StageResult.builder().count(Count.OFFERS, 3).build();
    assertThat(r.count(Count.OFFERS)).isEqualTo(3);
    assertThatThrownBy(() -> r.count(Count.PERSONS)).hasMessageContaining("PERSONS");
  }
}
