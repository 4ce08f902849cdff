package dev.jbuild.testdata;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Where things are in the jbuild repository, found from the tests' working directory. */
public final class RepositoryLayout {
  private RepositoryLayout() {}

  /** The repository root: the nearest directory upwards holding the test bed script. */
  public static Path root() {
    Path directory = Path.of("").toAbsolutePath();
    for (Path candidate = directory; candidate != null; candidate = candidate.getParent()) {
      if (Files.isRegularFile(candidate.resolve("testdata/bin/testbed.sh")) && Files.isRegularFile(candidate.resolve("pom.xml"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("not inside the jbuild repository: " + directory);
  }

  public static Path testbedScript() {
    return root().resolve("testdata/bin/testbed.sh");
  }

  /** The shaded CLI jar that {@code mvn package} makes. */
  public static Path cliJar() {
    return root().resolve("cli/target/jbuild.jar");
  }

  /** {@code ../shared/conformance} next to the repository, when present. */
  public static Optional<Path> conformance() {
    Path path = root().resolve("../shared/conformance").normalize();
    return Files.isDirectory(path) ? Optional.of(path) : Optional.empty();
  }
}
