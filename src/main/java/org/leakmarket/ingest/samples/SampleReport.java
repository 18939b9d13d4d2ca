package org.leakmarket.ingest.samples;

/**
 * What happened to one sample file: {@code status} {@code ok} or {@code failed} (with a reason
 * code: {@code missing_file}, {@code not_a_file}, {@code unreadable}, {@code file_too_large},
 * {@code truncated_gzip}, {@code corrupt_gzip}, {@code undecodable}, {@code no_identifier_column},
 * {@code empty}, {@code unsupported_format}, {@code unsupported_encoding}, {@code io_error}), how
 * many records and rejected rows it gave, and the counts behind its validity shares. A failed
 * sample contributes no records and no quarantine rows (its counts are zero; the detail says how
 * far reading got).
 */
public record SampleReport(
    String sampleId,
    String path,
    String status,
    String reason,
    String detail,
    long recordsRead,
    long recordsRejected,
    long blankLines,
    long cards,
    long cardsLuhnValid,
    long cardsBinKnown,
    long phones,
    long phonesValid,
    long ids,
    long idsValid,
    long emails,
    long emailsValid) {

  public static final String OK = "ok";
  public static final String FAILED = "failed";

  public boolean ok() {
    return OK.equals(status);
  }

  /** Share of card numbers that pass Luhn, or NaN without cards: low means padded/fabricated. */
  public double validCardShare() {
    return share(cardsLuhnValid, cards);
  }

  public double validPhoneShare() {
    return share(phonesValid, phones);
  }

  public double validIdShare() {
    return share(idsValid, ids);
  }

  private static double share(long k, long n) {
    return n == 0 ? Double.NaN : (double) k / n;
  }
}
