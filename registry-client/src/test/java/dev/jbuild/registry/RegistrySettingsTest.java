package dev.jbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RegistrySettingsTest {

  @Test
  void mirrorsOf_dockerHubAliases_areOneRegistry() {
    RegistrySettings settings = RegistrySettings.defaults()
        .withMirrors(Map.of("index.docker.io", List.of("127.0.0.1:5000")));

    assertThat(settings.mirrorsOf("docker.io")).containsExactly("127.0.0.1:5000");
    assertThat(settings.mirrorsOf("registry-1.docker.io")).containsExactly("127.0.0.1:5000");
    assertThat(settings.mirrorsOf("quay.io")).isEmpty();
  }

  @Test
  void constructor_mirrorWithScheme_isRejected() {
    assertThatThrownBy(() -> new RegistrySettings(Map.of("docker.io", List.of("https://mirror.example")), Set.of(), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("mirror of docker.io must be host[:port] without scheme or path, got: https://mirror.example");
  }

  @Test
  void authFile_null_isTheDefaultLocation() {
    RegistrySettings settings = new RegistrySettings(Map.of(), Set.of(), null);

    assertThat(settings.authFile()).isNotNull();
    assertThat(settings.authFile().getFileName()).isIn(Path.of("config.json"), Path.of(
        System.getenv().getOrDefault("REGISTRY_AUTH_FILE", "config.json")).getFileName());
  }

  @Test
  void withAuthFile_givenPath_isKept() {
    assertThat(RegistrySettings.defaults().withAuthFile(Path.of("/tmp/auth.json")).authFile())
        .isEqualTo(Path.of("/tmp/auth.json"));
  }
}
