package org.leakmarket.ingest.samples;

import java.util.List;

/**
 * One sample row after pseudonymisation: keyed tokens (null when the field is absent or unusable),
 * which canonical fields had a value, which were damaged, validity flags (null when the field is
 * absent) and non-identifying derived attributes. Nothing here can be turned back into an
 * identifier without the key.
 */
public record SampleRecord(
    String cardToken,
    String phoneToken,
    String idToken,
    String nameToken,
    String addressToken,
    String emailToken,
    String accountToken,
    List<String> fieldsPresent,
    List<String> damagedFields,
    Boolean cardLuhnValid,
    Boolean cardBinKnown,
    Boolean phoneValid,
    Boolean idValid,
    Boolean emailValid,
    String issuer,
    String brand,
    String cardType,
    String cardLevel,
    String tier,
    String phoneProvinceCode,
    String phoneCity,
    String carrier,
    String idProvinceCode,
    Integer birthYear,
    String gender,
    String regionCode,
    Double creditLimit) {

  /** Whether the row has a token that links persons (card, phone or ID number). */
  public boolean linkable() {
    return cardToken != null || phoneToken != null || idToken != null;
  }
}
