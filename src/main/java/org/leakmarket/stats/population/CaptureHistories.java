package org.leakmarket.stats.population;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.leakmarket.config.Defaults;

/**
 * The observed capture-history counts of t lists: how many people are on exactly each combination
 * of lists.
 *
 * <p>A capture history is a bit mask: bit j (value {@code 1 << j}) set means "on list j+1", the
 * list labelled {@code labels.get(j)}. So with three lists the classical cell n100 (list 1 only) is
 * mask 1, n010 is mask 2, n001 is mask 4, n101 is mask 5, n111 is mask 7. Mask 0 (on no list) is
 * the unobserved cell the estimators predict; it is not part of the data. Masks absent from the
 * input count zero. Memory is 2^t longs; t is limited to {@link Defaults#MAX_LISTS}.
 */
public final class CaptureHistories {

  private final List<String> labels;
  private final long[] counts;

  private CaptureHistories(List<String> labels, long[] counts) {
    this.labels = labels;
    this.counts = counts;
  }

  /**
   * Builds the table from list labels and counts keyed by capture-history mask.
   *
   * @throws IllegalArgumentException with the offending value when: no labels, more than {@link
   *     Defaults#MAX_LISTS} lists, blank or duplicate labels, a mask outside 1..2^t−1 (mask 0 is
   *     the unobservable cell), or a negative or null count
   */
  public static CaptureHistories of(List<String> labels, Map<Integer, Long> countsByMask) {
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(countsByMask, "countsByMask");
    int t = labels.size();
    if (t < 1 || t > Defaults.MAX_LISTS) {
      throw new IllegalArgumentException(
          "number of lists must be between 1 and " + Defaults.MAX_LISTS + ", was: " + t);
    }
    Set<String> seen = new HashSet<>();
    for (String label : labels) {
      if (label == null || label.isBlank()) {
        throw new IllegalArgumentException("list labels must be non-blank, got: " + labels);
      }
      if (!seen.add(label)) {
        throw new IllegalArgumentException("duplicate list label: " + label);
      }
    }
    long[] counts = new long[1 << t];
    for (Map.Entry<Integer, Long> e : countsByMask.entrySet()) {
      Integer mask = e.getKey();
      Long count = e.getValue();
      if (mask == null || mask < 1 || mask >= (1 << t)) {
        throw new IllegalArgumentException(
            "capture-history mask must be in 1.."
                + ((1 << t) - 1)
                + " for "
                + t
                + " lists, was: "
                + mask);
      }
      if (count == null || count < 0) {
        throw new IllegalArgumentException(
            "capture-history count must be non-negative, was: " + count + " for mask " + mask);
      }
      counts[mask] += count;
    }
    return new CaptureHistories(List.copyOf(labels), counts);
  }

  /** Number of lists t. */
  public int lists() {
    return labels.size();
  }

  /** List labels in list order (list 1 first). */
  public List<String> labels() {
    return labels;
  }

  /** Count of people with exactly this capture history (mask in 1..2^t−1). */
  public long count(int mask) {
    if (mask < 1 || mask >= counts.length) {
      throw new IllegalArgumentException("mask out of range: " + mask);
    }
    return counts[mask];
  }

  /** Distinct people observed on at least one list. */
  public long observed() {
    long sum = 0;
    for (int mask = 1; mask < counts.length; mask++) {
      sum += counts[mask];
    }
    return sum;
  }

  /** Size of list j (0-based): people whose history has bit j set. */
  public long listSize(int j) {
    long sum = 0;
    for (int mask = 1; mask < counts.length; mask++) {
      if ((mask & (1 << j)) != 0) {
        sum += counts[mask];
      }
    }
    return sum;
  }

  /** Counts indexed by mask; index 0 is always 0. A copy. */
  public long[] countsByMask() {
    return counts.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CaptureHistories other
        && labels.equals(other.labels)
        && Arrays.equals(counts, other.counts);
  }

  @Override
  public int hashCode() {
    return 31 * labels.hashCode() + Arrays.hashCode(counts);
  }

  @Override
  public String toString() {
    return "CaptureHistories" + labels + Arrays.toString(counts);
  }
}
