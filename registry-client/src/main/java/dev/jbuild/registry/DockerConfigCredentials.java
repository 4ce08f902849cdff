package dev.jbuild.registry;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.registry.credentials.DockerConfigCredentialRetriever;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Credentials per registry from a docker {@code config.json}, through jib's retriever: {@code
 * auths} entries, then {@code credHelpers} / {@code credsStore} helpers ({@code
 * docker-credential-*}), Docker Hub's aliases included. Looked up once per registry and kept for
 * the build. Credentials are never logged. Thread-safe.
 */
final class DockerConfigCredentials {
  private final Path configFile;
  private final Consumer<LogEvent> jibLog;
  private final Map<String, Optional<Credential>> byRegistry = new ConcurrentHashMap<>();

  DockerConfigCredentials(Path configFile, Consumer<LogEvent> jibLog) {
    this.configFile = configFile;
    this.jibLog = jibLog;
  }

  /**
   * The credential for {@code registry} (as named in references, e.g. {@code docker.io}), or
   * empty for anonymous access.
   *
   * @throws RegistryException when the config file exists but cannot be read
   */
  Optional<Credential> forRegistry(String registry) throws RegistryException {
    Optional<Credential> known = byRegistry.get(registry);
    if (known != null) {
      return known;
    }
    Optional<Credential> credential;
    try {
      credential = DockerConfigCredentialRetriever.create(registry, configFile).retrieve(jibLog);
    } catch (IOException e) {
      throw new RegistryException(
          "cannot read credentials for " + registry + " from " + configFile + ": "
              + Failures.rootMessage(e), e);
    }
    byRegistry.putIfAbsent(registry, credential);
    return credential;
  }
}
