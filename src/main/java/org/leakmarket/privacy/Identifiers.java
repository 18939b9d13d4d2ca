package org.leakmarket.privacy;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Normalisation of identifiers before hashing (methods.md, Exposure), so the same person gives the
 * same token in every sample whatever the spreadsheet did to the cell: NFKC first (full-width
 * digits and letters become ASCII, ideographic spaces become spaces), then per kind: card and
 * account numbers lose separators and the spreadsheet text marker {@code '}; phones become E.164
 * ({@code +86} for Chinese numbers); ID numbers are upper-cased; names and addresses keep their
 * text with whitespace collapsed; emails are lower-cased. A number in floating-point notation
 * ({@code 6.22202E+15}) has lost digits and is reported {@link Normalized.Status#MANGLED}, never
 * guessed. Pure functions, no state.
 */
public final class Identifiers {
  private static final Pattern WS = Pattern.compile("\\s+");
  private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-./_()\u00b7]+");
  private static final Pattern SCIENTIFIC = Pattern.compile("[0-9]+(\\.[0-9]*)?[eE][+-]?[0-9]+");
  private static final Pattern FLOAT_ZERO = Pattern.compile("([0-9]+)\\.0+");
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");
  private static final Pattern ID18 = Pattern.compile("[0-9]{17}[0-9X]");
  private static final Pattern ID15 = Pattern.compile("[0-9]{15}");
  private static final Pattern ACCOUNT = Pattern.compile("[0-9A-Z]{6,34}");

  private Identifiers() {}

  /** NFKC, trimmed; null for null. */
  public static String nfkc(String raw) {
    return raw == null ? null : Normalizer.normalize(raw, Normalizer.Form.NFKC).strip();
  }

  /** NFKC with runs of whitespace collapsed to one space: names and addresses. */
  public static Normalized text(String raw) {
    String s = nfkc(raw);
    if (s == null || s.isEmpty()) {
      return Normalized.ABSENT;
    }
    return Normalized.ok(WS.matcher(s).replaceAll(" "));
  }

  /**
   * Removes what spreadsheets and typists wrap around a number: NFKC, the leading {@code '} text
   * marker, an {@code ="..."} formula wrapper, quotes, separators. Returns null for an empty cell.
   */
  static String numberish(String raw) {
    String s = nfkc(raw);
    if (s == null) {
      return null;
    }
    if (s.startsWith("=\"") && s.endsWith("\"") && s.length() >= 3) {
      s = s.substring(2, s.length() - 1);
    }
    while (s.startsWith("'") || s.startsWith("`") || s.startsWith("\"")) {
      s = s.substring(1);
    }
    while (s.endsWith("\"")) {
      s = s.substring(0, s.length() - 1);
    }
    s = s.strip();
    return s.isEmpty() ? null : s;
  }

  static boolean isMangled(String s) {
    return SCIENTIFIC.matcher(s).matches();
  }

  /** A card number: digits only, 12 to 19 of them. */
  public static Normalized card(String raw) {
    String s = numberish(raw);
    if (s == null) {
      return Normalized.ABSENT;
    }
    if (isMangled(s.replace(",", ""))) {
      return Normalized.MANGLED;
    }
    var zero = FLOAT_ZERO.matcher(s);
    if (zero.matches()) {
      s = zero.group(1);
    }
    // Commas too: a spreadsheet's thousands separators ("6,222,021,234,567,890").
    String d = SEPARATORS.matcher(s).replaceAll("").replace(",", "");
    if (!DIGITS.matcher(d).matches() || d.length() < 12 || d.length() > 19) {
      return Normalized.MALFORMED;
    }
    return Normalized.ok(d);
  }

  /**
   * A phone in E.164: Chinese numbers (11-digit mobiles, {@code 0}-prefixed landlines, with or
   * without {@code 86}/{@code 0086}/{@code +86}) get {@code +86}; other numbers written with a
   * {@code +} or {@code 00} keep their country code.
   */
  public static Normalized phone(String raw) {
    String s = numberish(raw);
    if (s == null) {
      return Normalized.ABSENT;
    }
    if (isMangled(s)) {
      return Normalized.MANGLED;
    }
    var zero = FLOAT_ZERO.matcher(s);
    if (zero.matches()) {
      s = zero.group(1);
    }
    s = s.replace("(", "").replace(")", "").strip();
    boolean plus = s.startsWith("+");
    String d = SEPARATORS.matcher(plus ? s.substring(1) : s).replaceAll("");
    if (!DIGITS.matcher(d).matches()) {
      return Normalized.MALFORMED;
    }
    if (!plus && d.startsWith("00")) {
      d = d.substring(2);
      plus = true;
    }
    String national;
    if (plus) {
      if (!d.startsWith("86")) {
        return d.length() >= 7 && d.length() <= 15 ? Normalized.ok("+" + d) : Normalized.MALFORMED;
      }
      national = d.substring(2);
    } else if (d.length() == 13 && d.startsWith("861")) {
      national = d.substring(2);
    } else {
      national = d;
    }
    if (national.startsWith("0")) {
      national = national.substring(1); // trunk prefix of a landline: not part of E.164
    }
    if (national.length() < 7 || national.length() > 11) {
      return Normalized.MALFORMED;
    }
    return Normalized.ok("+86" + national);
  }

  /** An ID number: separators removed, upper-cased; 18 characters or 15 digits. */
  public static Normalized idNumber(String raw) {
    String s = numberish(raw);
    if (s == null) {
      return Normalized.ABSENT;
    }
    if (isMangled(s)) {
      return Normalized.MANGLED;
    }
    String u = SEPARATORS.matcher(s).replaceAll("").toUpperCase(Locale.ROOT);
    if (ID18.matcher(u).matches() || ID15.matcher(u).matches()) {
      return Normalized.ok(u);
    }
    return Normalized.MALFORMED;
  }

  /** An email, lower-cased (any text with an {@code @} is kept; syntax is a separate check). */
  public static Normalized email(String raw) {
    String s = nfkc(raw);
    if (s == null || s.isEmpty()) {
      return Normalized.ABSENT;
    }
    s = WS.matcher(s).replaceAll("").toLowerCase(Locale.ROOT);
    return s.indexOf('@') > 0 ? Normalized.ok(s) : Normalized.MALFORMED;
  }

  /** A bank account number: separators removed, upper-cased, 6 to 34 letters or digits. */
  public static Normalized account(String raw) {
    String s = numberish(raw);
    if (s == null) {
      return Normalized.ABSENT;
    }
    if (isMangled(s)) {
      return Normalized.MANGLED;
    }
    String u = SEPARATORS.matcher(s).replaceAll("").toUpperCase(Locale.ROOT);
    return ACCOUNT.matcher(u).matches() ? Normalized.ok(u) : Normalized.MALFORMED;
  }
}
