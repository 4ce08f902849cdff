package dev.jbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlainHttpPolicyTest {
  private final PlainHttpPolicy defaults = new PlainHttpPolicy(Set.of());

  @ParameterizedTest
  @ValueSource(strings = {"localhost", "localhost:5000", "LOCALHOST:5000", "127.0.0.1", "127.0.0.1:5000",
      "127.255.3.4:80", "[::1]:5000", "[::1]", "::1", "[0:0:0:0:0:0:0:1]:5000"})
  void allowsPlainHttp_loopback_isAllowedWithoutSettings(String registry) {
    assertThat(defaults.allowsPlainHttp(registry)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"docker.io", "registry-1.docker.io", "registry.example:5000", "192.0.2.2:5000",
      "128.0.0.1:5000", "127.example.com", "localhost.localdomain:5000", "localhost.evil.example",
      "10.0.0.1", "[fd00::2]:5000", "127.0.0.1.nip.io:5000"})
  void allowsPlainHttp_otherHosts_isRefusedWithoutSettings(String registry) {
    assertThat(defaults.allowsPlainHttp(registry)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"registry.example:5000", "192.0.2.2:5003"})
  void allowsPlainHttp_listedAsInsecure_isAllowed(String registry) {
    PlainHttpPolicy policy = new PlainHttpPolicy(Set.of("registry.example:5000", "192.0.2.2:5003"));

    assertThat(policy.allowsPlainHttp(registry)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"registry.example", "registry.example:5001", "192.0.2.2:5000"})
  void allowsPlainHttp_insecureEntryIsExact_otherPortsStaySecure(String registry) {
    PlainHttpPolicy policy = new PlainHttpPolicy(Set.of("registry.example:5000", "192.0.2.2:5003"));

    assertThat(policy.allowsPlainHttp(registry)).isFalse();
  }
}
