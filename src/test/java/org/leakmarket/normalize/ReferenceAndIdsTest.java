package org.leakmarket.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakmarket.reference.FxTable;
import org.leakmarket.reference.Regions;

class ReferenceAndIdsTest {

  @Test
  void defaultIdIsSha256OfTheFiveFieldsJoinedByUnitSeparator() throws Exception {
    String expected =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(
                        "qq\u001fg1\u001f\u001f2015-01-10\u001f每条5毛"
                            .getBytes(StandardCharsets.UTF_8)));
    assertThat(ListingIds.defaultId("qq", "g1", null, "2015-01-10", "每条5毛")).isEqualTo(expected);
    assertThat(ListingIds.defaultId("qq", "g1", "", "2015-01-10", "每条5毛")).isEqualTo(expected);
    // moving a character between fields changes the id
    assertThat(ListingIds.defaultId("q", "qg1", null, "2015-01-10", "每条5毛")).isNotEqualTo(expected);
  }

  @Test
  void regionsHaveTheGbT2260CodesOfAllProvinceLevelDivisions() {
    Regions r = Regions.shipped();
    assertThat(r.all()).hasSize(34);
    assertThat(r.codeOf("安徽")).contains("34");
    assertThat(r.codeOf("安徽省")).contains("34");
    assertThat(r.codeOf("anhui")).contains("34");
    assertThat(r.codeOf("Inner Mongolia")).contains("15");
    assertThat(r.codeOf("Shaanxi")).contains("61");
    assertThat(r.codeOf("Shanxi")).contains("14");
    assertThat(r.codeOf("44")).contains("44");
    assertThat(r.codeOf("Atlantis")).isEmpty();
    assertThat(r.byCode("31").orElseThrow().nameZh()).isEqualTo("上海");
  }

  @Test
  void aResearcherCanAddAWordInAVocabularyFolder(@TempDir Path dir) throws Exception {
    Normalizer shipped = new Normalizer(FxTable.shipped(45), new NormalizerSettings(0.0001, 50000));
    Listing l =
        new Listing(
            "v",
            "qq",
            null,
            null,
            "2015-01-10",
            "蓝海银行 金葵花客户 每条2元",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            Map.of());
    assertThat(shipped.normalize(l).get(0).issuers()).isEmpty();
    // a copy of issuers.tsv with one more bank, and a new slang word for the platinum tier
    String issuers =
        new String(
            Normalizer.class.getResourceAsStream("/vocabulary/issuers.tsv").readAllBytes(),
            StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("issuers.tsv"), issuers + "蓝海银行\tBLUEOCEAN\n");
    String tiers =
        new String(
            Normalizer.class.getResourceAsStream("/vocabulary/tiers.tsv").readAllBytes(),
            StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("tiers.tsv"), tiers + "金葵花\tplatinum\n");
    Normalizer custom =
        new Normalizer(
            FxTable.shipped(45),
            new NormalizerSettings(0.0001, 50000),
            Vocabulary.load(dir, Regions.shipped()));
    List<Offer> o = custom.normalize(l);
    assertThat(o.get(0).issuers()).containsExactly("BLUEOCEAN");
    assertThat(o.get(0).tier()).isEqualTo("platinum");
    assertThat(o.get(0).pricePerRecordCny()).isEqualTo(2.0);
  }

  @Test
  void chineseNumeralsAreReadAsNumbers() {
    Normalizer n = new Normalizer(FxTable.shipped(45), new NormalizerSettings(0.0001, 50000));
    String[][] cases = {
      {"一万五千条三千元", "0.2"},
      {"两万五条五千元", "0.2"},
      {"一千零五条1005元", "1"},
      {"三百五十条35元", "0.1"},
      {"十五条3元", "0.2"},
      {"一亿条1万元", "0.0001"}
    };
    for (String[] c : cases) {
      Offer o =
          n.normalize(
                  new Listing(
                      "n",
                      "qq",
                      null,
                      null,
                      "2015-01-10",
                      c[0],
                      null,
                      null,
                      null,
                      null,
                      null,
                      null,
                      null,
                      null,
                      Map.of()))
              .get(0);
      assertThat(o.pricePerRecordCny())
          .as(c[0] + " " + o)
          .isCloseTo(Double.parseDouble(c[1]), org.assertj.core.data.Offset.offset(1e-12));
    }
  }
}
