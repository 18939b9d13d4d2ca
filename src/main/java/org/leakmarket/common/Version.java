package org.leakmarket.common;

/**
 * The code version recorded in manifests and {@code gold/runs}: the jar manifest's
 * Implementation-Version, or "dev" when run from classes. Reads one manifest attribute.
 */
public final class Version {
  private Version() {}

  public static String get() {
    String v = Version.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
