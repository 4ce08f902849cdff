package dev.jbuild.cli;

import dev.jbuild.testdata.ProcessResult;
import dev.jbuild.testdata.Processes;
import dev.jbuild.testdata.RepositoryLayout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the packaged jbuild jar as a user would, in its own JVM. */
final class Jbuild {
  private Jbuild() {}

  static List<String> command() {
    return List.of("java", "-jar", RepositoryLayout.cliJar().toString());
  }

  static ProcessResult run(Path workingDirectory, String... args) {
    return run(workingDirectory, Map.of(), args);
  }

  static ProcessResult run(Path workingDirectory, Map<String, String> environment, String... args) {
    List<String> command = new ArrayList<>(command());
    command.addAll(List.of(args));
    return Processes.run(command, workingDirectory, environment, null, Duration.ofMinutes(10));
  }
}
