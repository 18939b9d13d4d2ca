package org.leakmarket.normalize;

import java.util.ArrayList;
import java.util.List;
import org.leakmarket.normalize.PriceReader.Money;
import org.leakmarket.normalize.PriceReader.Point;
import org.leakmarket.normalize.Vocabulary.Kind;
import org.leakmarket.vocab.Category;
import org.leakmarket.vocab.Freshness;
import org.leakmarket.vocab.Product;
import org.leakmarket.vocab.Tier;

/**
 * Gives each price point of an advert its attributes from the words around it. With one point every
 * mention counts. With several (a menu), a kind of value written between prices (普卡三毛 金卡一块) belongs
 * to the price it follows in the text; a kind written once only (a header: 工行信用卡：普卡三毛 金卡一块) belongs
 * to all. Within one point: the highest tier named, the strongest product word (ties: the first),
 * the first freshness, category and region, every issuer. Linear in points times mentions; no
 * allocation beyond the result.
 */
final class AttributeResolver {
  private static final Kind[] KINDS = {
    Kind.TIER, Kind.FRESHNESS, Kind.ISSUER, Kind.REGION, Kind.CATEGORY, Kind.PRODUCT
  };

  private AttributeResolver() {}

  /** One {@link Attributes} per point (one when there is no point: a structured listing). */
  static List<Attributes> resolve(
      List<Point> pts, List<Mention> mentions, List<Money> balances, AdvertText text) {
    int n = Math.max(1, pts.size());
    List<Attributes> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(new Attributes());
    }
    if (!balances.isEmpty()) {
      balances(pts, balances, out, text);
    }
    if (mentions.isEmpty()) {
      return out;
    }
    boolean anyCategory = false;
    Mention card = null;
    for (Mention m : mentions) {
      anyCategory |= m.kind() == Kind.CATEGORY;
      if (card == null && m.kind() == Kind.TIER && (m.flags() & Vocabulary.CARD) != 0) {
        card = m;
      }
    }
    if (!anyCategory && card != null) {
      // 白金卡客户资料: a card tier with no category word says the data is about credit cards
      for (Attributes a : out) {
        a.category = Category.CREDIT_CARD;
        a.evidence.add(
            new Evidence(
                "category", text.span(card.start(), card.end()), "category.credit_card.from_tier"));
      }
    }
    for (Kind kind : KINDS) {
      List<Mention> all = null;
      for (Mention m : mentions) {
        if (m.kind() == kind) {
          if (all == null) {
            all = new ArrayList<>(4);
          }
          all.add(m);
        }
      }
      if (all == null) {
        continue;
      }
      List<List<Mention>> per = n > 1 && kind != Kind.CATEGORY ? local(pts, all, kind) : null;
      for (int i = 0; i < n; i++) {
        apply(kind, per == null ? all : per.get(i), out.get(i), text);
      }
    }
    return out;
  }

  /**
   * The balance of each point: with several prices and balances written between them, the one
   * before each price (a menu of balances); else the first balance for all.
   */
  private static void balances(
      List<Point> pts, List<Money> balances, List<Attributes> out, AdvertText text) {
    int n = out.size();
    List<Money> per = new ArrayList<>(n);
    int gapsWith = 0;
    for (int i = 0; i < n && pts.size() > 1; i++) {
      int from = i == 0 ? 0 : pts.get(i - 1).end;
      int to = pts.get(i).start;
      Money in = null;
      for (Money b : balances) {
        if (in == null && b.start >= from && b.start < to) {
          in = b;
        }
      }
      gapsWith += in == null ? 0 : 1;
      per.add(in);
    }
    for (int i = 0; i < n; i++) {
      Money b = gapsWith >= 2 ? per.get(i) : balances.get(0);
      if (b != null) {
        out.get(i).balance = b;
        out.get(i)
            .evidence
            .add(
                new Evidence(
                    "balance",
                    text.span(b.start, b.end),
                    b.high != null ? "balance.range" : "balance"));
      }
    }
  }

  /**
   * Mentions per price point when the kind is written between prices, else null (all apply to all).
   */
  private static List<List<Mention>> local(List<Point> pts, List<Mention> all, Kind kind) {
    int n = pts.size();
    List<List<Mention>> per = new ArrayList<>(n);
    int gapsWith = 0;
    for (int i = 0; i < n; i++) {
      int from = i == 0 ? 0 : pts.get(i - 1).end;
      int to = pts.get(i).start;
      List<Mention> in = new ArrayList<>(2);
      for (Mention m : all) {
        if (m.start() >= from && m.start() < to) {
          in.add(m);
        }
      }
      gapsWith += in.isEmpty() ? 0 : 1;
      per.add(in);
    }
    if (gapsWith < 2) {
      return null;
    }
    if (kind == Kind.ISSUER || kind == Kind.REGION || kind == Kind.PRODUCT) {
      for (int i = 1; i < n; i++) {
        if (per.get(i).isEmpty()) {
          per.set(i, per.get(i - 1)); // a header names the bank for the prices that follow
        }
      }
    }
    return per;
  }

  private static void apply(Kind kind, List<Mention> ms, Attributes a, AdvertText text) {
    if (ms.isEmpty()) {
      return;
    }
    switch (kind) {
      case TIER -> {
        Mention best = null;
        for (Mention m : ms) {
          if (best == null || ((Tier) m.code()).rank() > ((Tier) best.code()).rank()) {
            best = m;
          }
        }
        a.tier = (Tier) best.code();
        a.evidence.add(
            new Evidence(
                "tier",
                text.span(best.start(), best.end()),
                ms.size() > 1 && distinct(ms) > 1 ? best.rule() + ".highest_named" : best.rule()));
      }
      case FRESHNESS -> {
        Mention first = ms.get(0);
        a.freshness = (Freshness) first.code();
        a.evidence.add(
            new Evidence("freshness", text.span(first.start(), first.end()), first.rule()));
        if (distinct(ms) > 1) {
          a.confidencePenalty += 0.1;
        }
      }
      case CATEGORY -> {
        Mention first = ms.get(0);
        a.category = (Category) first.code();
        a.evidence.add(
            new Evidence("category", text.span(first.start(), first.end()), first.rule()));
      }
      case PRODUCT -> {
        Mention best = null;
        for (Mention m : ms) {
          if (best == null || strength(m) > strength(best)) {
            best = m;
          }
        }
        a.product = (Product) best.code();
        a.evidence.add(new Evidence("product", text.span(best.start(), best.end()), best.rule()));
      }
      case ISSUER -> {
        List<String> codes = a.issuers;
        for (Mention m : ms) {
          boolean added = false;
          for (String c : m.codes()) {
            if (!codes.contains(c)) {
              codes.add(c);
              added = true;
            }
          }
          if (added) {
            a.evidence.add(new Evidence("issuers", text.span(m.start(), m.end()), m.rule()));
          }
        }
      }
      case REGION -> {
        Mention first = ms.get(0);
        a.region = first.value();
        a.evidence.add(
            new Evidence("region_code", text.span(first.start(), first.end()), first.rule()));
        if (distinct(ms) > 1) {
          a.confidencePenalty += 0.1;
        }
      }
      default -> {}
    }
  }

  /** How firmly a product word says what the goods are: 3 defining, 2 a goods noun, 1 a hint. */
  static int strength(Mention m) {
    if ((m.flags() & Vocabulary.STRONG) != 0) {
      return 3;
    }
    return (m.flags() & Vocabulary.WEAK) != 0 ? 1 : 2;
  }

  private static int distinct(List<Mention> ms) {
    String first = ms.get(0).value();
    for (int i = 1; i < ms.size(); i++) {
      if (!ms.get(i).value().equals(first)) {
        return 2;
      }
    }
    return 1;
  }
}
