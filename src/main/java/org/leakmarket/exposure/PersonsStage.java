package org.leakmarket.exposure;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.leakmarket.stage.Count;
import org.leakmarket.stage.Stage;
import org.leakmarket.stage.StageContext;
import org.leakmarket.stage.StageResult;
import org.leakmarket.warehouse.Table;

/**
 * The sample side of {@code normalize}: persons linked across every sample ingested so far ({@link
 * Persons}) into {@code silver/records}; person ids follow the tokens, not the batch. Runs when
 * {@code bronze/sample_records} exists; costs what {@link Persons#link} costs, one Delta merge and
 * two counts.
 */
public final class PersonsStage implements Stage {

  @Override
  public String name() {
    return "persons";
  }

  @Override
  public boolean applies(StageContext ctx) {
    return ctx.warehouse().exists(Table.BRONZE_SAMPLE_RECORDS);
  }

  @Override
  public StageResult run(StageContext ctx) {
    Dataset<Row> linked = Persons.link(ctx.warehouse().read(Table.BRONZE_SAMPLE_RECORDS));
    ctx.warehouse().upsert(Table.SILVER_RECORDS, linked);
    // both counts in one aggregation (was two jobs, each scanning the table)
    Row n =
        ctx.warehouse()
            .read(Table.SILVER_RECORDS)
            .agg(count(lit(1)), countDistinct(col("person_id")))
            .head();
    return StageResult.builder()
        .count(Count.RECORDS, n.getLong(0))
        .count(Count.PERSONS, n.getLong(1))
        .build();
  }
}
