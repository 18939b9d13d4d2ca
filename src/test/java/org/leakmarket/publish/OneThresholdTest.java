package org.leakmarket.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakmarket.privacy.SmallCells;
import org.leakmarket.publish.PublicationModel.MarketCell;

/**
 * One threshold, every output: the suppression threshold k is given in one place (the run's
 * configuration); the gold writer decides market cells with it ({@link SmallCells}, here as
 * gold/market_cells would) and publication decides the breakdowns with it. Raising k from 5 to 90
 * must hide the 2015-01 platinum cell (11 quotes) and issuer CMB (87 persons) in the CSV tables,
 * summary.json, publication.md and publication.html alike; at 5 every one of them shows them.
 */
class OneThresholdTest {
  @TempDir Path tmp;

  private static final int MIN_SELLERS = 2;

  /** The fixture as a run at threshold {@code k} would have written and published it. */
  private static Path publish(Path dir, int k) throws IOException {
    PublicationModel m = PublicationFixtures.model(List.of());
    List<MarketCell> cells =
        m.market().cells().stream()
            .map(
                c ->
                    new MarketCell(
                        c.period(),
                        c.product(),
                        c.category(),
                        c.tier(),
                        c.freshness(),
                        c.nQuotes(),
                        c.nOffers(),
                        c.nSellers(),
                        c.medianCny(),
                        c.p25Cny(),
                        c.p75Cny(),
                        c.minCny(),
                        c.maxCny(),
                        c.medianCiLow(),
                        c.medianCiHigh(),
                        c.medianCiLevel(),
                        c.ciMethod(),
                        SmallCells.marketCellHidden(c.nQuotes(), c.nSellers(), k, MIN_SELLERS)))
            .toList();
    PublicationModel atK =
        new PublicationModel(
            m.label(),
            m.generatedAt(),
            m.listings(),
            m.samples(),
            new PublicationModel.Market(
                cells, m.market().jevons(), m.market().hedonic(), m.market().weight()),
            m.exposure(),
            m.population(),
            m.rejectionsByReason(),
            m.valueAtMarketPrices(),
            m.volume(),
            m.changeSincePrevious(),
            m.revisions(),
            m.dataAndMethods(),
            m.footnotes());
    PublicationWriter.write(atK, dir, k, MIN_SELLERS);
    return dir;
  }

  private static JsonNode platinum(Path dir) throws IOException {
    for (JsonNode c :
        new ObjectMapper().readTree(dir.resolve("summary.json").toFile()).at("/market/cells")) {
      if (c.get("period").asText().equals("2015-01")
          && c.get("tier").asText().equals("platinum")
          && c.get("freshness").asText().equals("new")) {
        return c;
      }
    }
    throw new AssertionError("no 2015-01 platinum/new cell in summary.json");
  }

  @Test
  void atFiveThePlatinumCellAndCmbArePublishedEverywhere() throws IOException {
    Path dir = publish(tmp.resolve("k5"), 5);
    assertThat(Files.readString(dir.resolve("tables/market_cells.csv")))
        .contains("2015-01,personal_records,credit_card,platinum,new,11,11,5,4.8,");
    assertThat(platinum(dir).get("suppressed").asBoolean()).isFalse();
    assertThat(platinum(dir).get("median_cny").asDouble()).isEqualTo(4.8);
    assertThat(Files.readString(dir.resolve("tables/exposure_by_issuer.csv")))
        .contains("CMB,87,false,\n");
    assertThat(Files.readString(dir.resolve("publication.md"))).contains("| CMB | 87 |");
    assertThat(Files.readString(dir.resolve("publication.html"))).containsPattern("CMB<.*>87<");
  }

  @Test
  void atNinetyThePlatinumCellAndCmbAreSuppressedEverywhere() throws IOException {
    Path dir = publish(tmp.resolve("k90"), 90);
    assertThat(Files.readString(dir.resolve("tables/market_cells.csv")))
        .contains("2015-01,personal_records,credit_card,platinum,new,,,,,")
        .doesNotContain("2015-01,personal_records,credit_card,platinum,new,11");
    assertThat(platinum(dir).get("suppressed").asBoolean()).isTrue();
    assertThat(platinum(dir).get("median_cny").isNull()).isTrue();
    assertThat(Files.readString(dir.resolve("tables/exposure_by_issuer.csv")))
        .contains("CMB,,true,x\n");
    assertThat(Files.readString(dir.resolve("publication.md")))
        .contains("| CMB |  | x |")
        .doesNotContain("| CMB | 87 |");
    assertThat(Files.readString(dir.resolve("publication.html")))
        .doesNotContainPattern("CMB<.*>87<");
  }
}
