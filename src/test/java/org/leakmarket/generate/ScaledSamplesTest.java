package org.leakmarket.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakmarket.privacy.Validators;

/** The scaled sample generator without Spark: sizes, independence, injective tokens, padding. */
class ScaledSamplesTest {

  @Test
  void sameSeedSameBytes(@TempDir Path tmp) throws IOException {
    ScaledSamples.generate(tmp.resolve("a"), 4, 200, 9);
    ScaledSamples.generate(tmp.resolve("b"), 4, 200, 9);
    for (String f :
        List.of(
            "manifest.jsonl",
            "s-gen-001.csv",
            "s-gen-002.csv",
            "s-gen-003.jsonl",
            "s-gen-004.tsv")) {
      assertThat(Files.readAllBytes(tmp.resolve("a").resolve(f)))
          .as(f)
          .isEqualTo(Files.readAllBytes(tmp.resolve("b").resolve(f)));
    }
  }

  @Test
  void sampleSizesAndOverlapMatchIndependentBernoulliDraws(@TempDir Path tmp) {
    long m = 4000;
    ScaledSamples.Truth t = ScaledSamples.generate(tmp, 3, m, 5);
    assertThat(t.populationSize()).isEqualTo(10_000);
    double p = 0.4;
    for (ScaledSamples.SampleTruth s : t.samples()) {
      // binomial(10000, 0.4): sd = sqrt(2400) ~ 49; 5 sd
      assertThat(s.people()).isBetween(m - 245, m + 245);
    }
    // recycled share of sample 3 = 1 - (1-p)^2 = 0.64 of its people; sd of the count ~ 30
    ScaledSamples.SampleTruth third = t.samples().get(2);
    assertThat((double) third.recycled() / third.people())
        .isCloseTo(0.64, org.assertj.core.data.Offset.offset(0.03));
    assertThat(t.samples().get(0).recycled()).isZero();
    assertThat(t.fabricated()).isZero();
  }

  @Test
  void cardsAreDistinctPerPersonAndPaddingIsLuhnInvalid(@TempDir Path tmp) throws IOException {
    ScaledSamples.Truth t = ScaledSamples.generate(tmp, 4, 500, 3);
    // sample 1 (GB18030 CSV): card is column 5, every row distinct
    List<String> rows =
        Files.readAllLines(tmp.resolve("s-gen-001.csv"), Charset.forName("GB18030"));
    Set<String> cards = new HashSet<>();
    for (String r : rows.subList(1, rows.size())) {
      String card = r.split(",")[4];
      assertThat(Validators.luhn(card)).isTrue();
      cards.add(card);
    }
    assertThat(cards).hasSize(rows.size() - 1);
    // padded TSV: one fabricated (invalid, no phone) per two real rows
    List<String> tsv = Files.readAllLines(tmp.resolve("s-gen-004.tsv"), StandardCharsets.UTF_8);
    long invalid =
        tsv.stream()
            .skip(1)
            .map(l -> l.split("\t", -1)[2])
            .filter(c -> !Validators.luhn(c))
            .count();
    ScaledSamples.SampleTruth padded = t.samples().get(3);
    assertThat(invalid).isEqualTo(padded.fabricated()).isEqualTo(padded.people() / 2);
    assertThat(tsv).hasSize((int) (1 + padded.people() + padded.fabricated()));
  }
}
