package org.leakmarket.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakmarket.cli.LeakmarketCommand;
import org.leakmarket.testing.SparkTestBase;

/**
 * generate then run, in one session: the population estimate of the pipeline must cover the
 * generator's true population_size (K = 3 independent samples, so no padding).
 */
class GeneratedPipelineTest extends SparkTestBase {

  @Test
  void populationEstimateCoversTheTruePopulation(@TempDir Path tmp) throws IOException {
    Path gen = tmp.resolve("gen");
    assertThat(
            LeakmarketCommand.execute(
                "generate",
                "--out",
                gen.toString(),
                "--listings",
                "2000",
                "--samples",
                "3",
                "--records-per-sample",
                "300",
                "--seed",
                "11",
                "--master",
                "local[2]"))
        .isZero();
    JsonNode truth = new ObjectMapper().readTree(gen.resolve("ground_truth.json").toFile());
    long population = truth.get("population_size").asLong();
    assertThat(population).isEqualTo(750);
    assertThat(truth.at("/samples_truth/fabricated_records").asLong()).isZero();

    int code =
        LeakmarketCommand.execute(
            "run",
            "--listings",
            gen.resolve("listings.jsonl").toString(),
            "--samples",
            gen.resolve("samples/manifest.jsonl").toString(),
            "--warehouse",
            tmp.resolve("wh").toString(),
            "--reports",
            tmp.resolve("reports").toString(),
            "--master",
            "local[2]",
            "--bootstrap",
            "200");
    assertThat(code).isZero();
    JsonNode pop =
        new ObjectMapper()
            .readTree(tmp.resolve("reports/all/summary.json").toFile())
            .get("population");
    assertThat(pop.get("lists").asInt()).isEqualTo(3);
    String selected = pop.get("selected").asText();
    JsonNode model = null;
    for (JsonNode m : pop.get("models")) {
      if (m.get("model").asText().equals(selected)) {
        model = m;
      }
    }
    assertThat(model).as("selected model %s in %s", selected, pop).isNotNull();
    // Every linked person was seen: the estimate can't be below the distinct persons observed,
    // and with p = 0.4 and 3 lists (about 590 seen) the 95% CI should cover 750.
    assertThat(model.get("ci_low").asDouble()).as("%s", model).isLessThanOrEqualTo(population);
    assertThat(model.get("ci_high").asDouble()).as("%s", model).isGreaterThanOrEqualTo(population);
    assertThat(model.get("n_hat").asDouble()).isBetween(population * 0.85, population * 1.15);
  }
}
