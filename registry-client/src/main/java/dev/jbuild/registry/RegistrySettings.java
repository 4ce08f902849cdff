package dev.jbuild.registry;

import dev.jbuild.core.image.ImageReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How to reach registries.
 *
 * @param mirrors per source registry (e.g. {@code docker.io}), the {@code host[:port]} of mirrors
 *     to try, in order, before the source itself; {@code index.docker.io} and {@code
 *     registry-1.docker.io} keys mean {@code docker.io}
 * @param insecureRegistries {@code host[:port]} of registries allowed over plain HTTP, besides
 *     {@code localhost}, 127.0.0.0/8 and ::1 which always are; matched exactly as written in
 *     image references
 * @param authFile the docker {@code config.json} to read credentials from; null means the
 *     default: {@code $REGISTRY_AUTH_FILE}, else {@code $DOCKER_CONFIG/config.json}, else {@code
 *     ~/.docker/config.json}. A missing file means anonymous access.
 */
public record RegistrySettings(
    Map<String, List<String>> mirrors, Set<String> insecureRegistries, Path authFile) {

  public RegistrySettings {
    Map<String, List<String>> normalisedMirrors = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> entry : mirrors.entrySet()) {
      List<String> hosts = new ArrayList<>(normalisedMirrors.getOrDefault(
          normaliseRegistry(entry.getKey()), List.of()));
      for (String host : entry.getValue()) {
        hosts.add(requireHostAndPort(host, "mirror of " + entry.getKey()));
      }
      normalisedMirrors.put(normaliseRegistry(entry.getKey()), List.copyOf(hosts));
    }
    mirrors = Map.copyOf(normalisedMirrors);
    Set<String> insecure = new LinkedHashSet<>();
    for (String registry : insecureRegistries) {
      insecure.add(requireHostAndPort(registry, "insecure registry"));
    }
    insecureRegistries = Set.copyOf(insecure);
    authFile = authFile != null ? authFile : defaultAuthFile();
  }

  /** No mirrors, no insecure registries besides loopback, the default auth file. */
  public static RegistrySettings defaults() {
    return new RegistrySettings(Map.of(), Set.of(), null);
  }

  public RegistrySettings withMirrors(Map<String, List<String>> value) {
    return new RegistrySettings(value, insecureRegistries, authFile);
  }

  public RegistrySettings withInsecureRegistries(Set<String> value) {
    return new RegistrySettings(mirrors, value, authFile);
  }

  public RegistrySettings withAuthFile(Path value) {
    return new RegistrySettings(mirrors, insecureRegistries, value);
  }

  /** The mirrors configured for {@code registry}, in the order to try them. */
  public List<String> mirrorsOf(String registry) {
    return mirrors.getOrDefault(normaliseRegistry(registry), List.of());
  }

  private static String normaliseRegistry(String registry) {
    return switch (registry) {
      case "index.docker.io", "registry-1.docker.io" -> ImageReference.DOCKER_HUB;
      default -> registry;
    };
  }

  private static String requireHostAndPort(String value, String role) {
    if (value == null || value.isBlank() || value.contains("/") || value.contains(" ")) {
      throw new IllegalArgumentException(
          role + " must be host[:port] without scheme or path, got: " + value);
    }
    return value;
  }

  private static Path defaultAuthFile() {
    String registryAuthFile = System.getenv("REGISTRY_AUTH_FILE");
    if (registryAuthFile != null && !registryAuthFile.isEmpty()) {
      return Path.of(registryAuthFile);
    }
    String dockerConfig = System.getenv("DOCKER_CONFIG");
    if (dockerConfig != null && !dockerConfig.isEmpty()) {
      return Path.of(dockerConfig, "config.json");
    }
    return Path.of(System.getProperty("user.home"), ".docker", "config.json");
  }
}
