package org.leakmarket.generate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Writes prices, counts and balances the way real sellers do (vocabulary.md): per unit (每条5毛, $5
 * each, 一套15元, | $25), bundles in either order and in titles (2000元10万条, 40W条 500元, 一份 2000 元 10
 * 万条, 12万用户-0.08BTC出售, 800k Australian emails $90, 3,1 million phone numbers $200, 10,000 emails |
 * $100), ranges in prose (as little as $10 to $30 per card, between $15 and $40), qualifiers and
 * balances (余额5万, balance up to $1,000, $500 – $2,000 balances). Every form renders an exact value
 * the ground truth records; each method picks one form with the row's random stream. Pure
 * functions; no state.
 */
final class PriceWriter {
  private final AdvertTemplates templates;

  PriceWriter(AdvertTemplates templates) {
    this.templates = templates;
  }

  // ---------------------------------------------------------------- per unit

  /** A Chinese price per unit (每条5毛, 5元/条, 每张50元, 一套15元). */
  String zhPerUnit(
      BigDecimal a, String cur, String lang, String product, String category, SplittableRandom r) {
    String s = NumberWords.arabic(a);
    String u = templates.unit(lang, product);
    List<String> opts = new ArrayList<>();
    if (cur.equals("USDT")) {
      opts.add("每" + u + s + "U");
      opts.add(s + "U一" + u);
      opts.add(s + " USDT/" + u);
    } else if (lang.equals("zh_hant")) {
      if (product.equals("personal_records")) {
        opts.add("每筆" + s + "元");
        opts.add(s + "元/筆");
      } else {
        opts.add("每" + u + s + "元");
        opts.add(s + "元/" + u);
      }
      if (category.equals("credit_card")) {
        opts.add("每張" + s + "元");
      }
    } else if (!product.equals("personal_records")) {
      opts.add("每" + u + s + "元");
      opts.add(s + "元/" + u);
      opts.add(s + "元一" + u);
      opts.add("一" + u + s + "元");
    } else {
      opts.add("每条" + s + "元");
      opts.add(s + "元/条");
      opts.add("单条" + s + "块");
      opts.add(s + "元一条");
      opts.add(s + "块/条");
      if (category.equals("credit_card")) {
        opts.add("每张" + s + "元");
      }
      NumberWords.zhMoney(a)
          .ifPresent(
              m -> {
                opts.add(m + "一条");
                opts.add("每条" + m);
              });
      NumberWords.jiaoFenDigits(a, r.nextDouble() < 0.2)
          .ifPresent(
              m -> {
                opts.add(m + "每条");
                opts.add("每条" + m + "钱");
              });
    }
    return pick(opts, r);
  }

  private static String symbol(String cur) {
    return switch (cur) {
      case "USD" -> "$";
      case "EUR" -> "€";
      case "GBP" -> "£";
      default -> null;
    };
  }

  static String enMoney(BigDecimal a, String cur) {
    String sym = symbol(cur);
    return sym == null ? NumberWords.arabic(a) + " " + cur : sym + NumberWords.arabic(a);
  }

  /** An English price per unit ($5 each, 5 USD per card, @ $5 each, $5/pc, $5 ea, $5 per set). */
  String enPerUnit(BigDecimal a, String cur, String product, SplittableRandom r) {
    String s = NumberWords.arabic(a);
    String m = enMoney(a, cur);
    String unit = templates.unit("en", product);
    List<String> opts =
        new ArrayList<>(
            List.of(m + " each", s + " " + cur + " per " + unit, "@ " + m + " each", m + "/pc"));
    opts.add(m + " ea");
    if (!product.equals("personal_records")) {
      opts.add(m + " per " + unit);
      opts.add(m);
    }
    return pick(opts, r);
  }

  // ---------------------------------------------------------------- bundles

