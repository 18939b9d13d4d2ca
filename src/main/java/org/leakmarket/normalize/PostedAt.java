package org.leakmarket.normalize;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code posted_at}: an ISO-8601 date or date-time. Without an offset the time is UTC+8 for
 * Chinese platforms ({@code qq}, {@code wechat}) and UTC elsewhere (contracts section 2). The
 * calendar date is kept in that same zone: it is the date the poster saw.
 */
public final class PostedAt {
  private static final Set<String> CHINA_TIME = Set.of("qq", "wechat");
  private static final ZoneOffset CST = ZoneOffset.ofHours(8);
  private static final DateTimeFormatter SPACE_DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss][.SSS]", Locale.ROOT);

  /** The instant and calendar date of a posting. */
  public record Parsed(Instant instant, LocalDate date) {}

  private PostedAt() {}

  public static Optional<Parsed> parse(String raw, String source) {
    if (Normalizer.blank(raw)) {
      return Optional.empty();
    }
    // trim() returns the string itself when its ends are not spaces (2015-01-22 17:20:32)
    String s = raw.trim();
    ZoneOffset zone = chinaTime(source) ? CST : ZoneOffset.UTC;
    Optional<Parsed> fast = fast(s, zone);
    if (fast != null) {
      return fast;
    }
    try {
      if (s.length() == 10) {
        LocalDate d = LocalDate.parse(s);
        return Optional.of(new Parsed(d.atStartOfDay(zone).toInstant(), d));
      }
      try {
        OffsetDateTime odt = OffsetDateTime.parse(s.replace(' ', 'T'));
        return Optional.of(new Parsed(odt.toInstant(), odt.toLocalDate()));
      } catch (DateTimeParseException noOffset) {
        LocalDateTime ldt =
            s.indexOf('T') > 0 ? LocalDateTime.parse(s) : LocalDateTime.parse(s, SPACE_DATE_TIME);
        return Optional.of(new Parsed(ldt.atZone(zone).toInstant(), ldt.toLocalDate()));
      }
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * The common forms without java.time's formatter (which costs microseconds and throws on the
   * no-offset path): {@code yyyy-MM-dd}, then optionally {@code T} or a space, {@code HH:mm},
   * {@code :ss}, a fraction, and {@code Z} or {@code +HH:mm}/{@code +HHmm}/{@code +HH}. Returns
   * null (not empty) for any other shape, which the general parser then reads.
   */
  private static boolean chinaTime(String source) {
    if (source == null) {
      return false;
    }
    // the common case without allocating: already trimmed
    if (source.equalsIgnoreCase("qq") || source.equalsIgnoreCase("wechat")) {
      return true;
    }
    char first = source.isEmpty() ? ' ' : source.charAt(0);
    char last = source.isEmpty() ? ' ' : source.charAt(source.length() - 1);
    if (first > ' ' && first < 0x7F && last > ' ' && last < 0x7F) {
      return false; // nothing to strip (telegram, forum): not qq nor wechat, compared above
    }
    String t = source.strip();
    return t.length() != source.length() && CHINA_TIME.contains(t.toLowerCase(Locale.ROOT));
  }

  private static Optional<Parsed> fast(String s, ZoneOffset zone) {
    int n = s.length();
    if (n < 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
      return null;
    }
    int y = digits(s, 0, 4);
    int mo = digits(s, 5, 2);
    int d = digits(s, 8, 2);
    if (y < 0 || mo < 0 || d < 0) {
      return null;
    }
    Day cached = day(y, mo, d);
    if (cached == null) {
      return Optional.empty();
    }
    LocalDate date = cached.date;
    long day = cached.epochSecond;
    if (n == 10) {
      return Optional.of(new Parsed(Instant.ofEpochSecond(day - zone.getTotalSeconds()), date));
    }
    char sep = s.charAt(10);
    if ((sep != 'T' && sep != ' ') || n < 16 || s.charAt(13) != ':') {
      return null;
    }
    int h = digits(s, 11, 2);
    int mi = digits(s, 14, 2);
    int sec = 0;
    int nano = 0;
    int i = 16;
    if (i < n && s.charAt(i) == ':') {
      sec = digits(s, i + 1, 2);
      i += 3;
      if (i < n && s.charAt(i) == '.') {
        int start = ++i;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
          i++;
        }
        if (i == start || i - start > 9) {
          return null;
        }
        nano = digits(s, start, i - start);
        for (int k = i - start; k < 9; k++) {
          nano *= 10;
        }
      }
    }
    if (h < 0 || mi < 0 || sec < 0 || h > 23 || mi > 59 || sec > 59) {
      return h < 0 || mi < 0 || sec < 0 ? null : Optional.empty();
    }
    // the instant by arithmetic (epoch day, seconds of the day, the offset): what
    // LocalDateTime.toInstant computes, without its two intermediate objects
    long local = day + h * 3600L + mi * 60L + sec;
    if (i == n) {
      return Optional.of(
          new Parsed(Instant.ofEpochSecond(local - zone.getTotalSeconds(), nano), date));
    }
    int offsetSeconds;
    char c = s.charAt(i);
    if (c == 'Z' && i + 1 == n) {
      offsetSeconds = 0;
    } else if (c == '+' || c == '-') {
      int rest = n - i - 1;
      int oh = digits(s, i + 1, 2);
      int om =
          rest == 2
              ? 0
              : rest == 4
                  ? digits(s, i + 3, 2)
                  : rest == 5 && s.charAt(i + 3) == ':' ? digits(s, i + 4, 2) : -1;
      if (oh < 0 || om < 0 || oh > 18 || om > 59) {
        return null;
      }
      int total = (oh * 3600 + om * 60) * (c == '-' ? -1 : 1);
      if (Math.abs(total) > MAX_OFFSET_SECONDS) {
        return null; // what ZoneOffset.ofTotalSeconds refuses; only its seconds are needed
      }
      offsetSeconds = total;
    } else {
      return null;
    }
    return Optional.of(new Parsed(Instant.ofEpochSecond(local - offsetSeconds, nano), date));
  }

  /** The largest offset java.time accepts (+18:00), in seconds. */
  private static final int MAX_OFFSET_SECONDS = ZoneOffset.MAX.getTotalSeconds();

  /** A calendar date and the epoch second of its midnight (UTC). */
  private static final class Day {
    final LocalDate date;
    final long epochSecond;

    Day(LocalDate date) {
      this.date = date;
      this.epochSecond = date.toEpochDay() * 86_400L;
    }
  }

  /**
   * The dates already read, one slot per day of a 64-year cycle (the postings of a data set fall
   * within a few years: nearly every date is read once, then found here): a date costs a compare
   * instead of {@code LocalDate.of}'s checks and an epoch-day computation. Slots are written racily
   * with immutable objects, which is safe.
   */
  private static final Day[] DAYS = new Day[64 * 12 * 31];

  /** The date y-mo-d, or null when there is no such day. */
  private static Day day(int y, int mo, int d) {
    int slot =
        mo >= 1 && mo <= 12 && d >= 1 && d <= 31 ? ((y & 63) * 12 + mo - 1) * 31 + d - 1 : -1;
    if (slot >= 0) {
      Day c = DAYS[slot];
      if (c != null && c.date.getYear() == y) {
        return c; // the slot fixes month and day
      }
    }
    Day made;
    try {
      made = new Day(LocalDate.of(y, mo, d));
    } catch (java.time.DateTimeException e) {
      return null;
    }
    if (slot >= 0) {
      DAYS[slot] = made;
    }
    return made;
  }

  /** The non-negative integer written by {@code len} ASCII digits at {@code from}, or -1. */
  private static int digits(String s, int from, int len) {
    if (from + len > s.length()) {
      return -1;
    }
    int v = 0;
    for (int k = from; k < from + len; k++) {
      char c = s.charAt(k);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
