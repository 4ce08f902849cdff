package dev.jbuild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line in process: commands, exit codes and what is printed. */
class MainTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  /** The environment the CLI sees: no config file unless a test names one. */
  private final Map<String, String> environment = new HashMap<>(Map.of("HOME", "/nonexistent-home"));

  private int run(String... args) {
    return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), environment,
        new Terminal(Optional.empty(), "", 0, 0));
  }

  @Test
  void withDefaultCommand_flagsOrContextFirst_meanBuild() {
    assertThat(Main.withDefaultCommand(new String[] {"-f", "Dockerfile", "."})).containsExactly("build", "-f", "Dockerfile", ".");
    assertThat(Main.withDefaultCommand(new String[] {"."})).containsExactly("build", ".");
    assertThat(Main.withDefaultCommand(new String[] {"parse"})).containsExactly("parse");
    assertThat(Main.withDefaultCommand(new String[] {"completion"})).containsExactly("completion");
    assertThat(Main.withDefaultCommand(new String[] {"--version"})).containsExactly("--version");
  }

  @Test
  void version_printsTheVersionAndExits0() {
    assertThat(run("version")).isZero();
    assertThat(out.toString()).startsWith("jbuild ").doesNotContain("unknown");
  }

  @Test
  void version_everySpelling_printsWhatPicocliWouldPrint() {
    CommandLine commandLine = Main.commandLine(new PrintWriter(out), new PrintWriter(err), environment,
        new Terminal(Optional.empty(), "", 0, 0));
    StringWriter picocli = new StringWriter();
    commandLine.setOut(new PrintWriter(picocli, true));
    assertThat(commandLine.execute("--version")).isZero();

    for (String spelling : new String[] {"version", "--version", "-V"}) {
      out.getBuffer().setLength(0);
      assertThat(run(spelling)).isZero();
      assertThat(out.toString()).as(spelling).isEqualTo(picocli.toString());
    }
  }

  @Test
  void help_everyCommand_showsExamples() {
    CommandLine root = Main.commandLine(new PrintWriter(out), new PrintWriter(err), environment,
        new Terminal(Optional.empty(), "", 0, 0));
    assertThat(root.getSubcommands()).containsKeys("build", "parse", "version", "completion");
    assertThat(root.getUsageMessage()).contains("Examples:");
    root.getSubcommands().forEach((name, command) ->
        assertThat(command.getUsageMessage()).as(name).contains("Examples:", "  jbuild"));
  }

  @Test
  void help_topLevel_listsEveryCommandThoughARunBuildsOnlyTheOneItNames() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("Commands:", "  build ", "  parse ", "  login ", "  logout ", "  images ",
        "  cache ", "  version ", "  completion ");
    out.getBuffer().setLength(0);
    assertThat(run("cache", "--help")).isZero();
    assertThat(out.toString()).contains("Usage: jbuild cache", "du", "prune");
  }

  @Test
  void help_buildCommand_exits0AndListsTheNewFlags() {
    assertThat(run("build", "--help")).isZero();
    assertThat(out.toString().replaceAll("\\s+", " ")).contains("--build-arg-file=FILE", "--progress=MODE",
        "auto, tty, plain, json, quiet", "--jobs=N", "-q, --quiet", "--debug", "config.json");
  }

  @Test
  void noArguments_isAUsageErrorPointingToHelp() {
    assertThat(run()).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("error: missing a command or a build context\nSee 'jbuild --help'.\n");
  }

  @Test
  void build_unknownFlag_isAUsageErrorWithExitCode2() {
    assertThat(run("--no-such-flag", ".")).isEqualTo(2);
    assertThat(err.toString()).contains("error: Unknown option: '--no-such-flag'").contains("See 'jbuild build --help'.");
  }

  @Test
  void build_misspelledFlag_suggestsTheRightOne() {
    assertThat(run("--progres", "plain", ".")).isEqualTo(2);
    assertThat(err.toString()).contains("--progress");
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
  void build_unknownProgressMode_isAUsageErrorNamingTheChoices() {
    assertThat(run("--progress", "fancy", ".")).isEqualTo(2);
    assertThat(err.toString()).contains("expected auto, tty, plain, json or quiet, got 'fancy'");
  }

  @Test
  void build_jobsBelowOne_isAUsageError() {
    assertThat(run("--jobs", "0", ".")).isEqualTo(2);
    assertThat(err.toString()).contains("--jobs must be 1 or more, got 0");
  }

  @Test
  void build_jobsNotANumber_isAUsageError() {
    assertThat(run("--jobs", "many", ".")).isEqualTo(2);
    assertThat(err.toString()).contains("--jobs");
  }

  @Test
  void build_missingDockerfile_failsWithOneLineAndExit1(@TempDir Path context) {
    assertThat(run("--cache-dir", context.resolve("cache").toString(), context.toString())).isEqualTo(1);
    assertThat(err.toString().strip()).startsWith("error: failed to read Dockerfile: ").endsWith("no such file")
        .doesNotContain("Exception");
  }

  @Test
  void build_failureWithDebug_addsTheStackTrace(@TempDir Path context) {
    assertThat(run("--debug", "--progress=plain", "--cache-dir", context.resolve("cache").toString(),
        context.toString())).isEqualTo(1);
    assertThat(err.toString()).startsWith("error: failed to read Dockerfile: ").contains("NoSuchFileException", "\tat ");
  }

  /** A command that fails in a way no command describes, to exercise the last-resort handler. */
  @CommandLine.Command(name = "explode")
  static final class ExplodingCommand implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Option(names = "--debug")
    boolean debug;

    @Override
    public Integer call() {
      throw new IllegalStateException("boom");
    }
  }

  @Test
  void unexpectedException_isOneLineWithExit1_andTheStackOnlyWithDebug() {
    CommandLine commandLine = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), environment,
        new Terminal(Optional.empty(), "", 0, 0));
    commandLine.addSubcommand("explode", new ExplodingCommand());
    commandLine.setErr(new PrintWriter(err, true));

    assertThat(commandLine.execute("explode")).isEqualTo(1);
    assertThat(err.toString()).isEqualTo("error: boom\n");

    assertThat(commandLine.execute("explode", "--debug")).isEqualTo(1);
    assertThat(err.toString()).contains("java.lang.IllegalStateException: boom", "\tat ");
  }

  @Test
  void build_iidfileNotWritable_failsWithOneLineNamingIt(@TempDir Path context) throws Exception {
    Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nENV A=1\n");
    Path iidFile = context.resolve("no/such/dir/iid");

    assertThat(run("-q", "--iidfile", iidFile.toString(), "--cache-dir", context.resolve("cache").toString(),
        context.toString())).isEqualTo(1);

    assertThat(err.toString()).startsWith("error: cannot write the image digest to --iidfile " + iidFile + ": ")
        .doesNotContain("\tat ");
  }

  @Test
  void build_parseError_showsLineColumnAndCaret(@TempDir Path context) throws Exception {
    Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPPY a b\n");

    assertThat(run("--cache-dir", context.resolve("cache").toString(), context.toString())).isEqualTo(1);

    assertThat(err.toString()).contains("error: Dockerfile:2:1: unknown instruction: COPPY (did you mean COPY?)")
        .contains("  COPPY a b\n  ^");
  }

  @Test
  void build_failingRun_showsTheInstructionWithACaretThenItsOutput(@TempDir Path context) throws Exception {
    Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY a /a\n  RUN [\"/a\"]\n");
    Files.writeString(context.resolve("a"), "not a program");

    assertThat(run("--progress=plain", "--cache-dir", context.resolve("cache").toString(), context.toString()))
        .isEqualTo(1);

    assertThat(err.toString()).contains("error: Dockerfile:3: ").contains("\n    RUN [\"/a\"]\n    ^\n")
        .doesNotContain("\tat ");
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
