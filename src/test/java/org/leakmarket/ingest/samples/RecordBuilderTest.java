package org.leakmarket.ingest.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leakmarket.privacy.PseudonymKey;
import org.leakmarket.reference.BinTable;
import org.leakmarket.reference.PhoneSegments;

class RecordBuilderTest {
  private static final PseudonymKey KEY = PseudonymKey.of("record-builder-test-key-0123");
  private static final BinTable BINS = BinTable.load(null);
  private static final PhoneSegments PHONES = PhoneSegments.load(null);
  private static final RecordBuilder B = new RecordBuilder(KEY, BINS, PHONES);
  private static final LocalDate AS_OF = LocalDate.of(2015, 1, 8);
  private static final String PHONE = PHONES.segments().get(0).prefix() + "1234";

  private static Map<String, String> row(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void sameIdentifiersWrittenDifferentlyGiveTheSameTokens() {
    SampleRecord a =
        B.build(
                row(
                    "phone",
                    PHONE,
                    "card_number",
                    "6222021234567890",
                    "id_number",
                    "11010519491231002x",
                    "name",
                    "张三"),
                "1",
                AS_OF)
            .record();
    String fw =
        PHONE
            .chars()
            .mapToObj(c -> String.valueOf((char) (c - '0' + '０')))
            .reduce("", String::concat);
    SampleRecord b =
        B.build(
                row(
                    "phone",
                    "+86 " + fw,
                    "card_number",
                    "'6222 0212 3456 7890",
                    "id_number",
                    "11010519491231002X",
                    "name",
                    " 张三 "),
                "x",
                AS_OF)
            .record();
    assertThat(b.phoneToken())
        .isEqualTo(a.phoneToken())
        .isEqualTo(KEY.token("phone", "+86" + PHONE));
    assertThat(b.cardToken()).isEqualTo(a.cardToken());
    assertThat(b.idToken()).isEqualTo(a.idToken());
    assertThat(b.nameToken()).isEqualTo(a.nameToken());
    assertThat(a.fieldsPresent()).containsExactly("card_number", "id_number", "name", "phone");
  }

  @Test
  void derivedAttributesFromBinSegmentAndId() {
    SampleRecord r =
        B.build(
                row(
                    "card_number",
                    "6225880100000000",
                    "phone",
                    PHONE,
                    "id_number",
                    "340104199001011239",
                    "bank",
                    "中国工商银行"),
                "1",
                AS_OF)
            .record();
    // 62258801 (8 digits, platinum) wins over 622588 (6 digits, gold).
    assertThat(r.issuer()).isEqualTo("CMB");
    assertThat(r.cardLevel()).isEqualTo("platinum");
    assertThat(r.tier()).isEqualTo("platinum");
    assertThat(r.cardBinKnown()).isTrue();
    assertThat(r.cardLuhnValid())
        .isEqualTo(org.leakmarket.privacy.Validators.luhn("6225880100000000"));
    assertThat(r.phoneValid()).isTrue();
    assertThat(r.phoneProvinceCode()).isEqualTo(PHONES.segments().get(0).provinceCode());
    assertThat(r.carrier()).isEqualTo(PHONES.segments().get(0).carrier());
    assertThat(r.idValid()).isTrue();
    assertThat(r.idProvinceCode()).isEqualTo("34");
    assertThat(r.regionCode()).isEqualTo("34");
    assertThat(r.birthYear()).isEqualTo(1990);
    assertThat(r.gender()).isEqualTo("male");

    SampleRecord unknownBin =
        B.build(
                row("card_number", "9999990000000000", "card_level", "白金卡", "bank", "招商银行"),
                "1",
                AS_OF)
            .record();
    assertThat(unknownBin.cardBinKnown()).isFalse();
    assertThat(unknownBin.tier()).isEqualTo("platinum");
    assertThat(unknownBin.issuer()).isEqualTo("CMB");
  }

  @Test
  void totalRowsMangledOnlyRowsAndEmptyRowsAreRejectedWithMaskedValues() {
    RecordBuilder.Outcome total = B.build(row("name", "合计", "phone", "200条"), "合计", AS_OF);
    assertThat(total.rejection().reason()).isEqualTo(Rejection.TOTAL_ROW);
    assertThat(total.rejection().masked()).containsEntry("name", "合*");

    RecordBuilder.Outcome mangled =
        B.build(row("card_number", "6.22202E+15", "bank", "工行"), "6.22202E+15", AS_OF);
    assertThat(mangled.rejection().reason()).isEqualTo(Rejection.MANGLED_NUMBER);
    assertThat(mangled.rejection().masked()).containsEntry("card_number", "<mangled>");

    RecordBuilder.Outcome none = B.build(row("address", "北京市朝阳区某路1号", "bank", "工行"), "x", AS_OF);
    assertThat(none.rejection().reason()).isEqualTo(Rejection.NO_IDENTIFIER);
    assertThat(none.rejection().masked()).containsEntry("address", "北*");

    RecordBuilder.Outcome damagedButUsable =
        B.build(row("card_number", "6.22202E+15", "phone", PHONE), "x", AS_OF);
    assertThat(damagedButUsable.record().cardToken()).isNull();
    assertThat(damagedButUsable.record().cardLuhnValid()).isFalse();
    assertThat(damagedButUsable.record().damagedFields()).containsExactly("card_number");
    assertThat(damagedButUsable.record().phoneToken()).isNotNull();
  }

  @Test
  void tiersAndIssuersFromWhatSamplesWrite() {
    assertThat(BinTable.tierOf("白金卡")).isEqualTo("platinum");
    assertThat(BinTable.tierOf("金卡")).isEqualTo("gold");
    assertThat(BinTable.tierOf("普卡")).isEqualTo("standard");
    assertThat(BinTable.tierOf("黑金卡")).isEqualTo("premium");
    assertThat(BinTable.tierOf("Visa Infinite")).isEqualTo("premium");
    assertThat(BinTable.tierOf("classic")).isEqualTo("standard");
    assertThat(BinTable.tierOf("信用卡")).isEqualTo("unknown");
    assertThat(BinTable.issuerOfBankName("中国农业银行")).contains("ABC");
    assertThat(BinTable.issuerOfBankName("中国建设银行股份有限公司")).contains("CCB");
    assertThat(BinTable.issuerOfBankName("中国银行")).contains("BOC");
    assertThat(BinTable.issuerOfBankName("太平洋卡")).contains("BOCOM");
    assertThat(BinTable.issuerOfBankName("bocom")).contains("BOCOM");
    assertThat(BinTable.issuerOfBankName("江苏银行")).contains("BOJS");
    assertThat(BinTable.issuerOfBankName("某某信用社")).isEmpty();
    // Longest prefix: 62533088 (platinum) inside 625330 (gold).
    assertThat(BINS.lookup("6253308800000000").orElseThrow().tier()).isEqualTo("platinum");
    assertThat(BINS.lookup("6253301100000000").orElseThrow().tier()).isEqualTo("gold");
    assertThat(BINS.lookup("1234567800000000")).isEmpty();
  }

  @Test
  void headerVocabularyAndOverrides() {
    HeaderMap h = HeaderMap.shipped();
    assertThat(h.field("手机号码", Map.of())).contains("phone");
    assertThat(h.field("\uFEFFCard No.", Map.of())).contains("card_number");
    assertThat(h.field("ＩＤ　Ｎｏ", Map.of())).contains("id_number");
    assertThat(h.field("客户名", Map.of())).isEmpty();
    assertThat(h.field("客户名", Map.of("客户名", "name"))).contains("name");
    assertThat(h.field("姓名", Map.of("姓名", "ignore"))).contains("ignore");
  }
}
