package org.leakmarket.generate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * {@code ground_truth.json}: what the generated inputs really are, for checking estimates. For
 * every period × product × category × tier × freshness cell with offers: the true median price per
 * unit in CNY of the generating distribution ({@link PriceModel#cellTruths()} times the month's
 * trend) and the expected share of offers in the cell (which moves with the month's product mix);
 * the product shares of every month; plus the generator's settings and {@code population_size} (the
 * leak samples' true population, null when none were made). Small (a few hundred cells), built on
 * the driver in milliseconds.
 */
public final class GroundTruth {
  public static final String PRICE_DEFINITION =
      "true_median_cny: median per-unit CNY price of the offers the generator draws for the cell "
          + "(period x product x category x tier x freshness; a login's price includes its balance) "
          + "(a log-normal mixture over components zh_unit, zh_bulk, en_unit, en_bulk weighted by their "
          + "expected offers in the cell), before rounding the price to what a seller writes; "
          + "reposts copy an earlier advert's price and leave the distribution unchanged";
  public static final String COMPOSITION_DEFINITION =
      "product_shares: each product's share of the listings in each period; the shares move "
          + "linearly from the first period's to the last's (times composition_shift), and nothing "
          + "else drawn depends on the period, so every cell's true median moves by monthly_trend alone "
          + "while the mix of products (and with it the English share) changes";
  public static final String WRITTEN_DEFINITION =
      "true_median_written_cny: median per-record CNY price of the offers as sellers write them (rounded), "
          + "by simulating written_truth_draws further listings of the same generator from an independent seed "
          + "(reposts and bad rows left out), each offer in the cell its advert states (a drawn tier or freshness "
          + "the advert has no word for counts as unknown); the estimand of a market cell's median and its CI; "
          + "written_truth_offers is the number of simulated offers in the cell";

  private GroundTruth() {}

  /**
   * The whole document.
   *
   * @param listings rows generated
   * @param populationSize the samples' true population size, or null when no samples were made
   */
  public static ObjectNode document(
      GeneratorSettings s, long listings, Long populationSize, int samples, long recordsPerSample) {
    return document(s, listings, populationSize, samples, recordsPerSample, null, 0);
  }

  /**
   * The whole document, with the written-price truth of each cell when {@code written} is given.
   *
   * @param written medians of written prices per cell ({@link WrittenPriceTruth}), or null
   * @param writtenDraws the listings simulated for {@code written}
   */
  public static ObjectNode document(
      GeneratorSettings s,
      long listings,
      Long populationSize,
      int samples,
      long recordsPerSample,
      Map<WrittenPriceTruth.Key, WrittenPriceTruth.Value> written,
      long writtenDraws) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode n = f.objectNode();
    n.put("generator", ListingGenerator.class.getName());
    n.put("seed", s.seed());
    n.put("listings", listings);
    n.put("first_month", s.firstMonth());
    n.put("months", s.months());
    n.put("bad_row_share", GeneratedListing.decimal(s.badShare()));
    n.put("repost_share", GeneratedListing.decimal(s.repostShare()));
    n.put("seller_pool", s.sellerPool());
    n.put("samples", samples);
    n.put("records_per_sample", recordsPerSample);
    if (populationSize == null) {
      n.putNull("population_size");
    } else {
      n.put("population_size", populationSize);
    }
    n.put("monthly_trend", GeneratedListing.decimal(PriceModel.MONTHLY_TREND));
    n.put("price_definition", PRICE_DEFINITION);
    if (written != null) {
      n.put("written_price_definition", WRITTEN_DEFINITION);
      n.put("written_truth_draws", writtenDraws);
    }
    n.put("composition_shift", GeneratedListing.decimal(s.compositionShift()));
    n.put("composition_definition", COMPOSITION_DEFINITION);
    ArrayNode shares = n.putArray("product_shares");
    for (int m = 0; m < s.months(); m++) {
      ObjectNode row = shares.addObject();
      row.put("period", s.month(m).toString());
      for (Map.Entry<org.leakmarket.vocab.Product, Double> e : s.productShares(m).entrySet()) {
        row.put(e.getKey().code(), GeneratedListing.decimal(e.getValue()));
      }
    }
    ArrayNode cells = n.putArray("cells");
    var truths = PriceModel.cellTruths();
    for (int m = 0; m < s.months(); m++) {
      String period = s.month(m).toString();
      double trend = PriceModel.trend(m);
      int month = m;
      double totalOffers =
          truths.stream()
              .mapToDouble(t -> t.offersPerListing(month, s.months(), s.compositionShift()))
              .sum();
      for (PriceModel.CellTruth t : truths) {
        double perListing = t.offersPerListing(m, s.months(), s.compositionShift());
        ObjectNode c = cells.addObject();
        c.put("period", period);
        c.put("product", t.cell().product().code());
        c.put("category", t.cell().category());
        c.put("tier", t.cell().tier());
        c.put("freshness", t.cell().freshness());
        c.put("true_median_cny", GeneratedListing.decimal(t.medianCny() * trend));
        if (written != null) {
          var w =
              written.get(
                  new WrittenPriceTruth.Key(
                      period,
                      t.cell().product().code(),
                      t.cell().category(),
                      t.cell().tier(),
                      t.cell().freshness()));
          if (w == null) {
            c.putNull("true_median_written_cny");
            c.put("written_truth_offers", 0);
          } else {
            c.put("true_median_written_cny", GeneratedListing.decimal(w.median()));
            c.put("written_truth_offers", w.offers());
          }
        }
        c.put("offer_share", GeneratedListing.decimal(perListing / totalOffers));
        // Generated rows only (reposts included, bad rows not): what a cell's n_offers should be
        // near.
        c.put(
            "expected_offers",
            GeneratedListing.decimal(listings * (1 - s.badShare()) * perListing / s.months()));
        ObjectNode comps = c.putObject("components");
        for (Map.Entry<PriceModel.Component, Double> w : t.weights().entrySet()) {
          comps.put(
              w.getKey().code(),
              GeneratedListing.decimal(w.getValue() / t.offersPerProductListing()));
        }
      }
    }
    return n;
  }

  /** The document as indented JSON, decimals as plain digits. */
  public static String pretty(ObjectNode n) {
    try {
      return new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
          .writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
