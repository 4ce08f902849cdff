package dev.jbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.core.digest.Digest;
import dev.jbuild.core.image.ImageReference;
import dev.jbuild.core.image.Platform;
import dev.jbuild.testdata.LocalRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real registry with htpasswd basic auth: pushes and pulls with right, wrong and missing
 * credentials; login (checked against the registry), push, logout on a docker config file; the
 * same through a credential helper script. Secrets never reach the log.
 */
class RegistryAuthTest {
  private static final String USER = "alice";
  private static final String PASSWORD = "s3cret in wonderland";

  @AutoClose static final LocalRegistry REGISTRY = LocalRegistry.builder().basicAuth(USER, PASSWORD).start();

  @TempDir Path temporary;
  private final RecordingLog log = new RecordingLog();

  @AfterEach
  void logNeverHoldsTheSecret() {
    String encoded = base64(USER + ":" + PASSWORD);
    assertThat(log.lines()).noneMatch(line -> line.contains(PASSWORD) || line.contains(encoded));
  }

  @Test
  void push_rightCredentialsInAuths_pushesAndResolves() throws Exception {
    Path authFile = Files.writeString(temporary.resolve("config.json"), authJson(USER, PASSWORD));
    TestImage image = TestImage.oci(temporary, "with the right password", Platform.LINUX_AMD64);

    try (JibRegistryClient client = client(authFile)) {
      Digest digest = client.push(List.of(reference("auth/right:1")), image.blobs(), image.manifestJson(),
          image.manifestMediaType());

      assertThat(digest).isEqualTo(image.manifestDigest());
      assertThat(client.resolve(reference("auth/right:1"), Platform.LINUX_AMD64).manifestDigest()).isEqualTo(digest);
    }
  }

  @Test
  void push_wrongPassword_throwsDenied() throws Exception {
    Path authFile = Files.writeString(temporary.resolve("config.json"), authJson(USER, "not the password"));
    TestImage image = TestImage.oci(temporary, "with a wrong password", Platform.LINUX_AMD64);

    try (JibRegistryClient client = client(authFile)) {
      assertThatThrownBy(() -> client.push(List.of(reference("auth/wrong:1")), image.blobs(), image.manifestJson(),
              image.manifestMediaType()))
          .isInstanceOf(RegistryUnauthorizedException.class)
          .hasMessage("denied: check the credentials for " + REGISTRY.address());
    }
  }

  @Test
  void resolve_noCredentials_throwsDenied() {
    try (JibRegistryClient client = client(temporary.resolve("missing.json"))) {
      assertThatThrownBy(() -> client.resolve(reference("auth/anything:1"), Platform.LINUX_AMD64))
          .isInstanceOf(RegistryUnauthorizedException.class)
          .hasMessage("denied: check the credentials for " + REGISTRY.address());
    }
  }

  @Test
  void login_rightCredentials_createsConfigFileWithMode600ThenPushWorksUntilLogout() throws Exception {
    Path authFile = temporary.resolve("docker/config.json");
    TestImage image = TestImage.oci(temporary, "after login", Platform.LINUX_AMD64);

    try (RegistryLogins logins = logins(authFile, List.of())) {
      RegistryLogins.Stored stored = logins.login(REGISTRY.address(), USER, PASSWORD);

      assertThat(stored).isEqualTo(new RegistryLogins.Stored(REGISTRY.address(), authFile.toString()));
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(authFile))).isEqualTo("rw-------");
    assertThat(json(authFile).path("auths").path(REGISTRY.address()).path("auth").asText())
        .isEqualTo(base64(USER + ":" + PASSWORD));
    try (JibRegistryClient client = client(authFile)) {
      client.push(List.of(reference("auth/login:1")), image.blobs(), image.manifestJson(), image.manifestMediaType());
    }

