package org.leakmarket.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.leakmarket.cli.UserException;
import org.leakmarket.config.LeakmarketConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Temporary key resolution until the privacy package's key handling lands. */
final class Keys {
  private static final Logger LOG = LoggerFactory.getLogger(Keys.class);

  record Key(byte[] key) {
    String fingerprint() {
      try {
        byte[] d = MessageDigest.getInstance("SHA-256").digest(concat("fingerprint:".getBytes(StandardCharsets.UTF_8), key));
        return HexFormat.of().formatHex(d, 0, 4);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private Keys() {}

  static Key resolve(LeakmarketConfig cfg) {
    String env = System.getenv("LEAKMARKET_PSEUDONYM_KEY");
    if (env != null && !env.isBlank()) {
      return new Key(env.getBytes(StandardCharsets.UTF_8));
    }
    try {
      if (cfg.keyFile() != null) {
        if (!Files.isRegularFile(cfg.keyFile())) {
          throw new UserException(UserException.BAD_INPUT, "key file not found: " + cfg.keyFile());
        }
        return new Key(Files.readAllBytes(cfg.keyFile()));
      }
      Path f = cfg.warehouse().resolve("_keys/pseudonym.key");
      if (!Files.exists(f)) {
        Files.createDirectories(f.getParent());
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        Files.writeString(f, HexFormat.of().formatHex(k));
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        LOG.info("created pseudonymisation key {} (mode 0600); keep it to link future runs", f);
      }
      return new Key(Files.readAllBytes(f));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = new byte[a.length + b.length];
    System.arraycopy(a, 0, c, 0, a.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
