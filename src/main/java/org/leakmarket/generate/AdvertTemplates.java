package org.leakmarket.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The advert templates and phrase lists of {@code /generate/adverts.yaml}, read once into immutable
 * lists. Languages are {@code zh}, {@code zh_hant} and {@code en}. Loading costs a few
 * milliseconds; the Spark generator loads it once per partition.
 */
public final class AdvertTemplates {
  public static final String RESOURCE = "/generate/adverts.yaml";

  /** A phrase and the issuer codes it names. */
  public record IssuerWord(String text, List<String> codes) {}

  /** A phrase and the region code it names. */
  public record RegionWord(String text, String code) {}

  private final Map<String, Map<String, Map<String, List<String>>>> words = new LinkedHashMap<>();
  private final Map<String, List<IssuerWord>> issuers = new LinkedHashMap<>();
  private final Map<String, List<RegionWord>> regions = new LinkedHashMap<>();
  private final Map<String, List<String>> extras = new LinkedHashMap<>();
  private final Map<String, Map<String, List<String>>> templates = new LinkedHashMap<>();
  private final Map<String, Map<String, Map<String, List<String>>>> goods = new LinkedHashMap<>();
  private final Map<String, Map<String, Map<String, List<String>>>> countNouns =
      new LinkedHashMap<>();
  private final Map<String, List<String>> countAdjectives = new LinkedHashMap<>();
  private final Map<String, Map<String, String>> units = new LinkedHashMap<>();

  private AdvertTemplates(JsonNode root) {
    root.get("words")
        .fields()
        .forEachRemaining(
            lang -> {
              Map<String, Map<String, List<String>>> byField = new LinkedHashMap<>();
              lang.getValue()
                  .fields()
                  .forEachRemaining(
                      field -> {
                        Map<String, List<String>> byValue = new LinkedHashMap<>();
                        field
                            .getValue()
                            .fields()
                            .forEachRemaining(v -> byValue.put(v.getKey(), strings(v.getValue())));
                        byField.put(field.getKey(), byValue);
                      });
              words.put(lang.getKey(), byField);
            });
    root.get("issuers")
        .fields()
        .forEachRemaining(
            lang -> {
              List<IssuerWord> l = new ArrayList<>();
              lang.getValue()
                  .forEach(
                      n -> l.add(new IssuerWord(n.get("text").asText(), strings(n.get("codes")))));
              issuers.put(lang.getKey(), List.copyOf(l));
            });
    root.get("regions")
        .fields()
        .forEachRemaining(
            lang -> {
              List<RegionWord> l = new ArrayList<>();
              lang.getValue()
                  .forEach(
                      n -> l.add(new RegionWord(n.get("text").asText(), n.get("code").asText())));
              regions.put(lang.getKey(), List.copyOf(l));
            });
    root.get("extras")
        .fields()
        .forEachRemaining(lang -> extras.put(lang.getKey(), strings(lang.getValue())));
    nested(root.get("goods"), goods);
    nested(root.get("count_nouns"), countNouns);
    root.get("count_adjectives")
        .fields()
        .forEachRemaining(lang -> countAdjectives.put(lang.getKey(), strings(lang.getValue())));
    root.get("units")
        .fields()
        .forEachRemaining(
            lang -> {
              Map<String, String> byProduct = new LinkedHashMap<>();
              lang.getValue()
                  .fields()
                  .forEachRemaining(p -> byProduct.put(p.getKey(), p.getValue().asText()));
              units.put(lang.getKey(), byProduct);
            });
    root.get("templates")
        .fields()
        .forEachRemaining(
            lang -> {
              Map<String, List<String>> byKind = new LinkedHashMap<>();
              lang.getValue()
                  .fields()
                  .forEachRemaining(k -> byKind.put(k.getKey(), strings(k.getValue())));
              templates.put(lang.getKey(), byKind);
            });
  }

  /** lang -> product -> category -> phrases. */
  private static void nested(
      JsonNode node, Map<String, Map<String, Map<String, List<String>>>> into) {
    node.fields()
        .forEachRemaining(
            lang -> {
              Map<String, Map<String, List<String>>> byProduct = new LinkedHashMap<>();
              lang.getValue()
                  .fields()
                  .forEachRemaining(
                      p -> {
                        Map<String, List<String>> byCategory = new LinkedHashMap<>();
                        p.getValue()
                            .fields()
                            .forEachRemaining(
                                c -> byCategory.put(c.getKey(), strings(c.getValue())));
                        byProduct.put(p.getKey(), byCategory);
                      });
              into.put(lang.getKey(), byProduct);
            });
  }

  /** The shipped templates. */
  public static AdvertTemplates load() {
    try (InputStream in = AdvertTemplates.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("advert templates missing from the jar: " + RESOURCE);
      }
      return new AdvertTemplates(new ObjectMapper(new YAMLFactory()).readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /** Phrases for {@code field} (fresh, tier, category) = {@code value}; empty when none. */
  public List<String> words(String lang, String field, String value) {
    return words
        .getOrDefault(lang, Map.of())
        .getOrDefault(field, Map.of())
        .getOrDefault(value, List.of());
  }

  /**
   * Phrases naming the goods of {@code product} in {@code category}: the category words for
   * personal records, the {@code goods} list for the other products; empty when none.
   */
  public List<String> goods(String lang, String product, String category) {
    if (product.equals("personal_records")) {
      return words(lang, "category", category);
    }
    return goods
        .getOrDefault(lang, Map.of())
        .getOrDefault(product, Map.of())
        .getOrDefault(category, List.of());
  }

  /** English nouns written after a count, for a product and category; empty when none. */
  public List<String> countNouns(String lang, String product, String category) {
    return countNouns
        .getOrDefault(lang, Map.of())
        .getOrDefault(product, Map.of())
        .getOrDefault(category, List.of());
  }

  public List<String> countAdjectives(String lang) {
    return countAdjectives.getOrDefault(lang, List.of(""));
  }

  /** The unit a single price is per (条, 张, 套; record, card, set). */
  public String unit(String lang, String product) {
    String u = units.getOrDefault(lang, Map.of()).get(product);
    return u != null ? u : units.get(lang.startsWith("zh") ? "zh" : "en").get(product);
  }

  public List<IssuerWord> issuers(String lang) {
    return issuers.getOrDefault(lang, List.of());
  }

  public List<RegionWord> regions(String lang) {
    return regions.getOrDefault(lang, List.of());
  }

  public List<String> extras(String lang) {
    return extras.getOrDefault(lang, List.of(""));
  }

  /** Templates of one advert kind ({@code single}, {@code bundle}, ...). */
  public List<String> templates(String lang, String kind) {
    List<String> t = templates.getOrDefault(lang, Map.of()).get(kind);
    if (t == null || t.isEmpty()) {
      throw new IllegalStateException("no template for " + lang + "/" + kind + " in " + RESOURCE);
    }
    return t;
  }

  private static List<String> strings(JsonNode arr) {
    List<String> out = new ArrayList<>();
    for (Iterator<JsonNode> it = arr.elements(); it.hasNext(); ) {
      out.add(it.next().asText());
    }
    return List.copyOf(out);
  }
}