    try (RegistryLogins logins = logins(authFile, List.of())) {
      assertThat(logins.logout(REGISTRY.address())).isTrue();
      assertThat(logins.logout(REGISTRY.address())).isFalse();
    }
    assertThat(json(authFile).path("auths").has(REGISTRY.address())).isFalse();
    try (JibRegistryClient client = client(authFile)) {
      assertThatThrownBy(() -> client.resolve(reference("auth/login:1"), Platform.LINUX_AMD64))
          .isInstanceOf(RegistryUnauthorizedException.class);
    }
  }

  @Test
  void login_existingConfig_keepsOtherRegistriesAndFields() throws Exception {
    Path authFile = Files.writeString(temporary.resolve("config.json"),
        "{\"auths\":{\"other.example\":{\"auth\":\"b3RoZXI6cHc=\"}},\"proxies\":{\"default\":{\"httpProxy\":\"http://p:3128\"}}}");

    try (RegistryLogins logins = logins(authFile, List.of())) {
      logins.login(REGISTRY.address(), USER, PASSWORD);
    }

    JsonNode config = json(authFile);
    assertThat(config.path("auths").path("other.example").path("auth").asText()).isEqualTo("b3RoZXI6cHc=");
    assertThat(config.path("proxies").path("default").path("httpProxy").asText()).isEqualTo("http://p:3128");
    assertThat(config.path("auths").path(REGISTRY.address()).path("auth").asText())
        .isEqualTo(base64(USER + ":" + PASSWORD));
  }

  @Test
  void login_wrongPassword_throwsDeniedAndWritesNothing() {
    Path authFile = temporary.resolve("config.json");

    try (RegistryLogins logins = logins(authFile, List.of())) {
      assertThatThrownBy(() -> logins.login(REGISTRY.address(), USER, "guess"))
          .isInstanceOf(RegistryUnauthorizedException.class)
          .hasMessage("denied: check the credentials for " + REGISTRY.address());
    }
    assertThat(authFile).doesNotExist();
  }

  @Test
  void login_credsStoreHelper_storesThroughHelperThenPushGetsThemFromItAndLogoutErases() throws Exception {
    FakeCredentialHelper helper = FakeCredentialHelper.create(temporary.resolve("helper"));
    Path authFile = Files.writeString(temporary.resolve("config.json"), "{\"credsStore\":\"test\"}");
    TestImage image = TestImage.oci(temporary, "through a helper", Platform.LINUX_AMD64);

    try (RegistryLogins logins = logins(authFile, List.of(helper.binDirectory()))) {
      RegistryLogins.Stored stored = logins.login(REGISTRY.address(), USER, PASSWORD);
      assertThat(stored.location()).isEqualTo("docker-credential-test");
    }
    assertThat(Files.readString(authFile)).doesNotContain(base64(USER + ":" + PASSWORD)).doesNotContain(PASSWORD);
    assertThat(json(authFile).path("auths").path(REGISTRY.address()).isEmpty()).isTrue();
    JsonNode inHelper = new ObjectMapper().readTree(helper.stored(REGISTRY.address()));
    assertThat(inHelper.path("Username").asText()).isEqualTo(USER);
    assertThat(inHelper.path("Secret").asText()).isEqualTo(PASSWORD);

    try (JibRegistryClient client = new JibRegistryClient(settings(authFile, List.of(helper.binDirectory())), log)) {
      client.push(List.of(reference("auth/helper:1")), image.blobs(), image.manifestJson(), image.manifestMediaType());
    }
    try (RegistryLogins logins = logins(authFile, List.of(helper.binDirectory()))) {
      assertThat(logins.logout(REGISTRY.address())).isTrue();
    }

    assertThat(helper.stored(REGISTRY.address())).isNull();
    assertThat(helper.calls()).containsExactly("store", "get", "erase");
    assertThat(json(authFile).path("auths").has(REGISTRY.address())).isFalse();
  }

  @Test
  void resolve_credHelperNotInstalled_failsNamingIt() throws Exception {
    Path authFile = Files.writeString(temporary.resolve("config.json"),
        "{\"credHelpers\":{\"" + REGISTRY.address() + "\":\"absent\"}}");

    try (JibRegistryClient client = new JibRegistryClient(settings(authFile, List.of(temporary)), log)) {
      assertThatThrownBy(() -> client.resolve(reference("auth/x:1"), Platform.LINUX_AMD64))
          .isInstanceOf(RegistryException.class)
          .hasMessageStartingWith("cannot read credentials for " + REGISTRY.address() + " from " + authFile
              + ": credential helper docker-credential-absent is not installed");
    }
  }

  @Test
  void listRepositories_withCredentials_listsWhatWasPushed() throws Exception {
    Path authFile = Files.writeString(temporary.resolve("config.json"), authJson(USER, PASSWORD));
    TestImage image = TestImage.oci(temporary, "listed", Platform.LINUX_AMD64);
    try (JibRegistryClient client = client(authFile)) {
      client.push(List.of(reference("auth/listed:1")), image.blobs(), image.manifestJson(), image.manifestMediaType());

      assertThat(client.listRepositories(REGISTRY.address())).contains("auth/listed");
      assertThat(client.listTags(REGISTRY.address(), "auth/listed")).containsExactly("1");
    }
  }

  private JibRegistryClient client(Path authFile) {
    return new JibRegistryClient(settings(authFile, List.of()), log);
  }

  private RegistryLogins logins(Path authFile, List<Path> helperPath) {
    return new RegistryLogins(settings(authFile, helperPath), log);
  }

  private static RegistrySettings settings(Path authFile, List<Path> helperPath) {
    return new RegistrySettings(Map.of(), Set.of(), authFile).withCredentialHelperPath(helperPath);
  }

  private static ImageReference reference(String repositoryAndTag) {
    return ImageReference.parse(REGISTRY.address() + "/" + repositoryAndTag);
  }

  private static String authJson(String user, String password) {
    return "{\"auths\":{\"" + REGISTRY.address() + "\":{\"auth\":\"" + base64(user + ":" + password) + "\"}}}";
  }

  private static JsonNode json(Path file) throws Exception {
    return new ObjectMapper().readTree(Files.readString(file));
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
