package org.leakmarket;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The product's jars carry no benchmark classes: {@code org.leakmarket.bench} lives in
 * src/bench/java and is compiled with the tests only. Runs after {@code package} (failsafe); reads
 * the jars' central directories, no Spark.
 */
class JobJarIT {

  @ParameterizedTest
  @ValueSource(strings = {"-job.jar", ".jar"})
  void jarsHoldTheProductButNoBenchmarkClass(String suffix) throws IOException {
    String jobJar =
        Objects.requireNonNull(
            System.getProperty("leakmarket.job.jar"),
            "system property leakmarket.job.jar (set by the pom)");
    Path jar = Path.of(jobJar.substring(0, jobJar.length() - "-job.jar".length()) + suffix);
    assertThat(jar).as("jar built by package").isRegularFile();
    try (JarFile j = new JarFile(jar.toFile())) {
      List<String> names = j.stream().map(ZipEntry::getName).toList();
      // the right jar: the product is in it
      assertThat(names).contains("org/leakmarket/Main.class");
      assertThat(names)
          .as("benchmark classes in %s", jar)
          .filteredOn(n -> n.startsWith("org/leakmarket/bench/"))
          .isEmpty();
    }
  }
}