  /**
   * A Chinese bundle: the amount and the count in either order, in digits, Chinese numerals, 万/W
   * shorthand or with spaces (2000 元 10 万条), after a lot word (一份 2000 元 10 万条), or as a title with
   * a crypto price (12万用户-0.08BTC出售, 0.08BTC出售12万用户, 3000W数据 打包 2BTC).
   */
  String zhBundle(
      BigDecimal total, long count, String cur, String lang, String product, SplittableRandom r) {
    boolean hant = lang.equals("zh_hant");
    String unit =
        product.equals("personal_records") ? (hant ? "條" : "条") : templates.unit(lang, product);
    List<String> counts = new ArrayList<>();
    counts.add(Long.toString(count));
    counts.add(NumberWords.zhInt(count));
    if (count >= 10_000) {
      String wan = NumberWords.wan(count);
      counts.add(hant ? wan.replace('万', '萬') : wan);
      counts.add(hant ? wan.replace('万', '萬') : wan);
      String w = NumberWords.shorthand(count, false);
      counts.add(r.nextBoolean() ? w : w.toUpperCase(java.util.Locale.ROOT));
    }
    String countWord = pick(counts, r);
    String c = countWord + unit;
    String s = NumberWords.arabic(total);
    String amt;
    if (cur.equals("USDT")) {
      amt = s + (r.nextBoolean() ? "U" : "USDT");
    } else if (cur.equals("BTC")) {
      amt = s + (r.nextBoolean() ? "比特币" : "BTC");
    } else {
      List<String> amts = new ArrayList<>(List.of(s + "元", s + "元", s + "块"));
      if (total.stripTrailingZeros().scale() <= 0
          && total.compareTo(BigDecimal.valueOf(100_000_000)) < 0) {
        amts.add(NumberWords.zhInt(total.longValueExact()) + "元");
      }
      amt = pick(amts, r);
    }
    List<String> forms = new ArrayList<>(List.of(amt + c, c + amt, c + "/" + amt, c + "只要" + amt));
    if (count == 10_000 && cur.equals("CNY") && product.equals("personal_records")) {
      forms.add("每万" + unit + s + "元");
      forms.add(s + "/万");
    }
    if (cur.equals("CNY") && count >= 10_000 && count % 10_000 == 0 && !hant) {
      // the seed article's own spacing: 一份 2000 元 10 万条
      String spaced = s + " 元 " + (count / 10_000) + " 万" + unit;
      forms.add(spaced);
      forms.add("一份 " + spaced);
    }
    if (hant && count >= 10_000) {
      forms.add(c + "...只賣" + amt);
    }
    if (!cur.equals("CNY") && product.equals("personal_records") && count >= 10_000) {
      // darknet-market titles: the count of users before or after a crypto price
      String users = countWord + (hant ? "用戶" : "用户");
      forms.add(users + "-" + amt + "出售");
      forms.add(amt + "出售" + users);
      forms.add(countWord + (hant ? "數據" : "数据") + " 打包 " + amt);
    }
    return pick(forms, r);
  }

  /**
   * An English bundle: $300 for 10k, $45 per 1k cards, 10,000 cards - $580, 1000 for $1500, and
   * counts before the goods with words between (40 verified Venmo logins $95, 800k Australian
   * emails $90, 3,1 million phone numbers $200, 10,000 emails | $100).
   */
  String enBundle(
      BigDecimal total,
      long count,
      String cur,
      String product,
      String category,
      SplittableRandom r) {
    String c =
        r.nextDouble() < 0.7 ? NumberWords.shorthand(count, true) : NumberWords.grouped(count);
    String m = enMoney(total, cur);
    List<String> forms = new ArrayList<>();
    if (product.equals("personal_records")) {
      String noun = pick(List.of("records", "cards", "leads"), r);
      forms.addAll(
          List.of(m + " for " + c, m + " per " + c + " " + noun, c + " " + noun + " - " + m));
    } else {
      forms.add(c + " for " + m);
    }
    List<String> nouns = templates.countNouns("en", product, category);
    if (!nouns.isEmpty()) {
      String noun = pick(nouns, r);
      String adj = pick(templates.countAdjectives("en"), r);
      String counted = (adj.isEmpty() ? c : c + " " + adj) + " " + noun;
      forms.add(counted + " " + m);
      forms.add(counted + " for " + m);
      forms.add(m + " for " + c + " " + noun);
      NumberWords.decimalCommaMillions(count).ifPresent(d -> forms.add(d + " " + noun + " " + m));
    }
    return pick(forms, r);
  }

  // ---------------------------------------------------------------- ranges and qualifiers

  private String zhRangeEnd(BigDecimal v, SplittableRandom r) {
    List<String> opts = new ArrayList<>();
    opts.add(NumberWords.arabic(v) + "元");
    NumberWords.jiaoFenDigits(v, false).ifPresent(opts::add);
    NumberWords.zhMoney(v).ifPresent(opts::add);
    return pick(opts, r);
  }

  String zhRange(BigDecimal lo, BigDecimal hi, String lang, String product, SplittableRandom r) {
    String l = NumberWords.arabic(lo);
    String h = NumberWords.arabic(hi);
    String u =
        product.equals("personal_records")
            ? (lang.equals("zh_hant") ? "條" : "条")
            : templates.unit(lang, product);
    return switch (r.nextInt(5)) {
      case 0 -> l + "-" + h + "元/" + u;
      case 1 -> zhRangeEnd(lo, r) + "到" + zhRangeEnd(hi, r) + "一" + u;
      case 2 -> zhRangeEnd(lo, r) + "~" + zhRangeEnd(hi, r);
      case 3 -> l + "元至" + h + "元每" + u;
      default -> "每" + u + l + "-" + h + "元";
    };
  }

