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
import org.junit.jupiter.api.Test;

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
    LocalRegistryConfig config = new LocalRegistryConfig("::1", 5999, Path.of("/tmp/store"));

    assertThat(config.address()).isEqualTo("[::1]:5999");
    assertThat(config.toYaml())
        .contains("addr: \"[::1]:5999\"")
        .contains("rootdirectory: \"/tmp/store\"")
        .contains("delete:\n    enabled: true");
  }

  private HttpResponse<String> get(LocalRegistry registry, String path)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(registry.baseUri().resolve(path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
