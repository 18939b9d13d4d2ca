package org.leakmarket.privacy;

/**
 * Masked renderings for the quarantine (privacy.md section 2): enough to tell a reviewer what kind
 * of value was there, never enough to recover it. Phones keep 3 + 4 digits ({@code 138****5678}),
 * cards 6 + 4 ({@code 622202******1234}), ID numbers the region code's first 6 and last 4 with the
 * birth date hidden, names and addresses their first character. Mangled spreadsheet numbers are not
 * echoed at all. Pure functions.
 */
public final class Mask {
  private Mask() {}

  public static String phone(String raw) {
    String d = digits(raw);
    if (d.length() >= 11 && d.startsWith("86")) {
      d = d.substring(2);
    }
    if (d.length() < 8) {
      return stars(d.length());
    }
    return d.substring(0, 3) + "****" + d.substring(d.length() - 4);
  }

  public static String card(String raw) {
    String d = digits(raw);
    if (d.length() < 13) {
      return stars(d.length());
    }
    return d.substring(0, 6) + stars(d.length() - 10) + d.substring(d.length() - 4);
  }

  public static String idNumber(String raw) {
    String s = raw == null ? "" : Identifiers.nfkc(raw).replaceAll("\\s+", "");
    if (s.length() < 15) {
      return stars(s.length());
    }
    return s.substring(0, 6) + stars(s.length() - 10) + s.substring(s.length() - 4);
  }

  public static String account(String raw) {
    String s = raw == null ? "" : Identifiers.nfkc(raw).replaceAll("[\\s-]+", "");
    if (s.length() < 10) {
      return stars(s.length());
    }
    return s.substring(0, 4) + stars(s.length() - 8) + s.substring(s.length() - 4);
  }

  /** First character, then {@code *}: for names and addresses (no length revealed). */
  public static String firstChar(String raw) {
    String s = Identifiers.nfkc(raw);
    if (s == null || s.isEmpty()) {
      return "";
    }
    return new String(Character.toChars(s.codePointAt(0))) + "*";
  }

  /**
   * First character, {@code @} and the domain ({@code w*@139.com}); the domain is shown only when
   * it is a plain DNS name with a letter TLD and no run of five digits. Anything else after the
   * {@code @} is starred: a malformed cell (an unclosed quote that swallowed the next rows) would
   * otherwise carry raw phone and card numbers through the mask.
   */
  public static String email(String raw) {
    String s = Identifiers.nfkc(raw);
    if (s == null || s.isEmpty()) {
      return "";
    }
    int at = s.lastIndexOf('@');
    if (at <= 0) {
      return firstChar(s);
    }
    String domain = s.substring(at + 1);
    boolean plain =
        domain.length() <= 253
            && SHOWN_DOMAIN.matcher(domain).matches()
            && !DIGIT_RUN.matcher(domain).find();
    return firstChar(s) + "@" + (plain ? domain : "*");
  }

  private static final java.util.regex.Pattern SHOWN_DOMAIN =
      java.util.regex.Pattern.compile(
          "(?i)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
  private static final java.util.regex.Pattern DIGIT_RUN =
      java.util.regex.Pattern.compile("[0-9]{5}");

  /** A cell a spreadsheet turned into floating point: its remaining digits are not shown. */
  public static String mangled() {
    return "<mangled>";
  }

  private static String digits(String raw) {
    String s = Identifiers.nfkc(raw);
    return s == null ? "" : s.replaceAll("[^0-9]", "");
  }

  private static String stars(int n) {
    return "*".repeat(Math.max(n, 1));
  }
}
