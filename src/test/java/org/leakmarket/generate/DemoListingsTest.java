package org.leakmarket.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.leakmarket.normalize.Listing;
import org.leakmarket.normalize.Normalizer;
import org.leakmarket.normalize.NormalizerSettings;
import org.leakmarket.normalize.Offer;
import org.leakmarket.reference.FxTable;
import org.leakmarket.vocab.Product;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoListingsTest {
  private static final Path DATA =
      Path.of(System.getProperty("leakmarket.project.dir", ".")).resolve("data-samples");

  private List<GeneratedListing> demo;
  private Map<String, GeneratedListing> byId;

  @BeforeAll
  void build() {
    demo = DemoListings.listings(DemoListings.DEFAULT_SEED);
    byId =
        demo.stream()
            .filter(l -> l.listingId() != null)
            .collect(Collectors.toMap(GeneratedListing::listingId, Function.identity()));
  }

  @Test
  void committedDemoFilesAreWhatTheGeneratorWrites(@TempDir Path tmp) throws IOException {
    DemoListings.write(tmp, DemoListings.DEFAULT_SEED);
    for (String f :
        List.of(
            DemoListings.LISTINGS,
            DemoListings.LATE,
            DemoListings.TRUTH,
            DemoListings.LATE_TRUTH,
            DemoListings.CELLS)) {
      assertThat(Files.readAllBytes(tmp.resolve(f)))
          .as(f + ": regenerate with 'generate --demo --out data-samples'")
          .isEqualTo(Files.readAllBytes(DATA.resolve(f)));
    }
  }

  @Test
  void demoSizeAndMonths() {
    assertThat(demo).hasSize(DemoListings.fixed().size() + DemoListings.GENERATED_ROWS);
    assertThat(demo.size()).isBetween(400, 600);
    assertThat(
            demo.stream()
                .map(GeneratedListing::period)
                .filter(p -> p != null && p.compareTo("2014-12") >= 0)
                .distinct()
                .sorted()
                .toList())
        .containsExactly(
            "2014-12", "2015-01", "2015-02", "2015-03", "2015-04", "2015-05", "2015-06");
    long bad = demo.stream().filter(l -> l.bad() != null).count();
    assertThat(bad / (double) demo.size()).isBetween(0.03, 0.07);
    assertThat(demo.stream().filter(l -> l.repostOf() != null).count()).isGreaterThan(20);
  }

  @Test
  void seedArticlePricesAreThere() {
    assertOffer("L-demo-seed-001", 0, 0.5, "unknown", "new");
    assertThat(byId.get("L-demo-seed-001").offers().get(0).offer().issuers())
        .containsExactly("ICBC", "ABC", "BOC", "CCB", "BOCOM");
    assertOffer("L-demo-seed-002", 0, 0.35, "unknown", "second_hand");
    assertOffer("L-demo-seed-003", 0, 5.0, "platinum", "unknown");
    assertOffer("L-demo-seed-004", 0, 0.02, "unknown", "unknown"); // 2000元10万条
    GeneratedListing.Priced range = byId.get("L-demo-seed-005").offers().get(0);
    assertThat(range.lowCny()).isEqualTo(0.02);
    assertThat(range.highCny()).isEqualTo(5.0);
    assertThat(range.cny()).isCloseTo(Math.sqrt(0.1), within(1e-12));
    assertThat(text("L-demo-seed-004")).contains("2000元10万条");
    assertThat(text("L-demo-seed-005")).contains("2分到5元");
    assertThat(text("L-demo-seed-003")).contains("金卡白金卡").contains("最高5元");
  }

  @Test
  void trialSampleAdvertsClaimWhatTheSamplesNeed() {
    assertThat(text("L-demo-sample-001")).containsAnyOf("最新", "一手");
    assertOffer("L-demo-sample-001", 0, 0.6, "unknown", "new");
    assertThat(text("L-demo-sample-002")).containsAnyOf("最新", "一手");
    assertOffer("L-demo-sample-002", 0, 0.55, "unknown", "new");
    assertThat(text("L-demo-sample-003")).contains("二手");
    assertOffer("L-demo-sample-003", 0, 0.35, "unknown", "second_hand");
    assertThat(text("L-demo-sample-004")).contains("新鲜");
    assertOffer("L-demo-sample-004", 0, 0.45, "unknown", "new");
  }

  @Test
  void vocabularyFormsAppear() {
    String all = demo.stream().map(GeneratedListing::line).collect(Collectors.joining("\n"));
    for (String form :
        List.of(
            "三毛五",
            "一块五",
            "两毛五",
            "十万",
            "1.5万",
            "1w条",
            "每万条600元",
            "10万条2000元",
            "2000元10万条",
            "$300 for 10k",
            "50 USDT per 1k records",
            "0.5 BTC for 100k cards",
            "€14",
            "0.3-0.5元/条",
            "2分到5元",
            "最高5元",
            "普卡三毛 金卡一块 白金卡五块",
            "10万条起",
            "试用200条免费",
            "求购",
            "工农中建交",
            "太平洋卡",
            "每筆",
            "合肥",
            "安徽",
            "上海",
            "河北",
            "江苏",
            // the grammar of real sellers (issue 12)
            "12万用户-0.08BTC出售",
            "3,1 million phone numbers",
            "40 verified Venmo logins $95",
            "| $25",
            "$500 – $2,000 balances",
            "两万元起卖",
            "一份 2000 元 10 万条",
            "一套15元",
            "余额",
            "between $",
            "as little as")) {
      assertThat(all).as(form).contains(form);
    }
  }

  /** Every product is sold in the demo, in both markets where it is, and logins carry balances. */
  @Test
  void everyProductIsInTheDemo() {
    Map<Product, Long> offers =
        demo.stream()
            .flatMap(l -> l.offers().stream())
            .collect(Collectors.groupingBy(p -> p.offer().product(), Collectors.counting()));
    assertThat(offers.keySet()).containsAll(PriceModel.PRODUCTS);
    assertThat(offers.get(Product.PERSONAL_RECORDS))
        .isGreaterThan(offers.get(Product.CARD_CREDENTIALS));
    long loginsWithBalance =
        demo.stream()
            .flatMap(l -> l.offers().stream())
            .filter(
                p ->
                    p.offer().product() == Product.ACCOUNT_ACCESS && p.offer().balanceLow() != null)
            .count();
    assertThat(loginsWithBalance).isGreaterThan(5);
    assertThat(byId.get("L-demo-real-005").offers().get(0).balanceLowCny())
        .isCloseTo(500 * 6.2, within(500 * 0.1));
  }

  @Test
  void lateListingsAreInAPublishedMonth() {
    List<GeneratedListing> late = DemoListings.late(DemoListings.DEFAULT_SEED);
    assertThat(late)
        .hasSize(DemoListings.LATE_ROWS)
        .allMatch(l -> l.period().equals(DemoListings.LATE_MONTH))
        .allMatch(GeneratedListing::ok);
    assertThat(late.get(0).listingId()).isEqualTo("L-late-001");
    assertThat(late).noneMatch(l -> byId.containsKey(l.listingId()));
  }

  /** The structured-field normaliser already in the pipeline must agree with the truth. */
  @Test
  void structuredListingsParseWithTheCurrentNormalizer() {
    Normalizer n = new Normalizer(FxTable.shipped(45), new NormalizerSettings(0.0001, 50_000));
    int ok = 0;
    int rejected = 0;
    for (GeneratedListing l : demo) {
      JsonNode j = ListingGeneratorTest.parse(l.line());
      if (j == null || !j.has("price")) {
        continue;
      }
      List<Offer> offers = n.normalize(listing(j));
      assertThat(offers).hasSize(1);
      Offer o = offers.get(0);
      if (l.ok()) {
        assertThat(o.status()).as(l.line()).isEqualTo("ok");
        assertThat(o.pricePerRecordCny())
            .as(l.line())
            .isCloseTo(l.offers().get(0).cny(), within(1e-9 * o.pricePerRecordCny()));
        ok++;
      } else {
        assertThat(o.reason()).as(l.line()).isEqualTo(l.reason());
        rejected++;
      }
    }
    assertThat(ok).isGreaterThan(50);
    assertThat(rejected).isGreaterThan(5);
  }

  private static Listing listing(JsonNode j) {
    return new Listing(
        s(j, "listing_id"),
        s(j, "source"),
        s(j, "channel"),
        s(j, "seller"),
        s(j, "posted_at"),
        s(j, "text"),
        s(j, "price"),
        s(j, "currency"),
        s(j, "quantity"),
        s(j, "tier"),
        s(j, "freshness"),
        s(j, "category"),
        s(j, "region"),
        s(j, "issuer"),
        Map.of());
  }

  private static String s(JsonNode j, String f) {
    return j.hasNonNull(f) ? j.get(f).asText() : null;
  }

  private String text(String id) {
    return ListingGeneratorTest.parse(byId.get(id).line()).get("text").asText();
  }

  private void assertOffer(String id, int i, double cny, String tier, String freshness) {
    GeneratedListing.Priced p = byId.get(id).offers().get(i);
    assertThat(p.cny()).as(id).isCloseTo(cny, within(1e-12));
    assertThat(p.offer().tier()).as(id).isEqualTo(tier);
    assertThat(p.offer().freshness()).as(id).isEqualTo(freshness);
    assertThat(p.offer().category()).as(id).isEqualTo("credit_card");
  }
}
