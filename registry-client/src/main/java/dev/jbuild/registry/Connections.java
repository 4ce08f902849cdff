package dev.jbuild.registry;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.http.FailoverHttpClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The {@link RepositoryConnection}s of one client, one per registry, repository and purpose, so
 * that an authorization obtained once (a bearer token) serves every later request to the same
 * repository. Pull and push connections are separate because their tokens have different scopes.
 * Thread-safe.
 */
final class Connections {
  private record Key(String registry, String repository, boolean forPush, String mountSource) {}

  private final PlainHttpPolicy plainHttpPolicy;
  private final DockerConfigCredentials credentials;
  private final FailoverHttpClient http;
  private final Retries retries;
  private final Consumer<LogEvent> jibLog;
  private final Map<Key, RepositoryConnection> connections = new ConcurrentHashMap<>();

  Connections(
      PlainHttpPolicy plainHttpPolicy,
      DockerConfigCredentials credentials,
      FailoverHttpClient http,
      Retries retries,
      Consumer<LogEvent> jibLog) {
    this.plainHttpPolicy = plainHttpPolicy;
    this.credentials = credentials;
    this.http = http;
    this.retries = retries;
    this.jibLog = jibLog;
  }

  /** How {@code registry} (as named in references) is reached. */
  Endpoint endpoint(String registry) {
    return new Endpoint(registry, plainHttpPolicy.allowsPlainHttp(registry));
  }

  RepositoryConnection forPull(String registry, String repository) throws RegistryException {
    return connection(new Key(registry, repository, false, null));
  }

  /**
   * @param mountSource a repository of the same registry blobs may be mounted from, or null
   */
  RepositoryConnection forPush(String registry, String repository, String mountSource)
      throws RegistryException {
    return connection(new Key(registry, repository, true, mountSource));
  }

  private RepositoryConnection connection(Key key) throws RegistryException {
    RepositoryConnection existing = connections.get(key);
    if (existing != null) {
      return existing;
    }
    // Looked up outside computeIfAbsent: a credential helper runs a process and may fail.
    Credential credential = credentials.forRegistry(key.registry()).orElse(null);
    return connections.computeIfAbsent(key, unused -> new RepositoryConnection(
        endpoint(key.registry()), key.repository(), key.forPush(), key.mountSource(), credential,
        http, retries, jibLog));
  }
}
