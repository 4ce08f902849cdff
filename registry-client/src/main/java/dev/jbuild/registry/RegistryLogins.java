package dev.jbuild.registry;

import com.google.cloud.tools.jib.api.Credential;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code login} and {@code logout} as docker does them, on the same {@code config.json}: a login
 * first checks the credentials against the registry ({@code GET /v2/}, answering its basic or
 * bearer challenge), then stores them through the registry's credential helper when the file
 * configures one ({@code credHelpers}, {@code credsStore}), else as {@code auths.<registry>.auth}
 * = base64(user:password) in the file, which is written with mode 0600 (and created when
 * missing). A logout erases them from both. Credentials are never logged nor put in messages.
 * Not thread-safe; close it to release connections.
 */
public final class RegistryLogins implements AutoCloseable {
  private final RegistrySettings settings;
  private final Consumer<String> log;
  private final PlainHttpPolicy plainHttpPolicy;
  private final RegistryHttpClient http;
  private final Retries retries;

  /** @param debugLog receives one line per notable step; never credentials */
  public RegistryLogins(RegistrySettings settings, Consumer<String> debugLog) {
    this.settings = settings;
    this.log = debugLog;
    this.plainHttpPolicy = new PlainHttpPolicy(settings.insecureRegistries());
    this.http = new RegistryHttpClient(plainHttpPolicy, new RegistryTrust(settings),
        JibRegistryClient.jibLog(debugLog));
    this.retries = Retries.standard(debugLog);
  }

  /** Where credentials were stored: a credential helper or the config file. */
  public record Stored(String registry, String location) {}

  /**
   * Checks {@code username} and {@code password} against {@code registry} ({@code host[:port]};
   * a scheme or path is dropped, as docker does), then stores them.
   *
   * @throws RegistryUnauthorizedException when the registry refuses them
   * @throws RegistryException when the registry cannot be reached or the credentials cannot be
   *     stored
   */
  public Stored login(String registry, String username, String password) throws RegistryException {
    String name = registryName(registry);
    if (username.isEmpty() || password.isEmpty()) {
      throw new RegistryException("login to " + name + " needs a user name and a password");
    }
    Endpoint endpoint = new Endpoint(name, plainHttpPolicy.allowsPlainHttp(name));
    String attempted = "log in to " + name;
    try {
      new ApiRequests(http, retries, Credential.from(username, password)).get(endpoint.url("", ""), "");
    } catch (IOException | com.google.cloud.tools.jib.api.RegistryException e) {
      throw RegistryErrors.translate(e, endpoint, attempted, cause -> new RegistryException(
          attempted + " failed: " + endpoint.address() + " has no registry API (/v2/ answered 404)", cause));
    }
    log.accept("the registry " + name + " accepted the credentials of " + username);
    try {
      DockerConfigFile config = DockerConfigFile.read(settings.authFile());
      Optional<String> helperName = config.credentialHelperFor(name);
      String location;
      if (helperName.isPresent()) {
        CredentialHelper helper = CredentialHelper.find(helperName.get(), settings.credentialHelperPath());
        helper.store(DockerConfigFile.serverAddress(name), username, password);
        // As docker: an empty entry records the login; the secret lives in the helper.
        config.putAuth(name, null);
        location = helper.program();
      } else {
        config.putAuth(name, Base64.getEncoder().encodeToString(
            (username + ":" + password).getBytes(StandardCharsets.UTF_8)));
        location = settings.authFile().toString();
      }
      config.write();
      return new Stored(name, location);
    } catch (IOException e) {
      throw new RegistryException("cannot store the credentials for " + name + " in "
          + settings.authFile() + ": " + Failures.rootMessage(e), e);
    }
  }

  /**
   * Removes the credentials of {@code registry} from its credential helper and the config file.
   *
   * @return whether there were any
   */
  public boolean logout(String registry) throws RegistryException {
    String name = registryName(registry);
    try {
      DockerConfigFile config = DockerConfigFile.read(settings.authFile());
      boolean erased = false;
      Optional<String> helperName = config.credentialHelperFor(name);
      if (helperName.isPresent()) {
        erased = CredentialHelper.find(helperName.get(), settings.credentialHelperPath())
            .erase(DockerConfigFile.serverAddress(name));
      }
      boolean removed = config.removeAuth(name);
      if (removed) {
        config.write();
      }
      return erased || removed;
    } catch (IOException e) {
      throw new RegistryException("cannot remove the credentials for " + name + " from "
          + settings.authFile() + ": " + Failures.rootMessage(e), e);
    }
  }

  /** {@code registry} as docker names it: a scheme and anything after the host dropped. */
  static String registryName(String registry) {
    String name = DockerConfigFile.hostname(registry.strip());
    if (name.isEmpty()) {
      throw new IllegalArgumentException("not a registry: \"" + registry + "\"");
    }
    return name.equals("index.docker.io") || name.equals("registry-1.docker.io") ? "docker.io" : name;
  }

  @Override
  public void close() {
    try {
      http.shutDown();
    } catch (IOException e) {
      // Closing pooled connections failed; the command is ending anyway.
    }
  }
}
