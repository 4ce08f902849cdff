package dev.jbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.core.image.ImageReference;
import dev.jbuild.core.image.Platform;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failures end in the right exception with one clear line; transient ones are retried. */
class JibRegistryClientErrorTest {
  private static final String MANIFEST_UNKNOWN =
      "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}";

  @TempDir Path temporary;
  private final RecordingLog log = new RecordingLog();

  @Test
  void resolve_closedPort_throwsUnreachableNamingHostAndPortWithoutRetrying() throws Exception {
    String address = "127.0.0.1:" + closedPort();
    try (JibRegistryClient client = client(Set.of(), null)) {
      long start = System.nanoTime();

      assertThatThrownBy(() -> client.resolve(ImageReference.parse(address + "/app:1"), Platform.LINUX_AMD64))
          .isInstanceOf(RegistryUnreachableException.class)
          .hasMessage("cannot reach registry " + address + ": connection refused");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }
  }

  @Test
  void resolve_unknownHost_triesHttpsOnPort443() {
    try (JibRegistryClient client = client(Set.of(), null)) {
      assertThatThrownBy(() -> client.resolve(ImageReference.parse("registry.invalid/app:1"), Platform.LINUX_AMD64))
          .isInstanceOf(RegistryUnreachableException.class)
          .hasMessage("cannot reach registry registry.invalid:443: unknown host");
    }
  }

  @Test
  void resolve_serverAnswers503Twice_retriesThenReportsItsAnswer() throws Exception {
    try (FakeRegistryServer server = new FakeRegistryServer((request, earlier) ->
            earlier.size() < 2 ? FakeRegistryServer.Answer.of(503, "busy") : FakeRegistryServer.Answer.of(404, MANIFEST_UNKNOWN));
        JibRegistryClient client = client(Set.of(), null)) {
      assertThatThrownBy(() -> client.resolve(ImageReference.parse(server.address() + "/app:1"), Platform.LINUX_AMD64))
          .isInstanceOf(ImageNotFoundException.class)
          .hasMessage("manifest unknown: " + server.address() + "/app:1");
      assertThat(server.seen()).hasSize(3);
      assertThat(log.count("retry 1 of 3")).isEqualTo(1);
      assertThat(log.count("retry 2 of 3")).isEqualTo(1);
    }
  }

  @Test
  void resolve_serverAlwaysAnswers503_givesUpAfterThreeRetries() throws Exception {
    try (FakeRegistryServer server = new FakeRegistryServer((request, earlier) -> FakeRegistryServer.Answer.of(503, "busy"));
        JibRegistryClient client = client(Set.of(), null)) {
      assertThatThrownBy(() -> client.resolve(ImageReference.parse(server.address() + "/app:1"), Platform.LINUX_AMD64))
          .isExactlyInstanceOf(RegistryException.class)
          .hasMessageStartingWith("pull manifest of " + server.address() + "/app:1 at " + server.address() + " failed: ")
          .hasMessageContaining("503");
      assertThat(server.seen()).hasSize(4);
    }
  }

  @Test
  void resolve_serverAnswers401WithoutCredentials_throwsDenied() throws Exception {
    try (FakeRegistryServer server = new FakeRegistryServer((request, earlier) -> new FakeRegistryServer.Answer(
            401, Map.of("WWW-Authenticate", "Basic realm=\"test\""), "{}"));
        JibRegistryClient client = client(Set.of(), null)) {
      assertThatThrownBy(() -> client.resolve(ImageReference.parse(server.address() + "/app:1"), Platform.LINUX_AMD64))
          .isInstanceOf(RegistryUnauthorizedException.class)
          .hasMessage("denied: check the credentials for " + server.address());
    }
  }

