package org.leakmarket;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The shape of the code, enforced: the data flows one way through packages free of cycles; only the
 * entry point reaches the command line and only the command line reaches the pipeline; the pure
 * packages (the advert reader, tokens and validators, estimators, reference tables) hold no Spark
 * type, so they stay testable in milliseconds.
 *
 * <p>Reads the compiled product classes once (not the tests, not the benchmark mains, which are
 * compiled with the tests); classes outside the project are not imported, only named. Plain JUnit
 * tests rather than ArchUnit's engine, so surefire's {@code -Dtest=} selects them like any other
 * test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArchitectureTest {

  private JavaClasses product;

  @BeforeAll
  void importProductClasses() throws Exception {
    // the folder or jar Main was loaded from (target/classes): scanning the whole classpath for
    // the package would open every Spark jar
    Path classes = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    product =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPath(classes);
  }

  @Test
  void packagesAreFreeOfCycles() {
    slices().matching("org.leakmarket.(*)..").should().beFreeOfCycles().check(product);
  }

  @Test
  void onlyTheEntryPointImportsTheCommandLine() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.leakmarket.cli..")
        .and()
        .doNotHaveFullyQualifiedName(Main.class.getName())
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.leakmarket.cli..")
        .check(product);
  }

  @Test
  void onlyTheCommandLineImportsThePipeline() {
    noClasses()
        .that()
        .resideOutsideOfPackages("org.leakmarket.pipeline..", "org.leakmarket.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.leakmarket.pipeline..")
        .check(product);
  }

  /**
   * {@code normalize} itself is the pure advert reader; its Spark wiring is {@code
   * normalize.spark}.
   */
  @Test
  void purePackagesImportNoSpark() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "org.leakmarket.normalize",
            "org.leakmarket.privacy..",
            "org.leakmarket.stats..",
            "org.leakmarket.reference..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.spark..", "scala..")
        .check(product);
  }

  /** The rules above would pass on nothing: the import must hold the product's packages. */
  @Test
  void theImportHoldsTheProduct() {
    org.assertj.core.api.Assertions.assertThat(product.contain(Main.class)).isTrue();
    org.assertj.core.api.Assertions.assertThat(
            product.containPackage("org.leakmarket.normalize.spark"))
        .isTrue();
  }
}
