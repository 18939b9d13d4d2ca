package org.leakmarket.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListingGeneratorTest {
  private static final int N = 20_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final GeneratorSettings settings = GeneratorSettings.defaults(42, N);
  private List<GeneratedListing> rows;

  @BeforeAll
  void generate() {
    ListingGenerator g = new ListingGenerator(settings);
    rows = new ArrayList<>(N);
    for (long i = 0; i < N; i++) {
      rows.add(g.row(i));
    }
  }

  @Test
  void sameSeedSameRowsAnyOrder() {
    ListingGenerator other = new ListingGenerator(settings);
    // Rows are pure functions of (seed, row): generating backwards gives the same lines.
    for (long i = N - 1; i >= N - 500; i--) {
      assertThat(other.row(i).line()).isEqualTo(rows.get((int) i).line());
    }
    ListingGenerator otherSeed = new ListingGenerator(GeneratorSettings.defaults(43, N));
    long same = 0;
    for (int i = 0; i < 500; i++) {
      same += otherSeed.row(i).line().equals(rows.get(i).line()) ? 1 : 0;
    }
    assertThat(same).isLessThan(5);
  }

  @Test
  void listingIdsAreUniqueAndStable() {
    Set<String> ids = new HashSet<>();
    rows.stream().filter(r -> r.listingId() != null).forEach(r -> ids.add(r.listingId()));
    long withId = rows.stream().filter(r -> r.listingId() != null).count();
    assertThat(ids).hasSize((int) withId);
    assertThat(ListingGenerator.listingId(42, 7))
        .isEqualTo(ListingGenerator.listingId(42, 7))
        .isNotEqualTo(ListingGenerator.listingId(43, 7))
        .matches("L-[0-9a-f]{16}");
  }

  @Test
  void badRowsHaveTheirShareAndEveryKind() {
    long bad = rows.stream().filter(r -> r.bad() != null).count();
    // Binomial(20000, 0.05): sd 0.0015; four sd either side.
    assertThat(bad / (double) N).isCloseTo(0.05, within(0.006));
    Map<String, Long> byKind = new HashMap<>();
    rows.stream().filter(r -> r.bad() != null).forEach(r -> byKind.merge(r.bad(), 1L, Long::sum));
    assertThat(byKind.keySet()).containsExactlyInAnyOrderElementsOf(ListingGenerator.BAD_KINDS);
    // Uniform over nine kinds: each about bad/9.
    byKind.values().forEach(v -> assertThat(v).isBetween(bad / 9 - 40, bad / 9 + 40));
  }

  @Test
  void eachBadRowIsBadTheWayItsTruthSays() {
    for (GeneratedListing r : rows) {
      if (r.bad() == null) {
        JsonNode n = parse(r.line());
        assertThat(n).as(r.line()).isNotNull();
        assertThat(n.hasNonNull("source") && n.hasNonNull("posted_at") && n.hasNonNull("text"))
            .isTrue();
        continue;
      }
      assertThat(r.status()).isEqualTo("rejected");
      assertThat(r.offers()).isEmpty();
      switch (r.bad()) {
        case "malformed_json" -> assertThat(parse(r.line())).as(r.line()).isNull();
        case "empty_line" -> assertThat(r.line()).isEmpty();
        case "missing_posted_at" -> assertThat(parse(r.line()).has("posted_at")).isFalse();
        case "unreadable_posted_at" ->
            assertThat(
                    org.leakmarket.normalize.PostedAt.parse(
                        parse(r.line()).get("posted_at").asText(), "qq"))
                .isEmpty();
        case "price_not_number" -> assertThat(parse(r.line()).get("price").isTextual()).isTrue();
        case "absurd_price" ->
            assertThat(parse(r.line()).get("price").asLong()).isEqualTo(99_999_999L);
        case "currency_without_fx" ->
            assertThat(parse(r.line()).get("currency").asText()).isEqualTo("JPY");
        case "date_outside_fx" ->
            assertThat(parse(r.line()).get("posted_at").asText()).startsWith("2014-06");
        case "zero_price" -> assertThat(parse(r.line()).get("price").asDouble()).isZero();
        default -> throw new AssertionError("unexpected bad kind " + r.bad());
      }
    }
  }

  @Test
  void repostsCopyAnEarlierAdvert() {
    Map<String, GeneratedListing> byId = new HashMap<>();
    rows.forEach(
        r -> {
          if (r.listingId() != null) {
            byId.put(r.listingId(), r);
          }
        });
    long reposts = rows.stream().filter(r -> r.repostOf() != null).count();
    assertThat(reposts / (double) N).isCloseTo(0.10, within(0.01));
    int checked = 0;
    int sameSeller = 0;
    for (GeneratedListing r : rows) {
      if (r.repostOf() == null || r.bad() != null) {
        continue;
      }
      GeneratedListing src = byId.get(r.repostOf());
      if (src == null || src.bad() != null) {
        continue;
      }
      JsonNode a = parse(r.line());
      JsonNode b = parse(src.line());
      assertThat(a.get("text").asText()).isEqualTo(b.get("text").asText());
      assertThat(a.get("listing_id").asText()).isNotEqualTo(b.get("listing_id").asText());
      assertThat(r.postedDate()).isAfterOrEqualTo(src.postedDate());
      sameSeller += a.get("seller").asText().equals(b.get("seller").asText()) ? 1 : 0;
      checked++;
    }
    assertThat(checked).isGreaterThan(1000);
    // 75% cross-posts by the same seller, plus copies that happen to draw the same seller.
    assertThat(sameSeller / (double) checked).isBetween(0.70, 0.82);
  }

  @Test
  void freshCreditCardPricesMatchTheSeedArticle() {
    // Chinese single-record adverts, deflated by the monthly trend: medians of the article.
    assertThat(median(zhUnitCard("new"))).isCloseTo(0.5, within(0.05));
    assertThat(median(zhUnitCard("second_hand"))).isCloseTo(0.35, within(0.04));
    List<Double> all = new ArrayList<>();
    rows.forEach(r -> r.offers().forEach(o -> all.add(o.cny())));
    // The article's range: 2 fen to 5 yuan covers the middle of the Chinese market.
    long zhInRange =
        rows.stream()
            .flatMap(r -> r.offers().stream())
            .filter(o -> o.offer().component().startsWith("zh") && o.cny() >= 0.02 && o.cny() <= 5)
            .count();
    long zh =
        rows.stream()
            .flatMap(r -> r.offers().stream())
            .filter(o -> o.offer().component().startsWith("zh"))
            .count();
    assertThat(zhInRange / (double) zh).isGreaterThan(0.85);
    // English card shops: 10-20 USD a card with CVV (about 60-125 CNY).
    List<Double> en = new ArrayList<>();
    rows.forEach(
        r ->
            r.offers().stream()
                .filter(
                    o ->
                        o.offer().component().equals("en_unit")
                            && o.offer().category().equals("credit_card")
                            && o.offer().tier().equals("unknown")
                            && o.offer().freshness().equals("new"))
                .forEach(o -> en.add(deflated(r, o.cny()))));
    assertThat(median(en)).isBetween(80.0, 105.0);
  }

  @Test
  void cellMediansAgreeWithTheAnalyticMixture() {
    // The simulated offers of a cell, deflated by trend, against the bisected mixture median.
    Map<PriceModel.Cell, List<Double>> sim = new HashMap<>();
    for (GeneratedListing r : rows) {
      if (r.repostOf() != null) {
        continue; // reposts carry an earlier month's price
      }
      for (GeneratedListing.Priced p : r.offers()) {
        TrueOffer o = p.offer();
        sim.computeIfAbsent(
                new PriceModel.Cell(o.category(), o.tier(), o.freshness()), k -> new ArrayList<>())
            .add(deflated(r, p.cny()));
      }
    }
    int checked = 0;
    for (PriceModel.CellTruth t : PriceModel.cellTruths()) {
      List<Double> v = sim.get(t.cell());
      if (v == null || v.size() < 200) {
        continue;
      }
      // The sample median of n log-normal draws has se sqrt(pi/2) sigma / sqrt(n) in log price;
      // sigma is 0.35-0.6 within a component, taken as 0.7 for the mixtures. Four se, plus 0.05
      // for rounding prices to what sellers write (steps of 0.05 CNY near 0.5, 0.5 near 5).
      double tol = 4 * Math.sqrt(Math.PI / 2) * 0.7 / Math.sqrt(v.size()) + 0.05;
      assertThat(Math.log(median(v) / t.medianCny()))
          .as(t.cell() + " n=" + v.size())
          .isCloseTo(0, within(tol));
      checked++;
    }
    assertThat(checked).isGreaterThanOrEqualTo(20);
  }

  @Test
  void offerSharesAgreeWithTheExpectedMix() {
    Map<PriceModel.Cell, Long> counts = new HashMap<>();
    long total = 0;
    for (GeneratedListing r : rows) {
      if (r.repostOf() != null || r.bad() != null) {
        continue;
      }
      for (GeneratedListing.Priced p : r.offers()) {
        counts.merge(
            new PriceModel.Cell(p.offer().category(), p.offer().tier(), p.offer().freshness()),
            1L,
            Long::sum);
        total++;
      }
    }
    double expectedTotal =
        PriceModel.cellTruths().stream().mapToDouble(PriceModel.CellTruth::offersPerListing).sum();
    PriceModel.Cell fresh = new PriceModel.Cell("credit_card", "unknown", "new");
    double share =
        PriceModel.cellTruths().stream()
                .filter(t -> t.cell().equals(fresh))
                .mapToDouble(PriceModel.CellTruth::offersPerListing)
                .sum()
            / expectedTotal;
    double observed = counts.get(fresh) / (double) total;
    assertThat(observed).isCloseTo(share, within(4 * Math.sqrt(share * (1 - share) / total)));
  }

  @Test
  void mixtureMedianClosedForms() {
    PriceModel.Cell c = new PriceModel.Cell("credit_card", "unknown", "new");
    // One component: the log-normal median is its median.
    assertThat(PriceModel.mixtureMedian(c, Map.of(PriceModel.Component.ZH_UNIT, 1.0)))
        .isCloseTo(0.5, within(1e-9));
    double m = PriceModel.mixtureMedian(c, Map.of(PriceModel.Component.ZH_BULK, 1.0));
    assertThat(m).isCloseTo(0.05, within(1e-9));
    // zh_unit fresh card 0.5 with sigma 0.45 is 10x zh_bulk 0.05 with sigma 0.6; equal weights:
    // the median x solves Phi(ln(x/0.5)/0.45) + Phi(ln(x/0.05)/0.6) = 1, i.e. ln(x/0.5)/0.45 =
    // -ln(x/0.05)/0.6, so ln x = (0.6 ln 0.5 + 0.45 ln 0.05) / 1.05.
    double expected = Math.exp((0.6 * Math.log(0.5) + 0.45 * Math.log(0.05)) / 1.05);
    assertThat(
            PriceModel.mixtureMedian(
                c, Map.of(PriceModel.Component.ZH_UNIT, 1.0, PriceModel.Component.ZH_BULK, 1.0)))
        .isCloseTo(expected, within(1e-9));
  }

  @Test
  void menusGiveOneOfferPerTierInOrder() {
    GeneratedListing menu =
        rows.stream()
            .filter(r -> r.kind().equals("tier_menu") && r.bad() == null && r.offers().size() == 3)
            .findFirst()
            .orElseThrow();
    assertThat(menu.offers())
        .extracting(p -> p.offer().tier())
        .containsExactly("standard", "gold", "platinum");
    // One shared draw: the prices rise with the tier multipliers (0.8, 2.5, 6) before rounding.
    double[] cny = menu.offers().stream().mapToDouble(GeneratedListing.Priced::cny).toArray();
    assertThat(cny[0]).isLessThanOrEqualTo(cny[1]);
    assertThat(cny[1]).isLessThanOrEqualTo(cny[2]);
  }

  @Test
  void rangesUseTheGeometricMean() {
    rows.stream()
        .flatMap(r -> r.offers().stream())
        .filter(p -> p.offer().range())
        .limit(200)
        .forEach(
            p -> {
              assertThat(p.lowCny()).isLessThan(p.highCny());
              assertThat(p.cny()).isCloseTo(Math.sqrt(p.lowCny() * p.highCny()), within(1e-12));
            });
  }

  @Test
  void settingsRejectMonthsOutsideTheFxTable() {
    assertThatThrownBy(() -> GeneratorSettings.defaults(1, 10).withMonths("2014-06", 3))
        .hasMessageContaining("FX table");
    assertThatThrownBy(() -> GeneratorSettings.defaults(1, 10).withMonths("2016-11", 3))
        .hasMessageContaining("2016-11");
  }

  @Test
  void cleanRemovesTheGapsOfEmptyWords() {
    assertThat(ListingGenerator.clean("出，，每条0.5元，")).isEqualTo("出，每条0.5元");
    assertThat(ListingGenerator.clean("Selling  CC () Gold $15 each. "))
        .isEqualTo("Selling CC Gold $15 each.");
    assertThat(ListingGenerator.clean("【】信用卡资料 0.5元/条 ")).isEqualTo("信用卡资料 0.5元/条");
  }

  private List<Double> zhUnitCard(String freshness) {
    List<Double> out = new ArrayList<>();
    for (GeneratedListing r : rows) {
      for (GeneratedListing.Priced p : r.offers()) {
        TrueOffer o = p.offer();
        if (o.component().equals("zh_unit")
            && o.category().equals("credit_card")
            && o.tier().equals("unknown")
            && o.freshness().equals(freshness)
            && r.repostOf() == null) {
          out.add(deflated(r, p.cny()));
        }
      }
    }
    assertThat(out).hasSizeGreaterThan(300);
    return out;
  }

  private double deflated(GeneratedListing r, double cny) {
    int m =
        (int)
            java.time.temporal.ChronoUnit.MONTHS.between(
                java.time.YearMonth.parse(settings.firstMonth()),
                java.time.YearMonth.parse(r.period()));
    return cny / PriceModel.trend(m);
  }

  static double median(List<Double> v) {
    double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(a);
    int n = a.length;
    return n % 2 == 1 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
  }

  static JsonNode parse(String line) {
    try {
      JsonNode n = JSON.readTree(line);
      return n == null || n.isMissingNode() ? null : n;
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
