package org.leakmarket.exposure;

import static org.apache.spark.sql.functions.col;

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
    Dataset<Row> silver = ctx.warehouse().read(Table.SILVER_RECORDS);
    return StageResult.builder()
        .count(Count.RECORDS, silver.count())
        .count(Count.PERSONS, silver.select(col("person_id")).distinct().count())
        .build();
  }
}
