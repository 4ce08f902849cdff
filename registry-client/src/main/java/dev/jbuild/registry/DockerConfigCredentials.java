package dev.jbuild.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.tools.jib.api.Credential;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Credentials per registry from a docker {@code config.json}, looked up as docker does: the
 * registry's {@code credHelpers} helper, else the {@code credsStore} helper ({@code
 * docker-credential-*}, found in the configured directories), else its {@code auths} entry
 * ({@code auth}, {@code username}/{@code password}, or an {@code identitytoken}); Docker Hub's
 * aliases are one registry. A helper that has nothing for the registry falls through to {@code
 * auths}. Looked up once per registry and kept for the build. Credentials are never logged.
 * Thread-safe.
 */
final class DockerConfigCredentials {
  private final Path configFile;
  private final List<Path> helperPath;
  private final Consumer<String> log;
  private final Map<String, Optional<Credential>> byRegistry = new ConcurrentHashMap<>();

  DockerConfigCredentials(Path configFile, List<Path> helperPath, Consumer<String> log) {
    this.configFile = configFile;
    this.helperPath = helperPath;
    this.log = log;
  }

  /**
   * The credential for {@code registry} (as named in references, e.g. {@code docker.io}), or
   * empty for anonymous access.
   *
   * @throws RegistryException when the config file exists but cannot be read, or its credential
   *     helper fails
   */
  Optional<Credential> forRegistry(String registry) throws RegistryException {
    Optional<Credential> known = byRegistry.get(registry);
    if (known != null) {
      return known;
    }
    Optional<Credential> credential;
    try {
      credential = lookUp(registry);
    } catch (IOException e) {
      throw new RegistryException(
          "cannot read credentials for " + registry + " from " + configFile + ": "
              + Failures.rootMessage(e), e);
    }
    byRegistry.putIfAbsent(registry, credential);
    return credential;
  }

  private Optional<Credential> lookUp(String registry) throws IOException {
    DockerConfigFile config = DockerConfigFile.read(configFile);
    Optional<String> helperName = config.credentialHelperFor(registry);
    if (helperName.isPresent()) {
      CredentialHelper helper = CredentialHelper.find(helperName.get(), helperPath);
      Optional<Credential> fromHelper = helper.get(DockerConfigFile.serverAddress(registry));
      if (fromHelper.isPresent()) {
        log.accept("credentials for " + registry + " from " + helper.program());
        return fromHelper;
      }
      log.accept(helper.program() + " has no credentials for " + registry);
    }
    Optional<JsonNode> auth = config.authFor(registry);
    if (auth.isEmpty()) {
      return Optional.empty();
    }
    Optional<Credential> fromAuths = decode(auth.get(), configFile, registry);
    fromAuths.ifPresent(found -> log.accept("credentials for " + registry + " from " + configFile));
    return fromAuths;
  }

  /** An {@code auths} entry as a credential; an empty entry (a helper's marker) is none. */
  private static Optional<Credential> decode(JsonNode entry, Path configFile, String registry)
      throws IOException {
    String identityToken = entry.path("identitytoken").asText("");
    String encoded = entry.path("auth").asText("");
    if (!encoded.isEmpty()) {
      String userColonPassword;
      try {
        userColonPassword = new String(Base64.getDecoder().decode(encoded.strip()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new IOException("the auth of " + registry + " in " + configFile + " is not base64");
      }
      int colon = userColonPassword.indexOf(':');
      if (colon < 0) {
        throw new IOException("the auth of " + registry + " in " + configFile + " is not user:password");
      }
      String password = userColonPassword.substring(colon + 1);
      if (!identityToken.isEmpty() && password.isEmpty()) {
        return Optional.of(Credential.from(Credential.OAUTH2_TOKEN_USER_NAME, identityToken));
      }
      return Optional.of(Credential.from(userColonPassword.substring(0, colon), password));
    }
    if (!identityToken.isEmpty()) {
      return Optional.of(Credential.from(Credential.OAUTH2_TOKEN_USER_NAME, identityToken));
    }
    String username = entry.path("username").asText("");
    String password = entry.path("password").asText("");
    if (!username.isEmpty() && !password.isEmpty()) {
      return Optional.of(Credential.from(username, password));
    }
    return Optional.empty();
  }
}
