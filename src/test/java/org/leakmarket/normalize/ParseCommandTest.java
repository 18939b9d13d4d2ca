package org.leakmarket.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakmarket.cli.LeakmarketCommand;
import org.leakmarket.cli.ParseCommand;
import org.leakmarket.reference.FxTable;

class ParseCommandTest {
  private static final List<String> FIELDS =
      List.of(
          "listing_id",
          "offer_index",
          "status",
          "reason",
          "detail",
          "price_per_record_cny",
          "price_per_record_low_cny",
          "price_per_record_high_cny",
          "price_per_record_usd",
          "amount",
          "currency",
          "quantity",
          "product",
          "balance_low_cny",
          "balance_high_cny",
          "qualifier",
          "language",
          "tier",
          "freshness",
          "category",
          "issuers",
          "region_code",
          "evidence",
          "confidence",
          "posted_at",
          "posted_date");
  private static final String INPUT =
      String.join(
          "\n",
          "{\"source\":\"qq\",\"posted_at\":\"2015-01-10\",\"text\":\"普卡三毛 金卡一块 白金卡五块\"}",
          "{\"listing_id\":\"L2\",\"source\":\"market\",\"posted_at\":\"2015-01-10\",\"price\":2000,\"quantity\":100000}",
          "{\"listing_id\":\"L3\",\"source\":\"market\",\"posted_at\":\"2015-01-10\",\"price\":\"0.35\",\"currency\":\"CNY\"}",
          "not json at all",
          "",
          "{\"listing_id\":\"L5\",\"source\":\"qq\",\"posted_at\":\"2015-01-10\",\"text\":\"收信用卡资料\"}");
  private final ObjectMapper mapper = new ObjectMapper();

  private List<JsonNode> lines(String out) throws Exception {
    List<JsonNode> nodes = new ArrayList<>();
    for (String l : out.split("\n")) {
      if (!l.isBlank()) {
        nodes.add(mapper.readTree(l));
      }
    }
    return nodes;
  }

