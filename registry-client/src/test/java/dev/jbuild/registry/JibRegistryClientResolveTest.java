package dev.jbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.core.digest.Digests;
import dev.jbuild.core.image.ImageReference;
import dev.jbuild.core.image.MediaTypes;
import dev.jbuild.core.image.Platform;
import dev.jbuild.testdata.LocalRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resolves and fetches images pushed to a real registry: manifests, indexes, blobs. */
class JibRegistryClientResolveTest {
  @AutoClose static final LocalRegistry REGISTRY = LocalRegistry.start();
  private static final Platform ARM64 = Platform.parse("linux/arm64/v8");

  @TempDir Path temporary;
  private final RecordingLog log = new RecordingLog();
  private final JibRegistryClient client = new JibRegistryClient(RegistrySettings.defaults(), log);

  @AfterEach
  void closeClient() {
    client.close();
  }

  @Test
  void resolve_tag_returnsVerifiedManifestAndConfig() throws Exception {
    TestImage image = pushed("resolve/tag:1", TestImage.oci(temporary, "by tag", Platform.LINUX_AMD64));
    ImageReference reference = reference("resolve/tag:1");

    ResolvedImage resolved = client.resolve(reference, Platform.LINUX_AMD64);

    assertThat(resolved.requested()).isEqualTo(reference);
    assertThat(resolved.manifestDigest()).isEqualTo(image.manifestDigest());
    assertThat(resolved.source()).isEqualTo(reference.withDigest(image.manifestDigest()));
    assertThat(resolved.manifest().layers()).containsExactly(image.layer());
    assertThat(resolved.manifest().config()).isEqualTo(image.config());
    assertThat(dev.jbuild.core.digest.Digest.sha256Of(resolved.configJson())).isEqualTo(image.config().digest());
    assertThat(resolved.config().config().cmd()).containsExactly("/bin/cat", "/hello.txt");
  }

