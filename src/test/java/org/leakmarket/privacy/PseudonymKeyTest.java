package org.leakmarket.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PseudonymKeyTest {
  private static final String SECRET = "test-secret-0123456789abcdef";

  @Test
  void tokenIsHmacSha256OfDomainNulValue() throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected =
        HexFormat.of()
            .formatHex(mac.doFinal("phone\u0000+8613812345678".getBytes(StandardCharsets.UTF_8)));
    PseudonymKey key = PseudonymKey.of(SECRET);
    assertThat(key.token("phone", "+8613812345678")).isEqualTo(expected).hasSize(64);
    assertThat(key.token("card", "+8613812345678")).isNotEqualTo(expected);
    assertThat(PseudonymKey.of(SECRET + "x").token("phone", "+8613812345678"))
        .isNotEqualTo(expected);
    assertThat(key.token("phone", null)).isNull();
  }

  @Test
  void fingerprintIsShaOfPrefixedKeyAndToStringHidesTheKey() throws Exception {
    PseudonymKey key = PseudonymKey.of(SECRET);
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    md.update(("fingerprint:" + SECRET).getBytes(StandardCharsets.UTF_8));
    assertThat(key.fingerprint()).isEqualTo(HexFormat.of().formatHex(md.digest()).substring(0, 8));
    assertThat(key.toString()).doesNotContain(SECRET).contains(key.fingerprint());
  }

  @Test
  void environmentWinsThenKeyFileThenCreatedFile(@TempDir Path dir) throws Exception {
    Path keyFile = dir.resolve("k.key");
    Files.writeString(keyFile, "from-file-0123456789abcdef\n");
    // readable by its owner only: a key others can read is refused (KeySafetyTest)
    Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
    Path warehouse = dir.resolve("wh");
    PseudonymKey env = PseudonymKey.resolve(keyFile, warehouse, Map.of(PseudonymKey.ENV, SECRET));
    assertThat(env.fingerprint()).isEqualTo(PseudonymKey.of(SECRET).fingerprint());
    PseudonymKey file = PseudonymKey.resolve(keyFile, warehouse, Map.of());
    assertThat(file.fingerprint())
        .isEqualTo(PseudonymKey.of("from-file-0123456789abcdef").fingerprint());

    PseudonymKey created = PseudonymKey.resolve(null, warehouse, Map.of());
    Path made = warehouse.resolve("_keys/pseudonym.key");
    assertThat(made).exists();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(made)))
        .isEqualTo("rw-------");
    PseudonymKey again = PseudonymKey.resolve(null, warehouse, Map.of());
    assertThat(again.fingerprint()).isEqualTo(created.fingerprint());
    assertThat(again.token("card", "4111111111111111"))
        .isEqualTo(created.token("card", "4111111111111111"));
  }

  @Test
  void shortKeyIsRefusedWithoutEchoingIt() {
    assertThatThrownBy(() -> PseudonymKey.of("tiny-secret"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too short")
        .hasMessageNotContaining("tiny-secret");
  }

  @Test
  void survivesJavaSerializationForExecutors() throws Exception {
    PseudonymKey key = PseudonymKey.of(SECRET);
    key.token("card", "1"); // initialise the transient Mac cache
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(key);
    }
    PseudonymKey back =
        (PseudonymKey)
            new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))
                .readObject();
    assertThat(back.token("card", "4111111111111111"))
        .isEqualTo(key.token("card", "4111111111111111"));
  }
}
