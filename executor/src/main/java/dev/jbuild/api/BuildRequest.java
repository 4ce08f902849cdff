package dev.jbuild.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a build needs, shaped like {@code docker build}'s flags. Build with
 * {@link #builder(Path)}.
 *
 * @param contextDirectory the build context
 * @param dockerfile the Dockerfile; null means {@code Dockerfile} in the context
 * @param dockerfileText the Dockerfile's text when it does not come from a file ({@code -f -})
 * @param tags image references to name the result ({@code -t}), as the user wrote them
 * @param push push the result to the registries named by {@code tags}
 * @param buildArgs {@code --build-arg} values
 * @param target the stage to build, null for the last
 * @param cacheDirectory jbuild's cache; null means the default ({@code $XDG_CACHE_HOME/jbuild})
 * @param registryMirrors source registry (e.g. {@code docker.io}) to mirror hosts
 * @param insecureRegistries registries reachable over plain HTTP besides loopback
 * @param platform {@code os/arch[/variant]} to build for, null for the host's
 * @param network RUN's default network: {@code host} (default) or {@code none}
 * @param pull re-resolve base image tags in their registries even when stored locally
 * @param noCache run every step even when the cache has it ({@code --no-cache})
 * @param noCacheStages stages (names or indexes) whose steps always run ({@code --no-cache-filter})
 * @param metadataFile where to write the build's metadata JSON, or null ({@code --metadata-file})
 * @param cacheFrom registry caches to reuse steps from ({@code --cache-from type=registry,ref=REF})
 * @param cacheTo the registry cache to export this build's steps to, or null ({@code --cache-to})
 * @param authFile the docker {@code config.json} holding registry credentials ({@code
 *     --authfile}); null means {@code $REGISTRY_AUTH_FILE}, else {@code $DOCKER_CONFIG/config.json},
 *     else {@code ~/.docker/config.json}
 * @param registryCas per registry ({@code host[:port]}), PEM files of CAs trusted for it besides
 *     the system's ({@code --registry-ca}); {@code /etc/docker/certs.d/<registry>/*.crt} are
 *     trusted too, as docker does
 * @param outputs {@code --output} specs in BuildKit's shape ({@code type=oci,dest=out.tar}, ...)
 * @param labels {@code --label} values, added to the image's labels
 * @param annotations {@code --annotation} values, added to the image manifest
 * @param timestamp {@code --timestamp}: seconds since 1970 or RFC 3339, used as
 *     {@code SOURCE_DATE_EPOCH}; null for none
 * @param format the pushed manifest's format: {@code oci} (default) or {@code docker} (Docker v2
 *     schema 2 media types for manifest, config and layers)
 * @param jobs how many steps may run at once ({@code --jobs}); 0 lets the engine choose
 * @param cacheSizeLimit the size in bytes the cache directory should be kept under; 0 means no limit
 * @param secrets {@code --secret} values by id, for {@code RUN --mount=type=secret}; they are
 *     never written into a layer, a cache key or a log
 * @param sshAgents {@code --ssh} agent sockets by id, for {@code RUN --mount=type=ssh}
 */
