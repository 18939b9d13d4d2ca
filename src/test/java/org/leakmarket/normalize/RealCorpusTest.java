package org.leakmarket.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.leakmarket.reference.FxTable;

/**
 * Accuracy of the normaliser on real adverts ({@code src/test/resources/real/dev.yaml} and {@code
 * test.yaml}, format in that folder's README.md): prints the per-field table and the adverts read
 * wrong, writes the figures table used by {@code docs/normalizer.md} to {@code
 * target/real-corpus/figures.md} (and into the doc itself with {@code -Dreal.corpus.doc=true}),
 * with a column per split and per language within it, and holds every share of a split to its floor
 * in {@link #FLOORS}. A split that is not there yet is skipped with a message. The harness itself
 * is tested on a made-up fixture by {@link RealCorpusHarnessTest}.
 */
class RealCorpusTest {
  static final Path PROJECT = Path.of(System.getProperty("leakmarket.project.dir", "."));
  static final Path REAL = PROJECT.resolve("src/test/resources/real");
  static final Path FIGURES = PROJECT.resolve("target/real-corpus/figures.md");
  static final Path DOC = PROJECT.resolve("docs/normalizer.md");
  static final String DOC_START = "<!-- real-corpus figures: start -->";
  static final String DOC_END = "<!-- real-corpus figures: end -->";

  /**
   * The floors, in one place: per split, the least share right of each field ({@link
   * CorpusScorer#FIELDS}) and of adverts read exactly ({@code exact}), set one percentage point
   * below the shares measured on 2026-12-03 (docs/normalizer.md), rounded down, so that a rule that
   * breaks two or three adverts fails here. The targets (test exact 0.95, price 0.98) are
   * not met yet: raise a floor whenever the figures rise, never lower one to pass.
   */
  static final Map<String, Map<String, Double>> FLOORS =
      Map.of(
          "dev",
              floors(
                  "exact",
                  0.92,
                  "price",
                  0.97,
                  "product",
                  0.94,
                  "tier",
                  0.97,
                  "freshness",
                  0.97,
                  "category",
                  0.96,
                  "issuers",
                  0.97,
                  "region",
                  0.96,
                  "balance",
                  0.97,
                  "qualifier",
                  0.97,
                  "language",
                  0.97,
                  "offers",
                  0.97,
                  "reason",
                  0.97),
          "test",
              floors(
                  "exact",
                  0.66,
                  "price",
                  0.81,
                  "product",
                  0.8,
                  "tier",
                  0.98,
                  "freshness",
                  0.96,
                  "category",
                  0.91,
                  "issuers",
                  0.97,
                  "region",
                  0.96,
                  "balance",
                  0.91,
                  "qualifier",
                  0.94,
                  "language",
                  0.98,
                  "offers",
                  0.91,
                  "reason",
                  0.87));

  private static Map<String, Double> floors(Object... fieldAndShare) {
    Map<String, Double> f = new LinkedHashMap<>();
    for (int i = 0; i < fieldAndShare.length; i += 2) {
      f.put((String) fieldAndShare[i], (Double) fieldAndShare[i + 1]);
    }
    for (String field : CorpusScorer.FIELDS) {
      if (!f.containsKey(field)) {
        throw new IllegalStateException("no floor for " + field);
      }
    }
    return f;
  }

  private static final Map<String, CorpusScorer.Score> SCORES = new LinkedHashMap<>();

  @Test
  void devSplitHoldsItsFloors() throws IOException {
    check("dev");
  }

  @Test
  void testSplitHoldsItsFloors() throws IOException {
    check("test");
  }

  private static void check(String split) throws IOException {
    Path file = REAL.resolve(split + ".yaml");
    Optional<RealCorpus> corpus = RealCorpus.read(file);
    assumeTrue(
        corpus.isPresent(),
        () -> file + " is not there yet (the real-advert corpus is being collected): skipped");
    CorpusScorer.Score s = scorer().score(corpus.get());
    SCORES.put(split, s);
    List<CorpusScorer.Score> columns = new ArrayList<>(List.of(s));
    for (RealCorpus byLang : corpus.get().byLanguage()) {
      CorpusScorer.Score l = scorer().score(byLang);
      SCORES.put(byLang.name(), l);
      columns.add(l);
    }
    System.out.printf("RealCorpusTest: %s%n%s", file, CorpusScorer.table(columns));
    for (CorpusScorer.Miss m : s.misses) {
      System.out.printf(
          "  WRONG %s offer %d %s: expected=%s got=%s | %s%n",
          m.advert(), m.offer(), m.field(), m.expected(), m.got(), m.text());
    }
    holdsFloors(s, FLOORS.get(split));
  }

  static CorpusScorer scorer() {
    FxTable fx = FxTable.shipped(45);
    return new CorpusScorer(new Normalizer(fx, NormalizerSettings.defaults()), fx);
  }

  /** Every share at or above its floor; a field never compared is not held. */
  static void holdsFloors(CorpusScorer.Score s, Map<String, Double> floors) {
    assertThat(s.exactShare()).as(s.corpus + " exact").isGreaterThanOrEqualTo(floors.get("exact"));
    for (String f : CorpusScorer.FIELDS) {
      double share = s.share(f);
      if (!Double.isNaN(share)) {
        assertThat(share).as(s.corpus + " " + f).isGreaterThanOrEqualTo(floors.get(f));
      }
    }
  }

  @AfterAll
  static void writeFigures() throws IOException {
    if (SCORES.isEmpty()) {
      return;
    }
    List<CorpusScorer.Score> scores = new ArrayList<>(SCORES.values());
    String table = CorpusScorer.table(scores);
    Files.createDirectories(FIGURES.getParent());
    Files.writeString(FIGURES, table, StandardCharsets.UTF_8);
    if (Boolean.getBoolean("real.corpus.doc") && Files.exists(DOC)) {
      Files.writeString(DOC, withFigures(Files.readString(DOC), table), StandardCharsets.UTF_8);
    }
  }

  /** The doc with the table between its two markers replaced. */
  static String withFigures(String doc, String table) {
    int a = doc.indexOf(DOC_START);
    int b = doc.indexOf(DOC_END);
    if (a < 0 || b < a) {
      throw new IllegalStateException("docs/normalizer.md lacks the figures markers");
    }
    return doc.substring(0, a + DOC_START.length()) + "\n" + table + doc.substring(b);
  }
}
