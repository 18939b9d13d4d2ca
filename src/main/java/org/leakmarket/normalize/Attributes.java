package org.leakmarket.normalize;

import java.util.ArrayList;
import java.util.List;
import org.leakmarket.vocab.Category;
import org.leakmarket.vocab.Freshness;
import org.leakmarket.vocab.Product;
import org.leakmarket.vocab.Tier;

/**
 * The attributes of one price point while they are resolved (text, then structured hints), with the
 * evidence for each. Mutable, one per point; the "nothing said" values are the defaults.
 */
final class Attributes {
  Product product = Product.PERSONAL_RECORDS;
  Tier tier = Tier.UNKNOWN;
  Freshness freshness = Freshness.UNKNOWN;
  Category category = Category.OTHER;
  final List<String> issuers = new ArrayList<>(2);
  String region;

  /** Where the product was read from a defining word (logins, dumps), or -1. */
  int productDefinedAt = -1;

  /** Where the product was read from a card word that only hints (cards, per card, Visa), or -1. */
  int productCardWordAt = -1;

  /** A balance or credit limit the goods carry, as written (null: none said). */
  PriceReader.Money balance;

  final List<Evidence> evidence = new ArrayList<>(8);
  double confidencePenalty;
}
