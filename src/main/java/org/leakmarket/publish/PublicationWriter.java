package org.leakmarket.publish;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.leakmarket.faults.PausePoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one publication folder from a raw {@link PublicationModel}: {@code summary.json}, {@code
 * tables/*.csv}, {@code charts/*.svg} and {@code *.png}, {@code publication.md} and the
 * self-contained {@code publication.html} (charts inlined as SVG, CSS inlined, no external URL).
 * {@code manifest.json} is not written here.
 *
 * <p>Suppression ({@link Suppression}) is applied first, once; change since the previous period is
 * derived from the suppressed model; every renderer then reads only that published model. The same
 * model gives byte-identical JSON, CSV, Markdown, SVG and HTML; only {@code generated_at} (in JSON,
 * Markdown and HTML) carries the time. PNG bytes come from AWT rasterisation and are not compared.
 * Costs a few hundred milliseconds, mostly chart rendering; all work is on the driver and the model
 * is small by construction.
 */
public final class PublicationWriter {
  private static final Logger LOG = LoggerFactory.getLogger(PublicationWriter.class);

  private PublicationWriter() {}

  /**
   * Writes the publication of {@code raw} into {@code reportDir} (created if missing; earlier
   * tables and charts in it are replaced) and returns the published (suppressed) model.
   *
   * @param raw the model as the pipeline computed it, before suppression
   * @param reportDir {@code <reports>/<label>}
   * @param k minimum offers or persons of a published cell (privacy.md §4; default 5)
   * @param minSellers minimum distinct sellers of a published market cell (default 2)
   */
  public static PublicationModel write(PublicationModel raw, Path reportDir, int k, int minSellers)
      throws IOException {
    return write(raw, reportDir, k, minSellers, null);
  }

  /**
   * Like {@link #write(PublicationModel, Path, int, int)}, with the section "Against the legal
   * thresholds" from {@code legal} (raw; suppressed here), or without it when null.
   */
  public static PublicationModel write(
      PublicationModel raw, Path reportDir, int k, int minSellers, LegalSection legal)
      throws IOException {
    PublicationModel published = prepare(raw, k, minSellers);
    LegalSection law =
        legal == null ? null : legal.suppress(k, minSellers, samplesShown(published));
    Path tables = reportDir.resolve("tables");
    Path charts = reportDir.resolve("charts");
    Files.createDirectories(tables);
    Files.createDirectories(charts);
    clean(tables, "*.csv");
    clean(charts, "*.{svg,png}");

    write(
        reportDir.resolve("summary.json"),
        SummaryJson.write(published, law == null ? Map.of() : Map.of("legal", law)));
    PausePoints.reach("publish:summary-written");
    Map<String, String> csvs = CsvTables.all(published);
    if (law != null) {
      csvs.putAll(new LegalSectionView(law).csv());
    }
    for (Map.Entry<String, String> e : csvs.entrySet()) {
      write(tables.resolve(e.getKey()), e.getValue());
    }
    PausePoints.reach("publish:tables-written");
    String source =
        "Source: leakmarket publication "
            + published.label()
            + ". Cells with fewer than "
            + k
            + " quotes, "
            + minSellers
            + " sellers or "
            + k
            + " persons are suppressed.";
    List<PublicationCharts.Chart> chartList = PublicationCharts.all(published, source);
    Map<String, String> svgs = new LinkedHashMap<>();
    for (PublicationCharts.Chart c : chartList) {
      String svg = c.svg();
      svgs.put(c.id(), svg);
      write(charts.resolve(c.id() + ".svg"), svg + "\n");
      Files.write(charts.resolve(c.id() + ".png"), c.png());
    }
    PausePoints.reach("publish:charts-written");
    Map<String, Object> context =
        new PublicationView(published, k, minSellers).context(chartList, svgs);
    if (law != null) {
      context.put("legal", new LegalSectionView(law).context());
    }
    write(reportDir.resolve("publication.md"), render("publication.md.mustache", context, false));
    write(
        reportDir.resolve("publication.html"), render("publication.html.mustache", context, true));
    LOG.info(
        "Publication {} written to {}: {} tables, {} charts",
        published.label(),
        reportDir,
        csvs.size(),
        chartList.size());
    return published;
  }

  /** Leak samples the exposure section publishes (not suppressed). */
  private static java.util.Set<String> samplesShown(PublicationModel published) {
    return published.exposure() == null
        ? java.util.Set.of()
        : published.exposure().samples().stream()
            .filter(x -> !x.suppressed())
            .map(PublicationModel.SampleCheck::sampleId)
            .collect(java.util.stream.Collectors.toSet());
  }

  /** Suppression, then derived figures: the model every renderer sees. */
  public static PublicationModel prepare(PublicationModel raw, int k, int minSellers) {
    PublicationModel s = Suppression.apply(raw, k, minSellers);
    return new PublicationModel(
        s.label(),
        s.generatedAt(),
        s.listings(),
        s.samples(),
        s.market(),
        s.exposure(),
        s.population(),
        s.rejectionsByReason(),
        s.valueAtMarketPrices(),
        s.volume(),
        ChangeSincePrevious.compute(s),
        s.revisions(),
        s.dataAndMethods(),
        s.footnotes());
  }

  private static String render(String template, Map<String, Object> context, boolean html) {
    DefaultMustacheFactory factory =
        html
            ? new DefaultMustacheFactory("templates")
            : new DefaultMustacheFactory("templates") {
              @Override
              public void encode(String value, Writer writer) {
                // Markdown is not HTML: write values as they are (table cells escape '|'
                // themselves).
                try {
                  writer.write(value);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              }
            };
    Mustache mustache = factory.compile(template);
    StringWriter out = new StringWriter();
    mustache.execute(out, context);
    return out.toString();
  }

  private static void clean(Path dir, String glob) throws IOException {
    try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, glob)) {
      for (Path p : old) {
        Files.delete(p);
      }
    }
  }

  private static void write(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
