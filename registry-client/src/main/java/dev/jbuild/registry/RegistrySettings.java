package dev.jbuild.registry;

import dev.jbuild.core.image.ImageReference;
import java.io.File;
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
 * @param registryCas per registry ({@code host[:port]} as in image references), PEM files of CA
 *     certificates trusted for that registry only, on top of the system trust store ({@code
 *     --registry-ca}); under {@link #EVERY_REGISTRY}, files trusted for every registry (the
 *     config file's {@code registryCertificates})
 * @param certsDirectory docker's per-registry certificate directory: the {@code *.crt} files of
 *     {@code <certsDirectory>/<host[:port]>/} are CAs trusted for that registry only, as docker
 *     reads them; null means {@code /etc/docker/certs.d}
 * @param credentialHelperPath the directories searched for {@code docker-credential-*} helpers,
 *     in order; null means the directories of {@code $PATH}
 */
public record RegistrySettings(
    Map<String, List<String>> mirrors,
    Set<String> insecureRegistries,
    Path authFile,
    Map<String, List<Path>> registryCas,
    Path certsDirectory,
    List<Path> credentialHelperPath) {

  /** The {@link #registryCas()} key of CAs trusted for every registry. */
  public static final String EVERY_REGISTRY = "*";

  /** Docker's default certificate directory. */
  public static final Path DOCKER_CERTS_DIRECTORY = Path.of("/etc/docker/certs.d");

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
    Map<String, List<Path>> cas = new LinkedHashMap<>();
    for (Map.Entry<String, List<Path>> entry : registryCas.entrySet()) {
      List<Path> files = new ArrayList<>(cas.getOrDefault(normaliseRegistry(entry.getKey()), List.of()));
      if (!entry.getKey().equals(EVERY_REGISTRY)) {
        requireHostAndPort(entry.getKey(), "registry of a CA");
      }
      files.addAll(entry.getValue());
      cas.put(normaliseRegistry(entry.getKey()), List.copyOf(files));
    }
    registryCas = Map.copyOf(cas);
    certsDirectory = certsDirectory != null ? certsDirectory : DOCKER_CERTS_DIRECTORY;
    credentialHelperPath = credentialHelperPath != null ? List.copyOf(credentialHelperPath) : systemPath();
  }

  /** Mirrors, insecure registries and auth file; CAs and credential helpers as docker finds them. */
  public RegistrySettings(
      Map<String, List<String>> mirrors, Set<String> insecureRegistries, Path authFile) {
    this(mirrors, insecureRegistries, authFile, Map.of(), null, null);
  }

  /** No mirrors, no insecure registries besides loopback, the default auth file. */
  public static RegistrySettings defaults() {
    return new RegistrySettings(Map.of(), Set.of(), null);
  }

  public RegistrySettings withMirrors(Map<String, List<String>> value) {
    return new RegistrySettings(
        value, insecureRegistries, authFile, registryCas, certsDirectory, credentialHelperPath);
  }

  public RegistrySettings withInsecureRegistries(Set<String> value) {
    return new RegistrySettings(
        mirrors, value, authFile, registryCas, certsDirectory, credentialHelperPath);
  }

  public RegistrySettings withAuthFile(Path value) {
    return new RegistrySettings(
        mirrors, insecureRegistries, value, registryCas, certsDirectory, credentialHelperPath);
  }

  public RegistrySettings withRegistryCas(Map<String, List<Path>> value) {
    return new RegistrySettings(
        mirrors, insecureRegistries, authFile, value, certsDirectory, credentialHelperPath);
  }

  public RegistrySettings withCertsDirectory(Path value) {
    return new RegistrySettings(
        mirrors, insecureRegistries, authFile, registryCas, value, credentialHelperPath);
  }

  public RegistrySettings withCredentialHelperPath(List<Path> value) {
    return new RegistrySettings(
        mirrors, insecureRegistries, authFile, registryCas, certsDirectory, value);
  }

  /** The {@code --registry-ca} files given for {@code registry}. */
  public List<Path> casOf(String registry) {
    return registryCas.getOrDefault(normaliseRegistry(registry), List.of());
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

  private static List<Path> systemPath() {
    String path = System.getenv("PATH");
    if (path == null || path.isEmpty()) {
      return List.of();
    }
    List<Path> directories = new ArrayList<>();
    for (String directory : path.split(File.pathSeparator)) {
      if (!directory.isEmpty()) {
        directories.add(Path.of(directory));
      }
    }
    return List.copyOf(directories);
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
