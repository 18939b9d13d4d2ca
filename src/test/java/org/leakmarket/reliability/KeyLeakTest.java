package org.leakmarket.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakmarket.cli.LeakmarketCommand;
import org.leakmarket.privacy.PseudonymKey;
import org.leakmarket.testing.SparkTestBase;
import scala.Tuple2;

/**
 * The pseudonymisation key appears nowhere a run shows (docs/reliability.md, item 5): runs of
 * {@code ingest} and {@code normalize} with a key file, a run refused for another key, and a run
 * refused for a key file others can read; then every log event of the runs (at the level the
 * configuration logs, captured in the process), every error line, every Spark configuration value
 * (session and context, which the UI's Environment tab shows), every file of the warehouse and
 * {@link PseudonymKey#toString} are scanned for the key's text and its bytes in hex and Base64. The
 * scan is shown able to fail: the key file itself contains the key.
 */
class KeyLeakTest extends SparkTestBase {
  static final String KEY = "key-leak-scan-7f3a9c2e5b1d4068a1f0c3e7d9b2a4c6";
  static final String OTHER = "key-leak-scan-other-0b9d8e7f6a5c4b3a29180706f5e4d3c2";

  @Test
  void theKeyIsInNoLogErrorSparkPropertyOrWarehouseFile(@TempDir Path tmp) throws Exception {
    Path listings = tmp.resolve("listings.jsonl");
    Files.writeString(
        listings,
        "{\"listing_id\":\"k1\",\"source\":\"qq\",\"seller\":\"s1\",\"posted_at\":\"2015-01-10\","
            + "\"text\":\"信用卡资料 每条5毛\"}\n"
            + "{\"listing_id\":\"k2\",\"source\":\"qq\",\"seller\":\"s2\",\"posted_at\":\"2015-01-11\","
            + "\"text\":\"fullz $3 each\"}\n");
    Path key = keyFile(tmp.resolve("a.key"), KEY, "rw-------");
    Path other = keyFile(tmp.resolve("b.key"), OTHER, "rw-------");
    Path open = keyFile(tmp.resolve("c.key"), KEY, "rw-r--r--");
    Path wh = tmp.resolve("wh");

    StringWriter logs = new StringWriter();
    StringWriter errors = new StringWriter();
    WriterAppender appender = capture(logs);
    int ingest, normalize, wrongKey, readable;
    try {
      ingest = run(errors, "ingest", "--listings", listings, "--warehouse", wh, "--key-file", key);
      normalize = run(errors, "normalize", "--warehouse", wh, "--key-file", key);
      wrongKey =
          run(errors, "ingest", "--listings", listings, "--warehouse", wh, "--key-file", other);
      readable =
          run(errors, "ingest", "--listings", listings, "--warehouse", wh, "--key-file", open);
    } finally {
      release(appender);
    }
    assertThat(ingest).isZero();
    assertThat(normalize).isZero();
    assertThat(wrongKey).isEqualTo(3);
    assertThat(readable).isEqualTo(3);
    assertThat(errors.toString()).contains("key").hasLineCount(2);
    assertThat(logs.toString()).contains("ingest"); // the capture saw the runs

    List<String> places = new ArrayList<>();
    places.add("logs:\n" + logs);
    places.add("errors:\n" + errors);
    scala.jdk.javaapi.CollectionConverters.asJava(spark.conf().getAll())
        .forEach((k, v) -> places.add("spark.conf " + k + "=" + v));
    for (Tuple2<String, String> kv : spark.sparkContext().getConf().getAll()) {
      places.add("SparkConf " + kv._1() + "=" + kv._2());
    }
    places.add(PseudonymKey.of(KEY).toString());
    try (Stream<Path> files = Files.walk(wh)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        places.add(f + ":\n" + new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
      }
    }
    for (String secret : List.of(KEY, OTHER)) {
      for (String form : forms(secret)) {
        assertThat(places).noneMatch(p -> p.contains(form));
      }
    }
    // the scan finds a key where there is one
    String keyFileText = new String(Files.readAllBytes(key), StandardCharsets.ISO_8859_1);
    assertThat(forms(KEY)).anyMatch(keyFileText::contains);
  }

  /** The key's text, and its UTF-8 bytes in hex (both cases) and Base64. */
  static List<String> forms(String secret) {
    byte[] b = secret.getBytes(StandardCharsets.UTF_8);
    return List.of(
        secret,
        HexFormat.of().formatHex(b),
        HexFormat.of().withUpperCase().formatHex(b),
        Base64.getEncoder().encodeToString(b));
  }

  static Path keyFile(Path p, String secret, String perms) throws Exception {
    Files.writeString(p, secret + "\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
    return p;
  }

  int run(StringWriter errors, Object... args) {
    List<String> a = new ArrayList<>();
    for (Object o : args) {
      a.add(o.toString());
    }
    a.addAll(List.of("--master", "local[2]"));
    return LeakmarketCommand.execute(new PrintWriter(errors, true), a.toArray(String[]::new));
  }

  /** Every log event the process logs, into {@code out}. */
  static WriterAppender capture(StringWriter out) {
    LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
    Configuration c = ctx.getConfiguration();
    WriterAppender a =
        WriterAppender.newBuilder()
            .setName("key-leak-scan")
            .setTarget(out)
            .setLayout(PatternLayout.newBuilder().withPattern("%c %m %ex%n").build())
            .build();
    a.start();
    c.addAppender(a);
    c.getRootLogger().addAppender(a, null, null);
    ctx.updateLoggers();
    return a;
  }

  static void release(WriterAppender a) {
    LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
    Configuration c = ctx.getConfiguration();
    c.getRootLogger().removeAppender(a.getName());
    ctx.updateLoggers();
    a.stop();
  }
}
