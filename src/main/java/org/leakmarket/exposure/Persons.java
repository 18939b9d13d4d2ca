package org.leakmarket.exposure;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Links sample records into persons (methods.md, Exposure): records sharing a card, phone or
 * ID-number token are one person, transitively. Connected components by min-label propagation on
 * the bipartite graph record–token: every record starts labelled with its smallest token, then
 * alternately each token takes the smallest label of its records and each record the smallest label
 * of its tokens, until no record label changes (at most the component diameter in rounds; a handful
 * for real samples). A component's label is then the smallest token in it, so {@code person_id} is
 * stable for the same tokens; it is re-hashed with a prefix ({@code p-} + 24 hex of
 * SHA-256("person:" + label)) so it never equals a token. Records with no linking token are
 * singletons (id from their record id).
 *
 * <p>Cost: per round two aggregations and two joins over the edge list (about 1.5 edges per
 * record), plus one count to detect convergence; lineage is cut with a local checkpoint each round.
 * Nothing is collected to the driver.
 */
public final class Persons {
  private static final Logger LOG = LoggerFactory.getLogger(Persons.class);

  /** Safety bound; components this deep mean a data problem (a shared fake phone...). */
  public static final int MAX_ROUNDS = 50;

  private Persons() {}

  /**
   * The same rows plus {@code person_id} (string). Needs {@code record_id}, {@code card_token},
   * {@code phone_token}, {@code id_token}.
   */
  public static Dataset<Row> link(Dataset<Row> records) {
    Dataset<Row> edges = edges(records).localCheckpoint(true);
    Dataset<Row> labels = edges.groupBy("record_id").agg(min("node").as("label"));
    int rounds = 0;
    while (true) {
      rounds++;
      Dataset<Row> next = propagate(edges, labels).localCheckpoint(true);
      long changed =
          next.as("n")
              .join(labels.as("o"), "record_id")
              .filter(col("n.label").notEqual(col("o.label")))
              .count();
      labels = next;
      if (changed == 0) {
        break;
      }
      if (rounds >= MAX_ROUNDS) {
        throw new IllegalStateException(
            "person linkage did not converge in "
                + MAX_ROUNDS
                + " rounds ("
                + changed
                + " labels still changing)");
      }
    }
    LOG.info("persons: linkage converged in {} rounds", rounds);
    Column personId =
        when(col("label").isNotNull(), personId(col("label")))
            .otherwise(personId(concat(lit("record:"), col("record_id"))));
    Dataset<Row> byRecord = labels.withColumnRenamed("record_id", "lrid");
    return records
        .join(byRecord, records.col("record_id").equalTo(byRecord.col("lrid")), "left")
        .withColumn("person_id", personId)
        .drop("label", "lrid");
  }

  private static Column personId(Column label) {
    return concat(lit("p-"), substring(sha2(concat(lit("person:"), label), 256), 1, 24));
  }

  /**
   * One row per (record, token) with a linking token; tokens are prefixed by kind so a card token
   * and a phone token can never be mistaken for one node.
   */
  static Dataset<Row> edges(Dataset<Row> records) {
    Column nodes =
        filter(
            array(
                when(col("card_token").isNotNull(), concat(lit("c:"), col("card_token"))),
                when(col("phone_token").isNotNull(), concat(lit("p:"), col("phone_token"))),
                when(col("id_token").isNotNull(), concat(lit("i:"), col("id_token")))),
            Column::isNotNull);
    return records.select(col("record_id"), explode(nodes).as("node")).distinct();
  }

  /** One round: token label = min over its records; record label = min over its tokens. */
  static Dataset<Row> propagate(Dataset<Row> edges, Dataset<Row> labels) {
    Dataset<Row> tokenLabels =
        edges.join(labels, "record_id").groupBy("node").agg(min("label").as("tlabel"));
    return edges.join(tokenLabels, "node").groupBy("record_id").agg(min("tlabel").as("label"));
  }
}
