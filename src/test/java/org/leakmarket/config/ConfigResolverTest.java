package org.leakmarket.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakmarket.common.UserException;

class ConfigResolverTest {

  @Test
  void defaultsApplyWithNothingGiven() {
    LeakmarketConfig c = ConfigResolver.resolve(Map.of(), null);
    assertThat(c.period()).isEqualTo("all");
    assertThat(c.periodUnit()).isEqualTo("month");
    assertThat(c.bootstrapReplicates()).isEqualTo(1000);
    assertThat(c.fxMaxAgeDays()).isEqualTo(45);
    assertThat(c.warehouse()).isEqualTo(Path.of("warehouse"));
  }

  @Test
  void flagBeatsFileBeatsDefault(@TempDir Path dir) throws Exception {
    Path yaml = dir.resolve("c.yaml");
    Files.writeString(
        yaml, "period_unit: quarter\nseed: 7\nfx_max_age_days: 10\nfx: rates/fx.csv\n");
    LeakmarketConfig c = ConfigResolver.resolve(Map.of("seed", 9L), yaml);
    assertThat(c.seed()).isEqualTo(9L); // flag
    assertThat(c.periodUnit()).isEqualTo("quarter"); // file
    assertThat(c.fxMaxAgeDays()).isEqualTo(10); // file
    assertThat(c.suppressionK()).isEqualTo(5); // default
    assertThat(c.fx()).isEqualTo(dir.resolve("rates/fx.csv")); // relative to the file
  }

  @Test
  void unknownKeyInFileIsAUsageError(@TempDir Path dir) throws Exception {
    Path yaml = dir.resolve("c.yaml");
    Files.writeString(yaml, "perod: 2015-01\n");
    assertThatThrownBy(() -> ConfigResolver.resolve(Map.of(), yaml))
        .isInstanceOf(UserException.class)
        .hasMessageContaining("unknown key 'perod'")
        .extracting(e -> ((UserException) e).exitCode())
        .isEqualTo(UserException.USAGE);
  }

  @Test
  void badPeriodIsRejectedWithTheValue() {
    assertThatThrownBy(() -> ConfigResolver.resolve(Map.of("period", "2015-13"), null))
        .hasMessageContaining("2015-13");
  }

  /** The market's unit of count: seller by default, offer from the file, the flag over both. */
  @Test
  void weightComesFromFlagFileOrDefault(@TempDir Path dir) throws Exception {
    assertThat(ConfigResolver.resolve(Map.of(), null).weight()).isEqualTo("seller");
    Path yaml = dir.resolve("c.yaml");
    Files.writeString(yaml, "weight: offer\nextra_dimensions: [language]\n");
    LeakmarketConfig file = ConfigResolver.resolve(Map.of(), yaml);
    assertThat(file.weight()).isEqualTo("offer");
    assertThat(file.extraDimensions()).containsExactly("language");
    assertThat(file.describe()).containsEntry("weight", "offer");
    assertThat(ConfigResolver.resolve(Map.of("weight", "SELLER"), yaml).weight())
        .isEqualTo("seller");
    assertThatThrownBy(() -> ConfigResolver.resolve(Map.of("weight", "listing"), null))
        .isInstanceOf(UserException.class)
        .hasMessageContaining("weight must be seller or offer, not: listing");
  }

  @Test
  void maxExactListsBeyondWhatTheEstimatorFitsIsAUsageErrorNotACrash() {
    assertThatThrownBy(() -> ConfigResolver.resolve(Map.of("max_exact_lists", 7), null))
        .isInstanceOf(UserException.class)
        .hasMessage("max_exact_lists must be between 2 and 6, not: 7");
    assertThat(ConfigResolver.resolve(Map.of("max_exact_lists", 6), null).maxExactLists())
        .isEqualTo(6);
  }

  @Test
  void keyFileIsMaskedInDescription() {
    LeakmarketConfig c = ConfigResolver.resolve(Map.of("key_file", Path.of("/secret/k")), null);
    assertThat(c.describe().get("key_file")).isEqualTo("****");
    assertThat(c.describe().toString()).doesNotContain("/secret/k");
  }
}
