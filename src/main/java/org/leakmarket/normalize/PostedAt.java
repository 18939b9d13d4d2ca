package org.leakmarket.normalize;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code posted_at}: an ISO-8601 date or date-time. Without an offset the time is
 * UTC+8 for Chinese platforms ({@code qq}, {@code wechat}) and UTC elsewhere (contracts
 * section 2). The calendar date is kept in that same zone: it is the date the poster saw.
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
    if (raw == null || raw.isBlank()) {
      return Optional.empty();
    }
    String s = raw.trim();
    ZoneId zone = source != null && CHINA_TIME.contains(source.trim().toLowerCase(Locale.ROOT))
        ? CST : ZoneOffset.UTC;
    try {
      if (s.length() == 10) {
        LocalDate d = LocalDate.parse(s);
        return Optional.of(new Parsed(d.atStartOfDay(zone).toInstant(), d));
      }
      try {
        OffsetDateTime odt = OffsetDateTime.parse(s.replace(' ', 'T'));
        return Optional.of(new Parsed(odt.toInstant(), odt.toLocalDate()));
      } catch (DateTimeParseException noOffset) {
        LocalDateTime ldt = s.indexOf('T') > 0 ? LocalDateTime.parse(s) : LocalDateTime.parse(s, SPACE_DATE_TIME);
        return Optional.of(new Parsed(ldt.atZone(zone).toInstant(), ldt.toLocalDate()));
      }
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
