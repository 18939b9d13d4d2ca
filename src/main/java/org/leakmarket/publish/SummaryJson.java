package org.leakmarket.publish;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;

/**
 * Canonical JSON for {@code summary.json}: snake_case keys sorted alphabetically at every level,
 * two-space indentation with {@code \n} line ends, nulls written (a suppressed number is an
 * explicit {@code null}), doubles rounded to 12 significant digits and written in plain decimal
 * notation, non-finite doubles written as {@code null}. The same model therefore always gives the
 * same bytes; only {@code generated_at} carries the time. Costs one tree walk.
 */
public final class SummaryJson {
  /** The one key that reproduction ignores. */
  public static final String GENERATED_AT = "generated_at";

  private static final ObjectMapper MAPPER = build();

  private SummaryJson() {}

  private static ObjectMapper build() {
    SimpleModule numbers = new SimpleModule("canonical-numbers");
    numbers.addSerializer(Double.class, new CanonicalDouble());
    numbers.addSerializer(double.class, new CanonicalDouble());
    return JsonMapper.builder()
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .addModule(numbers)
        .enable(com.fasterxml.jackson.core.StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
        .build();
  }

  /** The model's canonical JSON text, ending with a newline. */
  public static String write(PublicationModel model) {
    return write(model, java.util.Map.of());
  }

  /** The model's canonical JSON with further top-level sections (e.g. {@code legal}). */
  public static String write(PublicationModel model, java.util.Map<String, Object> sections) {
    try {
      DefaultPrettyPrinter pp =
          new DefaultPrettyPrinter()
              .withObjectIndenter(new DefaultIndenter("  ", "\n"))
              .withArrayIndenter(new DefaultIndenter("  ", "\n"));
      // Round-trip through a tree so that map keys and record properties are ordered the same way.
      ObjectNode tree = MAPPER.valueToTree(model);
      sections.forEach((k, v) -> tree.set(k, MAPPER.valueToTree(v)));
      return MAPPER.writer(pp).writeValueAsString(sort(tree)) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise the publication model", e);
    }
  }

  /** The canonical JSON as UTF-8 bytes. */
  public static byte[] bytes(PublicationModel model) {
    return write(model).getBytes(StandardCharsets.UTF_8);
  }

  /** Reads a model back (e.g. to re-render a publication from its {@code summary.json}). */
  public static PublicationModel read(String json) {
    try {
      return MAPPER.readValue(json, PublicationModel.class);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a publication summary: " + e.getMessage(), e);
    }
  }

  /** Returns the JSON with {@code generated_at} removed: what reproduction compares. */
  public static String withoutTimestamp(String json) {
    try {
      ObjectNode tree = (ObjectNode) MAPPER.readTree(json);
      tree.remove(GENERATED_AT);
      return MAPPER.writeValueAsString(sort(tree));
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
    }
  }

  private static JsonNode sort(JsonNode node) {
    if (node.isObject()) {
      ObjectNode sorted = MAPPER.createObjectNode();
      java.util.List<String> names = new java.util.ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      java.util.Collections.sort(names);
      for (String name : names) {
        sorted.set(name, sort(node.get(name)));
      }
      return sorted;
    }
    if (node.isArray()) {
      com.fasterxml.jackson.databind.node.ArrayNode out = MAPPER.createArrayNode();
      node.forEach(child -> out.add(sort(child)));
      return out;
    }
    if (node.isFloatingPointNumber()) {
      double x = node.doubleValue();
      return Double.isFinite(x)
          ? com.fasterxml.jackson.databind.node.DecimalNode.valueOf(new BigDecimal(canonical(x)))
          : com.fasterxml.jackson.databind.node.NullNode.getInstance();
    }
    return node;
  }

  /** The fixed number format of the summary. */
  static String canonical(double x) {
    if (x == Math.rint(x) && Math.abs(x) < 1e15) {
      return Long.toString((long) x) + ".0";
    }
    return new BigDecimal(x).round(new MathContext(12)).stripTrailingZeros().toPlainString();
  }

  private static final class CanonicalDouble extends JsonSerializer<Double> {
    @Override
    public void serialize(Double value, JsonGenerator gen, SerializerProvider serializers)
        throws IOException {
      if (value == null || value.isNaN() || value.isInfinite()) {
        gen.writeNull();
      } else {
        gen.writeNumber(value.doubleValue());
      }
    }
  }
}