  @Test
  void oneLinePerOfferOrRejectedListingWithTheContractFieldNames() throws Exception {
    StringWriter sw = new StringWriter();
    Normalizer n = new Normalizer(FxTable.shipped(45), new NormalizerSettings(0.0001, 50000));
    ParseCommand.Counts c =
        ParseCommand.run(new StringReader(INPUT), new PrintWriter(sw), n, false);
    List<JsonNode> out = lines(sw.toString());
    assertThat(c).isEqualTo(new ParseCommand.Counts(5, 5, 2));
    assertThat(out).hasSize(7);
    for (JsonNode o : out) {
      List<String> names = new ArrayList<>();
      for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
        names.add(it.next());
      }
      assertThat(names).isEqualTo(FIELDS);
    }
    // the menu: three offers of one listing whose id is the SHA-256 default
    String id = ListingIds.defaultId("qq", null, null, "2015-01-10", "普卡三毛 金卡一块 白金卡五块");
    assertThat(out.get(0).get("listing_id").asText()).isEqualTo(id).hasSize(64);
    assertThat(out.get(0).get("offer_index").asInt()).isZero();
    assertThat(out.get(2).get("offer_index").asInt()).isEqualTo(2);
    assertThat(out.get(2).get("tier").asText()).isEqualTo("platinum");
    assertThat(out.get(2).get("price_per_record_cny").asDouble()).isEqualTo(5.0);
    assertThat(out.get(0).get("evidence").get(0).get("span").asText()).isEqualTo("三毛");
    // a JSON number price
    assertThat(out.get(3).get("price_per_record_cny").asDouble()).isEqualTo(0.02);
    assertThat(out.get(3).get("quantity").asLong()).isEqualTo(100000L);
    assertThat(out.get(4).get("amount").asDouble()).isEqualTo(0.35);
    // malformed line and buy request: one rejected line each, offer_index null
    assertThat(out.get(5).get("status").asText()).isEqualTo("rejected");
    assertThat(out.get(5).get("reason").asText()).isEqualTo("malformed");
    assertThat(out.get(5).get("offer_index").isNull()).isTrue();
    assertThat(out.get(6).get("reason").asText()).isEqualTo("not_an_offer");
    assertThat(out.get(6).get("listing_id").asText()).isEqualTo("L5");
  }

  @Test
  void theCommandLineReadsAFileAndWritesToStandardOutput(@TempDir Path dir) throws Exception {
    Path in = dir.resolve("listings.jsonl");
    Files.writeString(in, INPUT, StandardCharsets.UTF_8);
    PrintStream saved = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
      code = LeakmarketCommand.execute("parse", in.toString());
    } finally {
      System.setOut(saved);
    }
    assertThat(code).isZero();
    List<JsonNode> out = lines(buf.toString(StandardCharsets.UTF_8));
    assertThat(out).hasSize(7);
    assertThat(out.get(1).get("price_per_record_cny").asDouble()).isEqualTo(1.0);
  }

  @Test
  void aMissingFileIsBadInput(@TempDir Path dir) {
    assertThat(LeakmarketCommand.execute("parse", dir.resolve("nope.jsonl").toString()))
        .isEqualTo(3);
  }

  /** Product, balances, qualifier and language as read, in the output (contracts section 4). */
  @Test
  void productBalanceQualifierAndLanguageArePrinted() throws Exception {
    String in =
        "{\"listing_id\":\"A\",\"source\":\"telegram\",\"posted_at\":\"2015-01-10\","
            + "\"text\":\"PayPal, $500 – $2,000 balances $25\"}\n"
            + "{\"listing_id\":\"B\",\"source\":\"qq\",\"posted_at\":\"2015-01-10\","
            + "\"text\":\"手持身份证照片 一套最低15元\"}\n";
    StringWriter sw = new StringWriter();
    Normalizer n = new Normalizer(FxTable.shipped(45), NormalizerSettings.defaults());
    ParseCommand.run(new StringReader(in), new PrintWriter(sw), n, false);
    List<JsonNode> out = lines(sw.toString());
    assertThat(out).hasSize(2);
    JsonNode a = out.get(0);
    assertThat(a.get("product").asText()).isEqualTo("account_access");
    // USD 6.21 on 2015-01-07, the as-of row for 2015-01-10
    assertThat(a.get("balance_low_cny").asDouble()).isCloseTo(500 * 6.21, within(1e-6));
    assertThat(a.get("balance_high_cny").asDouble()).isCloseTo(2000 * 6.21, within(1e-6));
    assertThat(a.get("qualifier").asText()).isEqualTo("exact");
    assertThat(a.get("language").asText()).isEqualTo("en");
    JsonNode b = out.get(1);
    assertThat(b.get("product").asText()).isEqualTo("identity_documents");
    assertThat(b.get("balance_low_cny").isNull()).isTrue();
    assertThat(b.get("qualifier").asText()).isEqualTo("from");
    assertThat(b.get("language").asText()).isEqualTo("zh");
    assertThat(b.get("price_per_record_cny").asDouble()).isEqualTo(15.0);
  }

  @Test
  void theHelpNamesTheNewFields() {
    String help = new picocli.CommandLine(new org.leakmarket.cli.ParseCommand()).getUsageMessage();
    assertThat(help).contains("product", "balance_low_cny", "qualifier", "language");
  }

  @Test
  void asciiOnlyOutputEscapesChineseAndStaysValidJson() throws Exception {
    StringWriter sw = new StringWriter();
    Normalizer n = new Normalizer(FxTable.shipped(45), new NormalizerSettings(0.0001, 50000));
    ParseCommand.run(new StringReader(INPUT.split("\n")[0]), new PrintWriter(sw), n, true);
    assertThat(sw.toString()).doesNotContain("三毛").contains("\\u4E09");
    assertThat(lines(sw.toString()).get(0).get("evidence").get(0).get("span").asText())
        .isEqualTo("三毛");
  }
}
