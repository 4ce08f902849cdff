package dev.jbuild.core.image;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@code config} object of an image config: how a container of the image runs. Lists that
 * may be absent or explicitly empty ({@code Cmd}, {@code Entrypoint}, {@code Shell}) are null
 * when absent, because {@code CMD []} and no CMD mean different things. Maps and sets are sorted,
 * as Go's JSON encoder sorts map keys, so that equal configs serialise to equal bytes. Exposed
 * ports and volumes are JSON objects with empty values ({@code {"80/tcp":{}}}) as Docker writes
 * them; {@link ImageJson} converts.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContainerConfig(
    @JsonProperty("User") String user,
    @JsonProperty("ExposedPorts") @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonSerialize(using = ImageJson.StringSetAsObjectSerializer.class) @JsonDeserialize(using = ImageJson.StringSetAsObjectDeserializer.class) SortedSet<String> exposedPorts,
    @JsonProperty("Env") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> env,
    @JsonProperty("Entrypoint") List<String> entrypoint,
    @JsonProperty("Cmd") List<String> cmd,
    @JsonProperty("Volumes") @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonSerialize(using = ImageJson.StringSetAsObjectSerializer.class) @JsonDeserialize(using = ImageJson.StringSetAsObjectDeserializer.class) SortedSet<String> volumes,
    @JsonProperty("WorkingDir") @JsonInclude(JsonInclude.Include.NON_EMPTY) String workingDir,
    @JsonProperty("Labels") @JsonInclude(JsonInclude.Include.NON_EMPTY) SortedMap<String, String> labels,
    @JsonProperty("StopSignal") @JsonInclude(JsonInclude.Include.NON_EMPTY) String stopSignal,
    @JsonProperty("Shell") List<String> shell,
    @JsonProperty("Healthcheck") Healthcheck healthcheck,
    @JsonProperty("OnBuild") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> onBuild,
    @JsonProperty("ArgsEscaped") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean argsEscaped) {

  public static final ContainerConfig EMPTY =
      new ContainerConfig(null, null, null, null, null, null, null, null, null, null, null, null, false);

  public ContainerConfig {
    exposedPorts = exposedPorts == null ? emptySet() : Collections.unmodifiableSortedSet(new TreeSet<>(exposedPorts));
    env = env == null ? List.of() : List.copyOf(env);
    entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
    cmd = cmd == null ? null : List.copyOf(cmd);
    volumes = volumes == null ? emptySet() : Collections.unmodifiableSortedSet(new TreeSet<>(volumes));
    labels = labels == null ? Collections.emptySortedMap() : Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    shell = shell == null ? null : List.copyOf(shell);
    onBuild = onBuild == null ? List.of() : List.copyOf(onBuild);
  }

  private static SortedSet<String> emptySet() {
    return Collections.emptySortedSet();
  }

  public ContainerConfig withUser(String value) {
    return new ContainerConfig(value, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels, stopSignal, shell, healthcheck, onBuild, argsEscaped);
  }

  public ContainerConfig withExposedPorts(SortedSet<String> value) {
    return new ContainerConfig(user, value, env, entrypoint, cmd, volumes, workingDir, labels, stopSignal, shell, healthcheck, onBuild, argsEscaped);
  }

  public ContainerConfig withEnv(List<String> value) {
    return new ContainerConfig(user, exposedPorts, value, entrypoint, cmd, volumes, workingDir, labels, stopSignal, shell, healthcheck, onBuild, argsEscaped);
  }

  public ContainerConfig withEntrypoint(List<String> value) {
    return new ContainerConfig(user, exposedPorts, env, value, cmd, volumes, workingDir, labels, stopSignal, shell, healthcheck, onBuild, argsEscaped);
  }

  public ContainerConfig withCmd(List<String> value) {
    return new ContainerConfig(user, exposedPorts, env, entrypoint, value, volumes, workingDir, labels, stopSignal, shell, healthcheck, onBuild, argsEscaped);
  }

  public ContainerConfig withVolumes(SortedSet<String> value) {
    return new ContainerConfig(user, exposedPorts, env, entrypoint, cmd, value, workingDir, labels, stopSignal, shell, healthcheck, onBuild, argsEscaped);
  }

  public ContainerConfig withWorkingDir(String value) {
    return new ContainerConfig(user, exposedPorts, env, entrypoint, cmd, volumes, value, labels, stopSignal, shell, healthcheck, onBuild, argsEscaped);
  }

  public ContainerConfig withLabels(Map<String, String> value) {
    return new ContainerConfig(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, new TreeMap<>(value), stopSignal, shell, healthcheck, onBuild, argsEscaped);
  }

  public ContainerConfig withStopSignal(String value) {
    return new ContainerConfig(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels, value, shell, healthcheck, onBuild, argsEscaped);
  }

  public ContainerConfig withShell(List<String> value) {
    return new ContainerConfig(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels, stopSignal, value, healthcheck, onBuild, argsEscaped);
  }

  public ContainerConfig withHealthcheck(Healthcheck value) {
    return new ContainerConfig(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels, stopSignal, shell, value, onBuild, argsEscaped);
  }

  public ContainerConfig withOnBuild(List<String> value) {
    return new ContainerConfig(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels, stopSignal, shell, healthcheck, value, argsEscaped);
  }

  /** A HEALTHCHECK: the test command and its timings in nanoseconds, as Docker stores them. */
  public record Healthcheck(
      @JsonProperty("Test") List<String> test,
      @JsonProperty("Interval") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long intervalNanos,
      @JsonProperty("Timeout") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long timeoutNanos,
      @JsonProperty("StartPeriod") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long startPeriodNanos,
      @JsonProperty("StartInterval") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long startIntervalNanos,
      @JsonProperty("Retries") @JsonInclude(JsonInclude.Include.NON_DEFAULT) int retries) {
    public Healthcheck {
      test = test == null ? List.of() : List.copyOf(test);
    }
  }
}
