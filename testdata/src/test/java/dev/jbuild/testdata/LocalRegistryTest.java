package dev.jbuild.testdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalRegistryTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void start_binaryInstalled_answersDistributionApiOnLoopback() throws Exception {
    try (LocalRegistry registry = LocalRegistry.start()) {
      HttpResponse<String> response = get(registry, "/v2/");

      assertThat(registry.address()).startsWith("127.0.0.1:");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Docker-Distribution-Api-Version"))
          .hasValue("registry/2.0");
    }
  }

  @Test
  void start_twoRegistries_useDifferentPortsAndStorage() {
    try (LocalRegistry first = LocalRegistry.start();
        LocalRegistry second = LocalRegistry.start()) {
      assertThat(first.port()).isNotEqualTo(second.port());
      assertThat(first.storageDirectory()).isNotEqualTo(second.storageDirectory());
    }
  }

  @Test
  void close_running_stopsProcessAndDeletesStorage() throws Exception {
    LocalRegistry registry = LocalRegistry.start();
    Path storage = registry.storageDirectory();

    registry.close();

    assertThat(Files.exists(storage)).isFalse();
    assertThatThrownBy(() -> get(registry, "/v2/")).isInstanceOf(ConnectException.class);
  }

  @Test
  void toYaml_config_listensOnAddressWithFilesystemStorageAndDeletes() {
    LocalRegistryConfig config = new LocalRegistryConfig("::1", 5999, Path.of("/tmp/store"), null, null, false);

    assertThat(config.address()).isEqualTo("[::1]:5999");
    assertThat(config.toYaml())
        .contains("addr: \"[::1]:5999\"")
        .contains("rootdirectory: \"/tmp/store\"")
        .contains("delete:\n    enabled: true");
  }

  @Test
  void start_withTls_servesHttpsWithTheCertificate(@TempDir Path temporary) throws Exception {
    SelfSignedCertificate certificate =
        SelfSignedCertificate.create(temporary, "jbuild test CA", List.of("ip:127.0.0.1"));
    try (LocalRegistry registry = LocalRegistry.builder().tls(certificate).start()) {
      HttpClient trusting = HttpClient.newBuilder().sslContext(certificate.trustingSslContext()).build();
      HttpResponse<String> response = trusting.send(
          HttpRequest.newBuilder(registry.baseUri().resolve("/v2/")).build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(registry.baseUri().getScheme()).isEqualTo("https");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(certificate.x509().getSubjectX500Principal().getName()).isEqualTo("CN=jbuild test CA");
    }
  }

  @Test
  void start_withBasicAuth_acceptsOnlyTheRightPassword() throws Exception {
    try (LocalRegistry registry = LocalRegistry.builder().basicAuth("alice", "wonder land").start()) {
      assertThat(get(registry, "/v2/").statusCode()).isEqualTo(401);
      assertThat(get(registry, "/v2/", "alice", "wonder land").statusCode()).isEqualTo(200);
      assertThat(get(registry, "/v2/", "alice", "wrong").statusCode()).isEqualTo(401);
    }
  }

  @Test
  void requests_withAccessLog_listsMethodPathAndStatus() throws Exception {
    try (LocalRegistry registry = LocalRegistry.builder().accessLog().start()) {
      get(registry, "/v2/_catalog");
      get(registry, "/v2/nothing/manifests/1");

      assertThat(registry.requests()).contains("GET /v2/_catalog 200", "GET /v2/nothing/manifests/1 404");
    }
  }

  private HttpResponse<String> get(LocalRegistry registry, String path, String user, String password)
      throws IOException, InterruptedException {
    String basic = java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes());
    return http.send(
        HttpRequest.newBuilder(registry.baseUri().resolve(path)).header("Authorization", "Basic " + basic).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(LocalRegistry registry, String path)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(registry.baseUri().resolve(path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
