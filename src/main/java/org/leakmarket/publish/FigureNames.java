package org.leakmarket.publish;

import java.util.Optional;

/**
 * Names of published figures, shared by change-since-previous and revisions, so that a revision of
 * a cell that is now suppressed can be recognised. A market-cell figure is {@code "<measure>
 * <category>/<tier>/<freshness>"}, e.g. {@code "median_cny credit_card/standard/new"}; index
 * figures are {@link #JEVONS} and {@link #HEDONIC}. Pure string work.
 */
public final class FigureNames {
  public static final String JEVONS = "jevons_index";
  public static final String HEDONIC = "hedonic_index";
  public static final String MEDIAN = "median_cny";

  /** The product of every cell before cells had a product dimension. */
  public static final String LEGACY_PRODUCT = "personal_records";

  private FigureNames() {}

  /** The figure name of one measure of a market cell. */
  public static String marketCell(
      String measure, String product, String category, String tier, String freshness) {
    return measure + " " + product + "/" + category + "/" + tier + "/" + freshness;
  }

  /**
   * A figure name as a reader sees it: {@code Median CNY, personal-records / credit-card / standard
   * / new}.
   */
  public static String display(String figure) {
    if (figure.equals(JEVONS)) {
      return "Jevons index";
    }
    if (figure.equals(HEDONIC)) {
      return "Hedonic index";
    }
    int space = figure.indexOf(' ');
    if (space < 0) {
      return figure.replace('_', ' ');
    }
    String measure = figure.substring(0, space);
    String what = measure.equals(MEDIAN) ? "Median CNY" : measure.replace('_', ' ');
    return what + ", " + figure.substring(space + 1).replace('_', '-').replace("/", " / ");
  }

  /**
   * The {@code product/category/tier/freshness} key of a market-cell figure, if it is one (a legacy
   * figure without product gets {@link #LEGACY_PRODUCT}).
   */
  public static Optional<String> cellKey(String figure) {
    int space = figure.indexOf(' ');
    if (space < 0) {
      return Optional.empty();
    }
    String key = figure.substring(space + 1);
    long slashes = key.chars().filter(c -> c == '/').count();
    if (slashes == 3) {
      return Optional.of(key);
    }
    return slashes == 2 ? Optional.of(LEGACY_PRODUCT + "/" + key) : Optional.empty();
  }
}
