package org.leakmarket.publish;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prints a publication's self-contained {@code publication.html} to {@code publication.pdf} with
 * headless Chromium (Debian's {@code chromium}), as a subprocess with a timeout and a fresh
 * profile. Page numbers come from the HTML's print CSS ({@code @page} margin boxes); the charts are
 * inline SVG and print as vectors. When Chromium is not installed, or fails, one line says so and
 * nothing else changes: the rest of the publication is already written.
 *
 * <p>Cost: one Chromium start (a few seconds, a few hundred MB of memory while it runs).
 */
public final class PdfBrief {
  private static final Logger LOG = LoggerFactory.getLogger(PdfBrief.class);

  /** Environment variable naming the browser to use instead of looking on the PATH. */
  public static final String BROWSER_ENV = "LEAKMARKET_CHROMIUM";

  /** How long Chromium may take before it is stopped. */
  public static final Duration TIMEOUT = Duration.ofSeconds(120);

  private static final List<String> NAMES =
      List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable");

  private PdfBrief() {}

  /** The browser to print with: {@value #BROWSER_ENV}, else the first of {@link #NAMES} found. */
  public static Optional<Path> browser() {
    String forced = System.getenv(BROWSER_ENV);
    if (forced != null && !forced.isBlank()) {
      Path p = Path.of(forced);
      return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String name : NAMES) {
      for (String dir : path.split(File.pathSeparator)) {
        Path p = Path.of(dir, name);
        if (!dir.isEmpty() && Files.isExecutable(p)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Writes {@code reportDir/publication.pdf} from {@code reportDir/publication.html}; returns the
   * PDF, or empty (with one logged line) when no browser is installed or printing failed.
   */
  public static Optional<Path> print(Path reportDir) {
    Path html = reportDir.resolve("publication.html").toAbsolutePath();
    Path pdf = reportDir.resolve("publication.pdf").toAbsolutePath();
    if (!Files.isRegularFile(html)) {
      LOG.warn("publication.pdf not written: {} does not exist", html);
      return Optional.empty();
    }
    Optional<Path> browser = browser();
    if (browser.isEmpty()) {
      LOG.warn(
          "publication.pdf not written: Chromium not found (install Debian's chromium or set {});"
              + " everything else is written",
          BROWSER_ENV);
      return Optional.empty();
    }
    Path profile = null;
    try {
      profile = Files.createTempDirectory("leakmarket-chromium-");
      Path log = profile.resolve("chromium.log");
      Files.deleteIfExists(pdf);
      List<String> cmd = new ArrayList<>();
      cmd.add(browser.get().toString());
      // Flags for a closed network and a root user (README, PDF): no sandbox,
      // no GPU, no background traffic, a fresh profile that is deleted afterwards.
      cmd.addAll(
          List.of(
              "--headless",
              "--no-sandbox",
              "--disable-gpu",
              "--disable-quic",
              "--no-first-run",
              "--disable-background-networking",
              "--disable-component-update",
              "--disable-sync",
              "--disable-dev-shm-usage",
              "--user-data-dir=" + profile,
              // page numbers come from the page's own @page rules, not Chromium's URL/date header
              "--no-pdf-header-footer",
              "--print-to-pdf=" + pdf,
              html.toUri().toString()));
      Process p =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        LOG.warn(
            "publication.pdf not written: Chromium did not finish in {} s", TIMEOUT.toSeconds());
        return Optional.empty();
      }
      if (p.exitValue() != 0 || !Files.isRegularFile(pdf) || Files.size(pdf) == 0) {
        LOG.warn(
            "publication.pdf not written: Chromium exited with {}; its last line: {}",
            p.exitValue(),
            lastLine(log));
        return Optional.empty();
      }
      LOG.info("publication.pdf written: {} ({} bytes)", pdf, Files.size(pdf));
      return Optional.of(pdf);
    } catch (IOException e) {
      LOG.warn("publication.pdf not written: {}", e.getMessage());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } finally {
      delete(profile);
    }
  }

  private static String lastLine(Path log) {
    try (Stream<String> lines = Files.lines(log)) {
      return lines.filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("(none)");
    } catch (IOException | java.io.UncheckedIOException e) {
      return "(no log)";
    }
  }

  private static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException | java.io.UncheckedIOException e) {
      LOG.debug("could not delete {}: {}", dir, e.getMessage());
    }
  }
}
