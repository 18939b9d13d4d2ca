package org.leakmarket.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ValidatorsTest {

  @Test
  void luhnAcceptsKnownValidNumbersAndRejectsOneDigitChanges() {
    assertThat(Validators.luhn("4111111111111111")).isTrue();
    assertThat(Validators.luhn("79927398713")).isTrue(); // the textbook example
    assertThat(Validators.luhn("5555555555554444")).isTrue();
    assertThat(Validators.luhn("4111111111111112")).isFalse();
    assertThat(Validators.luhn("79927398710")).isFalse();
    assertThat(Validators.luhn("4111-1111")).isFalse();
    assertThat(Validators.luhn("")).isFalse();
    // 7992739871 + check digit: sum of doubled/undoubled digits is 67, so the check digit is 3.
    assertThat(Validators.luhnCheckDigit("7992739871")).isEqualTo(3);
  }

  @Test
  void idCheckCharacterMatchesHandComputedIso7064() {
    // 11010519491231002X: weighted sum 167, 167 mod 11 = 2, (12 - 2) mod 11 = 10 -> 'X'.
    assertThat(ChineseId.checkChar("11010519491231002")).isEqualTo('X');
    // 34010419900101123?: weighted sum 179, 179 mod 11 = 3, (12 - 3) mod 11 = 9.
    assertThat(ChineseId.checkChar("34010419900101123")).isEqualTo('9');

    ChineseId.Info ok = ChineseId.parse("340104199001011239", LocalDate.of(2015, 1, 8));
    assertThat(ok.valid()).isTrue();
    assertThat(ok.provinceCode()).isEqualTo("34");
    assertThat(ok.birthYear()).isEqualTo(1990);
    assertThat(ok.gender()).isEqualTo("male"); // 17th digit 3 is odd

    ChineseId.Info x = ChineseId.parse("11010519491231002X", LocalDate.of(2015, 1, 8));
    assertThat(x.valid()).isTrue();
    assertThat(x.gender()).isEqualTo("female"); // 17th digit 2 is even
  }

  @Test
  void idRejectsWrongCheckDigitDateProvinceAndFutureBirth() {
    LocalDate asOf = LocalDate.of(2015, 1, 8);
    assertThat(ChineseId.parse("340104199001011238", asOf).valid()).isFalse();
    assertThat(ChineseId.parse("340104199001011238", asOf).checkDigitOk()).isFalse();
    // 1990-02-30 does not exist (check char recomputed so only the date is wrong).
    String badDate = "34010419900230123";
    assertThat(ChineseId.parse(badDate + ChineseId.checkChar(badDate), asOf).valid()).isFalse();
    String badProvince = "99010419900101123";
    assertThat(ChineseId.parse(badProvince + ChineseId.checkChar(badProvince), asOf).valid())
        .isFalse();
    String future = "34010420200101123";
    assertThat(ChineseId.parse(future + ChineseId.checkChar(future), asOf).valid()).isFalse();
    // Old 15-digit form: 19YYMMDD implied, no check character.
    ChineseId.Info old = ChineseId.parse("340104900101123", asOf);
    assertThat(old.valid()).isTrue();
    assertThat(old.birthYear()).isEqualTo(1990);
  }

  @Test
  void phonesNormaliseToE164AndOnlyChineseMobilesAreValid() {
    for (String raw :
        new String[] {
          "13812345678",
          "１３８ １２３４ ５６７８",
          "+86 138-1234-5678",
          "008613812345678",
          "8613812345678",
          "'13812345678",
          "13812345678.0",
          "(+86)138.1234.5678"
        }) {
      Normalized n = Identifiers.phone(raw);
      assertThat(n.value()).as(raw).isEqualTo("+8613812345678");
      assertThat(Validators.chineseMobile(n.value())).isTrue();
    }
    assertThat(Identifiers.phone("1.38123E+10").status()).isEqualTo(Normalized.Status.MANGLED);
    assertThat(Identifiers.phone("010-12345678").value()).isEqualTo("+861012345678");
    assertThat(Validators.chineseMobile("+861012345678")).isFalse();
    assertThat(Validators.chineseMobile("+8612345678901")).isFalse(); // 12x is not a mobile segment
    assertThat(Identifiers.phone("+1 415 555 0100").value()).isEqualTo("+14155550100");
    assertThat(Identifiers.phone("无").status()).isEqualTo(Normalized.Status.MALFORMED);
    assertThat(Identifiers.phone("  ").status()).isEqualTo(Normalized.Status.ABSENT);
  }

  @Test
  void cardsKeepDigitsOnlyAndMangledNumbersAreNotGuessed() {
    assertThat(Identifiers.card("'6222021234567890").value()).isEqualTo("6222021234567890");
    assertThat(Identifiers.card("6222 0212 3456 7890").value()).isEqualTo("6222021234567890");
    assertThat(Identifiers.card("６２２２０２１２３４５６７８９０").value()).isEqualTo("6222021234567890");
    assertThat(Identifiers.card("=\"6222021234567890\"").value()).isEqualTo("6222021234567890");
    assertThat(Identifiers.card("6,222,021,234,567,890").value()).isEqualTo("6222021234567890");
    assertThat(Identifiers.card("6.22202E+15").status()).isEqualTo(Normalized.Status.MANGLED);
    assertThat(Identifiers.card("6.22202e15").status()).isEqualTo(Normalized.Status.MANGLED);
    assertThat(Identifiers.card("1234").status()).isEqualTo(Normalized.Status.MALFORMED);
    assertThat(Identifiers.idNumber(" 11010519491231002x ").value())
        .isEqualTo("11010519491231002X");
    assertThat(Identifiers.text("  张　 三 ").value()).isEqualTo("张 三");
    assertThat(Identifiers.email(" Zhang.San@QQ.com ").value()).isEqualTo("zhang.san@qq.com");
  }

  @Test
  void emailSyntax() {
    assertThat(Validators.email("zhang.san@qq.com")).isTrue();
    assertThat(Validators.email("a+b@mail.example.cn")).isTrue();
    assertThat(Validators.email("zhangsan@qq")).isFalse();
    assertThat(Validators.email("zhang..san@qq.com")).isFalse();
    assertThat(Validators.email("@qq.com")).isFalse();
    assertThat(Validators.email("zhang san@qq.com")).isFalse();
  }

  @Test
  void masksShowOnlyTheAgreedParts() {
    assertThat(Mask.phone("13812345678")).isEqualTo("138****5678");
    assertThat(Mask.phone("+86 138 1234 5678")).isEqualTo("138****5678");
    assertThat(Mask.card("6222021234561234")).isEqualTo("622202******1234");
    assertThat(Mask.idNumber("11010519491231002X")).isEqualTo("110105********002X");
    assertThat(Mask.firstChar("张三")).isEqualTo("张*");
    assertThat(Mask.email("zhangsan@qq.com")).isEqualTo("z*@qq.com");
    assertThat(Mask.account("6217000010001234567")).isEqualTo("6217***********4567");
  }

  /**
   * Found by FuzzTest: a cell whose quote never closed swallowed the next rows, and the mask kept
   * everything after its '@', raw phone and card numbers included. Only a plain domain is shown.
   */
  @Test
  void anEmailMaskShowsAPlainDomainOnly() {
    assertThat(Mask.email("w@139.com,北京市中山路45号\n李静,18517954878,4392250844535392"))
        .isEqualTo("w*@*");
    assertThat(Mask.email("a@13812345678.com")).isEqualTo("a*@*");
    assertThat(Mask.email("li.si@mail.example-bank.com.cn"))
        .isEqualTo("l*@mail.example-bank.com.cn");
    assertThat(Mask.email("x@163.com")).isEqualTo("x*@163.com");
  }
}