  @Test
  void resolve_wrongBasicCredentials_sendsThemOnceAndThrowsDeniedWithoutLoggingThem() throws Exception {
    try (FakeRegistryServer server = new FakeRegistryServer((request, earlier) -> new FakeRegistryServer.Answer(
            401, Map.of("WWW-Authenticate", "Basic realm=\"test\""), "{}"))) {
      Path authFile = authFile(server.address(), "alice", "s3cret-password");
      try (JibRegistryClient client = client(Set.of(), authFile)) {
        assertThatThrownBy(() -> client.resolve(ImageReference.parse(server.address() + "/app:1"), Platform.LINUX_AMD64))
            .isInstanceOf(RegistryUnauthorizedException.class)
            .hasMessage("denied: check the credentials for " + server.address());
      }
      assertThat(server.seen()).extracting(FakeRegistryServer.Seen::authorization)
          .containsExactly(null, "Basic " + base64("alice:s3cret-password"));
      assertThat(log.lines()).noneMatch(line -> line.contains("s3cret-password") || line.contains(base64("alice:s3cret-password")));
    }
  }

  @Test
  void resolve_bearerChallenge_fetchesTokenWithCredentialsAndSendsItOnTheManifestRequest() throws Exception {
    try (FakeRegistryServer tokens = new FakeRegistryServer((request, earlier) ->
            FakeRegistryServer.Answer.of(200, "{\"token\":\"good-token\"}"));
        FakeRegistryServer registry = new FakeRegistryServer((request, earlier) ->
            "Bearer good-token".equals(request.authorization())
                ? FakeRegistryServer.Answer.of(404, MANIFEST_UNKNOWN)
                : new FakeRegistryServer.Answer(401, Map.of("WWW-Authenticate",
                    "Bearer realm=\"http://" + tokens.address() + "/token\",service=\"test\""), "{}"))) {
      try (JibRegistryClient client = client(Set.of(), authFile(registry.address(), "bob", "hunter2"))) {
        assertThatThrownBy(() -> client.resolve(ImageReference.parse(registry.address() + "/app:1"), Platform.LINUX_AMD64))
            .isInstanceOf(ImageNotFoundException.class);
      }
      assertThat(registry.seen()).extracting(FakeRegistryServer.Seen::authorization)
          .containsExactly(null, "Bearer good-token");
      assertThat(tokens.seen()).extracting(FakeRegistryServer.Seen::authorization)
          .containsExactly("Basic " + base64("bob:hunter2"));
    }
  }

  @Test
  void push_registryStoresAnotherDigest_failsNamingBoth() throws Exception {
    TestImage image = TestImage.oci(temporary, "changed by the registry", Platform.LINUX_AMD64);
    String otherDigest = "sha256:" + "0".repeat(64);
    try (FakeRegistryServer server = new FakeRegistryServer((request, earlier) -> request.method().equals("HEAD")
            ? new FakeRegistryServer.Answer(200, Map.of("Content-Length", "1"), "")
            : new FakeRegistryServer.Answer(201, Map.of("Docker-Content-Digest", otherDigest), ""));
        JibRegistryClient client = client(Set.of(), null)) {
      ImageReference target = ImageReference.parse(server.address() + "/app:1");

      assertThatThrownBy(() -> client.push(List.of(target), image.blobs(), image.manifestJson(), image.manifestMediaType()))
          .isExactlyInstanceOf(RegistryException.class)
          .hasMessageStartingWith("push manifest " + server.address() + "/app:1 at " + server.address() + " failed: ")
          .hasMessageContaining(image.manifestDigest().toString())
          .hasMessageContaining(otherDigest);
      assertThat(server.seen()).extracting(FakeRegistryServer.Seen::method).containsExactly("HEAD", "HEAD", "PUT");
    }
  }

  private JibRegistryClient client(Set<String> insecure, Path authFile) {
    Path auth = authFile != null ? authFile : temporary.resolve("no-auth.json");
    return new JibRegistryClient(new RegistrySettings(Map.of(), insecure, auth), log);
  }

  private Path authFile(String registry, String user, String password) throws IOException {
    return Files.writeString(temporary.resolve("auth-" + user + ".json"), authJson(registry, user, password));
  }

  private static String authJson(String registry, String user, String password) {
    return "{\"auths\":{\"" + registry + "\":{\"auth\":\"" + base64(user + ":" + password) + "\"}}}";
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
