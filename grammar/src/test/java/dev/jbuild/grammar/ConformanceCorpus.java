package dev.jbuild.grammar;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Locates the third-party conformance corpus at {@code ../shared/conformance} relative to the
 * repository root (the directory whose pom.xml lists the grammar module). Tests that need it are
 * skipped, with a message saying why, when it is absent (for example in a user's clone).
 */
final class ConformanceCorpus {
  /** The placeholder parent of the cases of an absent corpus folder. */
  private static final Path ABSENT = Path.of("absent-conformance-corpus");

  private ConformanceCorpus() {}

  /** The corpus folder, or a skipped test when it is not there. */
  static Path folder(String name) {
    Path folder = root().map(root -> root.resolve(name)).filter(Files::isDirectory).orElse(null);
    assumeTrue(folder != null, () -> "SKIPPED: conformance corpus folder " + name
        + " not found at ../shared/conformance relative to the repository root"
        + " (searched upward from " + Path.of("").toAbsolutePath() + ")");
    return folder;
  }

  /**
   * The sub-folders of a corpus folder, sorted by name; when the corpus is absent, one placeholder
   * that {@link #assumePresent} skips with a message (an assumption failing inside an argument
   * source would drop the parameterized test without a trace in the report).
   */
  static List<Path> cases(String name) {
    Path folder = root().map(root -> root.resolve(name)).filter(Files::isDirectory).orElse(null);
    if (folder == null) {
      return List.of(ABSENT.resolve(name));
    }
    try (Stream<Path> cases = Files.list(folder)) {
      return cases.filter(Files::isDirectory).sorted().toList();
    } catch (IOException unreadable) {
      throw new UncheckedIOException(unreadable);
    }
  }

  /** Skips the test when a case came from an absent corpus. */
  static void assumePresent(Path testCase) {
    assumeTrue(!testCase.startsWith(ABSENT), () -> "SKIPPED: conformance corpus folder "
        + testCase.getFileName() + " not found at ../shared/conformance relative to the repository root"
        + " (searched upward from " + Path.of("").toAbsolutePath() + ")");
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException unreadable) {
      throw new UncheckedIOException(unreadable);
    }
  }

  private static java.util.Optional<Path> root() {
    for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
      Path pom = directory.resolve("pom.xml");
      if (Files.isRegularFile(pom) && read(pom).contains("<module>grammar</module>")) {
        return java.util.Optional.of(directory.resolve("../shared/conformance").normalize());
      }
    }
    return java.util.Optional.empty();
  }
}
