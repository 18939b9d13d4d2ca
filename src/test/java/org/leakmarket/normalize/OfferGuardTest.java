package org.leakmarket.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leakmarket.reference.FxTable;

/** The limits around the normaliser: menus too long, implausible dates, failures. */
class OfferGuardTest {
  private static final Normalizer N =
      new Normalizer(FxTable.shipped(45), new NormalizerSettings(0.0001, 50000));
  private static final OfferGuard GUARD =
      new OfferGuard(1000, 20_000, LocalDate.parse("2000-01-01"), LocalDate.parse("2030-12-31"));

  static Listing listing(String postedAt, String text) {
    return new Listing(
        "g1", "qq", null, null, postedAt, text, null, null, null, null, null, null, null, null,
        Map.of());
  }

  /** "第i种 p元一条" for i = 1..n, every price different (2 fen apart). */
  static String menu(int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 1; i <= n; i++) {
      b.append("第").append(i).append("种 ").append(String.format("%.2f", 0.02 * i)).append("元一条\n");
    }
    return b.toString();
  }

  @Test
  void aMenuUnderTheLimitGivesEveryOffer() {
    // the normaliser reads each line of a short menu as one offer (checked, so the limit test
    // below is about the limit and not about a menu the normaliser cannot read)
    List<Offer> offers = GUARD.offers(N, listing("2015-01-10", menu(20)));
    assertThat(offers).hasSize(20).allMatch(Offer::ok);
    assertThat(offers.get(19).pricePerRecordCny()).isEqualTo(0.4);
  }

  /** "p元 " for p = 0.02, 0.04, ...: a compact menu, n distinct prices in about 7n characters. */
  static String compactMenu(int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 1; i <= n; i++) {
      b.append(String.format("%.2f", 0.02 * i)).append("元 ");
    }
    return b.toString();
  }

  @Test
  void aMenuOfMoreOffersThanTheLimitIsOneRejectionNotThousandsOfRows() {
    String menu = compactMenu(1500);
    assertThat(menu.length()).isLessThan(20_000); // under the text limit: the offer limit decides
    assertThat(new OfferGuard(2000, 20_000, null, null).offers(N, listing("2015-01-10", menu)))
        .hasSize(1500)
        .allMatch(Offer::ok);
    List<Offer> offers = GUARD.offers(N, listing("2015-01-10", menu));
    assertThat(offers)
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.status()).isEqualTo(Offer.REJECTED);
              assertThat(o.reason()).isEqualTo(OfferGuard.TOO_MANY_OFFERS);
              assertThat(o.detail()).startsWith("1500 offers > limit 1000");
              assertThat(o.listingId()).isEqualTo("g1");
            });
  }

  @Test
  void aTenThousandItemMenuIsQuarantinedByTheTextLimitOrTheOfferLimit() {
    String menu = menu(10_000); // 163,396 characters
    assertThat(GUARD.offers(N, listing("2015-01-10", menu)))
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.reason()).isEqualTo(OfferGuard.TEXT_TOO_LONG);
              assertThat(o.detail())
                  .startsWith("advert of " + menu.length() + " characters > limit 20000");
            });
    // with room for its text, the offer limit stops it
    assertThat(new OfferGuard(1000, 200_000, null, null).offers(N, listing("2015-01-10", menu)))
        .singleElement()
        .extracting(Offer::reason)
        .isEqualTo(OfferGuard.TOO_MANY_OFFERS);
  }

  /** A 1 MB advert never reaches the normaliser (whose time grows faster than the text). */
  @Test
  void aMegabyteAdvertIsRejectedBeforeTheNormaliser() {
    String huge = "5元 ".repeat(350_000);
    List<Offer> o =
        GUARD.offers(
            l -> {
              throw new AssertionError("the normaliser was called");
            },
            listing("2015-01-10", huge));
    assertThat(o).singleElement().extracting(Offer::reason).isEqualTo(OfferGuard.TEXT_TOO_LONG);
  }

  @Test
  void postingsIn1900And2100AreBadDates() {
    for (String d : List.of("1900-01-01", "2100-06-01", "1999-12-31")) {
      List<Offer> o = GUARD.offers(N, listing(d, "每条5毛"));
      assertThat(o).as(d).singleElement().extracting(Offer::reason).isEqualTo(Reason.BAD_DATE);
      assertThat(o.get(0).detail()).contains(d.substring(0, 4));
    }
    assertThat(GUARD.offers(N, listing("2000-01-01", "每条5毛"))).singleElement().matches(Offer::ok);
    // without a year the date is unreadable: the normaliser's own bad_date
    assertThat(GUARD.offers(N, listing("01-15", "每条5毛")))
        .singleElement()
        .extracting(Offer::reason)
        .isEqualTo(Reason.BAD_DATE);
  }

  @Test
  void aNormaliserFailureBecomesAReasonWithoutTheAdvertsText() {
    List<Offer> o =
        GUARD.offers(
            l -> {
              throw new IllegalStateException("secret advert text 13800138000");
            },
            listing("2015-01-10", "x"));
    assertThat(o)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.reason()).isEqualTo(OfferGuard.NORMALIZER_ERROR);
              assertThat(r.detail())
                  .contains("IllegalStateException")
                  .doesNotContain("13800138000");
            });
  }

  @Test
  void anOfferBreakingTheContractIsCaught() {
    Offer ok = N.normalize(listing("2015-01-10", "每条5毛")).get(0);
    Offer nan =
        new Offer(
            ok.listingId(),
            0,
            Offer.OK,
            null,
            null,
            Double.NaN,
            Double.NaN,
            Double.NaN,
            null,
            ok.amount(),
            ok.currency(),
            ok.quantity(),
            ok.product(),
            null,
            null,
            ok.qualifier(),
            ok.language(),
            ok.tier(),
            ok.freshness(),
            ok.category(),
            ok.issuers(),
            ok.regionCode(),
            ok.evidence(),
            ok.confidence(),
            ok.postedAt(),
            ok.postedDate());
    assertThat(GUARD.offers(l -> List.of(nan), listing("2015-01-10", "x")))
        .singleElement()
        .extracting(Offer::reason)
        .isEqualTo(OfferGuard.NORMALIZER_ERROR);
    assertThat(OfferGuard.broken(ok, 0, 1)).isNull();
  }
}
