package org.leakmarket.normalize;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.leakmarket.reference.FxTable;

/**
 * Turns one listing into zero or more offers, or one rejection. Pure Java, no Spark types:
 * the Spark job calls it inside {@code mapPartitions}, {@code parse} calls it line by line.
 *
 * <p>This first version reads only the structured fields ({@code price}, {@code currency},
 * {@code quantity} and the hints); free-text adverts come with the normaliser issue.
 */
public final class Normalizer {
  private final FxTable fx;
  private final NormalizerSettings settings;

  public Normalizer(FxTable fx, NormalizerSettings settings) {
    this.fx = fx;
    this.settings = settings;
  }

  public List<Offer> normalize(Listing l) {
    Optional<PostedAt.Parsed> posted = PostedAt.parse(l.postedAt(), l.source());
    if (posted.isEmpty()) {
      return List.of(Offer.rejected(l.listingId(), Reason.BAD_DATE,
          l.postedAt() == null ? "posted_at missing" : "posted_at unreadable", null, null));
    }
    PostedAt.Parsed p = posted.get();
    if (l.price() == null || l.price().isBlank()) {
      return List.of(Offer.rejected(l.listingId(), Reason.NO_PRICE, "no structured price", p.instant(), p.date()));
    }
    BigDecimal amount;
    long quantity;
    try {
      amount = new BigDecimal(l.price().trim());
      quantity = l.quantity() == null || l.quantity().isBlank() ? 1 : new BigDecimal(l.quantity().trim()).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      return List.of(Offer.rejected(l.listingId(), Reason.MALFORMED, "price or quantity is not a number", p.instant(), p.date()));
    }
    if (amount.signum() <= 0 || quantity <= 0) {
      return List.of(Offer.rejected(l.listingId(), Reason.PRICE_NONPOSITIVE, "price " + amount + " for " + quantity, p.instant(), p.date()));
    }
    String currency = l.currency() == null || l.currency().isBlank() ? "CNY" : l.currency().trim().toUpperCase(Locale.ROOT);
    return List.of(priced(l, p, amount.doubleValue(), quantity, currency));
  }

  private Offer priced(Listing l, PostedAt.Parsed p, double amount, long quantity, String currency) {
    LocalDate date = p.date();
    OptionalDouble rate = fx.cnyPerUnit(currency, date);
    if (rate.isEmpty()) {
      return Offer.rejected(l.listingId(), fx.knows(currency) ? Reason.FX_MISSING : Reason.FX_MISSING,
          "no " + currency + " rate within " + fx.maxAgeDays() + " days before " + date, p.instant(), date);
    }
    double cny = amount * rate.getAsDouble() / quantity;
    if (cny < settings.minPrice() || cny > settings.maxPrice()) {
      return Offer.rejected(l.listingId(), Reason.PRICE_OUT_OF_RANGE, "per-record price " + cny + " CNY", p.instant(), date);
    }
    OptionalDouble usdRate = fx.cnyPerUnit("USD", date);
    Double usd = usdRate.isPresent() ? cny / usdRate.getAsDouble() : null;
    List<Evidence> ev = new ArrayList<>();
    ev.add(new Evidence("price", l.price(), "structured.price"));
    String tier = hint(l.tier(), "tier", ev);
    String freshness = hint(l.freshness(), "freshness", ev);
    String category = hint(l.category(), "category", ev);
    if (category.equals("unknown")) {
      category = "other";
    }
    List<String> issuers = l.issuer() == null || l.issuer().isBlank() ? List.of() : List.of(l.issuer().trim().toUpperCase(Locale.ROOT));
    return new Offer(l.listingId(), 0, Offer.OK, null, null, cny, cny, cny, usd, amount, currency,
        quantity, tier, freshness, category, issuers, l.region(), ev, 1.0, p.instant(), date);
  }

  private static String hint(String v, String field, List<Evidence> ev) {
    if (v == null || v.isBlank()) {
      return "unknown";
    }
    ev.add(new Evidence(field, v, "structured." + field));
    return v.trim().toLowerCase(Locale.ROOT);
  }
}
