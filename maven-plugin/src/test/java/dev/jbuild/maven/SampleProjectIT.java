package dev.jbuild.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.testdata.ProcessResult;
import dev.jbuild.testdata.Processes;
import dev.jbuild.testdata.TestBed;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The goal as a Maven user meets it: a nested {@code mvn package} of a sample Java project (in
 * src/it) whose build runs {@code jbuild:build}; the plugin comes from the private repository
 * that maven-invoker-plugin's {@code install} goal filled, everything else from the user's local
 * repository. The pushed image is run by the test bed's docker engine.
 */
class SampleProjectIT {
  private static final String REGISTRY = TestBed.REGISTRY;

  @TempDir
  static Path cache;

  @BeforeAll
  static void testBed() {
    // The CLI is on this test's class path only to seed the base images when they are missing.
    TestBed.seeded(List.of(javaCommand(), "-cp", System.getProperty("java.class.path"), "dev.jbuild.cli.Main"));
  }

  private static String javaCommand() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    assertThat(value).as("system property " + name + " (set by the maven-plugin pom's failsafe configuration)")
        .isNotBlank();
    return value;
  }

  /** Copies src/it/sample-app to {@code work}, with the tokens of its pom replaced. */
  private static Path sampleProject(Path work, String image) throws IOException {
    Path source = Path.of(property("jbuild.it.projects"), "sample-app");
    Path project = work.resolve("sample-app");
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : files.toList()) {
        Path target = project.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
    Path pom = project.resolve("pom.xml");
    Files.writeString(pom, Files.readString(pom)
        .replace("@jbuild.version@", property("jbuild.it.pluginVersion"))
        .replace("@image@", image)
        .replace("@cache@", cache.toString()));
    return project;
  }

  /** Settings that add the user's local repository as a (releases-only) remote one, for plugins and libraries. */
  private static Path settings(Path work) throws IOException {
    String userRepository = Path.of(property("jbuild.it.userRepository")).toUri().toString();
    String repository = """
        <id>user-local-repository</id><url>%s</url>
        <releases><enabled>true</enabled></releases><snapshots><enabled>false</enabled></snapshots>
        """.formatted(userRepository);
    return Files.writeString(work.resolve("settings.xml"), """
        <settings>
          <profiles>
            <profile>
              <id>jbuild-it</id>
              <repositories><repository>%1$s</repository></repositories>
              <pluginRepositories><pluginRepository>%1$s</pluginRepository></pluginRepositories>
            </profile>
          </profiles>
          <activeProfiles><activeProfile>jbuild-it</activeProfile></activeProfiles>
        </settings>
        """.formatted(repository));
  }

  private static ProcessResult maven(Path project, Path settings, String... arguments) {
    List<String> command = new ArrayList<>(List.of(Path.of(property("jbuild.it.mavenHome"), "bin", "mvn").toString(),
        "-B", "-s", settings.toString(), "-Dmaven.repo.local=" + property("jbuild.it.repository"),
        // Offline but for file: repositories: everything comes from the two local repositories, never the network.
        "-o", "-Daether.offline.protocols=file"));
    command.addAll(List.of(arguments));
    return Processes.run(command, project, Map.of(), null, Duration.ofMinutes(10));
  }

  private static String sha256(Path file) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(file)) {
      digest.update(in.readAllBytes());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  @Test
  void package_sampleProject_imageWithTheJarIsPushedAndRuns(@TempDir Path work) throws Exception {
    String image = REGISTRY + "/maven-it/sample-app:1";
    Path project = sampleProject(work, image);

    ProcessResult result = maven(project, settings(work), "package");

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.stdout()).contains("[INFO] --- jbuild-maven-plugin:" + property("jbuild.it.pluginVersion") + ":build")
        .contains("[INFO] #2 [stage-0 2/4] COPY target/*.jar /app/app.jar", "[INFO] pushed " + image)
        .containsPattern("\\[INFO] #3 DONE [0-9]+\\.[0-9]s");
    assertThat(cache.resolve("blobs/sha256")).as("<cacheDir> was used").isNotEmptyDirectory();
    String jarChecksum = sha256(project.resolve("target/sample-app.jar"));
    List<String> docker = new ArrayList<>(TestBed.docker());
    docker.addAll(List.of("run", "--rm", "--pull", "always", "--network", "none", image));
    assertThat(Processes.check(docker, Duration.ofMinutes(3)).stdout().lines().toList())
        .containsExactly(jarChecksum + "  /app/app.jar", "1.0");
  }

  @Test
  void package_failingDockerfile_failsTheMavenBuildWithTheOneLineMessage(@TempDir Path work) throws Exception {
    Path project = sampleProject(work, REGISTRY + "/maven-it/never-pushed:1");
    Files.writeString(project.resolve("Dockerfile"), "FROM scratch\nRUN [\"/no/such/program\"]\n");

    ProcessResult result = maven(project, settings(work), "package");

    assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
    assertThat(result.stdout()).containsPattern("\\[ERROR] Failed to execute goal dev\\.jbuild:jbuild-maven-plugin:"
            + "[^ ]+:build \\([^)]*\\) on project sample-app: Dockerfile:2: RUN ")
        .contains("\n[ERROR]   RUN [\"/no/such/program\"]\n[ERROR]   ^\n");
  }

  @Test
  void package_skipProperty_buildsNoImage(@TempDir Path work) throws Exception {
    Path project = sampleProject(work, REGISTRY + "/maven-it/skipped:1");
    Files.writeString(project.resolve("Dockerfile"), "this is not a Dockerfile\n");

    ProcessResult result = maven(project, settings(work), "package", "-Djbuild.skip=true");

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.stdout()).contains("[INFO] jbuild: skipped");
  }
}
