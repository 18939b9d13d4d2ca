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
