package org.leakmarket.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.leakmarket.reference.FxTable;

/**
 * Runs the golden corpus (src/test/resources/golden/adverts.yaml): every advert with its exact
 * expected offers or rejection. Unlisted expectation fields take their "nothing said" values (tier
 * unknown, category other, no issuers, no region, currency CNY, low = high = price, product
 * personal_records, qualifier exact or range, no balance, language zh when the text has a Chinese
 * character else en).
 */
class GoldenCorpusTest {
  static final Normalizer NORMALIZER =
      new Normalizer(FxTable.shipped(45), NormalizerSettings.defaults());

  static JsonNode corpus() throws IOException {
    try (InputStream in = GoldenCorpusTest.class.getResourceAsStream("/golden/adverts.yaml")) {
      return new ObjectMapper(new YAMLFactory()).readTree(in);
    }
  }

  static Listing listing(JsonNode defaults, JsonNode e) {
    Map<String, String> f = new HashMap<>();
    for (String k : RealCorpus.LISTING_FIELDS) {
      JsonNode v = e.has(k) ? e.get(k) : defaults.get(k);
      if (v != null && !v.isNull()) {
        f.put(k, v.asText());
      }
    }
    String id = f.getOrDefault("listing_id", e.get("id").asText());
    return new Listing(
        id,
        f.get("source"),
        f.get("channel"),
        f.get("seller"),
        f.get("posted_at"),
        f.get("text"),
        f.get("price"),
        f.get("currency"),
        f.get("quantity"),
        f.get("tier"),
        f.get("freshness"),
        f.get("category"),
        f.get("region"),
        f.get("issuer"),
        Map.of());
  }

  @TestFactory
  Stream<DynamicTest> everyAdvertGivesItsExpectedOffers() throws IOException {
    JsonNode root = corpus();
    JsonNode defaults = root.get("defaults");
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode e : root.get("adverts")) {
      tests.add(DynamicTest.dynamicTest(e.get("id").asText(), () -> check(defaults, e)));
    }
    return tests.stream();
  }

  private static void check(JsonNode defaults, JsonNode e) {
    Listing l = listing(defaults, e);
    List<Offer> got = NORMALIZER.normalize(l);
    String shown = e.get("id").asText() + " " + l.text() + "\n  got: " + got;
    if (e.has("reject")) {
      assertThat(got).as(shown).hasSize(1);
      assertThat(got.get(0).status()).as(shown).isEqualTo("rejected");
      assertThat(got.get(0).reason()).as(shown).isEqualTo(e.get("reject").asText());
      assertThat(got.get(0).offerIndex()).isNull();
      return;
    }
    JsonNode exp = e.get("expect");
    assertThat(got).as(shown).hasSize(exp.size());
    for (int i = 0; i < exp.size(); i++) {
      JsonNode x = exp.get(i);
      Offer o = got.get(i);
      String as = shown + "\n  offer " + i;
      assertThat(o.status()).as(as).isEqualTo("ok");
      assertThat(o.offerIndex()).as(as).isEqualTo(i);
      double price = x.get("price").asDouble();
      assertThat(o.pricePerRecordCny()).as(as + " price").isCloseTo(price, rel(price));
      double low = x.has("low") ? x.get("low").asDouble() : price;
      double high = x.has("high") ? x.get("high").asDouble() : price;
      assertThat(o.pricePerRecordLowCny()).as(as + " low").isCloseTo(low, rel(low));
      assertThat(o.pricePerRecordHighCny()).as(as + " high").isCloseTo(high, rel(high));
      assertThat(o.currency()).as(as + " currency").isEqualTo(text(x, "currency", "CNY"));
      if (x.has("amount")) {
        assertThat(o.amount())
            .as(as + " amount")
            .isCloseTo(x.get("amount").asDouble(), rel(x.get("amount").asDouble()));
      }
      if (x.has("quantity")) {
        assertThat(o.quantity()).as(as + " quantity").isEqualTo(x.get("quantity").asLong());
      }
      assertThat(o.tier()).as(as + " tier").isEqualTo(text(x, "tier", "unknown"));
      assertThat(o.freshness()).as(as + " freshness").isEqualTo(text(x, "freshness", "unknown"));
      assertThat(o.category()).as(as + " category").isEqualTo(text(x, "category", "other"));
      List<String> issuers = new ArrayList<>();
      if (x.has("issuers")) {
        x.get("issuers").forEach(n -> issuers.add(n.asText()));
      }
      assertThat(o.issuers()).as(as + " issuers").isEqualTo(issuers);
      assertThat(o.regionCode()).as(as + " region").isEqualTo(text(x, "region", null));
      assertThat(o.product()).as(as + " product").isEqualTo(text(x, "product", "personal_records"));
      assertThat(o.qualifier())
          .as(as + " qualifier")
          .isEqualTo(text(x, "qualifier", x.has("low") ? "range" : "exact"));
      String han = l.text() != null && l.text().matches("(?s).*[\\u3400-\\u9FFF].*") ? "zh" : "en";
      assertThat(o.language()).as(as + " language").isEqualTo(text(x, "language", han));
      Double balanceLow =
          x.has("balance_low") ? Double.valueOf(x.get("balance_low").asDouble()) : null;
      Double balanceHigh =
          x.has("balance_high") ? Double.valueOf(x.get("balance_high").asDouble()) : balanceLow;
      assertBalance(o.balanceLowCny(), balanceLow, as + " balance_low");
      assertBalance(o.balanceHighCny(), balanceHigh, as + " balance_high");
      if (x.has("rules")) {
        Set<String> rules = new HashSet<>();
        o.evidence().forEach(ev -> rules.add(ev.rule()));
        x.get("rules")
            .forEach(r -> assertThat(rules).as(as + " evidence rules").contains(r.asText()));
      }
      assertThat(o.confidence()).as(as).isBetween(0.0, 1.0);
    }
  }

  private static void assertBalance(Double got, Double want, String as) {
    if (want == null) {
      assertThat(got).as(as).isNull();
    } else {
      assertThat(got).as(as).isNotNull().isCloseTo(want, rel(want));
    }
  }

  private static org.assertj.core.data.Offset<Double> rel(double v) {
    return org.assertj.core.data.Offset.offset(Math.abs(v) * 1e-9 + 1e-12);
  }

  private static String text(JsonNode x, String k, String dflt) {
    return x.has(k) && !x.get(k).isNull() ? x.get(k).asText() : dflt;
  }

  @Test
  void corpusHasAtLeast200AdvertsAndEveryReasonCode() throws IOException {
    JsonNode root = corpus();
    assertThat(root.get("adverts").size()).isGreaterThanOrEqualTo(200);
    Set<String> reasons = new HashSet<>();
    Set<String> ids = new HashSet<>();
    for (JsonNode e : root.get("adverts")) {
      assertThat(ids.add(e.get("id").asText())).as("duplicate id " + e.get("id")).isTrue();
      if (e.has("reject")) {
        reasons.add(e.get("reject").asText());
      }
    }
    assertThat(reasons)
        .contains(
            Reason.NO_PRICE,
            Reason.PRICE_NONPOSITIVE,
            Reason.PRICE_OUT_OF_RANGE,
            Reason.FX_MISSING,
            Reason.UNKNOWN_CURRENCY,
            Reason.BAD_DATE,
            Reason.MALFORMED,
            Reason.NOT_AN_OFFER,
            Reason.MISSING_FIELD);
  }
}
