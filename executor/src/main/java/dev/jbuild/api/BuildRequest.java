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
 * @param jobs how many steps may run at once ({@code --jobs}); 0 lets the engine choose
 * @param cacheSizeLimit the size in bytes the cache directory should be kept under; 0 means no limit
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
    int jobs,
    long cacheSizeLimit) {

  public BuildRequest {
    Objects.requireNonNull(contextDirectory, "contextDirectory");
    tags = List.copyOf(tags);
    buildArgs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(buildArgs));
    Map<String, List<String>> mirrors = new LinkedHashMap<>();
    registryMirrors.forEach((registry, hosts) -> mirrors.put(registry, List.copyOf(hosts)));
    registryMirrors = java.util.Collections.unmodifiableMap(mirrors);
    insecureRegistries = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(insecureRegistries));
    network = network == null ? "host" : network;
    if (jobs < 0) {
      throw new IllegalArgumentException("jobs must be 0 (engine's choice) or more, got " + jobs);
    }
    if (cacheSizeLimit < 0) {
      throw new IllegalArgumentException("cacheSizeLimit must be 0 (no limit) or more, got " + cacheSizeLimit);
    }
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
    private int jobs;
    private long cacheSizeLimit;

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

    public BuildRequest build() {
      return new BuildRequest(contextDirectory, dockerfile, dockerfileText, tags, push, buildArgs, target,
          cacheDirectory, registryMirrors, insecureRegistries, platform, network, pull, jobs, cacheSizeLimit);
    }
  }
}
