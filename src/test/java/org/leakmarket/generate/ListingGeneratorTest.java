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
import org.leakmarket.vocab.Product;

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
    // The article's range: 2 fen to 5 yuan covers the middle of the Chinese market in customer
    // records (cards, logins and ID sets are other products, dearer by design).
    long zhInRange =
        rows.stream()
            .flatMap(r -> r.offers().stream())
            .filter(
                o ->
                    o.offer().component().startsWith("zh")
                        && o.offer().product() == Product.PERSONAL_RECORDS
                        && o.cny() >= 0.02
                        && o.cny() <= 5)
            .count();
    long zh =
        rows.stream()
            .flatMap(r -> r.offers().stream())
            .filter(
                o ->
                    o.offer().component().startsWith("zh")
                        && o.offer().product() == Product.PERSONAL_RECORDS)
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
                            && o.offer().product() == Product.CARD_CREDENTIALS
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
                new PriceModel.Cell(o.product(), o.category(), o.tier(), o.freshness()),
                k -> new ArrayList<>())
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
        TrueOffer o = p.offer();
        counts.merge(
            new PriceModel.Cell(o.product(), o.category(), o.tier(), o.freshness()), 1L, Long::sum);
        total++;
      }
    }
    // months are equally likely: the expected mix is the average over months of each month's mix
    int months = settings.months();
    double shift = settings.compositionShift();
    double expectedTotal = 0;
    Map<PriceModel.Cell, Double> expected = new HashMap<>();
    for (PriceModel.CellTruth t : PriceModel.cellTruths()) {
      for (int m = 0; m < months; m++) {
        double e = t.offersPerListing(m, months, shift);
        expected.merge(t.cell(), e, Double::sum);
        expectedTotal += e;
      }
    }
    for (PriceModel.Cell c :
        List.of(
            new PriceModel.Cell(Product.PERSONAL_RECORDS, "credit_card", "unknown", "new"),
            new PriceModel.Cell(Product.CARD_CREDENTIALS, "credit_card", "unknown", "new"),
            new PriceModel.Cell(Product.ACCOUNT_ACCESS, "bank_account", "unknown", "unknown"))) {
      double share = expected.get(c) / expectedTotal;
      double observed = counts.get(c) / (double) total;
      assertThat(observed)
          .as(c.toString())
          .isCloseTo(share, within(4 * Math.sqrt(share * (1 - share) / total)));
    }
  }

  /**
   * The composition shift: each month's product shares are those of the model (records 80% to 55%,
   * the dearer products rising), so the English share rises; while within a product nothing changes
   * but the price trend.
   */
  @Test
  void theProductMixShiftsOverTheMonths() {
    int months = settings.months();
    long[] listings = new long[months];
    long[] records = new long[months];
    long[] english = new long[months];
    for (GeneratedListing r : rows) {
      if (r.repostOf() != null || r.bad() != null || !r.ok() || r.kind().equals("fixed")) {
        continue;
      }
      int m = month(r);
      listings[m]++;
      records[m] += r.offers().get(0).offer().product() == Product.PERSONAL_RECORDS ? 1 : 0;
      english[m] += r.market().equals("en") ? 1 : 0;
    }
    for (int m : new int[] {0, months - 1}) {
      double want = PriceModel.productShares(m, months, 1.0).get(Product.PERSONAL_RECORDS);
      // listings with offers: the kinds without offers are a similar share for every product
      double got = records[m] / (double) listings[m];
      assertThat(got).as("records share, month " + m).isCloseTo(want, within(0.04));
    }
    assertThat(english[months - 1] / (double) listings[months - 1])
        .isGreaterThan(english[0] / (double) listings[0] + 0.1);
    assertThat(PriceModel.productShares(3, 7, 0.0))
        .as("no shift: every month has the first month's mix")
        .isEqualTo(PriceModel.productShares(0, 7, 1.0));
  }

  /**
   * Within a cell the price grows by the monthly trend alone, composition shift or not: the OLS
   * slope of ln(price) on the month index in two large cells is 0.015 within four standard errors;
   * and across all offers the mix pushes the raw mean of ln(price) up by more than the trend.
   */
  @Test
  void eachCellFollowsTheTrendWhileTheMixRaisesTheAverage() {
    for (PriceModel.Cell c :
        List.of(
            new PriceModel.Cell(Product.PERSONAL_RECORDS, "credit_card", "unknown", "new"),
            new PriceModel.Cell(Product.CARD_CREDENTIALS, "credit_card", "unknown", "unknown"))) {
      org.apache.commons.math3.stat.regression.SimpleRegression ols =
          new org.apache.commons.math3.stat.regression.SimpleRegression();
      for (GeneratedListing r : rows) {
        if (r.repostOf() != null || r.bad() != null || r.kind().equals("fixed")) {
          continue;
        }
        for (GeneratedListing.Priced p : r.offers()) {
          TrueOffer o = p.offer();
          if (o.component().endsWith("unit")
              && new PriceModel.Cell(o.product(), o.category(), o.tier(), o.freshness())
                  .equals(c)) {
            ols.addData(month(r), Math.log(p.cny()));
          }
        }
      }
      assertThat(ols.getN()).as(c.toString()).isGreaterThan(150);
      assertThat(ols.getSlope())
          .as(c + " slope")
          .isCloseTo(PriceModel.MONTHLY_TREND, within(4 * ols.getSlopeStdErr()));
    }
    double[] sum = new double[settings.months()];
    long[] n = new long[settings.months()];
    for (GeneratedListing r : rows) {
      if (r.repostOf() == null && r.bad() == null && !r.kind().equals("fixed")) {
        for (GeneratedListing.Priced p : r.offers()) {
          sum[month(r)] += Math.log(p.cny());
          n[month(r)]++;
        }
      }
    }
    int last = settings.months() - 1;
    double raw = sum[last] / n[last] - sum[0] / n[0];
    assertThat(raw).isGreaterThan(PriceModel.MONTHLY_TREND * last + 0.2);
  }

  /**
   * A login's price grows as the square root of its balance: regressing ln(price) on ln(balance)
   * within English bank logins (new freshness, unknown tier) gives 0.5 within four standard errors.
   */
  @Test
  void loginsArePricedByTheirBalance() {
    org.apache.commons.math3.stat.regression.SimpleRegression ols =
        new org.apache.commons.math3.stat.regression.SimpleRegression();
    for (GeneratedListing r : rows) {
      if (r.repostOf() != null || r.bad() != null) {
        continue;
      }
      for (GeneratedListing.Priced p : r.offers()) {
        TrueOffer o = p.offer();
        if (o.product() == Product.ACCOUNT_ACCESS
            && o.component().equals("en_unit")
            && !o.range()
            && o.balanceLow() != null
            && o.balanceLow().equals(o.balanceHigh())
            && o.category().equals("bank_account")) {
          ols.addData(Math.log(p.balanceLowCny()), Math.log(p.cny() / PriceModel.trend(month(r))));
        }
      }
    }
    assertThat(ols.getN()).isGreaterThan(100);
    assertThat(ols.getSlope())
        .isCloseTo(PriceModel.BALANCE_ELASTICITY, within(4 * ols.getSlopeStdErr()));
  }

  /** English card shops: credentials 10-40 USD in the middle, clones dearer; ID sets per set. */
  @Test
  void productsArePricedLikeTheirMarkets() {
    Map<Product, List<Double>> usd = new HashMap<>();
    for (GeneratedListing r : rows) {
      for (GeneratedListing.Priced p : r.offers()) {
        TrueOffer o = p.offer();
        if (o.component().equals("en_unit") && r.repostOf() == null) {
          usd.computeIfAbsent(o.product(), k -> new ArrayList<>()).add(p.cny() / 6.2);
        }
      }
    }
    assertThat(median(usd.get(Product.CARD_CREDENTIALS))).isBetween(10.0, 40.0);
    assertThat(median(usd.get(Product.CARD_CLONES)))
        .isGreaterThan(1.5 * median(usd.get(Product.CARD_CREDENTIALS)));
    assertThat(median(usd.get(Product.IDENTITY_DOCUMENTS))).isBetween(10.0, 40.0);
    assertThat(median(usd.get(Product.ACCOUNT_ACCESS))).isBetween(10.0, 60.0);
  }

  @Test
  void mixtureMedianClosedForms() {
    PriceModel.Cell c =
        new PriceModel.Cell(Product.PERSONAL_RECORDS, "credit_card", "unknown", "new");
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
    return cny / PriceModel.trend(month(r));
  }

  private int month(GeneratedListing r) {
    return (int)
        java.time.temporal.ChronoUnit.MONTHS.between(
            java.time.YearMonth.parse(settings.firstMonth()),
            java.time.YearMonth.parse(r.period()));
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
