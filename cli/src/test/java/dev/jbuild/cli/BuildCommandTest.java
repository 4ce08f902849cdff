package dev.jbuild.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.api.BuildRequest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code jbuild build}'s flags, config file and progress modes, in process. */
class BuildCommandTest {
  private static final Terminal NOT_A_TERMINAL = new Terminal(Optional.empty(), "xterm", 0, 0);

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final Map<String, String> environment = new HashMap<>(Map.of("HOME", "/nonexistent-home"));

  @TempDir
  Path directory;

  private int run(String... args) {
    return run(NOT_A_TERMINAL, args);
  }

  private int run(Terminal terminal, String... args) {
    return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), environment, terminal);
  }

  /** The build command as picocli parsed {@code args}, not run. */
  private BuildCommand parsed(String... args) {
    List<String> withBuild = new ArrayList<>(List.of("build"));
    withBuild.addAll(List.of(args));
    CommandLine commandLine = Main.commandLine(new PrintWriter(out), new PrintWriter(err), environment, NOT_A_TERMINAL);
    CommandLine.ParseResult result = commandLine.parseArgs(withBuild.toArray(String[]::new));
    return (BuildCommand) result.subcommand().commandSpec().userObject();
  }

  private BuildRequest request(String... args) throws Exception {
    return parsed(args).request(ConfigFile.load(environment), environment);
  }

  private Path scratchContext() throws Exception {
    Path context = Files.createDirectories(directory.resolve("context"));
    Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nARG WHO=nobody\nCOPY app.txt /app/\nLABEL who=$WHO\n");
    Files.writeString(context.resolve("app.txt"), "artifact\n");
    return context;
  }

  private Path config(String json) throws Exception {
    Path file = directory.resolve("config.json");
    Files.writeString(file, json);
    environment.put("JBUILD_CONFIG", file.toString());
    return file;
  }

  @Test
  void request_jobs_isPassedOnAndDefaultsToTheEnginesChoice() throws Exception {
    assertThat(request("--jobs", "3", ".").jobs()).isEqualTo(3);
    assertThat(request(".").jobs()).isZero();
  }

  @Test
  void request_buildArgFile_readsNameValueLinesSkipsCommentsAndTakesBareNamesFromTheEnvironment() throws Exception {
    Path file = directory.resolve("args.conf");
    Files.writeString(file, "# versions\nVERSION=1.2\n\n  FROM_ENV\nEMPTY=\nWITH_EQUALS=a=b\nUNSET_IN_ENV\n");
    environment.put("FROM_ENV", "from the environment");

    BuildRequest request = request("--build-arg-file", file.toString(), ".");

    assertThat(request.buildArgs()).containsExactly(Map.entry("VERSION", "1.2"),
        Map.entry("FROM_ENV", "from the environment"), Map.entry("EMPTY", ""), Map.entry("WITH_EQUALS", "a=b"));
  }

  @Test
  void request_buildArgFlag_winsOverTheFileAndLaterFilesWinOverEarlier() throws Exception {
    Path first = directory.resolve("first.conf");
    Path second = directory.resolve("second.conf");
    Files.writeString(first, "A=first\nB=first\nC=first\n");
    Files.writeString(second, "B=second\nC=second\n");

    BuildRequest request = request("--build-arg-file", first.toString(), "--build-arg-file", second.toString(),
        "--build-arg", "C=flag", ".");

    assertThat(request.buildArgs()).containsExactly(Map.entry("A", "first"), Map.entry("B", "second"),
        Map.entry("C", "flag"));
  }

  @Test
  void build_buildArgFileMissing_isAUsageErrorWithExit2() {
    assertThat(run("--build-arg-file", directory.resolve("nope.conf").toString(), ".")).isEqualTo(2);
    assertThat(err.toString()).startsWith("error: --build-arg-file ").contains("nope.conf: no such file");
  }

  @Test
  void build_buildArgFileMalformedLine_namesFileAndLine() throws Exception {
    Path file = directory.resolve("args.conf");
    Files.writeString(file, "OK=1\n=no name\n");

    assertThat(run("--build-arg-file", file.toString(), ".")).isEqualTo(2);

    assertThat(err.toString()).contains("error: " + file + ":2: expected NAME=VALUE or NAME, got \"=no name\"");
  }

  @Test
  void build_buildArgFile_reachesTheImage() throws Exception {
    Path context = scratchContext();
    Path file = directory.resolve("args.conf");
    Files.writeString(file, "WHO=the file\n");
    Path cache = directory.resolve("cache");

    assertThat(run("-q", "--cache-dir", cache.toString(), "--build-arg-file", file.toString(), "-t", "local/args:1",
        context.toString())).as(err.toString()).isZero();

    String digest = out.toString().strip();
    Path manifest = cache.resolve("blobs/sha256/" + digest.substring("sha256:".length()));
    JsonNode json = new ObjectMapper().readTree(Files.readString(manifest));
    String configHex = json.get("config").get("digest").asText().substring("sha256:".length());
    JsonNode config = new ObjectMapper().readTree(Files.readString(cache.resolve("blobs/sha256/" + configHex)));
    assertThat(config.get("config").get("Labels").get("who").asText()).isEqualTo("the file");
  }

  @Test
  void request_configFile_givesDefaultsForCacheMirrorsInsecureRegistriesAndSizeLimit() throws Exception {
    config("""
        {"cacheDir": "cache-from-config", "cacheSizeLimit": "2GiB",
         "registryMirrors": {"docker.io": "https://mirror.example:5000/"},
         "insecureRegistries": ["lan.example:5000"]}
        """);

    BuildRequest request = request(".");

    assertThat(request.cacheDirectory()).isEqualTo(directory.resolve("cache-from-config"));
    assertThat(request.cacheSizeLimit()).isEqualTo(2L * 1024 * 1024 * 1024);
    assertThat(request.registryMirrors()).containsExactly(Map.entry("docker.io", List.of("mirror.example:5000")));
    assertThat(request.insecureRegistries()).containsExactly("lan.example:5000");
  }

  @Test
  void request_flags_overrideTheConfigFile() throws Exception {
    config("""
        {"cacheDir": "/from/config", "registryMirrors": {"docker.io": ["config-mirror:5000"], "quay.io": "quay-mirror"},
         "insecureRegistries": ["config.lan:5000"]}
        """);

    BuildRequest request = request("--cache-dir", "/from/flag", "--registry-mirror", "docker.io=flag-mirror:5000",
        "--insecure-registry", "flag.lan:5000", ".");

    assertThat(request.cacheDirectory()).isEqualTo(Path.of("/from/flag"));
    assertThat(request.registryMirrors()).containsEntry("docker.io", List.of("flag-mirror:5000"))
        .containsEntry("quay.io", List.of("quay-mirror"));
    assertThat(request.insecureRegistries()).containsExactlyInAnyOrder("config.lan:5000", "flag.lan:5000");
  }

  @Test
  void build_invalidConfigValue_exits2NamingTheFileAndTheKey() throws Exception {
    Path file = config("{\"progress\": \"fancy\"}");

    assertThat(run(".")).isEqualTo(2);

    assertThat(err.toString().strip()).isEqualTo("error: " + file
        + ": key \"progress\": expected one of auto, tty, plain, json, quiet, got \"fancy\"");
  }

  @Test
  void build_configSyntaxError_exits2WithLineAndColumn() throws Exception {
    Path file = config("{\n  \"cacheDir\": \"/x\",\n}\n");

    assertThat(run(".")).isEqualTo(2);

    assertThat(err.toString()).startsWith("error: " + file + ":3:1: ");
  }

  @Test
  void build_configNamedByEnvironmentMissing_exits2() {
    environment.put("JBUILD_CONFIG", directory.resolve("absent.json").toString());

    assertThat(run(".")).isEqualTo(2);

    assertThat(err.toString()).contains("absent.json: no such file (named by JBUILD_CONFIG)");
  }

  @Test
  void progressMode_quietFlagThenProgressFlagThenConfigThenAuto_inThatOrder() throws Exception {
    Config plainConfig = new Config(Optional.empty(), null, 0, Map.of(), List.of(), List.of(), ProgressMode.PLAIN);

    assertThat(parsed("-q", "--progress=json", ".").progressMode(plainConfig, NOT_A_TERMINAL)).isEqualTo(ProgressMode.QUIET);
    assertThat(parsed("--progress=JSON", ".").progressMode(plainConfig, NOT_A_TERMINAL)).isEqualTo(ProgressMode.JSON);
    assertThat(parsed(".").progressMode(plainConfig, NOT_A_TERMINAL)).isEqualTo(ProgressMode.PLAIN);
    assertThat(parsed(".").progressMode(Config.NONE, NOT_A_TERMINAL)).isEqualTo(ProgressMode.PLAIN);
    Terminal terminal = new Terminal(Optional.of(Path.of("/dev/pts/0")), "xterm-256color", 0, 0);
    assertThat(parsed(".").progressMode(Config.NONE, terminal)).isEqualTo(ProgressMode.TTY);
    assertThat(parsed("--progress=quiet", ".").progressMode(Config.NONE, terminal)).isEqualTo(ProgressMode.QUIET);
  }

  @Test
  void progressMode_dumbTerminal_fallsBackToPlainEvenWhenTtyIsAsked() {
    Terminal dumb = new Terminal(Optional.of(Path.of("/dev/pts/0")), "dumb", 0, 0);

    assertThat(parsed(".").progressMode(Config.NONE, dumb)).isEqualTo(ProgressMode.PLAIN);
    assertThat(parsed("--progress=tty", ".").progressMode(Config.NONE, dumb)).isEqualTo(ProgressMode.PLAIN);
  }

  @Test
  void build_quiet_printsOnlyTheDigest() throws Exception {
    Path context = scratchContext();

    assertThat(run("-q", "--cache-dir", directory.resolve("cache").toString(), "-t", "local/quiet:1",
        context.toString())).isZero();

    assertThat(out.toString()).matches("sha256:[0-9a-f]{64}\\R");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void build_progressQuiet_showsNoProgressButTheNamedReference() throws Exception {
    Path context = scratchContext();

    assertThat(run("--progress=quiet", "--cache-dir", directory.resolve("cache").toString(), "-t", "local/q:1",
        context.toString())).isZero();

    assertThat(err.toString()).isEqualTo("named local/q:1\n");
  }

  @Test
  void build_progressPlain_writesStepLinesWithDurations() throws Exception {
    Path context = scratchContext();

    assertThat(run("--progress=plain", "--cache-dir", directory.resolve("cache").toString(), context.toString()))
        .isZero();

    assertThat(err.toString()).contains("#1 [stage-0 1/3] ARG WHO=nobody\n", "#2 [stage-0 2/3] COPY app.txt /app/\n")
        .containsPattern("#2 DONE [0-9]+\\.[0-9]s\n");
  }

  @Test
  void build_iidfile_receivesTheDigest() throws Exception {
    Path context = scratchContext();
    Path iidFile = directory.resolve("iid.txt");

    assertThat(run("-q", "--iidfile", iidFile.toString(), "--cache-dir", directory.resolve("cache").toString(),
        context.toString())).isZero();

    assertThat(Files.readString(iidFile)).isEqualTo(out.toString().strip());
  }

  @Test
  void build_progressJson_writesOneParsableObjectPerLineEndingInTheResult() throws Exception {
    Path context = scratchContext();

    assertThat(run("--progress=json", "--cache-dir", directory.resolve("cache").toString(), "-t", "local/json:1",
        context.toString())).isZero();

    ObjectMapper mapper = new ObjectMapper();
    List<JsonNode> events = new ArrayList<>();
    for (String line : err.toString().split("\n")) {
      events.add(mapper.readTree(line));
    }
    assertThat(events).allSatisfy(event -> assertThat(event.get("time").asText()).endsWith("Z"));
    assertThat(events).extracting(event -> event.get("type").asText())
        .startsWith("step-started", "step-finished", "step-started").endsWith("build-finished");
    JsonNode started = events.get(2);
    assertThat(started.get("instruction").asText()).isEqualTo("COPY app.txt /app/");
    assertThat(started.get("stage").asText()).isEqualTo("stage-0");
    assertThat(started.get("position").asInt()).isEqualTo(2);
    JsonNode result = events.get(events.size() - 1);
    assertThat(result.get("imageDigest").asText()).isEqualTo(out.toString().strip());
    assertThat(result.get("references").get(0).asText()).isEqualTo("local/json:1");
  }

  @Test
  void build_progressJsonFailure_endsInBuildFailedAndPrintsNoHumanLines(@TempDir Path context) throws Exception {
    Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPPY a b\n");

    assertThat(run("--progress=json", "--cache-dir", directory.resolve("cache").toString(), context.toString()))
        .isEqualTo(1);

    JsonNode failure = new ObjectMapper().readTree(err.toString().strip());
    assertThat(failure.get("type").asText()).isEqualTo("build-failed");
    assertThat(failure.get("message").asText()).startsWith("Dockerfile:2:1: unknown instruction: COPPY");
    assertThat(failure.get("details").get(0).asText()).isEqualTo("COPPY a b");
  }

  @Test
  void build_progressTty_drawsWithAnsiAndEndsInTheSummary() throws Exception {
    Path context = scratchContext();

    assertThat(run("--progress=tty", "--cache-dir", directory.resolve("cache").toString(), context.toString()))
        .isZero();

    String screen = err.toString();
    assertThat(screen).contains("\u001B[2K");
    String summary = screen.substring(screen.lastIndexOf("[+] Building"));
    assertThat(summary).containsPattern("^\\[\\+] Building [0-9.]+s \\(3/3\\) FINISHED\n")
        .containsPattern(" => \\[stage-0 2/3] COPY app.txt /app/ +[0-9]+\\.[0-9]s\n");
  }

  @Test
  void request_invalidNetwork_isRejected() {
    assertThatThrownBy(() -> request("--network", "bridge", ".")).isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("--network must be host or none");
  }
}
