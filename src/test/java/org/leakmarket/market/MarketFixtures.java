package org.leakmarket.market;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.leakmarket.normalize.spark.OfferSchema;

/** Test offers for the market Spark tests, typed in code. */
final class MarketFixtures {
  static final StructType OFFERS = OfferSchema.NORMALIZED.add("period", "string");

  private MarketFixtures() {}

  /** Builder of one ok offer row with the normaliser's schema plus period (month). */
  static final class O {
    String listing;
    int index;
    double price;
    String tier = "standard";
    String freshness = "new";
    String category = "credit_card";
    String[] issuers = {};
    String product = "personal_records";
    Double balanceLow;
    Double balanceHigh;
    String language = "zh";
    String region;
    LocalDateTime posted = LocalDateTime.of(2015, 1, 10, 12, 0);
    String source = "qq";
    String channel = "group-1";
    String seller;
    String text;
    long quantity = 100;

    O(String listing, double price) {
      this.listing = listing;
      this.price = price;
    }

    Row row() {
      LocalDate d = posted.toLocalDate();
      return RowFactory.create(
          listing,
          index,
          "ok",
          null,
          null,
          price,
          price,
          price,
          price / 6.2,
          price * quantity,
          "CNY",
          quantity,
          product,
          balanceLow,
          balanceHigh,
          "exact",
          language,
          tier,
          freshness,
          category,
          issuers,
          region,
          new Row[0],
          0.9,
          Timestamp.valueOf(posted),
          Date.valueOf(d),
          source,
          channel,
          seller,
          text,
          false,
          Periods.label(d, Periods.MONTH));
    }
  }

  static Dataset<Row> df(SparkSession spark, List<O> offers) {
    List<Row> rows = new ArrayList<>();
    for (O o : offers) {
      rows.add(o.row());
    }
    return spark.createDataFrame(rows, OFFERS);
  }

  /** The hand example: one offer per price, each offer its own listing and seller. */
  static List<O> handExample() {
    List<O> out = new ArrayList<>();
    int i = 0;
    for (Object[] c : HAND) {
      for (double p : (double[]) c[3]) {
        O o = new O(String.format("L%03d", i), p);
        String[] ym = ((String) c[0]).split("-");
        o.posted = LocalDateTime.of(Integer.parseInt(ym[0]), Integer.parseInt(ym[1]), 5, 0, 0);
        o.tier = (String) c[1];
        o.freshness = (String) c[2];
        o.seller = "s" + i;
        o.text = "advert " + i;
        out.add(o);
        i++;
      }
    }
    return out;
  }

  static final Object[][] HAND = {
    {"2015-01", "standard", "new", new double[] {0.50, 0.45, 0.02, 0.35, 1.20}},
    {"2015-01", "standard", "aged", new double[] {0.30}},
    {"2015-01", "gold", "new", new double[] {2.00, 5.00}},
    {"2015-01", "gold", "aged", new double[] {1.10}},
    {"2015-02", "standard", "new", new double[] {0.55, 0.40}},
    {"2015-02", "gold", "new", new double[] {2.40}},
    {"2015-02", "gold", "aged", new double[] {1.50, 1.70}},
    {"2015-02", "standard", "aged", new double[] {0.28}},
    {"2015-03", "standard", "new", new double[] {0.70, 0.60, 0.65}},
    {"2015-03", "gold", "aged", new double[] {1.30}},
    {"2015-03", "standard", "aged", new double[] {0.40}},
    {"2015-03", "gold", "new", new double[] {2.90}},
  };

  /** A random market: months 2015-01.., random cells, regions, issuers, lognormal prices. */
  static List<O> randomMarket(int n, int months) {
    Random r = new Random(2015);
    String[] tiers = {"standard", "gold", "platinum"};
    String[] fresh = {"new", "second_hand"};
    String[] cats = {"credit_card", "bank_account"};
    String[] regions = {"34", "31", null};
    String[] products = {"personal_records", "personal_records", "card_credentials"};
    String[] issuers = {"ICBC", "ABC", "BOC", "CCB", "BOCOM"};
    List<O> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int t = r.nextInt(tiers.length);
      int p = r.nextInt(products.length);
      O o =
          new O(
              String.format("M%05d", i),
              Math.exp(-1 + 0.8 * t + 4 * (p / 2) + 0.05 * (i % months) + 0.5 * r.nextGaussian()));
      o.product = products[p];
      o.language = r.nextInt(10) == 0 ? "en" : "zh";
      o.quantity = r.nextBoolean() ? 1 : 10_000;
      if (p == 2 && r.nextBoolean()) {
        o.balanceLow = 1000.0 * (1 + r.nextInt(5));
        o.balanceHigh = o.balanceLow * 2;
      }
      o.tier = tiers[t];
      o.freshness = fresh[r.nextInt(fresh.length)];
      o.category = cats[r.nextInt(cats.length)];
      o.region = regions[r.nextInt(regions.length)];
      o.issuers =
          r.nextBoolean()
              ? new String[] {issuers[r.nextInt(5)]}
              : new String[] {issuers[r.nextInt(5)], issuers[r.nextInt(5)]};
      o.posted = LocalDateTime.of(2015, 1 + (i % months), 1 + r.nextInt(28), 0, 0);
      o.seller = "seller-" + r.nextInt(40);
      o.text = "ad " + i;
      out.add(o);
    }
    return out;
  }

  /** The random market's cells with extra dimensions region and issuer. */
  static Dataset<Row> randomMarketCells(Dataset<Row> in) {
    return MarketCells.compute(in, MarketCells.Options.of(List.of("region", "issuer")));
  }

  /** The random market's indices: seller weighting, B = 200, seed 7. */
  static Dataset<Row> randomMarketIndex(Dataset<Row> in) {
    return PriceIndex.compute(in, PriceIndex.Options.of(200, 7L));
  }
}
