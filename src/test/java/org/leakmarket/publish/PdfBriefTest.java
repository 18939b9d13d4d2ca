package org.leakmarket.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * publication.pdf printed by headless Chromium from the fixture publication: it exists, its text
 * (poppler's pdftotext) holds the headline sentences, the legal section and page numbers, and the
 * same HTML printed twice gives the same page count. Skipped, saying so, only where Chromium is not
 * installed (bin/test installs it with poppler-utils).
 */
class PdfBriefTest {
  @TempDir Path tmp;

  @Test
  void printsTheBriefWithItsHeadlinesAndPageNumbers() throws Exception {
    Assumptions.assumeTrue(
        PdfBrief.browser().isPresent(),
        "chromium is not installed: PDF test skipped (apt-get install chromium poppler-utils)");
    Path dir = tmp.resolve("all");
    PublicationWriter.write(
        PublicationFixtures.model(List.of()), dir, 5, 2, LegalSectionTest.raw());
    Optional<Path> pdf = PdfBrief.print(dir);
    assertThat(pdf).contains(dir.resolve("publication.pdf").toAbsolutePath());
    assertThat(Files.size(pdf.get())).isGreaterThan(10_000L);
    assertThat(new String(Files.readAllBytes(pdf.get()), 0, 5, StandardCharsets.US_ASCII))
        .isEqualTo("%PDF-");

    String text = squash(run("pdftotext", "-layout", pdf.get().toString(), "-"));
    for (String headline : headlines(dir)) {
      assertThat(text).as("headline in the PDF text").contains(squash(headline));
    }
    assertThat(text)
        .contains(squash("Against the legal thresholds"))
        .contains(squash("not a legal finding"))
        .contains(squash("最高人民法院、最高人民检察院")); // Chinese prints (a CJK font is installed)
    int pages = pages(pdf.get());
    assertThat(pages).isGreaterThan(1);
    assertThat(text).contains("Page1of" + pages).contains("Page" + pages + "of" + pages);

    // the same input again: the same number of pages
    Files.move(pdf.get(), tmp.resolve("first.pdf"));
    Optional<Path> again = PdfBrief.print(dir);
    assertThat(again).isPresent();
    assertThat(pages(again.get())).isEqualTo(pages);
  }

  @Test
  void withoutABrowserNothingIsWrittenAndNothingFails() throws IOException {
    Path dir = tmp.resolve("none");
    Files.createDirectories(dir);
    // no publication.html: one line, no PDF, no exception
    assertThat(PdfBrief.print(dir)).isEmpty();
    assertThat(dir.resolve("publication.pdf")).doesNotExist();
  }

  /** The headline bullets of publication.md. */
  private static List<String> headlines(Path dir) throws IOException {
    String md = Files.readString(dir.resolve("publication.md"));
    String block =
        md.substring(md.indexOf("## Headline findings"), md.indexOf("## Asking prices per record"));
    List<String> out =
        block.lines().filter(l -> l.startsWith("- ")).map(l -> l.substring(2)).toList();
    assertThat(out).isNotEmpty();
    return out;
  }

  private static int pages(Path pdf) throws Exception {
    Matcher m = Pattern.compile("(?m)^Pages:\\s+(\\d+)").matcher(run("pdfinfo", pdf.toString()));
    assertThat(m.find()).as("pdfinfo gives the page count").isTrue();
    return Integer.parseInt(m.group(1));
  }

  /** Without whitespace: the layout breaks lines anywhere, after a dash too. */
  private static String squash(String s) {
    return s.replaceAll("\\s+", "");
  }

  private static String run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", cmd)).isZero();
    return new String(out, StandardCharsets.UTF_8);
  }
}
