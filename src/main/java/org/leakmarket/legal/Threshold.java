package org.leakmarket.legal;

/**
 * One line of 法释〔2017〕10号 Article 5 as data: an item class of Art. 5(1)(3)–(5) or the gains line of
 * Art. 5(1)(7). Data only.
 *
 * @param kind {@code class} or {@code gains}
 * @param id class id ({@code property}, {@code credit}, {@code other}, ...) or {@code gains_cny}
 * @param rank sensitivity order of classes (lower is more sensitive); 0 for the gains line
 * @param article the provision, e.g. {@code 5(1)(3)}
 * @param serious the 情节严重 line: items, or CNY for the gains line
 * @param especially factor of the 情节特别严重 line (Art. 5(2)(3): ten times)
 * @param labelEn English label
 * @param labelZh the interpretation's own words
 */
public record Threshold(
    String kind,
    String id,
    int rank,
    String article,
    long serious,
    long especially,
    String labelEn,
    String labelZh)
    implements java.io.Serializable {

  public static final String CLASS = "class";
  public static final String GAINS = "gains";

  public Threshold {
    if (serious <= 0 || especially <= 1) {
      throw new IllegalArgumentException(
          "threshold "
              + id
              + ": serious must be > 0 and especially > 1, got "
              + serious
              + ", "
              + especially);
    }
  }
}
