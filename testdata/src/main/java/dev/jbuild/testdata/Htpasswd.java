package dev.jbuild.testdata;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Writes the bcrypt htpasswd file docker-registry's basic auth reads, with Apache's {@code
 * htpasswd} (Debian's {@code apache2-utils}, installed by {@code testbed.sh install}): the
 * registry accepts only bcrypt, which the JDK cannot make.
 */
final class Htpasswd {
  static final Path BINARY = Path.of("/usr/bin/htpasswd");

  private Htpasswd() {}

  static Path write(Path file, Map<String, String> users) throws IOException {
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException("htpasswd is not installed at " + BINARY
          + "; install it with: apt-get install -y apache2-utils (or testdata/bin/testbed.sh install)");
    }
    StringBuilder lines = new StringBuilder();
    for (Map.Entry<String, String> user : users.entrySet()) {
      // -i reads the password from standard input, so it is not in the process list.
      ProcessResult result = Processes.run(
          List.of(BINARY.toString(), "-niB", "-C", "5", user.getKey()), null, Map.of(),
          user.getValue().getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(30));
      if (result.exitCode() != 0) {
        throw new IllegalStateException("htpasswd failed for user " + user.getKey() + ": " + result.stderr());
      }
      lines.append(result.stdout().strip()).append('\n');
    }
    return Files.writeString(file, lines.toString(), StandardCharsets.UTF_8);
  }
}
