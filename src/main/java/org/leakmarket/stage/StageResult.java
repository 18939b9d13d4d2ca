package org.leakmarket.stage;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * What a stage did, typed: its counts by {@link Count}, rows rejected by reason code, and the few
 * facts that are not counts ({@link Detail}: the model selected, the report folder). The pipeline
 * turns it into the stage's log line ({@link #logLine()}) and the counts of {@code gold/runs}
 * ({@link #recordedCounts()}).
 */
public final class StageResult {

  /** Facts a stage reports that are not counts, in log order. */
  public enum Detail {
    SELECTED_MODEL("selected"),
    REPORT("report");

    private final String label;

    Detail(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  private final Map<Count, Long> counts;
  private final Map<String, Long> rejectedByReason;
  private final Map<Detail, String> details;
  private final Map<String, String> perFile;
  private final Map<String, String> inputHashes;

  private StageResult(
      Map<Count, Long> counts,
      Map<String, Long> rejectedByReason,
      Map<Detail, String> details,
      Map<String, String> perFile,
      Map<String, String> inputHashes) {
    this.counts = Collections.unmodifiableMap(new EnumMap<>(counts));
    this.rejectedByReason =
        rejectedByReason == null
            ? null
            : Collections.unmodifiableMap(new TreeMap<>(rejectedByReason));
    this.details = Collections.unmodifiableMap(new EnumMap<>(details));
    this.perFile = Collections.unmodifiableMap(new TreeMap<>(perFile));
    this.inputHashes = Collections.unmodifiableMap(new TreeMap<>(inputHashes));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The counts, in {@link Count} order. */
  public Map<Count, Long> counts() {
    return counts;
  }

  public long count(Count c) {
    Long n = counts.get(c);
    if (n == null) {
      throw new IllegalArgumentException("no count " + c + " in " + counts.keySet());
    }
    return n;
  }

  /** Rows rejected by reason code, or null when the stage does not report them. */
  public Map<String, Long> rejectedByReason() {
    return rejectedByReason;
  }

  public Map<Detail, String> details() {
    return details;
  }

  /**
   * The counts part of the stage's log line: {@code label=n} in {@link Count} order, then {@code
   * rejected_by_reason={...}} when reported, then the details, e.g. {@code "offers=530
   * rejected_listings=17"}.
   */
  public String logLine() {
    StringJoiner line = new StringJoiner(" ");
    counts.forEach((c, n) -> line.add(c.label() + "=" + n));
    if (rejectedByReason != null) {
      line.add("rejected_by_reason=" + rejectedByReason);
    }
    details.forEach((d, v) -> line.add(d.label() + "=" + v));
    return line.toString();
  }

  /**
   * The counts as {@code gold/runs} records them: {@link Count#key()} to the number as text, then
   * each input file's counts as JSON under {@code file:<path>}.
   */
  public Map<String, String> recordedCounts() {
    Map<String, String> m = new LinkedHashMap<>();
    counts.forEach((c, n) -> m.put(c.key(), Long.toString(n)));
    perFile.forEach((f, json) -> m.put("file:" + f, json));
    return m;
  }

  /** SHA-256 of input files the stage hashed itself while reading them (file to hex digest). */
  public Map<String, String> inputHashes() {
    return inputHashes;
  }

  /** Collects a stage's counts; a count set twice keeps the last value. */
  public static final class Builder {
    private final Map<Count, Long> counts = new EnumMap<>(Count.class);
    private Map<String, Long> rejectedByReason;
    private final Map<Detail, String> details = new EnumMap<>(Detail.class);
    private final Map<String, String> perFile = new TreeMap<>();
    private final Map<String, String> inputHashes = new TreeMap<>();

    private Builder() {}

    /** One input file's counts, as a JSON object (read = accepted + quarantined). */
    public Builder fileCounts(String file, String json) {
      perFile.put(file, json);
      return this;
    }

    /** SHA-256 of an input file the stage read whole (so the pipeline need not read it again). */
    public Builder inputHash(String file, String sha256) {
      inputHashes.put(file, sha256);
      return this;
    }

    public Builder count(Count c, long n) {
      counts.put(c, n);
      return this;
    }

    public Builder rejectedByReason(Map<String, Long> byReason) {
      this.rejectedByReason = byReason;
      return this;
    }

    public Builder detail(Detail d, Object value) {
      details.put(d, String.valueOf(value));
      return this;
    }

    public StageResult build() {
      return new StageResult(counts, rejectedByReason, details, perFile, inputHashes);
    }
  }
}
