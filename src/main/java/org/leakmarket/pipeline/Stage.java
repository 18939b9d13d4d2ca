package org.leakmarket.pipeline;

/** The stages of a run, in order. */
public enum Stage {
  INGEST,
  NORMALIZE,
  ANALYZE,
  PUBLISH
}
