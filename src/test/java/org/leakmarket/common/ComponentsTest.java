package org.leakmarket.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ComponentsTest {

  @Test
  void labelsEachComponentByItsSmallestMember() {
    Components c = new Components();
    c.union("d", "b");
    c.union("e", "d");
    c.union("x", "y");
    c.add("z");
    assertThat(c.add("e")).isEqualTo("b");
    assertThat(c.add("d")).isEqualTo("b");
    assertThat(c.add("y")).isEqualTo("x");
    assertThat(c.add("z")).isEqualTo("z");
    c.union("y", "a");
    assertThat(c.add("x")).isEqualTo("a");
    assertThat(c.nodes()).containsExactly("d", "b", "e", "x", "y", "z", "a");
  }

  @Test
  void ordersAsUtf8BytesNotUtf16Units() {
    String privateUse = "\uE000"; // after the supplementary planes in UTF-16, before them in UTF-8
    String emoji = "\uD83D\uDE00";
    assertThat(privateUse.compareTo(emoji)).isPositive();
    assertThat(Components.utf8Compare(privateUse, emoji)).isNegative();
    Components c = new Components();
    c.union(emoji, privateUse);
    assertThat(c.add(emoji)).isEqualTo(privateUse);
  }

  @Test
  void utf8CompareAgreesWithTheBytesOnRandomStrings() {
    Random r = new Random(7);
    int[] pool = {'a', 'z', 0xE9, 0x4E2D, 0xE000, 0xFFFD, 0x1F600, 0x10000};
    for (int n = 0; n < 20_000; n++) {
      String a = random(r, pool);
      String b = random(r, pool);
      int bytes =
          Arrays.compareUnsigned(
              a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
      assertThat(Integer.signum(Components.utf8Compare(a, b))).isEqualTo(Integer.signum(bytes));
    }
  }

  private static String random(Random r, int[] pool) {
    StringBuilder s = new StringBuilder();
    for (int k = r.nextInt(4); k > 0; k--) {
      s.appendCodePoint(pool[r.nextInt(pool.length)]);
    }
    return s.toString();
  }
}
