package dev.jbuild.registry;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.core.image.ImageReference;
import dev.jbuild.core.image.Platform;
import dev.jbuild.testdata.LocalRegistry;
import dev.jbuild.testdata.SelfSignedCertificate;
import java.net.InetAddress;
import java.nio.file.Files;
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

/** An HTTPS registry whose certificate no trusted CA signed: the error names the CA to add. */
class JibRegistryClientTlsTest {
  private static LocalRegistry registry;
  private static Path certificates;

  @TempDir Path temporary;

  @BeforeAll
  static void startWithSelfSignedCertificate() throws Exception {
    Optional<InetAddress> address = NonLoopbackAddresses.firstIpv4();
    Assumptions.assumeTrue(address.isPresent(),
        "SKIPPED: this machine has no non-loopback IPv4 address to run an HTTPS registry on");
    certificates = Files.createTempDirectory("jbuild-tls-test-");
    SelfSignedCertificate certificate = SelfSignedCertificate.create(
        certificates, "jbuild test CA", List.of("ip:" + address.get().getHostAddress()));
    registry = LocalRegistry.builder().bindAddress(address.get()).tls(certificate).start();
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void resolve_certificateFromUntrustedCa_throwsTlsErrorNamingHostAndIssuer() {
    try (JibRegistryClient client = new JibRegistryClient(
        new RegistrySettings(Map.of(), Set.of(), temporary.resolve("no-auth.json")), line -> {})) {
      assertThatThrownBy(() -> client.resolve(
              ImageReference.parse(registry.address() + "/app:1"), Platform.LINUX_AMD64))
          .isInstanceOf(RegistryTlsException.class)
          .hasMessage("TLS: cannot verify registry " + registry.address()
              + ": no trusted CA for certificate issuer \"CN=jbuild test CA\"");
    }
  }
}
