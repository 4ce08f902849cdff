package dev.jbuild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.testdata.ProcessResult;
import dev.jbuild.testdata.Processes;
import dev.jbuild.testdata.RepositoryLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code ./jbuild} launcher: it makes a class-data sharing archive that the JVM really maps. */
class LauncherIT {
  @Test
  void launcher_makesAnArchiveForTheJar_thatTheJvmMapsForPicocliAndOurClasses(@TempDir Path directory)
      throws Exception {
    Path root = RepositoryLayout.root();
    Path archive = root.resolve("cli/target/jbuild.jsa");

    ProcessResult version = Processes.run(List.of("bash", root.resolve("jbuild").toString(), "version"), root,
        Map.of(), null, Duration.ofMinutes(10));

    assertThat(version.exitCode()).as(version.describe()).isZero();
    assertThat(version.stdout()).startsWith("jbuild ");
    assertThat(archive).isRegularFile();
    assertThat(Files.getLastModifiedTime(archive)).isGreaterThanOrEqualTo(
        Files.getLastModifiedTime(RepositoryLayout.cliJar()));

    Path dockerfile = Files.writeString(directory.resolve("Dockerfile"), "FROM scratch\nCOPY a /b\n");
    // -Xshare:on: the JVM refuses to start rather than silently running without the archive.
    ProcessResult parse = Processes.run(List.of("java", "-XX:+UseSerialGC", "-Xshare:on",
        "-XX:SharedArchiveFile=" + archive, "-Xlog:class+load=info", "-jar", RepositoryLayout.cliJar().toString(),
        "parse", "-f", dockerfile.toString()), directory, Map.of(), null, Duration.ofMinutes(2));

    assertThat(parse.exitCode()).as(parse.describe()).isZero();
    assertThat(parse.stdout()).contains("(copy \"a\" \"/b\")")
        .containsPattern("picocli\\.CommandLine source: shared objects file")
        .containsPattern("dev\\.jbuild\\.cli\\.ParseCommand source: shared objects file");
  }
}
