package org.leakmarket.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The generator's "stated" tier and freshness of an offer, which it records from the template it
 * filled, checked another way: by reading the advert. A value the generator says is stated must
 * appear in the listing (one of its own phrases for it in the text, or a structured field); a drawn
 * value it says the advert never states must not appear.
 */
class StatedAttributesTest {
  private static final AdvertTemplates PHRASES = AdvertTemplates.load();
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void statedValuesAreWrittenAndUnstatedOnesAreNot() throws Exception {
    ListingGenerator g = new ListingGenerator(GeneratorSettings.defaults(3, 6000).withShares(0, 0));
    int stated = 0;
    int unstated = 0;
    for (long i = 0; i < 6000; i++) {
      GeneratedListing l = g.row(i);
      if (!l.ok()) {
        continue;
      }
      JsonNode line = JSON.readTree(l.line());
      for (GeneratedListing.Priced p : l.offers()) {
        for (String field : List.of("tier", "freshness")) {
          String drawn = field.equals("tier") ? p.offer().tier() : p.offer().freshness();
          String said = field.equals("tier") ? p.statedTier() : p.statedFreshness();
          if (drawn.equals("unknown")) {
            assertThat(said).isEqualTo("unknown");
            continue;
          }
          boolean written = written(line, field, drawn);
          if (said.equals(drawn)) {
            assertThat(written)
                .as("%s %s stated but not written in %s", field, drawn, l.line())
                .isTrue();
            stated++;
          } else {
            assertThat(said).isEqualTo("unknown");
            assertThat(written)
                .as("%s %s written but not stated in %s", field, drawn, l.line())
                .isFalse();
            unstated++;
          }
        }
      }
    }
    // both cases are common: the check is not vacuous either way
    assertThat(stated).isGreaterThan(1000);
    assertThat(unstated).isGreaterThan(200);
  }

  private static boolean written(JsonNode line, String field, String value) {
    if (value.equals(line.path(field).asText(null))) {
      return true;
    }
    String text = line.path("text").asText("").toLowerCase(Locale.ROOT);
    for (String lang : List.of("zh", "zh_hant", "en")) {
      for (String w : PHRASES.words(lang, field.equals("tier") ? "tier" : "fresh", value)) {
        if (containsWord(text, w.toLowerCase(Locale.ROOT))) {
          return true;
        }
      }
    }
    return false;
  }

  /** A CJK phrase anywhere; an ASCII phrase as a whole word (new is not in renew). */
  private static boolean containsWord(String text, String w) {
    boolean ascii = w.chars().allMatch(c -> c < 128);
    for (int at = text.indexOf(w); at >= 0; at = text.indexOf(w, at + 1)) {
      int end = at + w.length();
      if (!ascii
          || ((at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1)))
              && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end))))) {
        return true;
      }
    }
    return false;
  }
}
