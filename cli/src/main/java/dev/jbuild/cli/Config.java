package dev.jbuild.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * jbuild's settings from its config file (see {@link ConfigFile}); every one may be absent, and
 * flags override them.
 *
 * @param source the file they came from, empty when there is none
 * @param cacheDirectory the default {@code --cache-dir}, or null
 * @param cacheSizeLimit bytes to keep the cache under, 0 for no limit
 * @param registryMirrors source registry to mirror hosts, as {@code --registry-mirror}
 * @param insecureRegistries as {@code --insecure-registry}
 * @param registryCertificates PEM files of certificate authorities to trust for registries
 * @param progress the default {@code --progress}, or null
 */
record Config(Optional<Path> source, Path cacheDirectory, long cacheSizeLimit,
    Map<String, List<String>> registryMirrors, List<String> insecureRegistries, List<Path> registryCertificates,
    ProgressMode progress) {
  static final Config NONE = new Config(Optional.empty(), null, 0, Map.of(), List.of(), List.of(), null);

  Config {
    Map<String, List<String>> mirrors = new LinkedHashMap<>();
    registryMirrors.forEach((registry, hosts) -> mirrors.put(registry, List.copyOf(hosts)));
    registryMirrors = java.util.Collections.unmodifiableMap(mirrors);
    insecureRegistries = List.copyOf(insecureRegistries);
    registryCertificates = List.copyOf(registryCertificates);
  }
}
