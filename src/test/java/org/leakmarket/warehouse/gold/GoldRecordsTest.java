package org.leakmarket.warehouse.gold;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.leakmarket.warehouse.Table;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Each gold record against its schema, without Spark: one component per column in the schema's
 * order (the name in camel case), a row written by {@code toRow} reads back to an equal record, a
 * row as Delta returns it (arrays as Scala sequences) reads the same values, and a table written
 * before a column existed reads that column as null. The values are distinct per column, so a
 * mapping that swaps two columns fails.
 */
class GoldRecordsTest {

  private static Class<?> record(String simpleName) throws ClassNotFoundException {
    return Class.forName("org.leakmarket.warehouse.gold." + simpleName);
  }

  private static StructType schema(Class<?> c) throws Exception {
    return (StructType) c.getField("SCHEMA").get(null);
  }

  private static String camel(String column) {
    String[] p = column.split("_");
    StringBuilder sb = new StringBuilder(p[0]);
    for (int i = 1; i < p.length; i++) {
      sb.append(Character.toUpperCase(p[i].charAt(0))).append(p[i].substring(1));
    }
    return sb.toString();
  }

  /** A value of the column's type that no other column of the row has. */
  private static Object value(DataType t, int i) {
    if (t.equals(DataTypes.StringType)) {
      return "s" + i;
    } else if (t.equals(DataTypes.LongType)) {
      return 1000L + i;
    } else if (t.equals(DataTypes.IntegerType)) {
      return 2000 + i;
    } else if (t.equals(DataTypes.DoubleType)) {
      return 0.5 + i;
    } else if (t.equals(DataTypes.BooleanType)) {
      return i % 2 == 0;
    } else if (t.equals(DataTypes.DateType)) {
      return java.time.LocalDate.of(2015, 1, 1).plusDays(i);
    } else if (t instanceof ArrayType a) {
      return List.of(value(a.elementType(), i), value(a.elementType(), i + 100));
    }
    throw new AssertionError("no test value for " + t);
  }

  private static Object[] values(StructType s) {
    Object[] v = new Object[s.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = value(s.fields()[i].dataType(), i);
    }
    return v;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "GoldMarketCell",
        "GoldPriceIndex",
        "GoldMarketVolume",
        "GoldPopulation",
        "GoldLegalThreshold",
        "GoldExposure"
      })
  void componentsAreTheSchemasColumnsInOrder(String name) throws Exception {
    Class<?> c = record(name);
    List<String> components =
        Arrays.stream(c.getRecordComponents()).map(RecordComponent::getName).toList();
    List<String> columns =
        Arrays.stream(schema(c).fieldNames()).map(GoldRecordsTest::camel).toList();
    assertThat(components).containsExactlyElementsOf(columns);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "GoldMarketCell",
        "GoldPriceIndex",
        "GoldMarketVolume",
        "GoldPopulation",
        "GoldLegalThreshold",
        "GoldExposure"
      })
  void aRowWrittenReadsBackEqual(String name) throws Exception {
    Class<?> c = record(name);
    StructType s = schema(c);
    Object[] v = values(s);
    Constructor<?> ctor =
        c.getDeclaredConstructor(
            Arrays.stream(c.getRecordComponents())
                .map(RecordComponent::getType)
                .toArray(Class<?>[]::new));
    Object rec = ctor.newInstance(v);
    Row row = (Row) c.getMethod("toRow").invoke(rec);
    assertThat(row.schema()).isEqualTo(s);
    Method from = c.getMethod("from", Row.class);
    assertThat(from.invoke(null, row)).isEqualTo(rec);

    // as Delta returns it: arrays are Scala sequences
    Object[] scala = v.clone();
    for (int i = 0; i < scala.length; i++) {
      if (scala[i] instanceof List<?> l) {
        scala[i] = CollectionConverters.asScala(l).toSeq();
      }
    }
    assertThat(from.invoke(null, new GenericRowWithSchema(scala, s))).isEqualTo(rec);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "GoldMarketCell",
        "GoldPriceIndex",
        "GoldMarketVolume",
        "GoldPopulation",
        "GoldLegalThreshold",
        "GoldExposure"
      })
  void aColumnTheTableLacksReadsAsNull(String name) throws Exception {
    Class<?> c = record(name);
    StructType s = schema(c);
    Object[] v = values(s);
    int last = s.size() - 1;
    List<StructField> fewer = new ArrayList<>(Arrays.asList(s.fields()).subList(0, last));
    Row old =
        new GenericRowWithSchema(
            Arrays.copyOf(v, last), new StructType(fewer.toArray(StructField[]::new)));
    Object rec = c.getMethod("from", Row.class).invoke(null, old);
    RecordComponent[] rc = c.getRecordComponents();
    assertThat(rc[last].getAccessor().invoke(rec)).isNull();
    assertThat(rc[0].getAccessor().invoke(rec)).isEqualTo(v[0]);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "GOLD_MARKET_CELLS:GoldMarketCell",
        "GOLD_PRICE_INDEX:GoldPriceIndex",
        "GOLD_MARKET_VOLUME:GoldMarketVolume",
        "GOLD_POPULATION:GoldPopulation",
        "GOLD_LEGAL_THRESHOLDS:GoldLegalThreshold",
        "GOLD_EXPOSURE:GoldExposure"
      })
  void theTableNamesItsRecordsSchema(String pair) throws Exception {
    String[] p = pair.split(":");
    assertThat(Table.valueOf(p[0]).schema()).contains(schema(record(p[1])));
  }
}
