package org.leakmarket.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakmarket.normalize.Listing;
import org.leakmarket.normalize.Normalizer;
import org.leakmarket.normalize.NormalizerSettings;
import org.leakmarket.normalize.Offer;
import org.leakmarket.reference.FxTable;

/**
 * 10^4 seeded cases of each fuzz target in the suite (bench/fuzz.sh runs 10^6): mutated real
 * adverts through the normaliser, prices of known value through the number reading, mutated sample
 * rows through the sample reader. A failure message names the seed and case that reproduce it.
 */
class FuzzTest {
  static final long CASES = 10_000;
  static final long SEED = 20150112L;

  @Test
  void tenThousandCasesOfEachTargetGiveAValidOfferOrAReasonAndNoException(@TempDir Path dir) {
    Fuzz.Result r = new Fuzz(dir).run(SEED, CASES);
    assertThat(r.failures()).isEmpty();
    assertThat(r.adverts() + r.numbers() + r.samples()).isEqualTo(3 * CASES);
    // the mutations reach every kind of outcome, not one easy path
    Map<String, Long> o = r.outcomes();
    assertThat(o.get("normaliser ok")).isGreaterThan(CASES / 2);
    assertThat(o.keySet())
        .contains("normaliser no_price", "normaliser malformed", "normaliser bad_date")
        .contains("sample file ok", "sample file failed undecodable");
    assertThat(o.get("sample row rejected")).isGreaterThan(100);
    assertThat(o.get("sample row record")).isGreaterThan(CASES);
  }

  /** The checks can fail: answers that break the contract are reported, valid ones are not. */
  @Test
  void theChecksCatchABrokenAnswer() {
    Normalizer n = new Normalizer(FxTable.shipped(45), new NormalizerSettings(0.0001, 50000));
    Listing l =
        new Listing(
            "x",
            "qq",
            null,
            null,
            "2015-01-10",
            "每条5毛",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            Map.of());
    List<Offer> good = n.normalize(l);
    assertThat(Fuzz.check(l, good)).isNull();
    Offer o = good.get(0);
    Offer expensive =
        new Offer(
            o.listingId(),
            0,
            Offer.OK,
            null,
            null,
            60000.0,
            60000.0,
            60000.0,
            null,
            o.amount(),
            o.currency(),
            o.quantity(),
            o.product(),
            null,
            null,
            o.qualifier(),
            o.language(),
            o.tier(),
            o.freshness(),
            o.category(),
            o.issuers(),
            o.regionCode(),
            o.evidence(),
            o.confidence(),
            o.postedAt(),
            o.postedDate());
    assertThat(Fuzz.check(l, List.of(expensive))).contains("outside the plausible range");
    Offer oddTier =
        new Offer(
            o.listingId(),
            0,
            Offer.OK,
            null,
            null,
            0.5,
            0.5,
            0.5,
            null,
            o.amount(),
            o.currency(),
            o.quantity(),
            o.product(),
            null,
            null,
            o.qualifier(),
            o.language(),
            "diamond",
            o.freshness(),
            o.category(),
            o.issuers(),
            o.regionCode(),
            o.evidence(),
            o.confidence(),
            o.postedAt(),
            o.postedDate());
    assertThat(Fuzz.check(l, List.of(oddTier))).contains("outside the contract");
    assertThat(Fuzz.check(l, List.of(Offer.rejected("x", "because", "d", null, null))))
        .contains("unknown reason because");
    assertThat(Fuzz.check(l, List.of())).contains("no line");
    assertThat(Fuzz.mutate("2000元10万条", new Random(1))).isNotEqualTo("2000元10万条");
  }
}
