package org.leakmarket.ingest.samples;

import java.util.List;
import java.util.Set;

/** The canonical field names sample columns are mapped to (contracts section 2). */
public final class Fields {
  public static final String NAME = "name";
  public static final String PHONE = "phone";
  public static final String ID_NUMBER = "id_number";
  public static final String CARD_NUMBER = "card_number";
  public static final String ACCOUNT_NUMBER = "account_number";
  public static final String ADDRESS = "address";
  public static final String BANK = "bank";
  public static final String CARD_LEVEL = "card_level";
  public static final String CREDIT_LIMIT = "credit_limit";
  public static final String EMPLOYER = "employer";
  public static final String EMAIL = "email";
  public static final String GENDER = "gender";
  public static final String BIRTH_DATE = "birth_date";
  public static final String CARD_EXPIRY = "card_expiry";
  public static final String CVV = "cvv";

  /** A column to skip (row numbers). */
  public static final String IGNORE = "ignore";

  /** Every field a header may map to. */
  public static final List<String> ALL =
      List.of(
          NAME,
          PHONE,
          ID_NUMBER,
          CARD_NUMBER,
          ACCOUNT_NUMBER,
          ADDRESS,
          BANK,
          CARD_LEVEL,
          CREDIT_LIMIT,
          EMPLOYER,
          EMAIL,
          GENDER,
          BIRTH_DATE,
          CARD_EXPIRY,
          CVV,
          IGNORE);

  /** Fields that make a row a record about someone: at least one must have a value. */
  public static final Set<String> IDENTIFYING =
      Set.of(NAME, PHONE, ID_NUMBER, CARD_NUMBER, ACCOUNT_NUMBER, EMAIL);

  private Fields() {}
}
