package dev.jbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.core.image.ImageReference;
import dev.jbuild.core.image.Platform;
import dev.jbuild.testdata.LocalRegistry;
import dev.jbuild.testdata.NonLoopbackAddresses;
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

/**
 * An HTTPS registry whose certificate a CA made in the test signed: untrusted, the error names
 * the CA and where to put it; trusted for that registry through {@code --registry-ca} or docker's
 * {@code certs.d} directory, pushes and pulls work, and the CA is not trusted for another host.
 */
class JibRegistryClientTlsTest {
  private static LocalRegistry registry;
  private static SelfSignedCertificate certificate;
  private static Path certificates;

  @TempDir Path temporary;

  @BeforeAll
  static void startWithSelfSignedCertificate() throws Exception {
    Optional<InetAddress> address = NonLoopbackAddresses.firstIpv4();
    Assumptions.assumeTrue(address.isPresent(),
        "SKIPPED: this machine has no non-loopback IPv4 address to run an HTTPS registry on");
    certificates = Files.createTempDirectory("jbuild-tls-test-");
    certificate = SelfSignedCertificate.create(
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
  void resolve_certificateFromUntrustedCa_throwsTlsErrorNamingHostIssuerAndWhereTheCaGoes() {
    Path certsDirectory = temporary.resolve("certs.d");
    try (JibRegistryClient client = new JibRegistryClient(settings().withCertsDirectory(certsDirectory), line -> {})) {
      assertThatThrownBy(() -> client.resolve(reference("app:1"), Platform.LINUX_AMD64))
          .isInstanceOf(RegistryTlsException.class)
          .hasMessage("TLS: cannot verify registry " + registry.address()
              + ": no trusted CA for certificate issuer \"CN=jbuild test CA\"; give its CA with --registry-ca "
              + registry.address() + "=CA.pem or put it in "
              + certsDirectory.resolve(registry.address()).resolve("ca.crt"));
    }
  }

  @Test
  void push_caGivenForThisRegistry_pushesAndResolves() throws Exception {
    RegistrySettings settings = settings()
        .withRegistryCas(Map.of(registry.address(), List.of(certificate.certificate())));
    TestImage image = TestImage.oci(temporary, "over TLS", Platform.LINUX_AMD64);

    try (JibRegistryClient client = new JibRegistryClient(settings, line -> {})) {
      client.push(List.of(reference("tls/ca-flag:1")), image.blobs(), image.manifestJson(), image.manifestMediaType());
      ResolvedImage resolved = client.resolve(reference("tls/ca-flag:1"), Platform.LINUX_AMD64);

      assertThat(resolved.manifestDigest()).isEqualTo(image.manifestDigest());
    }
  }

  @Test
  void resolve_caTrustedForEveryRegistry_isTrustedHere() throws Exception {
    RegistrySettings settings = settings()
        .withRegistryCas(Map.of(RegistrySettings.EVERY_REGISTRY, List.of(certificate.certificate())));
    TestImage image = TestImage.oci(temporary, "over TLS, CA for all", Platform.LINUX_AMD64);

    try (JibRegistryClient client = new JibRegistryClient(settings, line -> {})) {
      client.push(List.of(reference("tls/every:1")), image.blobs(), image.manifestJson(), image.manifestMediaType());

      assertThat(client.resolve(reference("tls/every:1"), Platform.LINUX_AMD64).manifestDigest())
          .isEqualTo(image.manifestDigest());
    }
  }

  @Test
  void resolve_caInCertsDirectoryOfThisRegistry_isTrusted() throws Exception {
    Path certsDirectory = temporary.resolve("certs.d");
    Path own = Files.createDirectories(certsDirectory.resolve(registry.address()));
    Files.copy(certificate.certificate(), own.resolve("ca.crt"));
    TestImage image = TestImage.oci(temporary, "over TLS by certs.d", Platform.LINUX_AMD64);

    try (JibRegistryClient client = new JibRegistryClient(settings().withCertsDirectory(certsDirectory), line -> {})) {
      client.push(List.of(reference("tls/certs-d:1")), image.blobs(), image.manifestJson(), image.manifestMediaType());

      assertThat(client.resolve(reference("tls/certs-d:1"), Platform.LINUX_AMD64).manifestDigest())
          .isEqualTo(image.manifestDigest());
    }
  }

  @Test
  void resolve_caGivenForAnotherRegistry_isNotTrustedHere() throws Exception {
    Path certsDirectory = temporary.resolve("certs.d");
    Path other = Files.createDirectories(certsDirectory.resolve("other.example:5000"));
    Files.copy(certificate.certificate(), other.resolve("ca.crt"));
    RegistrySettings settings = settings().withCertsDirectory(certsDirectory)
        .withRegistryCas(Map.of("registry.example", List.of(certificate.certificate())));

    try (JibRegistryClient client = new JibRegistryClient(settings, line -> {})) {
      assertThatThrownBy(() -> client.resolve(reference("app:1"), Platform.LINUX_AMD64))
          .isInstanceOf(RegistryTlsException.class)
          .hasMessageContaining("no trusted CA for certificate issuer \"CN=jbuild test CA\"");
    }
  }

  @Test
  void resolve_caFileIsNotACertificate_failsNamingTheFile() throws Exception {
    Path notPem = Files.writeString(temporary.resolve("ca.pem"), "not a certificate\n");
    RegistrySettings settings = settings().withRegistryCas(Map.of(registry.address(), List.of(notPem)));

    try (JibRegistryClient client = new JibRegistryClient(settings, line -> {})) {
      assertThatThrownBy(() -> client.resolve(reference("app:1"), Platform.LINUX_AMD64))
          .isInstanceOf(RegistryException.class)
          .hasMessageContaining("CA certificate file " + notPem + " holds no readable PEM certificate");
    }
  }

  private RegistrySettings settings() {
    return new RegistrySettings(Map.of(), Set.of(), temporary.resolve("no-auth.json"))
        .withCertsDirectory(temporary.resolve("no-certs.d"));
  }

  private static ImageReference reference(String repositoryAndTag) {
    return ImageReference.parse(registry.address() + "/" + repositoryAndTag);
  }
}
