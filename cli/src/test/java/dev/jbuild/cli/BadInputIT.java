package dev.jbuild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.testdata.ProcessResult;
import dev.jbuild.testdata.TestBed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each bad input ends in one clear line naming the Dockerfile line, a non-zero exit, no stack
 * trace, and nothing left mounted or running.
 */
class BadInputIT {
  private static final String REGISTRY = TestBed.REGISTRY;

  @TempDir
  static Path cache;

  @BeforeAll
  static void testBed() {
    TestBed.seeded(Jbuild.command());
  }

  private static ProcessResult fail(Path context, String dockerfile, String... flags) throws IOException {
    Files.writeString(context.resolve("Dockerfile"), dockerfile);
    List<String> args = new java.util.ArrayList<>(List.of("build", "--progress=plain", "--cache-dir", cache.toString()));
    args.addAll(List.of(flags));
    args.add(context.toString());
    ProcessResult result = Jbuild.run(context, args.toArray(String[]::new));
    assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
    assertThat(result.stderr()).as(result.describe()).doesNotContain("Exception", "\tat ");
    assertNothingLeft();
    return result;
  }

  /** The error line: the one starting with "error: ". */
  private static String errorLine(ProcessResult result) {
    return result.stderr().lines().filter(line -> line.startsWith("error: ")).findFirst()
        .orElseThrow(() -> new AssertionError("no error line\n" + result.describe()));
  }

  private static void assertNothingLeft() throws IOException {
    String mounts = Files.readString(Path.of("/proc/self/mountinfo"));
    assertThat(mounts).doesNotContain(cache.toString());
    // Only this test's builds: other builds on the machine (parallel test runs) have their own caches.
    assertThat(ProcessHandle.allProcesses()
        .map(process -> process.info().command().orElse(""))
        .filter(command -> command.contains("jbuild-init") && command.startsWith(cache.toString())).toList()).isEmpty();
  }

  @Test
  void build_unknownInstruction_namesTheLine(@TempDir Path context) throws IOException {
    ProcessResult result = fail(context, "FROM " + REGISTRY + "/library/busybox\nCOPPY a b\n");

    assertThat(errorLine(result)).startsWith("error: Dockerfile:2").containsIgnoringCase("unknown instruction");
  }

  @Test
  void build_missingBaseImageTag_saysManifestUnknown(@TempDir Path context) throws IOException {
    ProcessResult result = fail(context, "FROM busybox:nope\nRUN true\n", "--registry-mirror", "docker.io=" + REGISTRY);

    assertThat(errorLine(result)).isEqualTo("error: Dockerfile:1: manifest unknown: busybox:nope");
  }

  @Test
  void build_unreachableRegistry_namesTheHost(@TempDir Path context) throws IOException {
    ProcessResult result = fail(context, "FROM 127.0.0.1:5999/library/busybox\n");

    assertThat(errorLine(result)).startsWith("error: Dockerfile:1: ").contains("127.0.0.1:5999");
  }

  @Test
  void build_runExitingNonZero_showsExitCodeAndLastOutput(@TempDir Path context) throws IOException {
    ProcessResult result = fail(context, "FROM " + REGISTRY + "/library/busybox\nRUN echo first; echo last words; exit 3\n");

    assertThat(errorLine(result)).startsWith("error: Dockerfile:2: ").contains("exit code: 3");
    assertThat(result.stderr()).contains("  last words");
  }

  @Test
  void build_copyOfMissingSource_namesTheSource(@TempDir Path context) throws IOException {
    ProcessResult result = fail(context, "FROM " + REGISTRY + "/library/busybox\nCOPY nope.txt /x\n");

    assertThat(errorLine(result)).startsWith("error: Dockerfile:2: ").contains("nope.txt");
  }
}
