package org.leakmarket.ingest.samples;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.leakmarket.privacy.ChineseId;
import org.leakmarket.privacy.Identifiers;
import org.leakmarket.privacy.Mask;
import org.leakmarket.privacy.Normalized;
import org.leakmarket.privacy.PseudonymKey;
import org.leakmarket.privacy.Validators;
import org.leakmarket.reference.BinTable;
import org.leakmarket.reference.PhoneSegments;

/**
 * Turns one sample row (canonical field to raw cell) into a {@link SampleRecord} or a {@link
 * Rejection}: normalise, validate, tokenise, derive. This is the privacy boundary: the raw cells go
 * in, only tokens, flags, BIN/segment/region-level attributes and masked values come out. Pure
 * Java, no Spark; a few microseconds per row (one HMAC per identifier).
 *
 * <p>Card tier: the BIN's level when the BIN is listed with one, else the sample's {@code
 * card_level} column, else {@code unknown}. Issuer: the BIN's, else the bank column's. Region: the
 * ID number's province when the ID is valid, else the phone segment's.
 */
public final class RecordBuilder implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Pattern TOTAL =
      Pattern.compile(
          "^(合计|总计|小计|共计|总数).*|^(total|totals|sum|subtotal|grand total)([^a-z].*)?"
              + "|^共\\s*[0-9]+\\s*(条|人|行|个).*",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  private static final Pattern AMOUNT = Pattern.compile("[0-9]+(\\.[0-9]+)?");

  /** Token domains: one per kind of identifier, so tokens of different kinds never collide. */
  public static final String CARD = "card";

  public static final String PHONE = "phone";
  public static final String ID = "id";
  public static final String NAME = "name";
  public static final String ADDRESS = "address";
  public static final String EMAIL = "email";
  public static final String ACCOUNT = "account";

  private final PseudonymKey key;
  private final BinTable bins;
  private final PhoneSegments phones;

  public RecordBuilder(PseudonymKey key, BinTable bins, PhoneSegments phones) {
    this.key = key;
    this.bins = bins;
    this.phones = phones;
  }

  /** Either a record or a rejection. */
  public record Outcome(SampleRecord record, Rejection rejection) {}

  /**
   * @param cells canonical field to raw cell text (null or blank when empty)
   * @param firstCell the row's first non-blank cell, for total-row detection
   * @param asOf the sample's date (latest plausible birth date), or null
   */
  public Outcome build(Map<String, String> cells, String firstCell, LocalDate asOf) {
    Map<String, String> c = new LinkedHashMap<>();
    cells.forEach(
        (f, v) -> {
          if (v != null && !v.isBlank() && !Fields.IGNORE.equals(f)) {
            c.put(f, v);
          }
        });
    String first = Identifiers.nfkc(firstCell);
    if (first != null && TOTAL.matcher(first).matches()) {
      return reject(Rejection.TOTAL_ROW, "first cell reads as a total line", c);
    }
    Normalized card = Identifiers.card(c.get(Fields.CARD_NUMBER));
    Normalized phone = Identifiers.phone(c.get(Fields.PHONE));
    Normalized id = Identifiers.idNumber(c.get(Fields.ID_NUMBER));
    Normalized name = Identifiers.text(c.get(Fields.NAME));
    Normalized address = Identifiers.text(c.get(Fields.ADDRESS));
    Normalized email = Identifiers.email(c.get(Fields.EMAIL));
    Normalized account = Identifiers.account(c.get(Fields.ACCOUNT_NUMBER));

    TreeSet<String> damaged = new TreeSet<>();
    boolean anyMangled = false;
    Map<String, Normalized> ids =
        Map.of(
            Fields.CARD_NUMBER,
            card,
            Fields.PHONE,
            phone,
            Fields.ID_NUMBER,
            id,
            Fields.EMAIL,
            email,
            Fields.ACCOUNT_NUMBER,
            account);
    for (Map.Entry<String, Normalized> e : ids.entrySet()) {
      Normalized.Status s = e.getValue().status();
      if (s == Normalized.Status.MANGLED || s == Normalized.Status.MALFORMED) {
        damaged.add(e.getKey());
        anyMangled |= s == Normalized.Status.MANGLED;
      }
    }
    boolean usable = card.ok() || phone.ok() || id.ok() || email.ok() || account.ok() || name.ok();
    if (!usable) {
      boolean anyPresent = Fields.IDENTIFYING.stream().anyMatch(c::containsKey);
      if (anyMangled) {
        return reject(
            Rejection.MANGLED_NUMBER,
            "spreadsheet-mangled number in " + damaged + " and no other usable identifier",
            c);
      }
      return reject(
          Rejection.NO_IDENTIFIER,
          anyPresent
              ? "identifier fields " + damaged + " present but unusable"
              : "no identifier field has a value",
          c);
    }

    String issuer = null;
    String brand = null;
    String cardType = null;
    String cardLevel = null;
    String tier = null;
    Boolean luhn = null;
    Boolean binKnown = null;
    if (card.status() != Normalized.Status.ABSENT) {
      luhn = card.ok() && Validators.luhn(card.value());
      Optional<BinTable.Bin> bin = card.ok() ? bins.lookup(card.value()) : Optional.empty();
      binKnown = bin.isPresent();
      if (bin.isPresent()) {
        issuer = bin.get().issuer();
        brand = bin.get().brand();
        cardType = bin.get().type();
        cardLevel = bin.get().level();
        tier = bin.get().tier();
      }
    }
    String levelColumn = c.get(Fields.CARD_LEVEL);
    if ((tier == null || "unknown".equals(tier)) && levelColumn != null) {
      tier = BinTable.tierOf(levelColumn);
      if (cardLevel == null && !"unknown".equals(tier)) {
        cardLevel = tier;
      }
    }
    if (tier == null && card.status() != Normalized.Status.ABSENT) {
      tier = "unknown";
    }
    if (issuer == null) {
      issuer = BinTable.issuerOfBankName(c.get(Fields.BANK)).orElse(null);
    }

    Boolean phoneValid = null;
    String phoneProvince = null;
    String phoneCity = null;
    String carrier = null;
    if (phone.status() != Normalized.Status.ABSENT) {
      phoneValid = phone.ok() && Validators.chineseMobile(phone.value());
      if (phoneValid) {
        Optional<PhoneSegments.Segment> seg = phones.lookup(phone.value());
        if (seg.isPresent()) {
          phoneProvince = seg.get().provinceCode();
          phoneCity = seg.get().city();
          carrier = seg.get().carrier();
        }
      }
    }

    Boolean idValid = null;
    String idProvince = null;
    Integer birthYear = null;
    String gender = null;
    if (id.status() != Normalized.Status.ABSENT) {
      ChineseId.Info info = id.ok() ? ChineseId.parse(id.value(), asOf) : null;
      idValid = info != null && info.valid();
      if (info != null && info.valid()) {
        idProvince = info.provinceCode();
        birthYear = info.birthYear();
        gender = info.gender();
      }
    }
    Boolean emailValid =
        email.status() == Normalized.Status.ABSENT
            ? null
            : email.ok() && Validators.email(email.value());

    Double limit = null;
    String limitText = Identifiers.nfkc(c.get(Fields.CREDIT_LIMIT));
    if (limitText != null) {
      String l = limitText.replace(",", "").replace("元", "").replace("¥", "").strip();
      if (AMOUNT.matcher(l).matches()) {
        limit = Double.parseDouble(l);
      } else if (l.endsWith("万") && AMOUNT.matcher(l.substring(0, l.length() - 1)).matches()) {
        limit = Double.parseDouble(l.substring(0, l.length() - 1)) * 10_000;
      }
    }

    List<String> present = new ArrayList<>(new TreeSet<>(c.keySet()));
    SampleRecord r =
        new SampleRecord(
            key.token(CARD, card.value()),
            key.token(PHONE, phone.value()),
            key.token(ID, id.value()),
            key.token(NAME, name.value()),
            key.token(ADDRESS, address.value()),
            key.token(EMAIL, email.value()),
            key.token(ACCOUNT, account.value()),
            Collections.unmodifiableList(present),
            List.copyOf(damaged),
            luhn,
            binKnown,
            phoneValid,
            idValid,
            emailValid,
            issuer,
            brand,
            cardType,
            cardLevel,
            tier,
            phoneProvince,
            phoneCity,
            carrier,
            idProvince,
            birthYear,
            gender,
            idProvince != null ? idProvince : phoneProvince,
            limit);
    return new Outcome(r, null);
  }

  private static Outcome reject(String reason, String detail, Map<String, String> c) {
    return new Outcome(null, new Rejection(reason, detail, masked(c)));
  }

  private static final Map<String, Function<String, String>> MASKS =
      Map.of(
          Fields.CARD_NUMBER,
          Mask::card,
          Fields.PHONE,
          Mask::phone,
          Fields.ID_NUMBER,
          Mask::idNumber,
          Fields.ACCOUNT_NUMBER,
          Mask::account,
          Fields.NAME,
          Mask::firstChar,
          Fields.ADDRESS,
          Mask::firstChar,
          Fields.EMPLOYER,
          Mask::firstChar,
          Fields.EMAIL,
          Mask::email);

  /** Masked values of a rejected row's identifying cells; other cells are left out. */
  static Map<String, String> masked(Map<String, String> c) {
    Map<String, String> m = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : c.entrySet()) {
      Function<String, String> mask = MASKS.get(e.getKey());
      if (mask == null) {
        continue;
      }
      String numberish = Identifiers.nfkc(e.getValue()).replaceAll("^['`]+", "");
      boolean mangled =
          !Fields.NAME.equals(e.getKey())
              && !Fields.ADDRESS.equals(e.getKey())
              && numberish.matches("[0-9]+(\\.[0-9]*)?[eE][+-]?[0-9]+");
      m.put(e.getKey(), mangled ? Mask.mangled() : mask.apply(e.getValue()));
    }
    return m;
  }
}
