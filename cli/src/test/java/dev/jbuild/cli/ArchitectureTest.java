package dev.jbuild.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The dependency arrows of ARCHITECTURE.md, checked over the main classes of every module on the
 * CLI's classpath: which packages may use which of our layers and which library. (Maven already
 * stops a module from importing a module it does not depend on; these rules hold within modules.)
 */
@AnalyzeClasses(packages = "dev.jbuild", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest
  static final ArchRule cliUsesOnlyThePublicApi = noClasses().that().resideInAPackage("dev.jbuild.cli..")
      .should().dependOnClassesThat().resideInAnyPackage("dev.jbuild.executor..", "dev.jbuild.core..",
          "dev.jbuild.cache..", "dev.jbuild.registry..", "dev.jbuild.grammar..");

  @ArchTest
  static final ArchRule apiExposesNoInternals = noClasses().that().resideInAPackage("dev.jbuild.api..")
      .should().dependOnClassesThat().resideInAnyPackage("dev.jbuild.registry..", "dev.jbuild.cache..");

  @ArchTest
  static final ArchRule antlrStaysInTheGrammar = noClasses().that().resideOutsideOfPackage("dev.jbuild.grammar..")
      .should().dependOnClassesThat().resideInAnyPackage("org.antlr..", "dev.jbuild.grammar.antlr..");

  @ArchTest
  static final ArchRule onlyTarUsesCommonsCompress = noClasses().that().resideOutsideOfPackage("dev.jbuild.core.tar..")
      .should().dependOnClassesThat().resideInAPackage("org.apache.commons.compress..");

  @ArchTest
  static final ArchRule onlyLinuxBindingsUseJnr = noClasses().that().resideOutsideOfPackage("dev.jbuild.executor.linux..")
      .should().dependOnClassesThat().resideInAnyPackage("jnr..", "com.kenai..");

  @ArchTest
  static final ArchRule onlyTheRegistryClientUsesJib = noClasses().that().resideOutsideOfPackage("dev.jbuild.registry..")
      .should().dependOnClassesThat().resideInAPackage("com.google.cloud.tools.jib..");

  /**
   * builder-core owns image JSON; the registry client may touch Jackson only to hand jib our
   * manifest bytes unchanged (jib serialises manifests with Jackson).
   */
  @ArchTest
  static final ArchRule jsonBelongsToBuilderCore = noClasses().that()
      .resideOutsideOfPackages("dev.jbuild.core..", "dev.jbuild.registry..", "dev.jbuild.testdata..")
      .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson..");

  @ArchTest
  static final ArchRule coreHasNoSideEffectLayers = noClasses().that().resideInAPackage("dev.jbuild.core..")
      .should().dependOnClassesThat().resideInAnyPackage("dev.jbuild.executor..", "dev.jbuild.registry..",
          "dev.jbuild.cache..", "dev.jbuild.api..");

  @ArchTest
  static final ArchRule semanticsArePure = noClasses().that().resideInAnyPackage("dev.jbuild.core.semantics..",
          "dev.jbuild.core.plan..")
      .should().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "java.net..", "java.io.File");
}