  String enRange(BigDecimal lo, BigDecimal hi, String product, SplittableRandom r) {
    String l = NumberWords.arabic(lo);
    String h = NumberWords.arabic(hi);
    String unit = templates.unit("en", product);
    return switch (r.nextInt(4)) {
      case 0 -> "from $" + l + " to $" + h;
      case 1 -> "$" + l + "-$" + h + " each";
      case 2 -> "as little as $" + l + " to $" + h + " per " + unit;
      default -> "between $" + l + " and $" + h;
    };
  }

  String zhQualified(BigDecimal a, String q, String lang, SplittableRandom r) {
    String s = NumberWords.arabic(a);
    String tiao = lang.equals("zh_hant") ? "條" : "条";
    Optional<String> m = NumberWords.zhMoney(a);
    if (q.equals("up_to")) {
      List<String> o =
          new ArrayList<>(List.of("每" + tiao + "最高" + s + "元", "高达" + s + "元/" + tiao));
      m.ifPresent(x -> o.add("最高" + x + "一" + tiao));
      return pick(o, r);
    }
    List<String> o = new ArrayList<>(List.of("最低" + s + "元一" + tiao, "低至" + s + "元/" + tiao));
    m.ifPresent(x -> o.add("低至" + x + "每" + tiao));
    return pick(o, r);
  }

  String enQualified(BigDecimal a, String q, SplittableRandom r) {
    String m = enMoney(a, "USD");
    return q.equals("up_to")
        ? pick(List.of("up to " + m + " each", "up to " + m + " per card"), r)
        : pick(
            List.of(
                "from " + m + " each", "from " + m + " per card", "as little as " + m + " each"),
            r);
  }

  static String menuPrice(BigDecimal a, String cur, String lang, int style) {
    if (lang.equals("en")) {
      return enMoney(a, cur);
    }
    String s = NumberWords.arabic(a);
    return switch (style) {
      case 0 -> NumberWords.zhMoney(a).orElse(s + "元");
      case 1 -> s + "元";
      default -> s + (lang.equals("zh_hant") ? "元/條" : "元/条");
    };
  }

  static String menuSeparator(boolean en, SplittableRandom r) {
    return en ? pick(List.of(" | ", ", ", " / "), r) : pick(List.of(" ", "，", "；"), r);
  }

  // ---------------------------------------------------------------- balances

  /** A written balance: its bounds as written and the phrase. */
  record Balance(BigDecimal low, BigDecimal high, String text) {}

  /**
   * A balance of about {@code amount} (in {@code cur}) as sellers write it: 余额5万, 余额50000元, balance
   * $8,000, balance up to $1,000, with a balance of $5,000, balance over 3,000, $1,000 – $4,000
   * balances (a range around it).
   */
  static Balance balance(double amount, String cur, boolean english, SplittableRandom r) {
    BigDecimal b = NumberWords.twoSignificant(amount);
    if (!english) {
      String wan =
          b.compareTo(BigDecimal.valueOf(10_000)) >= 0
              ? NumberWords.arabic(b.divide(BigDecimal.valueOf(10_000))) + "万"
              : NumberWords.arabic(b) + "元";
      return switch (r.nextInt(3)) {
        case 0 -> new Balance(b, b, "余额" + wan);
        case 1 -> new Balance(b, b, "余额" + wan + "以上");
        default -> new Balance(b, b, "余额" + NumberWords.arabic(b) + "元");
      };
    }
    String money = "$" + NumberWords.grouped(b.longValue());
    if (b.stripTrailingZeros().scale() > 0) {
      money = "$" + NumberWords.arabic(b);
    }
    switch (r.nextInt(5)) {
      case 0 -> {
        return new Balance(b, b, "balance " + money);
      }
      case 1 -> {
        return new Balance(b, b, "balance up to " + money);
      }
      case 2 -> {
        return new Balance(b, b, "with a balance of " + money);
      }
      case 3 -> {
        return new Balance(b, b, "balance over " + money.substring(1));
      }
      default -> {
        BigDecimal lo = NumberWords.twoSignificant(amount / 2);
        BigDecimal hi = NumberWords.twoSignificant(amount * 2);
        return new Balance(
            lo,
            hi,
            "$"
                + NumberWords.grouped(lo.longValue())
                + " – $"
                + NumberWords.grouped(hi.longValue())
                + " balances");
      }
    }
  }

  static <T> T pick(List<T> l, SplittableRandom r) {
    return l.get(r.nextInt(l.size()));
  }
}
