package org.leakmarket.pipeline;

/**
 * The commands' steps, in order: {@code ingest}, {@code normalize}, {@code analyze}, {@code
 * publish} ({@code run} is all four). Each runs one or more stages ({@link Pipeline#stagesOf}).
 */
public enum Phase {
  INGEST,
  NORMALIZE,
  ANALYZE,
  PUBLISH
}
