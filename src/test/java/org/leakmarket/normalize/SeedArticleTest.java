package org.leakmarket.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leakmarket.reference.FxTable;

/**
 * The seed article's prices (seed/NOTES.md), from adverts written as the reporters describe them.
 */
class SeedArticleTest {
  private final Normalizer n = new Normalizer(FxTable.shipped(45), NormalizerSettings.defaults());

  private List<Offer> offers(String text) {
    return n.normalize(
        new Listing(
            "seed",
            "qq",
            "电销数据源",
            null,
            "2015-01-10",
            text,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            Map.of()));
  }

  @Test
  void newestCreditCardDataAtHalfAYuan() {
    List<Offer> o = offers("最新信用卡客户资料，每条5毛");
    assertThat(o).hasSize(1);
    assertThat(o.get(0).pricePerRecordCny()).isEqualTo(0.5);
    assertThat(o.get(0).freshness()).isEqualTo("new");
    assertThat(o.get(0).tier()).isEqualTo("unknown");
    assertThat(o.get(0).category()).isEqualTo("credit_card");
  }

  @Test
  void secondHandDataSoldOnceAt35Fen() {
    List<Offer> o = offers("卖过一次的二手资料，每条三毛五");
    assertThat(o).hasSize(1);
    assertThat(o.get(0).pricePerRecordCny()).isEqualTo(0.35);
    assertThat(o.get(0).freshness()).isEqualTo("second_hand");
  }

  @Test
  void goldAndPlatinumHoldersUpToFiveYuanArePlatinum() {
    List<Offer> o = offers("金卡白金卡客户每条最高5元");
    assertThat(o).hasSize(1);
    assertThat(o.get(0).pricePerRecordCny()).isEqualTo(5.0);
    assertThat(o.get(0).tier()).isEqualTo("platinum");
    assertThat(o.get(0).evidence()).contains(new Evidence("qualifier", "最高", "qualifier.max"));
  }

  @Test
  void cheapestBulkTwoThousandYuanForAHundredThousandIsTwoFen() {
    List<Offer> o = offers("最便宜的2000元10万条，每条只要2分钱");
    assertThat(o).hasSize(1);
    assertThat(o.get(0).pricePerRecordCny()).isEqualTo(2000.0 / 100000.0);
    assertThat(o.get(0).amount()).isEqualTo(2000.0);
    assertThat(o.get(0).quantity()).isEqualTo(100000L);
  }

  /** The article's own sentence, spaces around the numbers included: one offer, not two. */
  @Test
  void theSpacedBundleSentenceIsOneOfferOfTwoFen() {
    List<Offer> o = offers("最便宜的一份 2000 元 10 万条,算下来每条数据只要 2 分钱");
    assertThat(o).hasSize(1);
    assertThat(o.get(0).pricePerRecordCny()).isEqualTo(2000.0 / 100000.0);
    assertThat(o.get(0).amount()).isEqualTo(2000.0);
    assertThat(o.get(0).quantity()).isEqualTo(100000L);
    assertThat(o.get(0).product()).isEqualTo("personal_records");
    assertThat(o.get(0).evidence())
        .contains(new Evidence("price", "每条数据只要 2 分钱", "price.restated"));
  }

  @Test
  void twoFenToFiveYuanRangeHasTheGeometricMeanAsItsPoint() {
    List<Offer> o = offers("按质量分三六九等，每条2分到5元不等");
    assertThat(o).hasSize(1);
    assertThat(o.get(0).pricePerRecordLowCny()).isEqualTo(0.02);
    assertThat(o.get(0).pricePerRecordHighCny()).isEqualTo(5.0);
    assertThat(o.get(0).pricePerRecordCny()).isEqualTo(Math.sqrt(0.02 * 5));
  }

  @Test
  void workersAndPeasantsAreTheFiveStateBanks() {
    List<Offer> o = offers("工农中建交各大银行信用卡客户数据，试用200条免费，每条5毛");
    assertThat(o.get(0).issuers()).containsExactly("ICBC", "ABC", "BOC", "CCB", "BOCOM");
    assertThat(o.get(0).evidence())
        .contains(new Evidence("quantity", "200条", "ignored.free_trial"));
  }
}
