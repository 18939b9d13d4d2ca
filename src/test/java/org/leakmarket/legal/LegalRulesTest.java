package org.leakmarket.legal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The shipped mapping tables against hand cases: the lines typed here are read off 法释〔2017〕10号
 * Article 5 (docs/legal.md quotes it), one record per class the field rules reach, one advert per
 * product rule.
 */
class LegalRulesTest {
  private final LegalRules rules = LegalRules.load();

  private String classOf(String... fields) {
    return rules.classOf(Set.of(fields)).map(Threshold::id).orElse("none");
  }

  @Test
  void linesAreThoseOfArticle5() {
    Map<String, Long> lines = new java.util.LinkedHashMap<>();
    rules.classes().forEach(t -> lines.put(t.id(), t.serious()));
    // Art. 5(1)(3): 50 items; (4): 500 items; (5): 5,000 items.
    assertThat(lines)
        .containsExactly(
            Map.entry("whereabouts", 50L),
            Map.entry("communication_content", 50L),
            Map.entry("credit", 50L),
            Map.entry("property", 50L),
            Map.entry("accommodation", 500L),
            Map.entry("communication_records", 500L),
            Map.entry("health", 500L),
            Map.entry("transaction", 500L),
            Map.entry("other", 5000L));
    // Art. 5(1)(7): illegal gains of 5,000 CNY; Art. 5(2)(3): ten times each line.
    assertThat(rules.gains().serious()).isEqualTo(5000L);
    assertThat(rules.especially()).isEqualTo(10L);
    assertThat(rules.version()).isEqualTo("2017-10/1");
  }

  @Test
  void eachClassTheFieldRulesReachHasAHandCase() {
    // property: a card number with its holder, a card with CVV, an account with its holder
    assertThat(classOf("name", "card_number")).isEqualTo("property");
    assertThat(classOf("card_number", "card_expiry", "cvv")).isEqualTo("property");
    assertThat(classOf("id_number", "account_number", "address")).isEqualTo("property");
    // credit: a credit limit with a person's identifier and no card
    assertThat(classOf("name", "phone", "credit_limit")).isEqualTo("credit");
    // other: phone and name only; a name with a home address; a card number with nobody's name
    assertThat(classOf("name", "phone")).isEqualTo("other");
    assertThat(classOf("name", "address")).isEqualTo("other");
    assertThat(classOf("card_number", "bank")).isEqualTo("other");
    // a name alone is no item of personal information
    assertThat(classOf("name")).isEqualTo("none");
    assertThat(classOf()).isEqualTo("none");
  }

  @Test
  void theMostSensitiveMatchingRuleWins() {
    // card with holder (property, rank 4) and credit limit (credit, rank 3) both match: credit is
    // listed as more sensitive in Art. 5(1)(3)'s order; both lines are 50 items.
    assertThat(classOf("name", "phone", "card_number", "credit_limit")).isEqualTo("credit");
    assertThat(classOf("name", "phone", "card_number", "email")).isEqualTo("property");
  }

  @Test
  void article11DropsFieldsThatFailTheirCheckOrAreDamaged() {
    Map<String, Boolean> flags =
        Map.of("card_luhn_valid", false, "phone_valid", true, "id_valid", true);
    Set<String> real =
        rules.realFields(
            List.of("name", "card_number", "phone", "id_number", "address"),
            List.of("id_number"),
            flags::get);
    assertThat(real).containsExactlyInAnyOrder("name", "phone", "address");
    RecordClasses rc = new RecordClasses(rules);
    // a padded card with a real phone: property as found, other after exclusions
    RecordClasses.Classes c =
        rc.classify(List.of("name", "card_number", "phone"), List.of(), flags::get);
    assertThat(c.found().id()).isEqualTo("property");
    assertThat(c.real().id()).isEqualTo("other");
    // a padded card and a name only: no real item at all
    RecordClasses.Classes padded =
        rc.classify(List.of("name", "card_number"), List.of(), flags::get);
    assertThat(padded.found().id()).isEqualTo("property");
    assertThat(padded.real()).isNull();
    // a flag that is absent (null) is not a pass
    assertThat(rules.realFields(List.of("phone"), List.of(), f -> null)).isEmpty();
  }

  @Test
  void advertsAreClassedByWhatTheySell() {
    assertThat(rules.classOfOffer("card_credentials", "credit_card").id()).isEqualTo("property");
    assertThat(rules.classOfOffer("card_clones", "other").id()).isEqualTo("property");
    assertThat(rules.classOfOffer("account_access", "bank_account").id()).isEqualTo("property");
    assertThat(rules.classOfOffer("identity_documents", "other").id()).isEqualTo("other");
    assertThat(rules.classOfOffer("personal_records", "credit_card").id()).isEqualTo("other");
    assertThat(rules.classOfOffer("other", "telecom").id()).isEqualTo("other");
    assertThat(rules.classOfOffer(null, null).id()).isEqualTo("other");
  }

  @Test
  void proportionalSumOfArticle5Item6IsExact() {
    // 25 property items (half of 50) and 2,500 other items (half of 5,000) reach the line together
    long eq = rules.equivalents("property", 25) + rules.equivalents("other", 2500);
    assertThat(eq).isEqualTo(rules.base()).isEqualTo(5000L);
    // one item of each line in items of the least sensitive class: 100, 10, 1
    assertThat(rules.equivalents("credit", 1)).isEqualTo(100L);
    assertThat(rules.equivalents("transaction", 1)).isEqualTo(10L);
    assertThat(rules.equivalents("other", 1)).isEqualTo(1L);
  }

  @Test
  void aMalformedTableIsRefusedWithTheOffendingValue() {
    Threshold other = new Threshold("class", "other", 9, "5(1)(5)", 5000, 10, "o", "o");
    Threshold gains = new Threshold("gains", "gains_cny", 0, "5(1)(7)", 5000, 10, "g", "g");
    Threshold odd = new Threshold("class", "odd", 1, "x", 300, 10, "x", "x");
    assertThatThrownBy(
            () -> new LegalRules("t", List.of(other, gains, odd), List.of(), Map.of(), List.of()))
        .hasMessageContaining("300");
    LegalRules.FieldRule bad = new LegalRules.FieldRule("r", "nosuch", Set.of("name"), Set.of());
    assertThatThrownBy(
            () -> new LegalRules("t", List.of(other, gains), List.of(bad), Map.of(), List.of()))
        .hasMessageContaining("nosuch");
  }
}
