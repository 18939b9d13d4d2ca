package org.leakmarket.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakmarket.cli.LeakmarketCommand;

/** The command paths that need no Spark: usage errors and --demo. */
class GenerateCommandTest {

  @Test
  void samplesBeyondTheIdentifierSpaceAreAUsageErrorAndNothingWritten(@TempDir Path tmp)
      throws IOException {
    Path out = tmp.resolve("gen");
    int code =
        LeakmarketCommand.execute(
            "generate",
            "--out",
            out.toString(),
            "--listings",
            "10",
            "--samples",
            "2",
            "--records-per-sample",
            "5000000");
    assertThat(code).isEqualTo(2);
    assertThat(out).doesNotExist();
  }

  @Test
  void negativeCountsAreUsageErrors(@TempDir Path tmp) {
    assertThat(LeakmarketCommand.execute("generate", "--out", tmp.toString(), "--listings", "-1"))
        .isEqualTo(2);
    assertThat(
            LeakmarketCommand.execute("generate", "--out", tmp.toString(), "--truth-draws", "-5"))
        .isEqualTo(2);
  }

  @Test
  void demoWritesTheDataSamplesFiles(@TempDir Path tmp) throws IOException {
    assertThat(LeakmarketCommand.execute("generate", "--demo", "--out", tmp.toString())).isZero();
    try (Stream<String> lines = Files.lines(tmp.resolve(DemoListings.LISTINGS))) {
      assertThat(lines.count())
          .isEqualTo(DemoListings.fixed().size() + DemoListings.GENERATED_ROWS);
    }
    assertThat(tmp.resolve(DemoListings.TRUTH)).exists();
    assertThat(tmp.resolve(DemoListings.LATE)).exists();
  }
}
