package org.leakmarket.privacy;

import java.time.LocalDate;

/**
 * Resident identity numbers (GB 11643-1999): 6-digit region code, 8-digit birth date, 3-digit
 * sequence (odd for men), and a check character by ISO 7064 MOD 11-2 (weights 2^(17-i) mod 11,
 * check = (12 - sum mod 11) mod 11, 10 written X). The old 15-digit form (birth year 19YY, no check
 * character) is accepted with its date and region checked. Pure functions.
 *
 * <p>Only non-identifying parts leave this class: the province (first two digits), the birth year
 * and the gender.
 */
public final class ChineseId {
  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
  private static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);

  /**
   * What an ID number says. {@code valid} requires the format, a known province, a real birth date
   * not after {@code asOf}, and (18-digit form) the check character.
   */
  public record Info(
      boolean valid, boolean checkDigitOk, String provinceCode, Integer birthYear, String gender) {}

  private ChineseId() {}

  /** The check character for the first 17 digits. */
  public static char checkChar(String first17) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (first17.charAt(i) - '0') * WEIGHTS[i];
    }
    return CHECK[sum % 11];
  }

  /**
   * Parses a normalised ID number (upper-case, see {@link Identifiers#idNumber}).
   *
   * @param asOf the latest plausible birth date (the sample's date), or null for today
   */
  public static Info parse(String id, LocalDate asOf) {
    if (id == null || (id.length() != 18 && id.length() != 15)) {
      return new Info(false, false, null, null, null);
    }
    for (int i = 0; i < (id.length() == 18 ? 17 : 15); i++) {
      if (!Character.isDigit(id.charAt(i)) || id.charAt(i) > '9') {
        return new Info(false, false, null, null, null);
      }
    }
    boolean longForm = id.length() == 18;
    String province = id.substring(0, 2);
    boolean provinceOk = Validators.PROVINCE_CODES.contains(province);
    int y =
        longForm
            ? Integer.parseInt(id.substring(6, 10))
            : 1900 + Integer.parseInt(id.substring(6, 8));
    int m = Integer.parseInt(longForm ? id.substring(10, 12) : id.substring(8, 10));
    int d = Integer.parseInt(longForm ? id.substring(12, 14) : id.substring(10, 12));
    LocalDate birth = Validators.date(y, m, d);
    LocalDate latest = asOf != null ? asOf : LocalDate.now();
    boolean dateOk = birth != null && !birth.isBefore(EARLIEST) && !birth.isAfter(latest);
    int seqDigit = id.charAt(longForm ? 16 : 14) - '0';
    String gender = seqDigit % 2 == 1 ? "male" : "female";
    boolean checkOk = !longForm || checkChar(id) == id.charAt(17);
    boolean valid = provinceOk && dateOk && checkOk;
    return new Info(
        valid, checkOk, provinceOk ? province : null, dateOk ? y : null, dateOk ? gender : null);
  }
}
