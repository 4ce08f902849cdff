package dev.jbuild.cli;

import dev.jbuild.api.BuildException;
import dev.jbuild.api.BuildRequest;
import dev.jbuild.api.BuildResult;
import dev.jbuild.api.ImageBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code jbuild build}: the default command, shaped like {@code docker build}. */
@Command(
    name = "build",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Builds an image from a Dockerfile and a context directory.",
    footer = {"", "Settings come from ~/.config/jbuild/config.json (or $JBUILD_CONFIG); flags override them.",
        "Exit codes: 0 built, 1 the build failed, 2 bad flags or config.",
        "", "Examples:",
        "  jbuild -f Dockerfile -t 127.0.0.1:5000/app:1 --push .",
        "  jbuild build --build-arg VERSION=2 --target runtime -t reg.example/app:2 ctx/",
        "  jbuild --build-arg-file args.conf --progress=plain --iidfile image.txt .",
        "  jbuild -q --registry-mirror docker.io=127.0.0.1:5000 .    # only the digest",
        "  jbuild --progress=json . 2> events.jsonl                  # events for tools"})
final class BuildCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @ParentCommand
  JbuildCommand jbuild;

  @Parameters(index = "0", paramLabel = "CONTEXT", description = "The build context directory.")
  Path context;

  @Option(names = {"-f", "--file"}, paramLabel = "FILE",
      description = "The Dockerfile (default: CONTEXT/Dockerfile; '-' reads it from standard input).")
  String file;

  @Option(names = {"-t", "--tag"}, paramLabel = "NAME[:TAG]", description = "Name the image (repeatable).")
  List<String> tags = new ArrayList<>();

  @Option(names = "--push", description = "Push the image to the registry of every tag.")
  boolean push;

  @Option(names = "--build-arg", paramLabel = "NAME[=VALUE]",
      description = "A build argument (repeatable); NAME alone takes the value from the environment.")
  List<String> buildArgs = new ArrayList<>();

  @Option(names = "--secret", paramLabel = "id=ID,src=FILE",
      description = "A secret for RUN --mount=type=secret,id=ID (repeatable): id=ID,src=FILE, id=ID,env=VARIABLE, "
          + "or id=ID alone (the variable ID if set, else the file ID). Never stored in the image, the cache or the log.")
  List<String> secrets = new ArrayList<>();

  @Option(names = "--ssh", paramLabel = "default|ID=SOCKET",
      description = "An SSH agent for RUN --mount=type=ssh (repeatable): 'default' is $SSH_AUTH_SOCK's agent.")
  List<String> sshAgents = new ArrayList<>();

  @Option(names = "--build-arg-file", paramLabel = "FILE",
      description = "Build arguments from FILE, one NAME=VALUE (or NAME) per line, '#' comments (repeatable); "
          + "--build-arg wins over it.")
  List<Path> buildArgFiles = new ArrayList<>();

  @Option(names = "--target", paramLabel = "STAGE", description = "Build this stage and what it needs.")
  String target;

  @Option(names = "--cache-dir", paramLabel = "DIR", description = "jbuild's cache (default: $XDG_CACHE_HOME/jbuild).")
  Path cacheDirectory;

  @Option(names = "--registry-mirror", paramLabel = "REGISTRY=HOST[:PORT]",
      description = "Pull images of REGISTRY through this mirror (repeatable), e.g. docker.io=127.0.0.1:5000.")
  List<String> mirrors = new ArrayList<>();

  /** --authfile, --registry-ca, --insecure-registry: the same flags as login, logout and images. */
  @picocli.CommandLine.Mixin
  RegistryOptions registryOptions = new RegistryOptions();

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "The pushed manifest's format: oci (default) or docker (Docker v2 schema 2).")
  String format = "oci";

  @Option(names = "--platform", paramLabel = "OS/ARCH", description = "The platform to build for (default: the host's).")
  String platform;

  @Option(names = "--network", paramLabel = "MODE", description = "RUN's network: host (default) or none.")
  String network = "host";

  @Option(names = "--pull", description = "Re-resolve base image tags in their registries.")
  boolean pull;

  @Option(names = "--no-cache", description = "Run every step, even those the cache has (results are still cached).")
  boolean noCache;

  @Option(names = "--no-cache-filter", paramLabel = "STAGE", split = ",",
      description = "Run every step of these stages (names or indexes), even those the cache has.")
  List<String> noCacheStages = new ArrayList<>();

  @Option(names = "--metadata-file", paramLabel = "FILE",
      description = "Write the build's result as JSON: containerimage.digest, containerimage.config.digest, image.name, jbuild.steps.")
  Path metadataFile;

  @Option(names = "--cache-from", paramLabel = "type=registry,ref=REF",
      description = "Reuse cached steps from a registry cache (repeatable); REF alone also works.")
  List<String> cacheFrom = new ArrayList<>();

  @Option(names = "--cache-to", paramLabel = "type=registry,ref=REF",
      description = "Export this build's cached steps to a registry cache.")
  String cacheTo;

  @Option(names = "--cache-repo", paramLabel = "REF",
      description = "Shorthand for --cache-from and --cache-to with the same registry cache (as kaniko's).")
  String cacheRepo;

  @Option(names = {"-o", "--output"}, paramLabel = "type=TYPE,dest=PATH",
      description = "Where the image goes besides -t: type=registry (as --push), oci (dest=DIR or FILE.tar), "
          + "docker (dest=FILE.tar, for docker load), local (dest=DIR: the root filesystem), tar (dest=FILE); a bare PATH means local. "
          + "Image outputs take compression-level=1..9 (gzip level of the new layers; default 6).")
  List<String> outputs = new ArrayList<>();

  @Option(names = "--label", paramLabel = "KEY=VALUE", description = "Add a label to the image (repeatable).")
  List<String> labels = new ArrayList<>();

  @Option(names = "--annotation", paramLabel = "KEY=VALUE", description = "Add an annotation to the image manifest (repeatable).")
  List<String> annotations = new ArrayList<>();

  @Option(names = "--timestamp", paramLabel = "TIME",
      description = "Fix every time in the image (seconds since 1970 or RFC 3339), as SOURCE_DATE_EPOCH.")
  String timestamp;

  @Option(names = {"-q", "--quiet"}, description = "Print only the image digest.")
  boolean quiet;

  @Option(names = "--progress", paramLabel = "MODE", converter = ProgressMode.Converter.class,
      description = "Progress on standard error: ${COMPLETION-CANDIDATES}. auto (default) is tty on a terminal, "
          + "else plain.")
  ProgressMode progress;

  @Option(names = "--jobs", paramLabel = "N", description = "Run at most N steps at once (default: one per CPU).")
  Integer jobs;

  @Option(names = "--iidfile", paramLabel = "FILE", description = "Write the image digest to FILE.")
  Path iidFile;

  @Option(names = "--debug", description = "Show stack traces of errors.")
  boolean debug;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Map<String, String> environment = jbuild.environment();
    Config config;
    BuildRequest request;
    try {
      config = ConfigFile.load(environment);
      request = request(config, environment);
    } catch (ConfigException | BuildArguments.InvalidException e) {
      err.println("error: " + e.getMessage());
      err.flush();
      return ExitCodes.USAGE;
    }
    ProgressView view = progressView(config, environment, err);
    BuildResult result;
    try {
      result = new ImageBuilder().build(request, view);
    } catch (BuildException e) {
      view.failed(e);
      if (view.wantsHumanMessages()) {
        ErrorReport.print(err, e, debug);
      } else if (debug) {
        ErrorReport.stack(err, e.getCause() != null ? e.getCause() : e);
      }
      return ExitCodes.BUILD_FAILED;
    } catch (Exception | Error e) {
      // Not a failure the build described (a bug, an interrupt): end the view before the handler prints.
      view.failed(new BuildException(String.valueOf(e.getMessage()), e));
      throw e;
    }
    view.succeeded(result);
    if (iidFile != null) {
      try {
        Files.writeString(iidFile, result.imageDigest());
      } catch (IOException e) {
        err.println("error: cannot write the image digest to --iidfile " + iidFile + ": " + e);
        if (debug) {
          ErrorReport.stack(err, e);
        }
        err.flush();
        return ExitCodes.BUILD_FAILED;
      }
    }
    if (!quiet && view.wantsHumanMessages()) {
      for (String reference : result.references()) {
        err.println((result.pushed() ? "pushed " : "named ") + reference);
      }
      err.flush();
    }
    out.println(result.imageDigest());
    out.flush();
    return ExitCodes.OK;
  }

  /** {@code -q} wins, then {@code --progress}, then the config file; AUTO and TTY then meet the terminal. */
  ProgressMode progressMode(Config config, Terminal terminal) {
    ProgressMode chosen = quiet ? ProgressMode.QUIET
        : progress != null ? progress
        : config.progress() != null ? config.progress()
        : ProgressMode.AUTO;
    return chosen.resolve(terminal);
  }

  private ProgressView progressView(Config config, Map<String, String> environment, PrintWriter err) {
    Terminal terminal = jbuild.terminal();
    return switch (progressMode(config, terminal)) {
      case TTY -> new TtyProgress(err, terminal.withMeasuredSize(environment), System::nanoTime).start();
      case JSON -> new JsonProgress(err, Clock.systemUTC());
      case QUIET -> ProgressView.QUIET;
      default -> new PlainProgress(err);
    };
  }

  BuildRequest request(Config config, Map<String, String> environment)
      throws IOException, BuildArguments.InvalidException {
    if (!network.equals("host") && !network.equals("none") && !network.equals("default")) {
      throw new ParameterException(spec.commandLine(), "--network must be host or none, got " + network);
    }
    if (jobs != null && jobs < 1) {
      throw new ParameterException(spec.commandLine(), "--jobs must be 1 or more, got " + jobs);
    }
    Map<String, List<String>> registryMirrors = new LinkedHashMap<>(config.registryMirrors());
    Map<String, List<String>> flagMirrors = new LinkedHashMap<>();
    for (String mirror : mirrors) {
      int equals = mirror.indexOf('=');
      if (equals <= 0 || equals == mirror.length() - 1) {
        throw new ParameterException(spec.commandLine(), "--registry-mirror takes REGISTRY=HOST[:PORT], got " + mirror);
      }
      flagMirrors.computeIfAbsent(mirror.substring(0, equals), registry -> new ArrayList<>())
          .add(RegistryMirrors.host(mirror.substring(equals + 1)));
    }
    // A flag's mirrors for a registry replace the config file's for that registry.
    registryMirrors.putAll(flagMirrors);

    BuildRequest.Builder builder = BuildRequest.builder(context)
        .tags(tags)
        .push(push)
        .target(target)
        .cacheDirectory(cacheDirectory != null ? cacheDirectory : config.cacheDirectory())
        .cacheSizeLimit(config.cacheSizeLimit())
        .platform(platform)
        .network(network.equals("default") ? "host" : network)
        .pull(pull)
        .jobs(jobs == null ? 0 : jobs)
        .buildArgs(BuildArguments.collect(buildArgFiles, buildArgs, environment));
    if ("-".equals(file)) {
      builder.dockerfileText(new String(System.in.readAllBytes(), StandardCharsets.UTF_8));
    } else if (file != null) {
      builder.dockerfile(Path.of(file));
    }
    registryMirrors.forEach((registry, hosts) -> hosts.forEach(host -> builder.registryMirror(registry, host)));
    config.insecureRegistries().forEach(builder::insecureRegistry);
    registryOptions.insecureRegistries.forEach(builder::insecureRegistry);
    builder.noCache(noCache).metadataFile(metadataFile).timestamp(timestamp);
    noCacheStages.forEach(builder::noCacheStage);
    outputs.forEach(builder::output);
    for (String agent : sshAgents) {
      try {
        builder.ssh(agent, environment);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--ssh: " + e.getMessage());
      }
    }
    for (String secret : secrets) {
      try {
        builder.secret(secret, environment);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--secret: " + e.getMessage());
      }
    }
    for (String label : labels) {
      String[] pair = keyValue(label, "--label");
      builder.label(pair[0], pair[1]);
    }
    for (String annotation : annotations) {
      String[] pair = keyValue(annotation, "--annotation");
      builder.annotation(pair[0], pair[1]);
    }
    for (String from : cacheFrom) {
      builder.cacheFrom(CacheSpecs.registryReference(from, "--cache-from", spec.commandLine()));
    }
    if (cacheTo != null) {
      builder.cacheTo(CacheSpecs.registryReference(cacheTo, "--cache-to", spec.commandLine()));
    }
    if (cacheRepo != null) {
      builder.cacheFrom(cacheRepo).cacheTo(cacheRepo);
    }
    if (!format.equals("oci") && !format.equals("docker")) {
      throw new ParameterException(spec.commandLine(), "--format must be oci or docker");
    }
    builder.authFile(registryOptions.authFile).format(format);
    for (String ca : registryOptions.registryCas) {
      String[] registryAndFile = RegistryOptions.registryCa(spec.commandLine(), ca);
      builder.registryCa(registryAndFile[0], Path.of(registryAndFile[1]));
    }
    // The config file's registryCertificates are trusted for every registry.
    config.registryCertificates().forEach(file -> builder.registryCa("*", file));
    return builder.build();
  }

  private String[] keyValue(String text, String flag) {
    int equals = text.indexOf('=');
    if (equals <= 0) {
      throw new ParameterException(spec.commandLine(), flag + " takes KEY=VALUE, got " + text);
    }
    return new String[] {text.substring(0, equals), text.substring(equals + 1)};
  }
}