public record BuildRequest(
    Path contextDirectory,
    Path dockerfile,
    String dockerfileText,
    List<String> tags,
    boolean push,
    Map<String, String> buildArgs,
    String target,
    Path cacheDirectory,
    Map<String, List<String>> registryMirrors,
    Set<String> insecureRegistries,
    String platform,
    String network,
    boolean pull,
    boolean noCache,
    Set<String> noCacheStages,
    Path metadataFile,
    List<String> cacheFrom,
    String cacheTo,
    Path authFile,
    Map<String, List<Path>> registryCas,
    String format,
    List<String> outputs,
    Map<String, String> labels,
    Map<String, String> annotations,
    String timestamp,
    int jobs,
    long cacheSizeLimit,
    Map<String, Secret> secrets,
    Map<String, Path> sshAgents) {

  /** A secret's value. Its {@code toString} does not show it. */
  public record Secret(byte[] value) {
    public Secret {
      value = value.clone();
    }

    @Override
    public byte[] value() {
      return value.clone();
    }

    @Override
    public String toString() {
      return "Secret[" + value.length + " bytes]";
    }
  }

  /** The manifest formats {@link #format()} may name. */
  public static final Set<String> FORMATS = Set.of("oci", "docker");

  public BuildRequest {
    Objects.requireNonNull(contextDirectory, "contextDirectory");
    tags = List.copyOf(tags);
    buildArgs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(buildArgs));
    Map<String, List<String>> mirrors = new LinkedHashMap<>();
    registryMirrors.forEach((registry, hosts) -> mirrors.put(registry, List.copyOf(hosts)));
    registryMirrors = java.util.Collections.unmodifiableMap(mirrors);
    insecureRegistries = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(insecureRegistries));
    network = network == null ? "host" : network;
    noCacheStages = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(noCacheStages));
    cacheFrom = List.copyOf(cacheFrom);
    Map<String, List<Path>> cas = new LinkedHashMap<>();
    if (registryCas != null) {
      registryCas.forEach((registry, files) -> cas.put(registry, List.copyOf(files)));
    }
    registryCas = java.util.Collections.unmodifiableMap(cas);
    format = format == null ? "oci" : format;
    outputs = List.copyOf(outputs);
    labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    annotations = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
    if (!FORMATS.contains(format)) {
      throw new IllegalArgumentException("format must be oci or docker, got: " + format);
    }
    if (jobs < 0) {
      throw new IllegalArgumentException("jobs must be 0 (engine's choice) or more, got " + jobs);
    }
    if (cacheSizeLimit < 0) {
      throw new IllegalArgumentException("cacheSizeLimit must be 0 (no limit) or more, got " + cacheSizeLimit);
    }
    secrets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(secrets == null ? Map.of() : secrets));
    sshAgents = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sshAgents == null ? Map.of() : sshAgents));
  }

  public static Builder builder(Path contextDirectory) {
    return new Builder(contextDirectory);
  }

  /** A mutable builder for {@link BuildRequest}; not thread-safe. */
  public static final class Builder {
    private final Path contextDirectory;
    private Path dockerfile;
    private String dockerfileText;
    private final List<String> tags = new ArrayList<>();
    private boolean push;
    private final Map<String, String> buildArgs = new LinkedHashMap<>();
    private String target;
    private Path cacheDirectory;
    private final Map<String, List<String>> registryMirrors = new LinkedHashMap<>();
    private final Set<String> insecureRegistries = new LinkedHashSet<>();
    private String platform;
    private String network;
    private boolean pull;
    private boolean noCache;
    private final Set<String> noCacheStages = new LinkedHashSet<>();
    private Path metadataFile;
    private final List<String> cacheFrom = new ArrayList<>();
    private String cacheTo;
    private Path authFile;
    private final Map<String, List<Path>> registryCas = new LinkedHashMap<>();
    private String format;
    private final List<String> outputs = new ArrayList<>();
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final Map<String, String> annotations = new LinkedHashMap<>();
    private String timestamp;
    private int jobs;
    private long cacheSizeLimit;
    private final Map<String, Secret> secrets = new LinkedHashMap<>();
    private final Map<String, Path> sshAgents = new LinkedHashMap<>();

    private Builder(Path contextDirectory) {
      this.contextDirectory = contextDirectory;
    }

    public Builder dockerfile(Path value) {
      this.dockerfile = value;
      return this;
    }

    public Builder dockerfileText(String value) {
      this.dockerfileText = value;
      return this;
    }

    public Builder tag(String value) {
      tags.add(value);
      return this;
    }

    public Builder tags(List<String> values) {
      tags.addAll(values);
      return this;
    }

    public Builder push(boolean value) {
      this.push = value;
      return this;
    }

    public Builder buildArg(String name, String value) {
      buildArgs.put(name, value);
      return this;
    }

    public Builder buildArgs(Map<String, String> values) {
      buildArgs.putAll(values);
      return this;
    }

    public Builder target(String value) {
      this.target = value;
      return this;
    }

    public Builder cacheDirectory(Path value) {
      this.cacheDirectory = value;
      return this;
    }

    public Builder registryMirror(String registry, String mirror) {
      registryMirrors.computeIfAbsent(registry, key -> new ArrayList<>()).add(mirror);
      return this;
    }

    public Builder insecureRegistry(String value) {
      insecureRegistries.add(value);
      return this;
    }

    public Builder platform(String value) {
      this.platform = value;
      return this;
    }

    public Builder network(String value) {
      this.network = value;
      return this;
    }

    public Builder pull(boolean value) {
      this.pull = value;
      return this;
    }

    public Builder noCache(boolean value) {
      this.noCache = value;
      return this;
    }

    public Builder noCacheStage(String value) {
      noCacheStages.add(value);
      return this;
    }

    public Builder metadataFile(Path value) {
      this.metadataFile = value;
      return this;
    }

    public Builder cacheFrom(String reference) {
      cacheFrom.add(reference);
      return this;
    }

    public Builder cacheTo(String reference) {
      this.cacheTo = reference;
      return this;
    }

    /** The docker {@code config.json} with registry credentials ({@code --authfile}). */
    public Builder authFile(Path value) {
      this.authFile = value;
      return this;
    }

    /**
     * Trusts the CA certificates in {@code pemFile} for {@code registry} ({@code --registry-ca}),
     * or for every registry when {@code registry} is {@code *}.
     */
    public Builder registryCa(String registry, Path pemFile) {
      registryCas.computeIfAbsent(registry, key -> new ArrayList<>()).add(pemFile);
      return this;
    }

    /** {@code oci} (default) or {@code docker}. */
    public Builder format(String value) {
      this.format = value;
      return this;
    }

    /** An {@code --output}, e.g. {@code type=oci,dest=image.tar} or a directory for the root filesystem. */
    public Builder output(String spec) {
      outputs.add(spec);
      return this;
    }

    public Builder label(String name, String value) {
      labels.put(name, value);
      return this;
    }

    public Builder annotation(String name, String value) {
      annotations.put(name, value);
      return this;
    }

    public Builder timestamp(String value) {
      this.timestamp = value;
      return this;
    }

    /** How many steps may run at once; 0 (the default) lets the engine choose. */
    public Builder jobs(int value) {
      this.jobs = value;
      return this;
    }

    /** The size in bytes to keep the cache directory under; 0 (the default) means no limit. */
    public Builder cacheSizeLimit(long value) {
      this.cacheSizeLimit = value;
      return this;
    }

    /** A secret for {@code RUN --mount=type=secret,id=ID}. */
    public Builder secret(String id, byte[] value) {
      secrets.put(id, new Secret(value));
      return this;
    }

    /**
     * A secret given as {@code --secret} is, in BuildKit's shape: {@code id=ID,src=FILE} (also
     * {@code source=}, {@code type=file}), or {@code id=ID,env=VARIABLE} (also {@code type=env}); a
     * bare {@code id=ID} reads the environment variable ID if it is set, else the file ID.
     *
     * @param environment where {@code env=} secrets are read
     * @throws IllegalArgumentException naming what is wrong, or the file that cannot be read
     */
    public Builder secret(String spec, Map<String, String> environment) {
      Map<String, String> fields = new LinkedHashMap<>();
      for (String field : spec.split(",")) {
        int equals = field.indexOf('=');
        if (equals <= 0) {
          throw new IllegalArgumentException("invalid secret " + spec + ": expected key=value pairs");
        }
        fields.put(field.substring(0, equals).trim().toLowerCase(java.util.Locale.ROOT), field.substring(equals + 1).trim());
      }
      String id = fields.remove("id");
      String type = fields.remove("type");
      String file = fields.containsKey("src") ? fields.remove("src") : fields.remove("source");
      String variable = fields.remove("env");
      if (id == null || id.isEmpty()) {
        throw new IllegalArgumentException("invalid secret " + spec + ": it needs id=");
      }
      if (!fields.isEmpty()) {
        throw new IllegalArgumentException("invalid secret " + spec + ": unknown key " + fields.keySet().iterator().next());
      }
      if (file == null && variable == null) {
        if ("file".equals(type)) {
          file = id;
        } else if ("env".equals(type) || environment.containsKey(id)) {
          variable = id;
        } else {
          file = id;
        }
      }
      if (variable != null) {
        String value = environment.get(variable);
        if (value == null) {
          throw new IllegalArgumentException("secret " + id + ": environment variable " + variable + " is not set");
        }
        return secret(id, value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      try {
        return secret(id, java.nio.file.Files.readAllBytes(Path.of(file)));
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException("secret " + id + ": cannot read " + file + " (" + e.getMessage() + ")", e);
      }
    }

    /**
     * An SSH agent for {@code RUN --mount=type=ssh}, given as {@code --ssh} is: {@code default}
     * (the agent of {@code $SSH_AUTH_SOCK}), {@code ID=SOCKET}, or {@code ID} alone (also
     * {@code $SSH_AUTH_SOCK}). Only agent sockets: BuildKit's private-key files are not read.
     *
     * @throws IllegalArgumentException when there is no such socket
     */
    public Builder ssh(String spec, Map<String, String> environment) {
      int equals = spec.indexOf('=');
      String id = (equals < 0 ? spec : spec.substring(0, equals)).trim();
      String socket = equals < 0 ? environment.get("SSH_AUTH_SOCK") : spec.substring(equals + 1).trim();
      if (id.isEmpty()) {
        throw new IllegalArgumentException("invalid ssh " + spec + ": expected ID[=SOCKET]");
      }
      if (socket == null || socket.isEmpty()) {
        throw new IllegalArgumentException("ssh " + id + ": SSH_AUTH_SOCK is not set (start an ssh-agent or give ID=SOCKET)");
      }
      Path path = Path.of(socket);
      try {
        int mode = (Integer) java.nio.file.Files.getAttribute(path, "unix:mode");
        if ((mode & 0170000) != 0140000) {
          throw new IllegalArgumentException("ssh " + id + ": " + socket
              + " is not an agent socket (jbuild forwards ssh-agent sockets, not key files)");
        }
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException("ssh " + id + ": cannot use " + socket + " (" + e.getMessage() + ")", e);
      }
      sshAgents.put(id, path);
      return this;
    }

    public BuildRequest build() {
      return new BuildRequest(contextDirectory, dockerfile, dockerfileText, tags, push, buildArgs, target,
          cacheDirectory, registryMirrors, insecureRegistries, platform, network, pull, noCache, noCacheStages,
          metadataFile, cacheFrom, cacheTo, authFile, registryCas, format, outputs, labels, annotations, timestamp,
          jobs, cacheSizeLimit, secrets, sshAgents);
    }
  }
}