  @Test
  void resolve_digestReference_returnsThatManifest() throws Exception {
    TestImage image = pushed("resolve/digest:1", TestImage.docker(temporary, "by digest", Platform.LINUX_AMD64));
    ImageReference byDigest = new ImageReference(REGISTRY.address(), "resolve/digest", null, image.manifestDigest());

    ResolvedImage resolved = client.resolve(byDigest, Platform.LINUX_AMD64);

    assertThat(resolved.manifestDigest()).isEqualTo(image.manifestDigest());
    assertThat(resolved.manifest().mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
  }

  @Test
  void fetchBlob_layer_writesVerifiedFileAndReportsProgress() throws Exception {
    TestImage image = pushed("resolve/fetch:1", TestImage.oci(temporary.resolve("image"), "fetched", Platform.LINUX_AMD64));
    ResolvedImage resolved = client.resolve(reference("resolve/fetch:1"), Platform.LINUX_AMD64);
    Path destination = temporary.resolve("layer.tar.gz");
    AtomicLong progress = new AtomicLong(-1);

    client.fetchBlob(resolved, image.layer(), destination, progress::set);

    assertThat(Files.readAllBytes(destination)).isEqualTo(Files.readAllBytes(image.layerFile()));
    assertThat(Digests.ofFile(destination)).isEqualTo(image.layer().digest());
    assertThat(progress.get()).isEqualTo(image.layer().size());
    try (var siblings = Files.list(temporary)) {
      assertThat(siblings.map(path -> path.getFileName().toString())).noneMatch(name -> name.contains(".partial-"));
    }
  }

  @Test
  void fetchBlob_destinationExists_isLeftAsIs() throws Exception {
    TestImage image = pushed("resolve/exists:1", TestImage.oci(temporary.resolve("image"), "exists", Platform.LINUX_AMD64));
    ResolvedImage resolved = client.resolve(reference("resolve/exists:1"), Platform.LINUX_AMD64);
    Path destination = Files.writeString(temporary.resolve("already"), "fetched before");

    client.fetchBlob(resolved, image.layer(), destination, bytes -> {});

    assertThat(Files.readString(destination)).isEqualTo("fetched before");
  }

  @Test
  void fetchBlob_blobMissingFromRepository_failsNamingTheBlob() throws Exception {
    pushed("resolve/other:1", TestImage.oci(temporary.resolve("one"), "one", Platform.LINUX_AMD64));
    TestImage absent = TestImage.oci(temporary.resolve("two"), "never pushed", Platform.LINUX_AMD64);
    ResolvedImage resolved = client.resolve(reference("resolve/other:1"), Platform.LINUX_AMD64);

    assertThatThrownBy(() -> client.fetchBlob(resolved, absent.layer(), temporary.resolve("x"), bytes -> {}))
        .isInstanceOf(RegistryException.class)
        .hasMessageStartingWith("blob unknown: " + absent.layer().digest());
  }

  @Test
  void resolve_ociIndex_picksThePlatformsManifest() throws Exception {
    TestImage amd64 = TestImage.oci(temporary.resolve("amd64"), "amd64", Platform.LINUX_AMD64);
    TestImage arm64 = TestImage.oci(temporary.resolve("arm64"), "arm64", ARM64);
    pushIndex("resolve/oci-index:multi", MediaTypes.OCI_INDEX, amd64, arm64);

    ResolvedImage onArm = client.resolve(reference("resolve/oci-index:multi"), ARM64);
    ResolvedImage onAmd = client.resolve(reference("resolve/oci-index:multi"), Platform.LINUX_AMD64);

    assertThat(onArm.manifestDigest()).isEqualTo(arm64.manifestDigest());
    assertThat(onArm.config().architecture()).isEqualTo("arm64");
    assertThat(onArm.source().digest()).isEqualTo(arm64.manifestDigest());
    assertThat(onAmd.manifestDigest()).isEqualTo(amd64.manifestDigest());
  }

  @Test
  void resolve_dockerManifestList_picksThePlatformsManifest() throws Exception {
    TestImage amd64 = TestImage.docker(temporary.resolve("amd64"), "amd64", Platform.LINUX_AMD64);
    TestImage arm64 = TestImage.docker(temporary.resolve("arm64"), "arm64", ARM64);
    pushIndex("resolve/docker-list:multi", MediaTypes.DOCKER_MANIFEST_LIST, amd64, arm64);

    ResolvedImage resolved = client.resolve(reference("resolve/docker-list:multi"), ARM64);

    assertThat(resolved.manifestDigest()).isEqualTo(arm64.manifestDigest());
    assertThat(resolved.manifest().layers()).containsExactly(arm64.layer());
  }

  @Test
  void resolve_indexWithoutThePlatform_failsNamingAvailablePlatforms() throws Exception {
    TestImage amd64 = TestImage.oci(temporary.resolve("amd64"), "amd64", Platform.LINUX_AMD64);
    TestImage arm64 = TestImage.oci(temporary.resolve("arm64"), "arm64", ARM64);
    pushIndex("resolve/no-s390x:multi", MediaTypes.OCI_INDEX, amd64, arm64);

    assertThatThrownBy(() -> client.resolve(reference("resolve/no-s390x:multi"), Platform.parse("linux/s390x")))
        .isInstanceOf(PlatformNotFoundException.class)
        .hasMessage("no image for linux/s390x in " + REGISTRY.address()
            + "/resolve/no-s390x:multi (available: linux/amd64, linux/arm64/v8)");
  }

  @Test
  void resolve_missingTag_throwsImageNotFoundWithTheReference() {
    assertThatThrownBy(() -> client.resolve(reference("resolve/missing:nope"), Platform.LINUX_AMD64))
        .isInstanceOf(ImageNotFoundException.class)
        .hasMessage("manifest unknown: " + REGISTRY.address() + "/resolve/missing:nope");
  }

  private TestImage pushed(String repositoryAndTag, TestImage image) throws RegistryException {
    client.push(List.of(reference(repositoryAndTag)), image.blobs(), image.manifestJson(), image.manifestMediaType());
    return image;
  }

  private void pushIndex(String repositoryAndTag, String indexMediaType, TestImage amd64, TestImage arm64)
      throws RegistryException {
    ImageReference index = reference(repositoryAndTag);
    ImageReference byDigest = new ImageReference(index.registry(), index.repository(), null, null);
    for (TestImage image : List.of(amd64, arm64)) {
      client.push(List.of(byDigest.withDigest(image.manifestDigest())), image.blobs(), image.manifestJson(),
          image.manifestMediaType());
    }
    byte[] indexJson = TestImage.indexJson(indexMediaType,
        List.of(amd64.asIndexEntry(Platform.LINUX_AMD64), arm64.asIndexEntry(ARM64)));
    client.push(List.of(index), List.of(), indexJson, indexMediaType);
  }

  private static ImageReference reference(String repositoryAndTag) {
    return ImageReference.parse(REGISTRY.address() + "/" + repositoryAndTag);
  }
}
