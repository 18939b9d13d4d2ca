package org.leakmarket.privacy;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.leakmarket.common.UserException;
import org.leakmarket.faults.PausePoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pseudonymisation key and the keyed tokens made with it (privacy.md section 1): a token is the
 * lowercase hex HMAC-SHA256 of {@code domain + NUL + normalisedValue}, so the same identifier gives
 * the same token in every sample and run with the same key, while a card token can never equal a
 * phone token. Without the key, tokens cannot be reversed by enumeration.
 *
 * <p>Serializable so it travels to executors inside task closures; {@link #toString()} shows the
 * fingerprint only. The key bytes are never logged, thrown or written anywhere except the key file
 * this class creates. Cost: one HMAC (about a microsecond) per token; the {@link Mac} is cached per
 * thread.
 */
public final class PseudonymKey implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(PseudonymKey.class);

  /** Environment variable holding the key (contracts section 1). */
  public static final String ENV = "LEAKMARKET_PSEUDONYM_KEY";

  /** Where a key is created when none is given, relative to the warehouse. */
  public static final String KEY_FILE = "_keys/pseudonym.key";

  /** Shortest key accepted: shorter keys make tokens guessable by brute force on the key. */
  public static final int MIN_KEY_CHARS = 16;

  private final byte[] key;
  private final String origin;
  private transient ThreadLocal<Mac> macs;

  private PseudonymKey(byte[] key, String origin) {
    this.key = key.clone();
    this.origin = origin;
  }

  /**
   * The key for a run: {@value #ENV} from the environment, else {@code keyFile}, else {@code
   * <warehouse>/_keys/pseudonym.key}, created once (32 random bytes, hex, POSIX mode 0600 where the
   * file system supports it) and reused on later runs.
   *
   * @param keyFile the {@code --key-file} option, or null
   * @param warehouse the warehouse root, used only when neither env nor key file is given
   */
  public static PseudonymKey resolve(Path keyFile, Path warehouse) {
    return resolve(keyFile, warehouse, System.getenv());
  }

  /**
   * As {@link #resolve(Path, Path)}; a key that cannot be used (too short, a key file that is
   * missing, unreadable or readable by others) is bad input: {@link UserException}, exit 3, one
   * line that names where the key came from and never holds the key.
   */
  static PseudonymKey resolve(Path keyFile, Path warehouse, Map<String, String> env) {
    try {
      return resolveOrThrow(keyFile, warehouse, env);
    } catch (IllegalArgumentException e) {
      throw new UserException(UserException.BAD_INPUT, e.getMessage());
    }
  }

  private static PseudonymKey resolveOrThrow(
      Path keyFile, Path warehouse, Map<String, String> env) {
    String fromEnv = env.get(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return checked(fromEnv.strip(), "environment " + ENV);
    }
    if (keyFile != null) {
      return readFile(keyFile, "key file " + keyFile);
    }
    if (warehouse == null) {
      throw new IllegalArgumentException(
          "no pseudonymisation key: set "
              + ENV
              + ", pass --key-file, or give a warehouse to create one in");
    }
    Path created = warehouse.resolve(KEY_FILE);
    if (Files.exists(created)) {
      return readFile(created, "key file " + created);
    }
    return create(created);
  }

  /** A key from a secret string (tests, embedding). */
  public static PseudonymKey of(String secret) {
    return checked(secret, "given secret");
  }

  private static PseudonymKey checked(String secret, String origin) {
    if (secret.length() < MIN_KEY_CHARS) {
      // The length is safe to say; the key itself never is.
      throw new IllegalArgumentException(
          "pseudonymisation key from "
              + origin
              + " is too short ("
              + secret.length()
              + " characters; at least "
              + MIN_KEY_CHARS
              + " needed)");
    }
    return new PseudonymKey(secret.getBytes(StandardCharsets.UTF_8), origin);
  }

  /** Permissions that let someone other than the owner read or replace the key. */
  private static final Set<PosixFilePermission> SHARED =
      Set.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE);

  private static PseudonymKey readFile(Path file, String origin) {
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      if (perms.stream().anyMatch(SHARED::contains)) {
        // Anyone who can read the key can reverse every token by enumeration.
        throw new UserException(
            UserException.BAD_INPUT,
            "pseudonymisation "
                + origin
                + " is readable or writable by group or others (mode "
                + PosixFilePermissions.toString(perms)
                + "): run chmod 600 "
                + file);
      }
    } catch (UnsupportedOperationException notPosix) {
      // no POSIX permissions to check on this file system
    } catch (IOException e) {
      throw unreadable(origin, e);
    }
    try {
      return checked(Files.readString(file, StandardCharsets.UTF_8).strip(), origin);
    } catch (IOException e) {
      throw unreadable(origin, e);
    }
  }

  private static UserException unreadable(String origin, IOException e) {
    // Only the exception's class: a decoder's message could quote the file.
    return new UserException(
        UserException.BAD_INPUT,
        "cannot read pseudonymisation " + origin + " (" + e.getClass().getSimpleName() + ")");
  }

  /**
   * Creates the key file whole or not at all: written to a temporary file (mode 0600) and linked
   * into place, so a process killed half-way never leaves an empty or partial key (which every
   * later run would refuse as too short), and two processes racing to create it end with one key.
   */
  private static PseudonymKey create(Path file) {
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    String hex = HexFormat.of().formatHex(raw);
    Path tmp = null;
    try {
      Path dir = file.getParent();
      try {
        Files.createDirectories(
            dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } catch (UnsupportedOperationException notPosix) {
        Files.createDirectories(dir);
      }
      Set<PosixFilePermission> owner = PosixFilePermissions.fromString("rw-------");
      try {
        tmp =
            Files.createTempFile(
                dir, ".pseudonym", ".tmp", PosixFilePermissions.asFileAttribute(owner));
      } catch (UnsupportedOperationException notPosix) {
        tmp = Files.createTempFile(dir, ".pseudonym", ".tmp");
      }
      Files.writeString(tmp, hex + "\n", StandardCharsets.UTF_8);
      try (java.nio.channels.FileChannel ch =
          java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      PausePoints.reach("key:written");
      try {
        Files.createLink(file, tmp);
      } catch (UnsupportedOperationException noLinks) {
        Files.move(tmp, file); // fails, without replacing, when the key appeared meanwhile
        tmp = null;
      }
    } catch (FileAlreadyExistsException raced) {
      // Another process created it between our check and create: use theirs.
      return readFile(file, "key file " + file);
    } catch (IOException e) {
      throw new UserException(
          UserException.FAILURE,
          "cannot create pseudonymisation key file "
              + file
              + " ("
              + e.getClass().getSimpleName()
              + ")");
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // a leftover .tmp file holds an unused key; the next run ignores it
        }
      }
    }
    PseudonymKey k = checked(hex, "created key file " + file);
    LOG.info(
        "created pseudonymisation key {} (mode 0600, fingerprint {}); keep it to link later runs",
        file,
        k.fingerprint());
    return k;
  }

  /**
   * The keyed token of one normalised identifier, or null for null.
   *
   * @param domain what kind of identifier ({@code card}, {@code phone}, {@code id}, ...)
   */
  public String token(String domain, String normalised) {
    if (normalised == null) {
      return null;
    }
    Mac mac = mac();
    mac.update(domain.getBytes(StandardCharsets.UTF_8));
    mac.update((byte) 0);
    return HexFormat.of().formatHex(mac.doFinal(normalised.getBytes(StandardCharsets.UTF_8)));
  }

  /** First 8 hex digits of SHA-256("fingerprint:" + key): safe to print, tells keys apart. */
  public String fingerprint() {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update("fingerprint:".getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(md.digest(key)).substring(0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /** Where the key came from (environment, key file path), never the key. */
  public String origin() {
    return origin;
  }

  private Mac mac() {
    if (macs == null) {
      macs = ThreadLocal.withInitial(this::newMac);
    }
    return macs.get();
  }

  private Mac newMac() {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(new SecretKeySpec(key, "HmacSHA256"));
      return m;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  @Override
  public String toString() {
    return "PseudonymKey[fingerprint=" + fingerprint() + ", origin=" + origin + "]";
  }
}
