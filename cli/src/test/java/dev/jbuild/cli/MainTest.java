package dev.jbuild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line in process: commands, exit codes and what is printed. */
class MainTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void withDefaultCommand_flagsOrContextFirst_meanBuild() {
    assertThat(Main.withDefaultCommand(new String[] {"-f", "Dockerfile", "."})).containsExactly("build", "-f", "Dockerfile", ".");
    assertThat(Main.withDefaultCommand(new String[] {"."})).containsExactly("build", ".");
    assertThat(Main.withDefaultCommand(new String[] {"parse"})).containsExactly("parse");
    assertThat(Main.withDefaultCommand(new String[] {"--version"})).containsExactly("--version");
  }

  @Test
  void version_printsTheVersion() {
    assertThat(run("version")).isZero();
    assertThat(out.toString()).startsWith("jbuild ").doesNotContain("unknown");
  }

  @Test
  void build_unknownFlag_isAUsageErrorWithExitCode2() {
    assertThat(run("--no-such-flag", ".")).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown option: '--no-such-flag'");
  }

  @Test
  void build_badRegistryMirror_isAUsageError() {
    assertThat(run("--registry-mirror", "nohost", ".")).isEqualTo(2);
    assertThat(err.toString()).contains("--registry-mirror takes REGISTRY=HOST[:PORT]");
  }

  @Test
  void build_badFormatOrRegistryCa_isAUsageError() {
    assertThat(run("--format", "v1", ".")).isEqualTo(2);
    assertThat(err.toString()).contains("--format must be oci or docker");
    assertThat(run("--registry-ca", "ca.pem", ".")).isEqualTo(2);
    assertThat(err.toString()).contains("--registry-ca takes REGISTRY=PEM, got ca.pem");
  }

  @Test
  void login_passwordStdinWithoutUser_isAUsageError() {
    assertThat(run("login", "--password-stdin", "127.0.0.1:5000")).isEqualTo(2);
    assertThat(err.toString()).contains("--password-stdin needs --username");
  }

  @Test
  void images_notARegistry_failsWithOneLine() {
    assertThat(run("images", "busybox")).isEqualTo(1);
    assertThat(err.toString().strip()).isEqualTo("error: \"busybox\" names no registry: give REGISTRY[/REPOSITORY],"
        + " e.g. 127.0.0.1:5000 or registry.example.com/app");
  }

  @Test
  void passwordFrom_trailingNewline_isDroppedAsDockerDoes() throws Exception {
    assertThat(LoginCommand.passwordFrom(new java.io.ByteArrayInputStream("s3cret\r\n".getBytes()))).isEqualTo("s3cret");
    assertThat(LoginCommand.passwordFrom(new java.io.ByteArrayInputStream("with space ".getBytes()))).isEqualTo("with space ");
  }

  @Test
  void build_missingDockerfile_failsWithOneLine(@TempDir Path context) {
    assertThat(run("--cache-dir", context.resolve("cache").toString(), context.toString())).isEqualTo(1);
    assertThat(err.toString().strip()).startsWith("error: failed to read Dockerfile: ").endsWith("no such file")
        .doesNotContain("Exception");
  }

  @Test
  void build_parseError_showsLineColumnAndCaret(@TempDir Path context) throws Exception {
    Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPPY a b\n");

    assertThat(run("--cache-dir", context.resolve("cache").toString(), context.toString())).isEqualTo(1);

    assertThat(err.toString()).contains("error: Dockerfile:2:1: unknown instruction: COPPY (did you mean COPY?)")
        .contains("  COPPY a b\n  ^");
  }

  @Test
  void parse_dockerfile_printsBuildKitsDump(@TempDir Path directory) throws Exception {
    Path dockerfile = directory.resolve("Dockerfile");
    Files.writeString(dockerfile, "FROM busybox AS base\nCOPY --from=a x /y\nENV name value\nONBUILD RUN echo test\n");

    assertThat(run("parse", "-f", dockerfile.toString())).isZero();

    assertThat(out.toString()).isEqualTo("""
        (from "busybox" "AS" "base")
        (copy ["--from=a"] "x" "/y")
        (env "name" "value" "")
        (onbuild (run "echo test"))
        """);
  }
}
