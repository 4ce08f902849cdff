package dev.jbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Login against a registry that answers with a bearer challenge, as Docker Hub and Harbor do. */
class RegistryLoginsBearerTest {
  @TempDir Path temporary;

  @Test
  void login_bearerChallenge_getsTokenWithCredentialsThenChecksV2WithIt() throws Exception {
    String basic = "Basic " + Base64.getEncoder().encodeToString("bob:hunter2".getBytes(StandardCharsets.UTF_8));
    try (FakeRegistryServer tokens = new FakeRegistryServer((request, earlier) -> basic.equals(request.authorization())
            ? FakeRegistryServer.Answer.of(200, "{\"token\":\"good-token\"}")
            : FakeRegistryServer.Answer.of(401, "{}"));
        FakeRegistryServer registry = new FakeRegistryServer((request, earlier) ->
            "Bearer good-token".equals(request.authorization())
                ? FakeRegistryServer.Answer.of(200, "{}")
                : new FakeRegistryServer.Answer(401, Map.of("WWW-Authenticate",
                    "Bearer realm=\"http://" + tokens.address() + "/token\",service=\"test\""), "{}"));
        RegistryLogins logins = new RegistryLogins(
            new RegistrySettings(Map.of(), Set.of(), temporary.resolve("config.json")), line -> {})) {

      logins.login(registry.address(), "bob", "hunter2");
      assertThatThrownBy(() -> logins.login(registry.address(), "bob", "wrong"))
          .isInstanceOf(RegistryUnauthorizedException.class);

      assertThat(registry.seen()).extracting(FakeRegistryServer.Seen::authorization)
          .containsExactly(null, "Bearer good-token", null);
      assertThat(tokens.seen()).extracting(FakeRegistryServer.Seen::path).containsOnly("/token");
      assertThat(Files.readString(temporary.resolve("config.json")))
          .contains(Base64.getEncoder().encodeToString("bob:hunter2".getBytes(StandardCharsets.UTF_8)));
    }
  }

  @Test
  void registryName_schemeAndPath_areDropped() {
    assertThat(RegistryLogins.registryName("https://registry.example:5000/v2/")).isEqualTo("registry.example:5000");
    assertThat(RegistryLogins.registryName("index.docker.io")).isEqualTo("docker.io");
  }
}
