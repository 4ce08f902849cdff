package dev.jbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.core.digest.Digests;
import dev.jbuild.core.image.ImageReference;
import dev.jbuild.core.image.Platform;
import dev.jbuild.testdata.LocalRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mirrors: a source registry and a mirror, both real, the mirror tried first. */
class JibRegistryClientMirrorTest {
  @AutoClose static final LocalRegistry SOURCE = LocalRegistry.start();
  @AutoClose static final LocalRegistry MIRROR = LocalRegistry.start();

  @TempDir Path temporary;
  private final RecordingLog log = new RecordingLog();

  @Test
  void resolve_imageOnMirror_isResolvedAndFetchedFromTheMirror() throws Exception {
    TestImage image = TestImage.oci(temporary.resolve("image"), "from the mirror", Platform.LINUX_AMD64);
    push(MIRROR, "mirrored/app:1", image);

    try (JibRegistryClient client = client(Map.of(SOURCE.address(), List.of(MIRROR.address())))) {
      ResolvedImage resolved = client.resolve(at(SOURCE, "mirrored/app:1"), Platform.LINUX_AMD64);
      client.fetchBlob(resolved, image.layer(), temporary.resolve("layer"), bytes -> {});

      assertThat(resolved.requested()).isEqualTo(at(SOURCE, "mirrored/app:1"));
      assertThat(resolved.source().registry()).isEqualTo(MIRROR.address());
      assertThat(resolved.source().repository()).isEqualTo("mirrored/app");
      assertThat(Digests.ofFile(temporary.resolve("layer"))).isEqualTo(image.layer().digest());
    }
  }

  @Test
  void resolve_imageOnlyOnSource_fallsBackToTheSource() throws Exception {
    TestImage image = TestImage.oci(temporary, "only on the source", Platform.LINUX_AMD64);
    push(SOURCE, "fallback/app:1", image);

    try (JibRegistryClient client = client(Map.of(SOURCE.address(), List.of(MIRROR.address())))) {
      ResolvedImage resolved = client.resolve(at(SOURCE, "fallback/app:1"), Platform.LINUX_AMD64);

      assertThat(resolved.source().registry()).isEqualTo(SOURCE.address());
      assertThat(resolved.manifestDigest()).isEqualTo(image.manifestDigest());
      assertThat(log.count("mirror " + MIRROR.address() + " of " + SOURCE.address() + " cannot serve")).isEqualTo(1);
    }
  }

  @Test
  void resolve_mirrorUnreachable_fallsBackToTheSourceQuickly() throws Exception {
    TestImage image = TestImage.oci(temporary, "mirror down", Platform.LINUX_AMD64);
    push(SOURCE, "mirror-down/app:1", image);
    String closedMirror = "127.0.0.1:" + closedPort();

    try (JibRegistryClient client = client(Map.of(SOURCE.address(), List.of(closedMirror)))) {
      long start = System.nanoTime();
      ResolvedImage resolved = client.resolve(at(SOURCE, "mirror-down/app:1"), Platform.LINUX_AMD64);

      assertThat(resolved.source().registry()).isEqualTo(SOURCE.address());
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void resolve_mirrorFailingWith503_fallsBackToTheSourceAfterRetries() throws Exception {
    TestImage image = TestImage.oci(temporary, "mirror broken", Platform.LINUX_AMD64);
    push(SOURCE, "mirror-broken/app:1", image);
    try (FakeRegistryServer brokenMirror =
            new FakeRegistryServer((request, earlier) -> FakeRegistryServer.Answer.of(503, "down"));
        JibRegistryClient client = client(Map.of(SOURCE.address(), List.of(brokenMirror.address())))) {
      ResolvedImage resolved = client.resolve(at(SOURCE, "mirror-broken/app:1"), Platform.LINUX_AMD64);

      assertThat(resolved.source().registry()).isEqualTo(SOURCE.address());
      assertThat(brokenMirror.seen()).hasSize(4);
    }
  }

  @Test
  void resolve_missingEverywhere_namesTheOriginalReference() {
    try (JibRegistryClient client = client(Map.of(SOURCE.address(), List.of(MIRROR.address())))) {
      assertThatThrownBy(() -> client.resolve(at(SOURCE, "nowhere/app:nope"), Platform.LINUX_AMD64))
          .isInstanceOf(ImageNotFoundException.class)
          .hasMessage("manifest unknown: " + SOURCE.address() + "/nowhere/app:nope");
    }
  }

  @Test
  void resolve_dockerHubNameWithMirror_isPulledThroughTheMirror() throws Exception {
    TestImage image = TestImage.oci(temporary, "busybox", Platform.LINUX_AMD64);
    push(MIRROR, "library/busybox:latest", image);

    try (JibRegistryClient client = client(Map.of("docker.io", List.of(MIRROR.address())))) {
      ResolvedImage resolved = client.resolve(ImageReference.parse("busybox"), Platform.LINUX_AMD64);

      assertThat(resolved.requested().toString()).isEqualTo("docker.io/library/busybox:latest");
      assertThat(resolved.source().toString())
          .isEqualTo(MIRROR.address() + "/library/busybox:latest@" + image.manifestDigest());
    }
  }

  @Test
  void resolve_dockerHubNameMissingOnMirror_reportsManifestUnknownInFamiliarForm() {
    // Docker Hub is unreachable from the test machine or answers "not found": either way the
    // user learns which reference is missing.
    try (JibRegistryClient client = client(Map.of("docker.io", List.of(MIRROR.address())))) {
      assertThatThrownBy(() -> client.resolve(ImageReference.parse("busybox:nope"), Platform.LINUX_AMD64))
          .isInstanceOf(ImageNotFoundException.class)
          .hasMessage("manifest unknown: busybox:nope");
    }
  }

  private JibRegistryClient client(Map<String, List<String>> mirrors) {
    return new JibRegistryClient(new RegistrySettings(mirrors, Set.of(), temporary.resolve("no-auth.json")), log);
  }

  private void push(LocalRegistry registry, String repositoryAndTag, TestImage image) throws RegistryException {
    try (JibRegistryClient pusher = new JibRegistryClient(RegistrySettings.defaults(), line -> {})) {
      pusher.push(List.of(at(registry, repositoryAndTag)), image.blobs(), image.manifestJson(),
          image.manifestMediaType());
    }
  }

  private static ImageReference at(LocalRegistry registry, String repositoryAndTag) {
    return ImageReference.parse(registry.address() + "/" + repositoryAndTag);
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
