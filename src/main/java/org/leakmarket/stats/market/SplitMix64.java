package org.leakmarket.stats.market;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A small, fully specified pseudo-random generator (Steele, Lea and Flood's SplitMix64) so that a
 * bootstrap gives the same draws on every JVM, machine and Spark executor. Not for cryptography.
 * {@link #forKey(long, String)} derives an independent stream for one cell from the run seed and
 * the cell's key, which is what makes the bootstrap independent of partitioning: a cell's draws
 * depend only on (seed, cell key), never on task or row order.
 */
public final class SplitMix64 {
  private long state;

  public SplitMix64(long seed) {
    this.state = seed;
  }

  /**
   * A generator seeded from the first 8 bytes of SHA-256(seed as 8 big-endian bytes, key as UTF-8).
   * SHA-256 rather than {@code String.hashCode} so that keys differing in one character give
   * unrelated streams.
   */
  public static SplitMix64 forKey(long seed, String key) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (int i = 7; i >= 0; i--) {
        md.update((byte) (seed >>> (8 * i)));
      }
      md.update(key.getBytes(StandardCharsets.UTF_8));
      byte[] d = md.digest();
      long s = 0;
      for (int i = 0; i < 8; i++) {
        s = (s << 8) | (d[i] & 0xffL);
      }
      return new SplitMix64(s);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  /**
   * The generator of one replicate of a stream: seeded from {@code base} (e.g. the first value of
   * {@link #forKey}) and the replicate number through the SplitMix64 finaliser, so that replicate
   * streams are unrelated (seeds {@code base + b} would give shifted copies of one stream).
   */
  public static SplitMix64 forReplicate(long base, long replicate) {
    return new SplitMix64(mix64(base ^ mix64(replicate + 0x9e3779b97f4a7c15L)));
  }

  /** The SplitMix64 output function (Stafford's variant 13), a bijection of 64-bit values. */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  public long nextLong() {
    return mix64(state += 0x9e3779b97f4a7c15L);
  }

  /** Uniform integer in [0, bound), unbiased (Lemire's multiply-and-reject). */
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive, was: " + bound);
    }
    long m = (nextLong() >>> 32) * bound;
    long low = m & 0xffffffffL;
    if (low < bound) {
      long threshold = (0x100000000L - bound) % bound;
      while (low < threshold) {
        m = (nextLong() >>> 32) * bound;
        low = m & 0xffffffffL;
      }
    }
    return (int) (m >>> 32);
  }

  /** Uniform double in [0, 1) from the top 53 bits. */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }
}
