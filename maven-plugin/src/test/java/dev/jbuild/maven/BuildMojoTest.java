package dev.jbuild.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.api.BuildRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The goal run in process, as Maven runs it, on Dockerfiles that need no registry. */
class BuildMojoTest {
  /** Keeps what the goal logs. */
  private static final class RecordingLog extends SystemStreamLog {
    final List<String> lines = new ArrayList<>();

    @Override
    public void info(CharSequence content) {
      lines.add(content.toString());
    }

    @Override
    public void error(CharSequence content) {
      lines.add("ERROR " + content);
    }
  }

  private static BuildMojo mojo(Path project, RecordingLog log) {
    BuildMojo mojo = new BuildMojo();
    mojo.dockerfile = project.resolve("Dockerfile").toFile();
    mojo.contextDirectory = project.toFile();
    mojo.cacheDirectory = project.resolve("cache").toFile();
    mojo.setLog(log);
    return mojo;
  }

  @Test
  void execute_scratchDockerfile_buildsAndLogsTheDigestAndSteps(@TempDir Path project) throws Exception {
    Files.writeString(project.resolve("Dockerfile"), "FROM scratch\nCOPY app.txt /app/\nCMD [\"/app/app.txt\"]\n");
    Files.writeString(project.resolve("app.txt"), "artifact\n");
    RecordingLog log = new RecordingLog();
    BuildMojo mojo = mojo(project, log);
    mojo.tags = List.of("127.0.0.1:5000/maven/app:1");

    mojo.execute();

    assertThat(log.lines).contains("#1 [stage-0 1/2] COPY app.txt /app/", "named 127.0.0.1:5000/maven/app:1");
    assertThat(log.lines).anyMatch(line -> line.matches("#1 DONE [0-9]+\\.[0-9]s"));
    assertThat(log.lines).anyMatch(line -> line.matches("image sha256:[0-9a-f]{64}"));
    String digest = log.lines.stream().filter(line -> line.startsWith("image ")).findFirst().orElseThrow().substring(6);
    assertThat(Files.readString(project.resolve("cache/refs/images/127.0.0.1+5000/maven/app+1")).strip()).isEqualTo(digest);
  }

  @Test
  void execute_failingRun_failsTheBuildNamingTheLine(@TempDir Path project) throws Exception {
    Files.writeString(project.resolve("Dockerfile"), "FROM scratch\nRUN [\"/no/such/binary\"]\n");
    BuildMojo mojo = mojo(project, new RecordingLog());

    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class).hasMessageStartingWith("Dockerfile:2: ")
        .hasMessageContaining("\n  RUN [\"/no/such/binary\"]\n  ^");
  }

  @Test
  void request_parameters_mirrorTheCliFlags(@TempDir Path project) throws Exception {
    BuildMojo mojo = mojo(project, new RecordingLog());
    mojo.tags = List.of("registry.example/app:1", "registry.example/app:latest");
    mojo.push = true;
    mojo.buildArgs = Map.of("VERSION", "2");
    mojo.target = "runtime";
    mojo.platform = "linux/arm64";
    mojo.network = "none";
    mojo.pull = true;
    mojo.jobs = 3;
    mojo.registryMirrors = List.of("docker.io=https://mirror.example:5000/");
    mojo.insecureRegistries = List.of("lan.example:5000");
    mojo.secrets = List.of("id=npmrc,src=" + Files.writeString(project.resolve("npmrc"), "token=x"));

    BuildRequest request = mojo.request();

    assertThat(request.tags()).containsExactly("registry.example/app:1", "registry.example/app:latest");
    assertThat(request.push()).isTrue();
    assertThat(request.buildArgs()).containsExactly(Map.entry("VERSION", "2"));
    assertThat(request.target()).isEqualTo("runtime");
    assertThat(request.platform()).isEqualTo("linux/arm64");
    assertThat(request.network()).isEqualTo("none");
    assertThat(request.pull()).isTrue();
    assertThat(request.jobs()).isEqualTo(3);
    assertThat(request.registryMirrors()).containsExactly(Map.entry("docker.io", List.of("mirror.example:5000")));
    assertThat(request.insecureRegistries()).containsExactly("lan.example:5000");
    assertThat(request.secrets().get("npmrc").value()).isEqualTo("token=x".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(request.cacheDirectory()).isEqualTo(project.resolve("cache"));
    assertThat(request.dockerfile()).isEqualTo(project.resolve("Dockerfile"));
  }

  @Test
  void request_badParameters_areConfigurationErrors(@TempDir Path project) {
    BuildMojo mojo = mojo(project, new RecordingLog());
    mojo.network = "bridge";
    assertThatThrownBy(mojo::request).isInstanceOf(MojoExecutionException.class).hasMessage("network must be host or none, got bridge");

    mojo.network = "host";
    mojo.jobs = -1;
    assertThatThrownBy(mojo::request).isInstanceOf(MojoExecutionException.class).hasMessageContaining("jobs must be 0");

    mojo.jobs = 0;
    mojo.registryMirrors = List.of("docker.io");
    assertThatThrownBy(mojo::request).isInstanceOf(MojoExecutionException.class)
        .hasMessage("registryMirrors entries take REGISTRY=HOST[:PORT], got docker.io");

    mojo.registryMirrors = List.of();
    mojo.secrets = List.of("id=token,env=JBUILD_TEST_UNSET_VARIABLE");
    assertThatThrownBy(mojo::request).isInstanceOf(MojoExecutionException.class)
        .hasMessage("secrets: secret token: environment variable JBUILD_TEST_UNSET_VARIABLE is not set");
  }

  @Test
  void execute_skip_doesNothing(@TempDir Path project) throws Exception {
    RecordingLog log = new RecordingLog();
    BuildMojo mojo = mojo(project, log);
    mojo.skip = true;

    mojo.execute();

    assertThat(log.lines).containsExactly("jbuild: skipped");
    assertThat(project.resolve("cache")).doesNotExist();
  }

  @Test
  void execute_outputsAndMetadataFile_writtenWhereConfigured(@TempDir Path project) throws Exception {
    Files.writeString(project.resolve("Dockerfile"), "FROM scratch\nCOPY app.txt /app.txt\n");
    Files.writeString(project.resolve("app.txt"), "artifact\n");
    BuildMojo mojo = mojo(project, new RecordingLog());
    mojo.outputs = List.of("type=local,dest=" + project.resolve("rootfs"), "type=oci,dest=" + project.resolve("image.tar"));
    mojo.metadataFile = project.resolve("metadata.json").toFile();

    mojo.execute();

    assertThat(Files.readString(project.resolve("rootfs/app.txt"))).isEqualTo("artifact\n");
    assertThat(project.resolve("image.tar")).isNotEmptyFile();
    assertThat(Files.readString(project.resolve("metadata.json"))).contains("\"containerimage.digest\"");
  }
}
