package org.leakmarket.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakmarket.publish.LegalSection.Band;
import org.leakmarket.publish.LegalSection.Bands;
import org.leakmarket.publish.LegalSection.SampleItems;
import org.leakmarket.publish.LegalSection.Side;
import org.leakmarket.publish.LegalSection.TierRow;

/**
 * The section "Against the legal thresholds": suppression of small bands worked out by hand (k = 5,
 * 2 sellers), and the section in Markdown, HTML, the CSV tables and summary.json.
 */
class LegalSectionTest {
  @TempDir Path tmp;

  private static final Band NONE = new Band(0, 0, 0);

  private static TierRow row(String unit, String measure, long units, Side found, Side counted) {
    return new TierRow(
        unit,
        measure,
        units,
        found.atLeastSerious().units(),
        counted == null ? null : counted.atLeastSerious().units(),
        found.especially().units(),
        counted == null ? null : counted.especially().units(),
        List.of(),
        new Bands(found, counted));
  }

  static LegalSection raw() {
    // Adverts, items: 1 advert between the lines (1 seller) and 6 at 10× or more (3 sellers).
    // Especially serious = 6 is published; serious = 7 is not: 7 - 6 would reveal the one advert.
    Side adsItems = new Side(new Band(1, 1, 1), new Band(6, 3, 6), new Band(7, 3, 7));
    // Adverts, gains: nobody reaches the line: zeros are published.
    Side adsGains = new Side(NONE, NONE, NONE);
    // Samples as found: 2 between (2 sellers, 650 records), 1 beyond 10× (1 seller): especially
    // suppressed; serious = 3 published (3 samples, 2 sellers, 1,100 records) since especially is
    // not shown. After exclusions: 1 sample between (1 seller): serious suppressed; especially 0.
    Side samplesFound = new Side(new Band(2, 2, 650), new Band(1, 1, 450), new Band(3, 2, 1100));
    Side samplesCounted = new Side(new Band(1, 1, 200), NONE, new Band(1, 1, 200));
    return new LegalSection(
        "2017-10/1",
        LegalSection.SOURCE,
        LegalSection.NOTE,
        List.of(
            row("advert", "gains_cny", 40, adsGains, null),
            row("advert", "items", 40, adsItems, null),
            row("sample", "items", 6, samplesFound, samplesCounted)),
        List.of(
            new SampleItems("S-2015-01-a", 200.0, 150.0, 4.0, 3.0, "serious", "serious", false),
            new SampleItems("S-2015-03-b", 4.0, 4.0, 0.08, 0.08, "none", "none", false)));
  }

  @Test
  void smallBandsAreSuppressedAndZerosShown() {
    LegalSection s = raw().suppress(5, 2, Set.of("S-2015-01-a"));
    TierRow ads = s.tiers().get(1);
    assertThat(ads.especiallyFound()).isEqualTo(6L);
    assertThat(ads.seriousFound()).isNull();
    assertThat(ads.suppressed()).containsExactly("serious_found");
    TierRow gains = s.tiers().get(0);
    assertThat(gains.seriousFound()).isZero();
    assertThat(gains.especiallyFound()).isZero();
    assertThat(gains.seriousCounted()).isNull();
    assertThat(gains.suppressed()).isEmpty();
    TierRow samples = s.tiers().get(2);
    assertThat(samples.seriousFound()).isEqualTo(3L);
    assertThat(samples.especiallyFound()).isNull();
    assertThat(samples.seriousCounted()).isNull();
    assertThat(samples.especiallyCounted()).isZero();
    assertThat(samples.suppressed()).containsExactly("especially_found", "serious_counted");
    assertThat(s.samples().get(0).itemsFound()).isEqualTo(200.0);
    assertThat(s.samples().get(1).suppressed()).isTrue();
    assertThat(s.samples().get(1).itemsFound()).isNull();
    // applying the rule to the published copy changes nothing
    assertThat(s.suppress(5, 2, Set.of("S-2015-01-a"))).isEqualTo(s);
  }

  @Test
  void rendersInMarkdownHtmlCsvAndSummary() throws IOException {
    Path dir = tmp.resolve("all");
    PublicationWriter.write(PublicationFixtures.model(List.of()), dir, 5, 2, raw());
    String md = Files.readString(dir.resolve("publication.md"));
    assertThat(md)
        .contains("## Against the legal thresholds")
        .contains(LegalSection.NOTE)
        .contains("Of 40 adverts, a suppressed number of offer a stated count")
        .contains("Of 6 leak samples, 3 reach the serious line as handed over and a suppressed")
        .contains("| Leak samples | 6 | 3 |  |  | 0 | x |");
    String html = Files.readString(dir.resolve("publication.html"));
    assertThat(html)
        .contains("<section id=\"legal\">")
        .contains("<h2>Against the legal thresholds</h2>");
    assertThat(html.indexOf("id=\"legal\"")).isGreaterThan(html.indexOf("id=\"value\""));
    assertThat(Files.readString(dir.resolve("tables/legal_thresholds.csv")))
        .contains("advert,items,40,,,6,,serious_found,x\n")
        .contains("sample,items,6,3,,,0,especially_found serious_counted,x\n");
    assertThat(Files.readString(dir.resolve("tables/legal_samples.csv")))
        .contains("S-2015-03-b,,,,,,,true,x\n");
    JsonNode legal = new ObjectMapper().readTree(dir.resolve("summary.json").toFile()).get("legal");
    assertThat(legal.get("rules_version").asText()).isEqualTo("2017-10/1");
    assertThat(legal.get("note").asText()).contains("not a legal finding");
    assertThat(legal.at("/tiers/1/especially_found").asLong()).isEqualTo(6L);
    assertThat(legal.at("/tiers/1/serious_found").isNull()).isTrue();
    assertThat(legal.at("/tiers/1/bands").isMissingNode()).isTrue();
    assertThat(legal.at("/samples/1/suppressed").asBoolean()).isTrue();
    // without the section, the publication is as before
    Path plain = tmp.resolve("plain");
    PublicationWriter.write(PublicationFixtures.model(List.of()), plain, 5, 2);
    assertThat(Files.readString(plain.resolve("publication.md")))
        .doesNotContain("legal thresholds");
    assertThat(plain.resolve("tables/legal_thresholds.csv")).doesNotExist();
  }
}
