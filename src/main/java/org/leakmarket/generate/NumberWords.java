package org.leakmarket.generate;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * Writes numbers the way adverts do (vocabulary.md, Numbers and Money): Chinese numerals ({@code
 * 十万}, {@code 两千}), colloquial money ({@code 三毛五}, {@code 一块五}, {@code 两分}), 万/w/k shorthand, and
 * "nice" rounding so a drawn price looks like a price a seller would write. Pure functions on
 * {@link BigDecimal}: the text and the ground truth come from the same exact value.
 */
final class NumberWords {
  private static final String[] DIGITS = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  private static final BigDecimal TEN_THOUSAND = BigDecimal.valueOf(10_000);

  private NumberWords() {}

  /** Plain Arabic digits without trailing zeros: 0.50 -> "0.5", 2000 -> "2000". */
  static String arabic(BigDecimal v) {
    return v.stripTrailingZeros().toPlainString();
  }

  /** Arabic with thousands separators: 100000 -> "100,000" (integers only). */
  static String grouped(long n) {
    return String.format(java.util.Locale.ROOT, "%,d", n);
  }

  /** Chinese numerals for 0 < n < 10^8: 100000 -> 十万, 2000 -> 两千, 15000 -> 一万五千. */
  static String zhInt(long n) {
    if (n <= 0 || n >= 100_000_000L) {
      throw new IllegalArgumentException("zhInt supports 1..99999999, got " + n);
    }
    String s;
    if (n >= 10_000) {
      long high = n / 10_000;
      long low = n % 10_000;
      s = (high == 2 ? "两" : section(high, true)) + "万"; // 两万, as 两千
      if (low > 0) {
        s += (low < 1000 ? "零" : "") + section(low, false);
      }
    } else {
      s = section(n, true);
    }
    return s;
  }

  /** 1..9999; {@code leading}: this section starts the number (so 10 reads 十, 2000 reads 两千). */
  private static String section(long n, boolean leading) {
    StringBuilder b = new StringBuilder();
    long[] units = {1000, 100, 10, 1};
    String[] names = {"千", "百", "十", ""};
    boolean zero = false;
    boolean started = false;
    for (int i = 0; i < units.length; i++) {
      int d = (int) (n / units[i] % 10);
      if (d == 0) {
        zero = started;
        continue;
      }
      if (zero) {
        b.append("零");
        zero = false;
      }
      boolean first = !started && leading;
      if (first && d == 1 && units[i] == 10) {
        b.append("十"); // 十五, not 一十五, at the head of a number
      } else if (first && d == 2 && units[i] >= 100) {
        b.append("两").append(names[i]);
      } else {
        b.append(DIGITS[d]).append(names[i]);
      }
      started = true;
    }
    return b.toString();
  }

  /**
   * Colloquial money: 0.35 -> 三毛五, 0.5 -> 五毛, 0.25 -> 两毛五, 1.5 -> 一块五, 5 -> 五块, 0.02 -> 两分. Empty
   * when the value has no such spelling (fen after yuan, or 100 yuan or more).
   */
  static Optional<String> zhMoney(BigDecimal v) {
    BigDecimal cents = v.movePointRight(2);
    if (v.signum() <= 0 || cents.stripTrailingZeros().scale() > 0) {
      return Optional.empty();
    }
    long c = cents.longValueExact();
    long yuan = c / 100;
    int jiao = (int) (c / 10 % 10);
    int fen = (int) (c % 10);
    if (yuan >= 100) {
      return Optional.empty();
    }
    if (yuan > 0) {
      if (fen != 0) {
        return Optional.empty();
      }
      String y = yuan == 2 ? "两" : zhInt(yuan);
      return Optional.of(y + "块" + (jiao > 0 ? DIGITS[jiao] : ""));
    }
    if (jiao > 0) {
      return Optional.of((jiao == 2 ? "两" : DIGITS[jiao]) + "毛" + (fen > 0 ? DIGITS[fen] : ""));
    }
    return Optional.of((fen == 2 ? "两" : DIGITS[fen]) + "分");
  }

