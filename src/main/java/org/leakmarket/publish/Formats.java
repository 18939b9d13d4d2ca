package org.leakmarket.publish;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * Number formats of the publication's prose and tables, independent of the JVM locale, rounding
 * half up: counts with thousands separators ({@code 12,345}); prices in CNY with two decimals from
 * 0.10 up and two significant digits below ({@code 0.50}, {@code 0.019}); amounts from 100 CNY
 * without decimals; shares as percentages with one decimal; index values with one decimal. CSV uses
 * {@link #csv}, which keeps six significant digits and never a thousands separator. A null is
 * written as an empty string.
 */
public final class Formats {
  private static final DecimalFormatSymbols ROOT = DecimalFormatSymbols.getInstance(Locale.ROOT);

  private Formats() {}

  private static DecimalFormat format(String pattern) {
    DecimalFormat f = new DecimalFormat(pattern, ROOT);
    f.setRoundingMode(RoundingMode.HALF_UP);
    return f;
  }

  /** A count: {@code 12,345}. */
  public static String count(Long n) {
    return n == null ? "" : format("#,##0").format(n);
  }

  /** A count estimate, rounded to a whole number: {@code 11,101}. */
  public static String estimate(Double x) {
    return x == null ? "" : format("#,##0").format(x);
  }

  /** A price or value in CNY, without the unit. */
  public static String cny(Double x) {
    if (x == null) {
      return "";
    }
    double a = Math.abs(x);
    if (a >= 100) {
      return format("#,##0").format(x);
    }
    if (a >= 0.1 || a == 0) {
      return format("0.00").format(x);
    }
    BigDecimal two = new BigDecimal(x).round(new MathContext(2, RoundingMode.HALF_UP));
    return two.toPlainString();
  }

  /** An interval of prices: {@code 0.45–0.55}. */
  public static String cnyRange(Double lo, Double hi) {
    return lo == null || hi == null ? "" : cny(lo) + "–" + cny(hi);
  }

  /** A share in [0, 1] as a percentage: {@code 23.5%}. */
  public static String percent(Double share) {
    return share == null ? "" : format("0.0").format(share * 100) + "%";
  }

  /** A signed percentage change: {@code +4.2%}, {@code −3.0%}. */
  public static String change(Double pct) {
    if (pct == null) {
      return "";
    }
    String s = format("0.0").format(Math.abs(pct)) + "%";
    return (pct >= 0 ? "+" : "−") + s;
  }

  /** An index value: {@code 104.3}. */
  public static String index(Double x) {
    return x == null ? "" : format("0.0").format(x);
  }

  /** A model statistic such as AIC: {@code 123.4}. */
  public static String stat(Double x) {
    return x == null ? "" : format("#,##0.0").format(x);
  }

  /** A number in a CSV cell: six significant digits, plain notation, no separators. */
  public static String csv(Double x) {
    if (x == null || x.isNaN() || x.isInfinite()) {
      return "";
    }
    if (x == 0) {
      return "0";
    }
    return new BigDecimal(x)
        .round(new MathContext(6, RoundingMode.HALF_EVEN))
        .stripTrailingZeros()
        .toPlainString();
  }

  /** A count in a CSV cell. */
  public static String csv(Long n) {
    return n == null ? "" : Long.toString(n);
  }
}
