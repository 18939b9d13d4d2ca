package org.leakmarket.privacy;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validity checks on normalised identifiers: Luhn for card numbers, the Chinese mobile number
 * format, email syntax. Chinese ID numbers are in {@link ChineseId}. Pure functions.
 */
public final class Validators {
  private static final Pattern CN_MOBILE = Pattern.compile("\\+861[3-9][0-9]{9}");
  private static final Pattern EMAIL =
      Pattern.compile(
          "[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
              + "@[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\\.[a-z]{2,24}");

  private Validators() {}

  /** The Luhn (mod 10) check over a digit string; false for non-digits or empty. */
  public static boolean luhn(String digits) {
    if (digits == null || digits.isEmpty()) {
      return false;
    }
    int sum = 0;
    boolean dbl = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return false;
      }
      if (dbl) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      dbl = !dbl;
    }
    return sum % 10 == 0;
  }

  /** The Luhn check digit that completes {@code payload} (used by the generator and tests). */
  public static int luhnCheckDigit(String payload) {
    for (int c = 0; c <= 9; c++) {
      if (luhn(payload + c)) {
        return c;
      }
    }
    throw new IllegalArgumentException("not a digit string");
  }

  /** A Chinese mobile number in E.164: {@code +86 1[3-9]} and nine more digits. */
  public static boolean chineseMobile(String e164) {
    return e164 != null && CN_MOBILE.matcher(e164).matches();
  }

  /** Email syntax (a practical subset of RFC 5322: dot-atom local part, DNS domain with a TLD). */
  public static boolean email(String normalised) {
    if (normalised == null || normalised.length() > 254) {
      return false;
    }
    int at = normalised.lastIndexOf('@');
    return at > 0 && at <= 64 && EMAIL.matcher(normalised).matches();
  }

  /** Whether year-month-day is a real calendar date. */
  static LocalDate date(int y, int m, int d) {
    try {
      return LocalDate.of(y, m, d);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** GB/T 2260 province-level codes (first two digits of an ID number's region code). */
  public static final Set<String> PROVINCE_CODES =
      Set.of(
          "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
          "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
          "65", "71", "81", "82");
}
