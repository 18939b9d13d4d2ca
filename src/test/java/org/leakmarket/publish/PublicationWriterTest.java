package org.leakmarket.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class PublicationWriterTest {
  @TempDir Path tmp;

  private Path writeFixture(Path dir, List<PublicationModel.Revision> revisions)
      throws IOException {
    PublicationWriter.write(PublicationFixtures.model(revisions), dir, 5, 2);
    return dir;
  }

  /** The keys of a JSON object, so that a missing one is named on failure. */
  private static List<String> fieldNames(JsonNode n) {
    List<String> names = new ArrayList<>();
    n.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  @Test
  void writesEveryFileOfThePublication() throws IOException {
    Path dir = writeFixture(tmp.resolve("all"), PublicationFixtures.revisions());
    assertThat(dir.resolve("summary.json")).isRegularFile();
    assertThat(dir.resolve("publication.md")).isRegularFile();
    assertThat(dir.resolve("publication.html")).isRegularFile();
    for (String t :
        List.of(
            "market_cells",
            "indices",
            "volume",
            "change_since_previous",
            "exposure_by_issuer",
            "exposure_by_tier",
            "exposure_by_region",
            "samples",
            "overlap",
            "population_models",
            "population_sensitivity",
            "value_at_market_prices",
            "value_by_rule",
            "rejections_by_reason",
            "revisions")) {
      assertThat(dir.resolve("tables/" + t + ".csv")).isRegularFile();
    }
    for (String c :
        List.of(
            "price_by_tier_freshness_personal_records",
            "price_by_tier_freshness_card_credentials",
            "price_indices",
            "exposure_by_issuer",
            "population_estimates")) {
      assertThat(dir.resolve("charts/" + c + ".svg")).isRegularFile();
      assertThat(Files.readAllBytes(dir.resolve("charts/" + c + ".png")))
          .startsWith(0x89, 'P', 'N', 'G');
    }
    assertThat(dir.resolve("manifest.json")).doesNotExist();
  }

  @Test
  void htmlIsWellFormedSelfContainedAndEveryReferencedFileExists() throws Exception {
    Path dir = writeFixture(tmp.resolve("all"), PublicationFixtures.revisions());
    String html = Files.readString(dir.resolve("publication.html"));
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    Document doc = f.newDocumentBuilder().parse(dir.resolve("publication.html").toFile());
    assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("html");

    List<String> refs = new ArrayList<>();
    NodeList all = doc.getElementsByTagNameNS("*", "*");
    for (int i = 0; i < all.getLength(); i++) {
      Element e = (Element) all.item(i);
      for (String attr : List.of("href", "src", "xlink:href", "data")) {
        if (e.hasAttribute(attr)) {
          refs.add(e.getAttribute(attr));
        }
      }
      assertThat(e.getLocalName()).isNotIn("script", "link", "img", "iframe", "object");
    }
    assertThat(refs).isNotEmpty();
    for (String ref : refs) {
      assertThat(ref).doesNotContain("://").doesNotStartWith("//");
      if (!ref.startsWith("#")) {
        assertThat(dir.resolve(ref)).as(ref).isRegularFile();
      }
    }
    // The only URLs allowed are XML namespace names (xmlns attributes), which are never fetched.
    String withoutNamespaces = html.replaceAll("xmlns(:[A-Za-z]+)?=(\"[^\"]*\"|'[^']*')", "");
    assertThat(withoutNamespaces)
        .doesNotContainPattern("(?i)(https?|ftp)://|//[a-z0-9.-]+\\.[a-z]");
    // url(#id) points at a clip path inside the same SVG; any other url( would fetch something.
    assertThat(html).doesNotContain("@import").doesNotContainPattern("url\\((?!#)");
    // Five charts inline, each as SVG: a price chart per product, indices, issuers, population.
    assertThat(doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg").getLength())
        .isEqualTo(5);
  }

  @Test
  void markdownReferencesOnlyExistingFiles() throws IOException {
    Path dir = writeFixture(tmp.resolve("all"), PublicationFixtures.revisions());
    String md = Files.readString(dir.resolve("publication.md"));
    Matcher link = Pattern.compile("\\]\\(([^)]+)\\)").matcher(md);
    int n = 0;
    while (link.find()) {
      n++;
      assertThat(link.group(1)).doesNotContain("://");
      assertThat(dir.resolve(link.group(1))).as(link.group(1)).isRegularFile();
    }
    assertThat(n).isGreaterThanOrEqualTo(12);
    assertThat(md).doesNotContain("{{", "}}");
  }

  @Test
  void headlineNumbersAreThoseOfTheSummary() throws IOException {
    Path dir = writeFixture(tmp.resolve("all"), List.of());
    JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    JsonNode standardNew = null;
    for (JsonNode c : summary.at("/market/cells")) {
      if (c.get("period").asText().equals("2015-03")
          && c.get("tier").asText().equals("standard")
          && c.get("freshness").asText().equals("new")) {
        standardNew = c;
      }
    }
    assertThat(standardNew).isNotNull();
    // Hand-formatted from the fixture: median 0.545 (0.50 × 1.09), interval 0.4905–0.5995 of 46
    // quotes: ranks 16 and 31, level 1 − 2·P(Bin(46, ½) ≤ 15) = 97.4%.
    String expected =
        "Fresh credit-card customer records of standard cards were advertised at a median asking"
            + " price of 0.55 CNY per record in 2015-03 (95% order-statistic interval 0.49–0.60,"
            + " achieved level 97.4%), from 46 independent quotes (48 offers) by 15 sellers.";
    assertThat(standardNew.get("median_cny").asDouble()).isEqualTo(0.545);
    assertThat(standardNew.get("n_quotes").asLong()).isEqualTo(46);
    assertThat(standardNew.get("ci_method").asText()).isEqualTo("order_statistic");
    String md = Files.readString(dir.resolve("publication.md"));
    String html = Files.readString(dir.resolve("publication.html"));
    assertThat(md).contains(expected);
    assertThat(html).contains(expected);
    // The card-credential product's own headline: 13 quotes, ranks 3 and 11, 97.8%.
    assertThat(md)
        .contains(
            "Card credentials were advertised at a median asking price of 95.00 CNY per record in"
                + " 2015-03 (95% order-statistic interval 80.00–118, achieved level 97.8%), from 13"
                + " independent quotes by 9 sellers.");
    // Hedonic 108.9 in the last period, +4.5% on 104.2; Jevons 109.4 with its bootstrap interval.
    assertThat(md)
        .contains(
            "stood at 108.9 in 2015-03 (95% CI 95.1–124.7, seller-clustered CR1 standard errors),"
                + " against 100 in 2015-01; the regression holds 412 offers from 58 sellers (R²"
                + " 0.87). The Jevons index of matched cells stood at 109.4 (95% seller-bootstrap"
                + " interval 103.0–115.9).");
    // One sentence: the selected model [12,3] with its profile interval (2,540.2–3,410.8), the
    // average (2,985.8; 2,553.0–3,525.0) of the five models with an estimate, and their range
    // (2,710.4 for [1,2,3] to 3,104.9 for [12,13]); then the heterogeneity rows with an estimate
    // (Chao 3,310.2, Darroch 3,902.5; Poisson2 has none).
    String population =
        "Capture–recapture across 3 lists implies about 2,932 exposed persons under the"
            + " best-fitting model ([12,3], chosen by BIC; 95% profile-likelihood CI 2,540–3,411);"
            + " averaging over all 5 models by how well they fit (BIC weights) gives 2,986 (95% CI"
            + " 2,553–3,525), and the individual models range from 2,710 to 3,105; 1,523 such"
            + " persons were actually seen (records with a valid card, mobile number or ID"
            + " number). If some people are much more likely than others to turn up in a sample,"
            + " models that allow for it (Chao's lower bound, Darroch, Poisson2) put the number"
            + " at between 3,310 and 3,903.";
    assertThat(md).contains("- " + population);
    assertThat(html).contains(population.replace("'", "&#39;")); // HTML-escaped apostrophe
    assertThat(summary.at("/population/model_average/n_hat").asDouble()).isEqualTo(2985.8);
    assertThat(summary.at("/population/model_average/ci_high").asDouble()).isEqualTo(3525.0);
    assertThat(summary.at("/population/sensitivity/0/model").asText()).isEqualTo("Mth Chao (LB)");
    assertThat(summary.at("/population/sensitivity/2/n_hat").isNull()).isTrue();
    assertThat(summary.at("/population/models/1/profile_ci_low").asDouble()).isEqualTo(2540.2);
    // Darroch's profile has no finite upper limit: shown open-ended, blank in the CSV.
    assertThat(md).contains("| Mth Darroch | 3,903 | 610 | 3,001–∞ | heterogeneity |");
    assertThat(Files.readString(dir.resolve("tables/population_sensitivity.csv")))
        .contains("heterogeneity,Mth Darroch,3902.5,610.4,2956.2,5319,3001.2,,true,\n");
    // Value at asking prices: total 490.5 + 457.8 + 941.8 + 21.93 = 1,912 with the fixture's joint
    // interval; the premium group (3 persons) is suppressed and with it, by the secondary rule, the
    // unpriced group (12) and the rule rows "cell" and "unpriced": the unpriced count is withheld.
    String value =
        "At asking prices, the exposed persons that could be priced are worth about 1,912 CNY"
            + " (95% CI 1,790–2,010): what sellers could ask for their records, not a price paid"
            + " and not the harm done; how many of the 1,445 valid persons (each counted once)"
            + " could not be priced is withheld (small-cell rule); 240 fabricated records (no"
            + " valid identifier) and 118 repeats of persons already counted were left out.";
    assertThat(md).contains("- " + value);
    assertThat(md).contains("| the sample's own advertised price | 900 | 491 |  |");
    assertThat(md).contains("| the matching market cell |  |  | x |");
    assertThat(summary.at("/value_at_market_prices/records_unpriced").isNull()).isTrue();
    assertThat(summary.at("/value_at_market_prices/by_rule/0/rule").asText())
        .isEqualTo("own_price");
    assertThat(summary.at("/value_at_market_prices/ci_low").asDouble()).isEqualTo(1790.2);
    assertThat(md).doesNotContain("sold for a median of 1.3"); // no stray valuation wording
    assertThat(md).contains("moved +4.5% (104.2 to 108.9)");
  }

  @Test
  void theThreeOfferCellAndWhatWouldRevealItAreInNoOutput() throws IOException {
    Path dir = writeFixture(tmp.resolve("all"), PublicationFixtures.revisions());
    for (Path f : files(dir)) {
      if (f.toString().endsWith(".png")) {
        continue; // rasters of the same suppressed model; not text
      }
      String text = Files.readString(f, StandardCharsets.UTF_8);
      for (String v : PublicationFixtures.SMALL_CELL_VALUES) {
        assertThat(
                Pattern.compile("(?<![0-9.])" + Pattern.quote(v) + "(?![0-9])")
                    .matcher(text)
                    .find())
            .as(v + " in " + dir.relativize(f))
            .isFalse();
      }
    }
    // Summary: the cell is there, flagged, numbers null; its complement (gold second-hand, the
    // next smallest in 2015-03) too, so that the period's offers cannot reveal it.
    JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    int suppressed = 0;
    for (JsonNode c : summary.at("/market/cells")) {
      if (c.get("suppressed").asBoolean()) {
        suppressed++;
        assertThat(c.get("period").asText()).isEqualTo("2015-03");
        assertThat(c.get("tier").asText()).isIn("premium", "gold");
        assertThat(c.get("median_cny").isNull()).isTrue();
        assertThat(c.get("n_offers").isNull()).isTrue();
        assertThat(c.get("n_sellers").isNull()).isTrue();
      }
    }
    assertThat(suppressed).isEqualTo(2);
    // Issuers: BOJS (3 persons) and CITIC (41, the next smallest) are blank in the CSV.
    String issuers = Files.readString(dir.resolve("tables/exposure_by_issuer.csv"));
    assertThat(issuers)
        .contains("BOJS,,true,x\n", "CITIC,,true,x\n")
        .doesNotContainPattern("\\b41\\b");
    // Region 65 (3 persons) and its complement Guangdong (168) are blank.
    String regions = Files.readString(dir.resolve("tables/exposure_by_region.csv"));
    assertThat(regions).contains("65,Xinjiang,,true,x\n", "44,Guangdong,,true,x\n");
    // Capture history 111 (2 persons) with 011 (14): together 16 ≥ 5.
    String overlap = Files.readString(dir.resolve("tables/overlap.csv"));
    assertThat(overlap).contains("111,,true,x\n", "011,,true,x\n");
    // Charts do not plot the suppressed issuers.
    String issuerSvg = Files.readString(dir.resolve("charts/exposure_by_issuer.svg"));
    assertThat(issuerSvg).contains("ICBC").doesNotContain("BOJS", "CITIC");
    String md = Files.readString(dir.resolve("publication.md"));
    assertThat(md).contains("A row marked x is suppressed");
  }

  @Test
  void sameModelGivesIdenticalBytesExceptTheTimestamp() throws IOException {
    PublicationModel m = PublicationFixtures.model(PublicationFixtures.revisions());
    PublicationModel later =
        new PublicationModel(
            m.label(),
            "2027-01-01T00:00:00Z",
            m.listings(),
            m.samples(),
            m.market(),
            m.exposure(),
            m.population(),
            m.rejectionsByReason(),
            m.valueAtMarketPrices(),
            m.volume(),
            m.changeSincePrevious(),
            m.revisions(),
            m.dataAndMethods(),
            m.footnotes());
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    PublicationWriter.write(m, a, 5, 2);
    PublicationWriter.write(later, b, 5, 2);
    List<Path> fa = files(a);
    assertThat(fa.stream().map(a::relativize).toList())
        .isEqualTo(files(b).stream().map(b::relativize).toList());
    for (Path f : fa) {
      String rel = a.relativize(f).toString();
      if (rel.endsWith(".png")) {
        continue;
      }
      String x = Files.readString(f);
      String y = Files.readString(b.resolve(rel));
      if (rel.equals("summary.json")) {
        assertThat(x).isNotEqualTo(y);
        assertThat(SummaryJson.withoutTimestamp(x)).isEqualTo(SummaryJson.withoutTimestamp(y));
      } else if (rel.startsWith("publication.")) {
        assertThat(x.replace("2026-11-28T13:00:00Z", "T"))
            .isEqualTo(y.replace("2027-01-01T00:00:00Z", "T"));
      } else {
        assertThat(Files.readAllBytes(f)).as(rel).isEqualTo(Files.readAllBytes(b.resolve(rel)));
      }
    }
  }

  @Test
  void revisionsSectionOnlyWhenThereAreRevisions() throws IOException {
    Path with = writeFixture(tmp.resolve("with"), PublicationFixtures.revisions());
    Path without = writeFixture(tmp.resolve("without"), List.of());
    String md = Files.readString(with.resolve("publication.md"));
    assertThat(md)
        .contains(
            "## Revisions since the last publication",
            "2 published figures were revised",
            "| Median CNY, personal-records / credit-card / standard / new | 2015-02 | 0.51 | 0.52"
                + " | +2.0% |  |");
    JsonNode summary = new ObjectMapper().readTree(with.resolve("summary.json").toFile());
    assertThat(summary.at("/revisions/1/old").asDouble()).isEqualTo(103.7);
    assertThat(summary.at("/revisions/1/new").asDouble()).isEqualTo(104.2);
    assertThat(Files.readString(with.resolve("publication.html")))
        .contains("<h2>Revisions since the last publication</h2>");
    assertThat(Files.readString(with.resolve("tables/revisions.csv")))
        .isEqualTo(
            "figure,period,old,new,change_pct,note\n"
                + "median_cny personal_records/credit_card/standard/new,2015-02,0.51,0.52,1.96078,\n"
                + "hedonic_index,2015-02,103.7,104.2,0.48216,\n");
    assertThat(Files.readString(without.resolve("publication.md")))
        .doesNotContain("Revisions since");
    assertThat(Files.readString(without.resolve("tables/revisions.csv")))
        .isEqualTo("figure,period,old,new,change_pct,note\n");
  }

  @Test
  void summaryHasTheContractKeys() throws IOException {
    Path dir = writeFixture(tmp.resolve("all"), List.of());
    JsonNode s = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    for (String p :
        List.of(
            "/listings/read",
            "/listings/offers",
            "/listings/rejected",
            "/listings/duplicates_collapsed",
            "/samples/samples",
            "/samples/records",
            "/samples/rejected",
            "/market/cells",
            "/market/jevons",
            "/market/hedonic",
            "/exposure/records",
            "/exposure/persons",
            "/exposure/cards",
            "/exposure/by_issuer",
            "/exposure/by_tier",
            "/exposure/by_region",
            "/exposure/recycled_share",
            "/exposure/samples",
            "/population/lists",
            "/population/lincoln_petersen",
            "/population/chapman",
            "/population/models",
            "/population/selected",
            "/generated_at")) {
      assertThat(s.at(p).isMissingNode()).as(p).isFalse();
    }
    JsonNode cell = s.at("/market/cells/0");
    assertThat(fieldNames(cell))
        .as("/market/cells/0")
        .contains(
            "period",
            "product",
            "category",
            "tier",
            "freshness",
            "n_quotes",
            "n_offers",
            "n_sellers",
            "median_cny",
            "p25_cny",
            "p75_cny",
            "median_ci_low",
            "median_ci_high",
            "median_ci_level",
            "ci_method",
            "suppressed");
    assertThat(cell.get("product").asText()).isEqualTo("personal_records");
    assertThat(s.at("/market/weight").asText()).isEqualTo("seller");
    assertThat(s.at("/market/hedonic/1/n").asLong()).isEqualTo(412);
    assertThat(s.at("/market/hedonic/1/sellers").asLong()).isEqualTo(58);
    assertThat(s.at("/market/hedonic/1/r2").asDouble()).isEqualTo(0.87);
    assertThat(s.at("/market/jevons/2/ci_low").asDouble()).isEqualTo(103.0);
    JsonNode sample = s.at("/exposure/samples/0");
    assertThat(fieldNames(sample))
        .as("/exposure/samples/0")
        .contains("valid_card_share", "claimed_freshness");
    JsonNode model = s.at("/population/models/0");
    assertThat(fieldNames(model)).as("/population/models/0").contains("n_hat", "aic", "converged");
    assertThat(s.at("/market/hedonic/1/ci_low").asDouble()).isEqualTo(90.7);
    // A model whose MLE does not exist has no numbers.
    assertThat(s.at("/population/models/5/n_hat").isNull()).isTrue();
    // Reading it back gives the published model.
    PublicationModel back = SummaryJson.read(Files.readString(dir.resolve("summary.json")));
    assertThat(SummaryJson.write(back)).isEqualTo(Files.readString(dir.resolve("summary.json")));
  }

  /**
   * Asking prices, never sales; one section per product, customer records first; every published
   * median interval inside its cell's range and labelled with its method and level.
   */
  @Test
  void pricesAreAskingPricesProductsHaveSectionsAndIntervalsSayTheirMethod() throws IOException {
    Path dir = writeFixture(tmp.resolve("all"), List.of());
    for (Path f : files(dir)) {
      if (!f.toString().endsWith(".png")) {
        assertThat(Files.readString(f))
            .as(dir.relativize(f).toString())
            .doesNotContainIgnoringCase("sold for")
            .doesNotContainIgnoringCase("sells for")
            .doesNotContainIgnoringCase("bootstrap interval of the median");
      }
    }
    String md = Files.readString(dir.resolve("publication.md"));
    assertThat(md).contains("### Customer records", "### Card credentials (number, expiry, CVV)");
    assertThat(md.indexOf("### Customer records")).isLessThan(md.indexOf("### Card credentials"));
    assertThat(md)
        .contains(
            "**Asking prices.** Every price in this brief is an asking price",
            "an offer is not a sale",
            "Sellers exaggerate",
            "scams",
            "(weight: seller)");
    // the table states each interval's method and level
    assertThat(md).contains("| 0.49–0.60 | order statistic, 97.4% |");
    JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    int checked = 0;
    for (JsonNode c : summary.at("/market/cells")) {
      if (c.get("suppressed").asBoolean()) {
        continue;
      }
      checked++;
      double lo = c.get("median_ci_low").asDouble();
      double hi = c.get("median_ci_high").asDouble();
      assertThat(lo).isGreaterThanOrEqualTo(c.get("min_cny").asDouble());
      assertThat(hi).isLessThanOrEqualTo(c.get("max_cny").asDouble());
      assertThat(c.get("ci_method").asText()).isIn("order_statistic", "range");
      assertThat(c.get("median_ci_level").asDouble())
          .isGreaterThanOrEqualTo(c.get("ci_method").asText().equals("range") ? 0 : 0.95);
    }
    assertThat(checked).isEqualTo(22); // 24 cells, the premium one and its complement suppressed
    assertThat(Files.readString(dir.resolve("tables/market_cells.csv")))
        .startsWith(
            "period,product,category,tier,freshness,n_quotes,n_offers,n_sellers,median_cny,"
                + "p25_cny,p75_cny,min_cny,max_cny,median_ci_low,median_ci_high,median_ci_level,"
                + "ci_method,weight,suppressed,note\n")
        .contains(
            "2015-03,personal_records,credit_card,standard,new,46,48,15,0.545,0.491,0.632,0.442,"
                + "0.66,0.491,0.6,0.974104,order_statistic,seller,false,\n");
  }

  @Test
  void anEmptyPublicationStillRenders() throws Exception {
    PublicationModel empty =
        new PublicationModel(
            "2015-01",
            "2026-11-28T13:00:00Z",
            new PublicationModel.Listings(0, 0, 0, 0),
            new PublicationModel.SampleCounts(0, 0L, 0),
            new PublicationModel.Market(null, null, null),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    Path dir = tmp.resolve("empty");
    PublicationWriter.write(empty, dir, 5, 2);
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.newDocumentBuilder().parse(dir.resolve("publication.html").toFile());
    assertThat(Files.readString(dir.resolve("publication.md")))
        .contains("Only one period is published");
    assertThat(Files.readString(dir.resolve("tables/market_cells.csv")))
        .startsWith("period,")
        .hasLineCount(1);
    try (Stream<Path> charts = Files.list(dir.resolve("charts"))) {
      assertThat(charts).isEmpty();
    }
  }
}
