package dev.jbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.core.image.ImageReference;
import dev.jbuild.core.image.Platform;
import dev.jbuild.testdata.LocalRegistry;
import dev.jbuild.testdata.NonLoopbackAddresses;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain-HTTP registry on a non-loopback address of this machine: refused (HTTPS attempted, no
 * silent downgrade) unless marked insecure.
 */
class JibRegistryClientPlainHttpTest {
  private static LocalRegistry registry;

  @TempDir Path temporary;
  private final RecordingLog log = new RecordingLog();

  @BeforeAll
  static void startOnNonLoopbackAddress() throws SocketException {
    Optional<InetAddress> address = NonLoopbackAddresses.firstIpv4();
    Assumptions.assumeTrue(address.isPresent(),
        "SKIPPED: this machine has no non-loopback IPv4 address to run a registry on;"
            + " PlainHttpPolicyTest still covers the decision");
    registry = LocalRegistry.builder().bindAddress(address.get()).start();
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void resolve_plainHttpRegistryNotMarkedInsecure_failsOverHttpsWithoutFallingBackToHttp() {
    try (JibRegistryClient client = client(Set.of())) {
      assertThatThrownBy(() -> client.resolve(reference("plain/app:1"), Platform.LINUX_AMD64))
          .isInstanceOf(RegistryTlsException.class)
          .hasMessage("TLS: registry " + registry.address() + " answered HTTPS in plain HTTP;"
              + " plain HTTP is allowed only for localhost, 127.0.0.0/8, ::1 and insecure registries"
              + " (add " + registry.address() + " to the insecure registries to allow it)");
    }
    assertThat(log.lines()).noneMatch(line -> line.contains("http://" + registry.address()));
  }

  @Test
  void push_plainHttpRegistryMarkedInsecure_pushesAndResolvesOverHttp() throws Exception {
    TestImage image = TestImage.oci(temporary, "insecure", Platform.LINUX_AMD64);
    try (JibRegistryClient client = client(Set.of(registry.address()))) {
      client.push(List.of(reference("plain/app:1")), image.blobs(), image.manifestJson(), image.manifestMediaType());
      ResolvedImage resolved = client.resolve(reference("plain/app:1"), Platform.LINUX_AMD64);

      assertThat(resolved.manifestDigest()).isEqualTo(image.manifestDigest());
    }
    assertThat(Skopeo.inspect(registry.address() + "/plain/app:1", true)).isEqualTo(image.manifestJson());
  }

  private JibRegistryClient client(Set<String> insecure) {
    return new JibRegistryClient(new RegistrySettings(Map.of(), insecure, temporary.resolve("no-auth.json")), log);
  }

  private static ImageReference reference(String repositoryAndTag) {
    return ImageReference.parse(registry.address() + "/" + repositoryAndTag);
  }
}
