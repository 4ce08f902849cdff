package dev.jbuild.cli;

import dev.jbuild.api.BuildException;
import dev.jbuild.api.BuildListener;
import dev.jbuild.api.BuildRequest;
import dev.jbuild.api.BuildResult;
import dev.jbuild.api.ImageBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import picocli.CommandLine.Spec;

/** {@code jbuild build}: the default command, shaped like {@code docker build}. */
@Command(
    name = "build",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Builds an image from a Dockerfile and a context directory.",
    footer = {"", "Examples:",
        "  jbuild -f Dockerfile -t 127.0.0.1:5000/app:1 --push .",
        "  jbuild build --build-arg VERSION=2 --target runtime -t registry.example.com/app:2 --push ctx/",
        "  jbuild -t app:dev --registry-mirror docker.io=127.0.0.1:5000 ."})
final class BuildCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

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

  @Option(names = "--target", paramLabel = "STAGE", description = "Build this stage and what it needs.")
  String target;

  @Option(names = "--cache-dir", paramLabel = "DIR", description = "jbuild's cache (default: $XDG_CACHE_HOME/jbuild).")
  Path cacheDirectory;

  @Option(names = "--registry-mirror", paramLabel = "REGISTRY=HOST[:PORT]",
      description = "Pull images of REGISTRY through this mirror (repeatable), e.g. docker.io=127.0.0.1:5000.")
  List<String> mirrors = new ArrayList<>();

  @Option(names = "--insecure-registry", paramLabel = "HOST[:PORT]",
      description = "Allow plain HTTP to this registry (loopback registries always are).")
  List<String> insecureRegistries = new ArrayList<>();

  @Option(names = "--authfile", paramLabel = "FILE",
      description = "The docker config.json with registry credentials (default: $REGISTRY_AUTH_FILE, "
          + "else $DOCKER_CONFIG/config.json, else ~/.docker/config.json).")
  Path authFile;

  @Option(names = "--registry-ca", paramLabel = "REGISTRY=PEM",
      description = "Trust the CA certificates in PEM for REGISTRY only (repeatable); "
          + "/etc/docker/certs.d/REGISTRY/*.crt are trusted too.")
  List<String> registryCas = new ArrayList<>();

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
          + "docker (dest=FILE.tar, for docker load), local (dest=DIR: the root filesystem), tar (dest=FILE); a bare PATH means local.")
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

  @Option(names = "--progress", paramLabel = "MODE", description = "Progress output: plain (default) or quiet.")
  String progress = "plain";

  @Option(names = "--iidfile", paramLabel = "FILE", description = "Write the image digest to FILE.")
  Path iidFile;

  @Option(names = "--debug", description = "Show stack traces of errors.")
  boolean debug;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    BuildRequest request = request();
    BuildListener listener = quiet || progress.equals("quiet") ? BuildListener.NONE : new PlainProgress(err);
    try {
      BuildResult result = new ImageBuilder().build(request, listener);
      if (iidFile != null) {
        Files.writeString(iidFile, result.imageDigest());
      }
      if (!quiet) {
        for (String reference : result.references()) {
          err.println((result.pushed() ? "pushed " : "named ") + reference);
        }
      }
      out.println(result.imageDigest());
      return ExitCodes.OK;
    } catch (BuildException e) {
      err.println("error: " + e.getMessage());
      for (String detail : e.details()) {
        err.println("  " + detail);
      }
      if (debug && e.getCause() != null) {
        e.getCause().printStackTrace(err);
      }
      err.flush();
      return ExitCodes.BUILD_FAILED;
    }
  }

  private BuildRequest request() throws IOException {
    if (!progress.equals("plain") && !progress.equals("quiet") && !progress.equals("auto")) {
      throw new ParameterException(spec.commandLine(), "--progress must be plain, quiet or auto");
    }
    if (!network.equals("host") && !network.equals("none") && !network.equals("default")) {
      throw new ParameterException(spec.commandLine(), "--network must be host or none");
    }
    BuildRequest.Builder builder = BuildRequest.builder(context)
        .tags(tags)
        .push(push)
        .target(target)
        .cacheDirectory(cacheDirectory)
        .platform(platform)
        .network(network.equals("default") ? "host" : network)
        .pull(pull)
        .noCache(noCache)
        .metadataFile(metadataFile);
    noCacheStages.forEach(builder::noCacheStage);
    outputs.forEach(builder::output);
    for (String label : labels) {
      String[] pair = keyValue(label, "--label");
      builder.label(pair[0], pair[1]);
    }
    for (String annotation : annotations) {
      String[] pair = keyValue(annotation, "--annotation");
      builder.annotation(pair[0], pair[1]);
    }
    builder.timestamp(timestamp);
    for (String from : cacheFrom) {
      builder.cacheFrom(CacheSpecs.registryReference(from, "--cache-from", spec.commandLine()));
    }
    if (cacheTo != null) {
      builder.cacheTo(CacheSpecs.registryReference(cacheTo, "--cache-to", spec.commandLine()));
    }
    if (cacheRepo != null) {
      builder.cacheFrom(cacheRepo).cacheTo(cacheRepo);
    }
    if ("-".equals(file)) {
      builder.dockerfileText(new String(System.in.readAllBytes(), StandardCharsets.UTF_8));
    } else if (file != null) {
      builder.dockerfile(Path.of(file));
    }
    builder.buildArgs(buildArgs());
    for (String mirror : mirrors) {
      int equals = mirror.indexOf('=');
      if (equals <= 0 || equals == mirror.length() - 1) {
        throw new ParameterException(spec.commandLine(), "--registry-mirror takes REGISTRY=HOST[:PORT], got " + mirror);
      }
      String host = mirror.substring(equals + 1).replaceFirst("^https?://", "").replaceFirst("/+$", "");
      builder.registryMirror(mirror.substring(0, equals), host);
    }
    insecureRegistries.forEach(builder::insecureRegistry);
    if (!format.equals("oci") && !format.equals("docker")) {
      throw new ParameterException(spec.commandLine(), "--format must be oci or docker");
    }
    builder.authFile(authFile).format(format);
    for (String ca : registryCas) {
      String[] registryAndFile = RegistryOptions.registryCa(spec.commandLine(), ca);
      builder.registryCa(registryAndFile[0], Path.of(registryAndFile[1]));
    }
    return builder.build();
  }

  private String[] keyValue(String text, String flag) {
    int equals = text.indexOf('=');
    if (equals <= 0) {
      throw new ParameterException(spec.commandLine(), flag + " takes KEY=VALUE, got " + text);
    }
    return new String[] {text.substring(0, equals), text.substring(equals + 1)};
  }

  private Map<String, String> buildArgs() {
    Map<String, String> values = new LinkedHashMap<>();
    for (String argument : buildArgs) {
      int equals = argument.indexOf('=');
      if (equals < 0) {
        String fromEnvironment = System.getenv(argument);
        if (fromEnvironment != null) {
          values.put(argument, fromEnvironment);
        }
      } else {
        values.put(argument.substring(0, equals), argument.substring(equals + 1));
      }
    }
    return values;
  }
}
