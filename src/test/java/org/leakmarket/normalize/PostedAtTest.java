package org.leakmarket.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The fast path of {@link PostedAt} against java.time's own parsers. */
class PostedAtTest {

  @Test
  void fastPathAgreesWithJavaTime() {
    String[] noOffset = {
      "2015-01-10T08:30",
      "2015-01-10T08:30:15",
      "2015-01-10T23:59:59.5",
      "2015-01-10T00:00:00.123456789"
    };
    for (String s : noOffset) {
      LocalDateTime ldt = LocalDateTime.parse(s);
      assertThat(PostedAt.parse(s, "qq").orElseThrow().instant())
          .as(s)
          .isEqualTo(ldt.toInstant(ZoneOffset.ofHours(8)));
      assertThat(PostedAt.parse(s, "telegram").orElseThrow().instant())
          .as(s)
          .isEqualTo(ldt.toInstant(ZoneOffset.UTC));
      assertThat(PostedAt.parse(s.replace('T', ' '), "forum").orElseThrow().instant())
          .as(s)
          .isEqualTo(ldt.toInstant(ZoneOffset.UTC));
    }
    String[] withOffset = {
      "2015-01-10T08:30:00Z",
      "2015-01-10T08:30:00+08:00",
      "2015-01-10T20:00:00-08:00",
      "2015-01-10T08:30+05:30"
    };
    for (String s : withOffset) {
      OffsetDateTime odt = OffsetDateTime.parse(s);
      PostedAt.Parsed p = PostedAt.parse(s, "qq").orElseThrow();
      assertThat(p.instant()).as(s).isEqualTo(odt.toInstant());
      assertThat(p.date()).as(s).isEqualTo(odt.toLocalDate());
    }
    assertThat(PostedAt.parse("2015-01-10T08:30:00+0800", "qq").orElseThrow().instant())
        .isEqualTo(OffsetDateTime.parse("2015-01-10T08:30:00+08:00").toInstant());
    assertThat(PostedAt.parse("2015-01-10", "qq").orElseThrow().date())
        .isEqualTo(LocalDate.of(2015, 1, 10));
    assertThat(PostedAt.parse("2015-01-10", "qq").orElseThrow().instant())
        .isEqualTo(LocalDate.of(2015, 1, 10).atStartOfDay(ZoneOffset.ofHours(8)).toInstant());
  }

  /**
   * The fast path computes the instant by arithmetic; java.time's formatter is the reference, on
   * random date-times from 1950 to 2100 (before the epoch too) in every written form.
   */
  @Test
  void fastPathAgreesWithJavaTimeOnRandomDateTimes() {
    java.util.Random r = new java.util.Random(20261202L);
    for (int k = 0; k < 5_000; k++) {
      LocalDateTime ldt =
          LocalDateTime.of(
              1950 + r.nextInt(151),
              1 + r.nextInt(12),
              1 + r.nextInt(28),
              r.nextInt(24),
              r.nextInt(60),
              r.nextInt(60),
              r.nextBoolean() ? 0 : r.nextInt(1_000_000_000));
      String local = ldt.toString(); // ISO, seconds and fraction only when non-zero
      ZoneOffset off = ZoneOffset.ofTotalSeconds((r.nextInt(37) - 18) * 1800);
      assertThat(PostedAt.parse(local, "wechat").orElseThrow().instant())
          .as(local)
          .isEqualTo(ldt.toInstant(ZoneOffset.ofHours(8)));
      String withOffset = ldt.atOffset(off).toString();
      PostedAt.Parsed p = PostedAt.parse(withOffset, "forum").orElseThrow();
      assertThat(p.instant()).as(withOffset).isEqualTo(ldt.toInstant(off));
      assertThat(p.date()).as(withOffset).isEqualTo(ldt.toLocalDate());
      String day = ldt.toLocalDate().toString();
      assertThat(PostedAt.parse(day, "telegram").orElseThrow().instant())
          .as(day)
          .isEqualTo(ldt.toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant());
    }
  }

  @Test
  void impossibleOrUnreadableDatesAreEmpty() {
    for (String s :
        new String[] {
          "2015-02-30",
          "2015-13-01",
          "2015-01-10T25:00",
          "yesterday",
          "2015/01/10",
          "",
          "2015-01-10T08"
        }) {
      assertThat(PostedAt.parse(s, "qq")).as(s).isEmpty();
    }
  }
}
