package dev.jbuild.core.expand;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the third-party conformance corpus, which lives beside the repository (at
 * {@code ../shared/conformance} from its root) and is never copied into it. Tests that need it
 * skip, saying so, when it is absent, e.g. in a user's clone.
 */
final class ConformanceCorpus {
  private ConformanceCorpus() {}

  /**
   * The corpus folder {@code name}, or an aborted (skipped, with the reason) test when it is not
   * there. Call it in the test method itself: surefire does not report an abort that happens in
   * {@code @BeforeAll} or in a parameter source, so the skip would go unseen.
   */
  static Path folder(String name) {
    Optional<Path> corpus = locate();
    assumeTrue(
        corpus.isPresent(),
        "SKIPPED: conformance corpus not found at ../shared/conformance beside the repository root"
            + " (searched upwards from "
            + Path.of("").toAbsolutePath()
            + ")");
    Path folder = corpus.get().resolve(name);
    assumeTrue(Files.isDirectory(folder), "SKIPPED: conformance folder missing: " + folder);
    return folder;
  }

  /** The corpus folder {@code name} when it exists, for parameter sources. */
  static Optional<Path> find(String name) {
    return locate().map(corpus -> corpus.resolve(name)).filter(Files::isDirectory);
  }

  /** {@code ../shared/conformance} relative to the repository root, when it exists. */
  static Optional<Path> locate() {
    for (Path directory = Path.of("").toAbsolutePath();
        directory != null;
        directory = directory.getParent()) {
      if (isRepositoryRoot(directory)) {
        Path corpus = directory.resolve("../shared/conformance").normalize();
        return Files.isDirectory(corpus) ? Optional.of(corpus) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static boolean isRepositoryRoot(Path directory) {
    Path pom = directory.resolve("pom.xml");
    try {
      return Files.isRegularFile(pom)
          && Files.readString(pom).contains("<module>builder-core</module>");
    } catch (IOException unreadable) {
      throw new UncheckedIOException("cannot read " + pom, unreadable);
    }
  }
}
