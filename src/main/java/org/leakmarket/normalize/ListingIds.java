package org.leakmarket.normalize;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The default {@code listing_id} of contracts section 2: the SHA-256 (lower-case hex) of source,
 * channel, seller, posted_at and text joined by U+001F, a null field counting as empty. The {@code
 * parse} command and the Spark reader both call this one function, so a listing gets the same id
 * whichever way it is read. Costs one SHA-256 over the listing's text.
 */
public final class ListingIds {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private ListingIds() {}

  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
            }
          });
  private static final byte[] SEP_BYTES = {0x1f};

  public static String defaultId(
      String source, String channel, String seller, String postedAt, String text) {
    MessageDigest md = SHA256.get();
    md.reset();
    md.update(nz(source).getBytes(StandardCharsets.UTF_8));
    md.update(SEP_BYTES);
    md.update(nz(channel).getBytes(StandardCharsets.UTF_8));
    md.update(SEP_BYTES);
    md.update(nz(seller).getBytes(StandardCharsets.UTF_8));
    md.update(SEP_BYTES);
    md.update(nz(postedAt).getBytes(StandardCharsets.UTF_8));
    md.update(SEP_BYTES);
    md.update(nz(text).getBytes(StandardCharsets.UTF_8));
    byte[] digest = md.digest();
    char[] out = new char[digest.length * 2];
    for (int i = 0; i < digest.length; i++) {
      out[2 * i] = HEX[(digest[i] >> 4) & 0xF];
      out[2 * i + 1] = HEX[digest[i] & 0xF];
    }
    return new String(out);
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