  /**
   * Jiao/fen with Arabic digits: 0.5 -> 5毛, 0.02 -> 2分; empty for 1 yuan or more or mixed units.
   */
  static Optional<String> jiaoFenDigits(BigDecimal v, boolean jiaoWord) {
    BigDecimal cents = v.movePointRight(2);
    if (v.signum() <= 0
        || v.compareTo(BigDecimal.ONE) >= 0
        || cents.stripTrailingZeros().scale() > 0) {
      return Optional.empty();
    }
    long c = cents.longValueExact();
    if (c % 10 == 0) {
      return Optional.of((c / 10) + (jiaoWord ? "角" : "毛"));
    }
    if (c < 10) {
      return Optional.of(c + "分");
    }
    return Optional.empty();
  }

  /** A count in 万 shorthand when it divides: 100000 -> "10万", 15000 -> "1.5万"; else digits. */
  static String wan(long n) {
    if (n >= 10_000 && n % 1000 == 0) {
      return arabic(BigDecimal.valueOf(n).divide(TEN_THOUSAND)) + "万";
    }
    return Long.toString(n);
  }

  /**
   * A count of millions with a decimal comma, as European English writes it: 3100000 -> "3,1
   * million"; empty unless the count has exactly one decimal of a million.
   */
  static Optional<String> decimalCommaMillions(long n) {
    if (n < 1_000_000 || n % 100_000 != 0 || n % 1_000_000 == 0) {
      return Optional.empty();
    }
    return Optional.of((n / 1_000_000) + "," + (n / 100_000 % 10) + " million");
  }

  /** Internet shorthand: 10000 -> "1w" (Chinese context) or 10000 -> "10k" (English). */
  static String shorthand(long n, boolean english) {
    if (english) {
      if (n >= 1_000_000 && n % 100_000 == 0) {
        return arabic(BigDecimal.valueOf(n).movePointLeft(6)) + "M";
      }
      if (n >= 1000 && n % 100 == 0) {
        return arabic(BigDecimal.valueOf(n).movePointLeft(3)) + "k";
      }
      return Long.toString(n);
    }
    if (n >= 10_000 && n % 1000 == 0) {
      return arabic(BigDecimal.valueOf(n).divide(TEN_THOUSAND)) + "w";
    }
    return Long.toString(n);
  }

  /**
   * Rounds a price to what a seller would write: below 0.1 to the fen, below 1 to 0.05, below 10 to
   * 0.5, below 100 to 1, else to 5. Never returns zero.
   */
  static BigDecimal niceCny(double p) {
    BigDecimal step;
    if (p < 0.1) {
      step = new BigDecimal("0.01");
    } else if (p < 1) {
      step = new BigDecimal("0.05");
    } else if (p < 10) {
      step = new BigDecimal("0.5");
    } else if (p < 100) {
      step = BigDecimal.ONE;
    } else {
      step = BigDecimal.valueOf(5);
    }
    return roundTo(p, step);
  }

  /** USD/EUR per record: cents below 1, else 0.5 below 10, whole units below 100, else 5. */
  static BigDecimal niceForeign(double p) {
    BigDecimal step;
    if (p < 0.1) {
      step = new BigDecimal("0.001");
    } else if (p < 1) {
      step = new BigDecimal("0.01");
    } else if (p < 10) {
      step = new BigDecimal("0.5");
    } else if (p < 100) {
      step = BigDecimal.ONE;
    } else {
      step = BigDecimal.valueOf(5);
    }
    return roundTo(p, step);
  }

  /** Two significant digits, as a bundle's total is written (7532 -> 7500); never zero. */
  static BigDecimal twoSignificant(double v) {
    BigDecimal r = new BigDecimal(v).round(new MathContext(2, RoundingMode.HALF_EVEN));
    if (r.signum() <= 0) {
      r = new BigDecimal(v).round(new MathContext(1, RoundingMode.UP));
    }
    return r.scale() < 0 ? r.setScale(0) : r.stripTrailingZeros();
  }

  private static BigDecimal roundTo(double p, BigDecimal step) {
    // IEEE division and rint are exact and the same on every JVM; BigDecimal only for the result.
    double units = Math.rint(p / step.doubleValue());
    if (units < 1) {
      units = 1;
    }
    return BigDecimal.valueOf((long) units).multiply(step).stripTrailingZeros();
  }
}
