package org.leakmarket.normalize;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalDouble;
import org.leakmarket.reference.FxTable;
import org.leakmarket.vocab.Qualifier;
import org.leakmarket.vocab.Reason;

/**
 * The last step of reading an advert: one price point with its attributes becomes an {@link Offer},
 * converted to CNY per record through the dated FX table (as-of rule, contracts section 2) and
 * checked for plausibility, or a {@link Assessment.Rejected} with its reason. Serialisable. Costs
 * an FX look-up (an array read, {@link FxTable}) and one {@link Offer} per point.
 */
final class OfferAssembler implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final MathContext MC = MathContext.DECIMAL64;

  private final FxTable fx;
  private final NormalizerSettings settings;
  private final Vocabulary vocab;

  OfferAssembler(FxTable fx, NormalizerSettings settings, Vocabulary vocab) {
    this.fx = fx;
    this.settings = settings;
    this.vocab = vocab;
  }

  /** Where the offer comes from and what stands next to its price. */
  record Context(String listingId, java.time.Instant postedAt, LocalDate date, String language) {}

  /** An amount as read: {@code low} (and {@code high} for a range) buys {@code quantity}. */
  record Amount(
      BigDecimal low,
      BigDecimal high,
      long quantity,
      String currency,
      boolean unknownCurrency,
      Qualifier qualifier) {}

  /**
   * Converts and checks one price point.
   *
   * @param evidence the price's own evidence; the attributes' evidence is appended to it
   */
  Assessment assess(
      Context ctx, Amount amt, Attributes a, List<Evidence> evidence, double conf, int index) {
    LocalDate date = ctx.date();
    String currency = amt.currency();
    if (amt.unknownCurrency() || !vocab.currencyCodes.contains(currency)) {
      return new Assessment.Rejected(Reason.UNKNOWN_CURRENCY, "unknown currency " + currency);
    }
    long q = amt.quantity();
    BigDecimal low = amt.low();
    BigDecimal high = amt.high();
    if (low.signum() <= 0 || q <= 0) {
      return new Assessment.Rejected(
          Reason.PRICE_NONPOSITIVE, "price " + low.toPlainString() + " " + currency + " for " + q);
    }
    OptionalDouble rate = fx.cnyPerUnit(currency, date);
    if (rate.isEmpty()) {
      return new Assessment.Rejected(
          Reason.FX_MISSING,
          "no " + currency + " rate within " + fx.maxAgeDays() + " days before " + date);
    }
    double r = rate.getAsDouble();
    double lowCny = perRecord(low, r, q);
    double highCny = high == null ? lowCny : perRecord(high, r, q);
    double point = high == null ? lowCny : Math.sqrt(lowCny * highCny);
    double amount =
        high == null ? low.doubleValue() : Math.sqrt(low.doubleValue() * high.doubleValue());
    if (point < settings.minPrice() || point > settings.maxPrice()) {
      return new Assessment.Rejected(
          Reason.PRICE_OUT_OF_RANGE,
          "per-record price "
              + point
              + " CNY outside ["
              + settings.minPrice()
              + ", "
              + settings.maxPrice()
              + "]");
    }
    // an advert in dollars has its USD rate already (one look-up, not two)
    OptionalDouble usdRate = "USD".equals(currency) ? rate : fx.cnyPerUnit("USD", date);
    Double usd = usdRate.isPresent() ? point / usdRate.getAsDouble() : null;
    evidence.addAll(a.evidence);
    Double balanceLow = null;
    Double balanceHigh = null;
    if (a.balance != null) {
      OptionalDouble br = fx.cnyPerUnit(a.balance.currency, date);
      if (br.isPresent()) {
        balanceLow = a.balance.low.doubleValue() * br.getAsDouble();
        balanceHigh =
            a.balance.high == null ? balanceLow : a.balance.high.doubleValue() * br.getAsDouble();
      } else {
        evidence.add(new Evidence("balance", a.balance.currency, "balance.fx_missing"));
      }
    }
    double confidence = Math.round(Math.max(0.05, Math.min(1.0, conf)) * 100) / 100.0;
    Qualifier qualifier = high != null ? Qualifier.RANGE : amt.qualifier();
    return new Assessment.Priced(
        new Offer(
            ctx.listingId(),
            index,
            Offer.OK,
            null,
            null,
            point,
            lowCny,
            highCny,
            usd,
            amount,
            currency,
            q,
            a.product.code(),
            balanceLow,
            balanceHigh,
            qualifier.code(),
            ctx.language(),
            a.tier.code(),
            a.freshness.code(),
            a.category.code(),
            a.issuers.isEmpty() ? List.of() : a.issuers, // most points: no copy of an empty list
            a.region,
            evidence,
            confidence,
            ctx.postedAt(),
            date));
  }

  private static final long[] POW10 = {
    1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L
  };

  /**
   * amount x rate / q as a double. In CNY with a short decimal amount, one division of two exact
   * integers: the correctly rounded quotient (2000元/10万条 is the double nearest 0.02).
   */
  static double perRecord(BigDecimal amount, double rate, long q) {
    if (rate == 1.0
        && amount.scale() >= 0
        && amount.scale() < POW10.length
        && amount.precision() <= 15
        && q < (1L << 53) / POW10[amount.scale()]) {
      return amount.unscaledValue().longValue() / (double) (q * POW10[amount.scale()]);
    }
    if (rate == 1.0) {
      return amount.divide(BigDecimal.valueOf(q), MC).doubleValue();
    }
    return amount.doubleValue() * rate / q;
  }
}
