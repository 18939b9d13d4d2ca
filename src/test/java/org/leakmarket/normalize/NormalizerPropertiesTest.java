package org.leakmarket.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.leakmarket.reference.FxTable;

/** Properties over many generated adverts (seeded, so a failure is reproducible). */
class NormalizerPropertiesTest {
  private static final FxTable FX = FxTable.shipped(45);
  private final Normalizer n = new Normalizer(FX, NormalizerSettings.defaults());
  private final Random rnd = new Random(20150112L);

  private List<Offer> offers(String text) {
    return n.normalize(
        new Listing(
            "p",
            "qq",
            null,
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

  private static String count(long c, Random r) {
    if (c % 10000 == 0 && r.nextBoolean()) {
      return r.nextBoolean() ? (c / 10000) + "万" : (c / 10000) + "w";
    }
    return Long.toString(c);
  }

  @Test
  void pricePerRecordTimesQuantityIsTheAmount() {
    String[] cnyTemplates = {"%s元%s条", "%2$s条%1$s元", "%2$s条/%1$s元", "%s块%s条", "%2$s条 只要%1$s元"};
    String[] usdTemplates = {"$%s for %s records", "%s USD per %s cards", "%2$s records for $%1$s"};
    double usd = FX.cnyPerUnit("USD", java.time.LocalDate.of(2015, 1, 10)).getAsDouble();
    for (int i = 0; i < 500; i++) {
      long q = (1 + rnd.nextInt(50)) * (rnd.nextBoolean() ? 10000L : 100L);
      BigDecimal amount = BigDecimal.valueOf((1 + rnd.nextInt(5000)) * (q / 100));
      boolean inUsd = rnd.nextInt(4) == 0;
      String[] ts = inUsd ? usdTemplates : cnyTemplates;
      String text =
          String.format(ts[rnd.nextInt(ts.length)], amount.toPlainString(), count(q, rnd));
      List<Offer> o = offers(text);
      assertThat(o).as(text).hasSize(1);
      Offer offer = o.get(0);
      assertThat(offer.status()).as(text + " " + offer).isEqualTo("ok");
      assertThat(offer.quantity()).as(text).isEqualTo(q);
      assertThat(offer.amount()).as(text).isEqualTo(amount.doubleValue());
      double rate = inUsd ? usd : 1.0;
      assertThat(offer.pricePerRecordCny() * offer.quantity())
          .as(text)
          .isCloseTo(
              offer.amount() * rate,
              org.assertj.core.data.Offset.offset(1e-9 * offer.amount() * rate));
    }
  }

  @Test
  void aBundleAndItsPerRecordRestatementGiveTheSamePrice() {
    for (int i = 0; i < 300; i++) {
      long q = (1 + rnd.nextInt(20)) * 1000L;
      long fen = 1 + rnd.nextInt(300);
      BigDecimal perRecord = BigDecimal.valueOf(fen, 2);
      BigDecimal amount = perRecord.multiply(BigDecimal.valueOf(q));
      String bundle = amount.stripTrailingZeros().toPlainString() + "元" + q + "条";
      String single =
          switch (rnd.nextInt(3)) {
            case 0 -> "每条" + perRecord.toPlainString() + "元";
            case 1 -> perRecord.toPlainString() + "元/条";
            default -> fen + "分一条";
          };
      double a = offers(bundle).get(0).pricePerRecordCny();
      double b = offers(single).get(0).pricePerRecordCny();
      assertThat(a)
          .as(bundle + " vs " + single)
          .isCloseTo(b, org.assertj.core.data.Offset.offset(1e-12));
      assertThat(a).isCloseTo(fen / 100.0, org.assertj.core.data.Offset.offset(1e-12));
      // and both together are one offer
      assertThat(offers(bundle + "，" + single)).as(bundle + "，" + single).hasSize(1);
    }
  }

  @Test
  void menuOrderDoesNotChangeTheOffers() {
    String[] tiers = {"普卡", "金卡", "白金卡", "钻石卡"};
    String[] tierValues = {"standard", "gold", "platinum", "premium"};
    String[] prices = {"三毛", "一块", "五块", "十块"};
    double[] values = {0.3, 1, 5, 10};
    List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 3));
    for (int i = 0; i < 50; i++) {
      Collections.shuffle(order, rnd);
      StringBuilder sb = new StringBuilder("工行信用卡 ");
      for (int k : order) {
        sb.append(tiers[k]).append(prices[k]).append(' ');
      }
      List<Offer> o = offers(sb.toString());
      assertThat(o).as(sb.toString()).hasSize(4);
      Map<String, Double> byTier = new TreeMap<>();
      for (int k = 0; k < 4; k++) {
        Offer offer = o.get(k);
        // offers come in text order
        assertThat(offer.offerIndex()).isEqualTo(k);
        assertThat(offer.tier()).isEqualTo(tierValues[order.get(k)]);
        assertThat(offer.issuers()).containsExactly("ICBC");
        byTier.put(offer.tier(), offer.pricePerRecordCny());
      }
      assertThat(byTier)
          .containsEntry("standard", values[0])
          .containsEntry("gold", values[1])
          .containsEntry("platinum", values[2])
          .containsEntry("premium", values[3]);
    }
  }

  @Test
  void normalisingTwiceOrWithASecondInstanceGivesTheSameResult() throws Exception {
    JsonNode root = GoldenCorpusTest.corpus();
    Normalizer other = roundTrip(n);
    for (JsonNode e : root.get("adverts")) {
      Listing l = GoldenCorpusTest.listing(root.get("defaults"), e);
      List<Offer> first = n.normalize(l);
      assertThat(n.normalize(l)).as(e.get("id").asText()).isEqualTo(first);
      assertThat(other.normalize(l)).as(e.get("id").asText()).isEqualTo(first);
    }
  }

  @Test
  void theShippedVocabularyTravelsAsAReference() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(Vocabulary.shipped());
    }
    assertThat(bytes.size()).isLessThan(1000);
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertThat(in.readObject()).isSameAs(Vocabulary.shipped());
    }
  }

  /** Through Java serialisation, as Spark ships a closure to executors. */
  private static Normalizer roundTrip(Normalizer x) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(x);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (Normalizer) in.readObject();
    }
  }
}
