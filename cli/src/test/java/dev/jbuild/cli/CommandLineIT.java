package dev.jbuild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.testdata.ProcessResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged CLI's exit codes and defaults as a shell sees them (System.exit, real streams). */
class CommandLineIT {
  @Test
  void version_exits0() {
    ProcessResult result = Jbuild.run(Path.of("."), "version");

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.stdout()).startsWith("jbuild ");
  }

  @Test
  void unknownFlag_exits2(@TempDir Path context) {
    ProcessResult result = Jbuild.run(context, "--no-such-flag", ".");

    assertThat(result.exitCode()).as(result.describe()).isEqualTo(2);
    assertThat(result.stderr()).startsWith("error: Unknown option: '--no-such-flag'");
  }

  @Test
  void invalidConfigFile_exits2NamingFileAndKey(@TempDir Path context) throws Exception {
    Path config = Files.writeString(context.resolve("config.json"), "{\"cacheSizeLimit\": \"lots\"}");

    ProcessResult result = Jbuild.run(context, Map.of("JBUILD_CONFIG", config.toString()), ".");

    assertThat(result.exitCode()).as(result.describe()).isEqualTo(2);
    assertThat(result.stderr()).startsWith("error: " + config + ": key \"cacheSizeLimit\": ");
  }

  @Test
  void failedBuild_exits1AndAutoProgressIsPlainWhenStandardErrorIsAPipe(@TempDir Path context) throws Exception {
    Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nRUN [\"/no/such/program\"]\n");

    ProcessResult result = Jbuild.run(context, "--cache-dir", context.resolve("cache").toString(), ".");

    assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
    assertThat(result.stderr()).startsWith("#1 [stage-0 1/1] RUN [\"/no/such/program\"]\n")
        .contains("error: Dockerfile:2: ", "\n  RUN [\"/no/such/program\"]\n  ^\n").doesNotContain("\u001B[");
  }
}
