package org.leakmarket.normalize.spark;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.leakmarket.normalize.Evidence;
import org.leakmarket.normalize.Listing;
import org.leakmarket.normalize.Normalizer;
import org.leakmarket.normalize.NormalizerSettings;
import org.leakmarket.normalize.Offer;
import org.leakmarket.normalize.OfferGuard;
import org.leakmarket.reference.FxTable;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Spark wiring of the pure {@link Normalizer}: a typed {@code mapPartitions} over {@code
 * bronze/listings} rows. The FX table is broadcast once; each partition builds one normaliser (its
 * patterns compiled once) and streams its rows through it. Narrow: no shuffle.
 *
 * <p>Output: {@link OfferSchema#NORMALIZED}, one row per offer or rejected listing.
 */
public final class OfferNormalizeJob {

  private OfferNormalizeJob() {}

  public static Dataset<Row> normalize(
      SparkSession spark, Dataset<Row> bronzeListings, FxTable fx, NormalizerSettings settings) {
    return normalize(spark, bronzeListings, fx, settings, OfferGuard.none());
  }

  /** As above, each listing's offers passed through {@code guard} (limits, last checks). */
  public static Dataset<Row> normalize(
      SparkSession spark,
      Dataset<Row> bronzeListings,
      FxTable fx,
      NormalizerSettings settings,
      OfferGuard guard) {
    Broadcast<FxTable> fxB =
        spark.sparkContext().broadcast(fx, scala.reflect.ClassTag$.MODULE$.apply(FxTable.class));
    MapPartitionsFunction<Row, Row> f =
        rows -> new OfferIterator(rows, new Normalizer(fxB.value(), settings), guard);
    return bronzeListings.mapPartitions(f, Encoders.row(OfferSchema.NORMALIZED));
  }

  /** Flattens listings into offer rows lazily, so a partition is never held in memory. */
  private static final class OfferIterator implements Iterator<Row> {
    private final Iterator<Row> rows;
    private final Normalizer normalizer;
    private final OfferGuard guard;
    private Iterator<Row> current = java.util.Collections.emptyIterator();

    OfferIterator(Iterator<Row> rows, Normalizer normalizer, OfferGuard guard) {
      this.rows = rows;
      this.normalizer = normalizer;
      this.guard = guard;
    }

    @Override
    public boolean hasNext() {
      while (!current.hasNext() && rows.hasNext()) {
        current = toRows(rows.next()).iterator();
      }
      return current.hasNext();
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new java.util.NoSuchElementException();
      }
      return current.next();
    }

    private List<Row> toRows(Row r) {
      Listing l = listing(r);
      List<Offer> offers = guard.offers(normalizer, l);
      List<Row> out = new ArrayList<>(offers.size());
      String textNorm = textNorm(l.text());
      boolean structured = l.price() != null && !l.price().isBlank();
      String sellerKey = r.getAs("seller_key");
      for (Offer o : offers) {
        out.add(row(o, l.source(), l.channel(), sellerKey, textNorm, structured));
      }
      return out;
    }
  }

  static Listing listing(Row r) {
    Map<String, String> extra =
        r.isNullAt(r.fieldIndex("extra"))
            ? Map.of()
            : CollectionConverters.asJava(r.<scala.collection.Map<String, String>>getAs("extra"));
    return new Listing(
        r.getAs("listing_id"),
        r.getAs("source"),
        r.getAs("channel"),
        r.getAs("seller_key"),
        r.getAs("posted_at"),
        r.getAs("text"),
        r.getAs("price"),
        r.getAs("currency"),
        r.getAs("quantity"),
        r.getAs("tier"),
        r.getAs("freshness"),
        r.getAs("category"),
        r.getAs("region"),
        r.getAs("issuer"),
        extra);
  }

  /** Lower-cased NFKC text with whitespace collapsed: what reposts are compared on. */
  public static String textNorm(String text) {
    if (text == null) {
      return null;
    }
    return java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC)
        .toLowerCase(Locale.ROOT)
        .replaceAll("\\s+", " ")
        .trim();
  }

  static Row row(
      Offer o,
      String source,
      String channel,
      String sellerKey,
      String textNorm,
      boolean structured) {
    List<Row> ev = new ArrayList<>(o.evidence().size());
    for (Evidence e : o.evidence()) {
      ev.add(RowFactory.create(e.field(), e.span(), e.rule()));
    }
    return RowFactory.create(
        o.listingId(),
        o.offerIndex(),
        o.status(),
        o.reason(),
        o.detail(),
        o.pricePerRecordCny(),
        o.pricePerRecordLowCny(),
        o.pricePerRecordHighCny(),
        o.pricePerRecordUsd(),
        o.amount(),
        o.currency(),
        o.quantity(),
        o.product(),
        o.balanceLowCny(),
        o.balanceHighCny(),
        o.qualifier(),
        o.language(),
        o.tier(),
        o.freshness(),
        o.category(),
        CollectionConverters.asScala(o.issuers()).toSeq(),
        o.regionCode(),
        CollectionConverters.asScala(ev).toSeq(),
        o.confidence(),
        o.postedAt() == null ? null : Timestamp.from(o.postedAt()),
        o.postedDate() == null ? null : Date.valueOf(o.postedDate()),
        source,
        channel,
        sellerKey,
        textNorm,
        structured);
  }
}
