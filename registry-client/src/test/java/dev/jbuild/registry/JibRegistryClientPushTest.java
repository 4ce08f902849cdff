package dev.jbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.core.digest.Digest;
import dev.jbuild.core.image.ImageReference;
import dev.jbuild.core.image.Platform;
import dev.jbuild.testdata.LocalRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pushes images built in the test to a real registry and reads them back with skopeo and resolve. */
class JibRegistryClientPushTest {
  @AutoClose static final LocalRegistry REGISTRY = LocalRegistry.start();

  @TempDir Path temporary;
  private final RecordingLog log = new RecordingLog();
  private final JibRegistryClient client = new JibRegistryClient(RegistrySettings.defaults(), log);

  @AfterEach
  void closeClient() {
    client.close();
  }

  @Test
  void push_newImage_skopeoReadsOurExactBytesAndDigest() throws Exception {
    TestImage image = TestImage.oci(temporary, "hello from push", Platform.LINUX_AMD64);
    ImageReference target = reference("push/new:1");

    Digest digest = client.push(List.of(target), image.blobs(), image.manifestJson(), image.manifestMediaType());

    assertThat(digest).isEqualTo(Digest.sha256Of(image.manifestJson()));
    assertThat(Skopeo.inspect(target.toString(), true)).isEqualTo(image.manifestJson());
    JsonNode inspected = new ObjectMapper().readTree(Skopeo.inspect(target.toString(), false));
    assertThat(inspected.get("Digest").asText()).isEqualTo(digest.toString());
    assertThat(inspected.get("Architecture").asText()).isEqualTo("amd64");
    assertThat(inspected.get("Layers").get(0).asText()).isEqualTo(image.layer().digest().toString());
    assertThat(log.count("uploaded to")).isEqualTo(2);
  }

  @Test
  void push_withProgress_reportsEveryBlobUpToItsSizeAndSkippedBlobsAsDone() throws Exception {
    TestImage image = TestImage.ociWithRandomFile(temporary, 1024 * 1024, 7);
    java.util.Map<Digest, Long> lastSent = new java.util.concurrent.ConcurrentHashMap<>();
    PushProgress progress = (blob, sent) -> lastSent.merge(blob.digest(), sent, Math::max);

    client.push(List.of(reference("push/progress:1")), image.blobs(), image.manifestJson(),
        image.manifestMediaType(), progress);

    assertThat(lastSent).containsEntry(image.layer().digest(), image.layer().size())
        .containsEntry(image.config().digest(), image.config().size());
    lastSent.clear();
    client.push(List.of(reference("push/progress:2")), image.blobs(), image.manifestJson(),
        image.manifestMediaType(), progress);
    assertThat(lastSent).containsEntry(image.layer().digest(), image.layer().size());
  }

  @Test
  void push_fileWhoseBytesDoNotMatchItsDigest_registryRefusesTheBlob() throws Exception {
    TestImage image = TestImage.oci(temporary, "corrupted on disk", Platform.LINUX_AMD64);
    byte[] layer = java.nio.file.Files.readAllBytes(image.layerFile());
    layer[layer.length / 2] ^= 1;
    java.nio.file.Files.write(image.layerFile(), layer);

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.push(List.of(reference("push/corrupt:1")),
            image.blobs(), image.manifestJson(), image.manifestMediaType()))
        .isInstanceOf(RegistryException.class)
        .hasMessageStartingWith("push blob " + image.layer().digest() + " to " + REGISTRY.address() + "/push/corrupt")
        .hasMessageEndingWith("provided digest did not match uploaded content");
  }

  @Test
  void push_sameBlobsTwice_secondPushUploadsNothing() throws Exception {
    TestImage image = TestImage.oci(temporary, "pushed twice", Platform.LINUX_AMD64);
    client.push(List.of(reference("push/twice:1")), image.blobs(), image.manifestJson(), image.manifestMediaType());
    log.clear();

    Digest second = client.push(List.of(reference("push/twice:2")), image.blobs(), image.manifestJson(),
        image.manifestMediaType());

    assertThat(log.count("uploaded to")).isZero();
    assertThat(log.count("exists in " + REGISTRY.address() + "/push/twice; not uploaded")).isEqualTo(2);
    assertThat(second).isEqualTo(image.manifestDigest());
  }

  @Test
  void push_blobsFromAnotherRepository_areMountedNotUploaded() throws Exception {
    TestImage image = TestImage.oci(temporary, "mounted", Platform.LINUX_AMD64);
    ImageReference origin = reference("push/mount-source:1");
    client.push(List.of(origin), image.blobs(), image.manifestJson(), image.manifestMediaType());
    log.clear();

    ImageReference target = reference("push/mount-target:1");
    client.push(List.of(target), image.blobsFrom(origin), image.manifestJson(), image.manifestMediaType());

    assertThat(log.count("uploaded to")).isZero();
    assertThat(log.count("mounted into " + REGISTRY.address() + "/push/mount-target from "
        + REGISTRY.address() + "/push/mount-source")).isEqualTo(2);
    ResolvedImage resolved = client.resolve(target, Platform.LINUX_AMD64);
    assertThat(resolved.manifestDigest()).isEqualTo(image.manifestDigest());
  }

  @Test
  void push_twoRepositoriesOfOneRegistry_secondMountsFromFirst() throws Exception {
    TestImage image = TestImage.oci(temporary, "two repositories", Platform.LINUX_AMD64);
    ImageReference first = reference("push/first:1");
    ImageReference second = reference("push/second:1");

    client.push(List.of(first, second), image.blobs(), image.manifestJson(), image.manifestMediaType());

    assertThat(log.count("uploaded to " + REGISTRY.address() + "/push/first")).isEqualTo(2);
    assertThat(log.count("mounted into " + REGISTRY.address() + "/push/second")).isEqualTo(2);
    assertThat(Skopeo.inspect(second.toString(), true)).isEqualTo(image.manifestJson());
  }

  @Test
  void push_severalTags_everyTagHasTheManifest() throws Exception {
    TestImage image = TestImage.docker(temporary, "tagged twice", Platform.LINUX_AMD64);
    List<ImageReference> targets = List.of(reference("push/tags:a"), reference("push/tags:b"));

    client.push(targets, image.blobs(), image.manifestJson(), image.manifestMediaType());

    for (ImageReference target : targets) {
      assertThat(Skopeo.inspect(target.toString(), true)).isEqualTo(image.manifestJson());
    }
  }

  @Test
  void push_manifestWithNonAsciiAnnotation_registryKeepsOurBytesAndDigest() throws Exception {
    TestImage image = TestImage.ociWithLabels(temporary, "unicode", Map.of("author", "Zoë 🚀"));
    ImageReference target = reference("push/unicode:1");
    assertThat(new String(image.manifestJson(), StandardCharsets.UTF_8)).contains("Zoë");

    Digest digest = client.push(List.of(target), image.blobs(), image.manifestJson(), image.manifestMediaType());

    assertThat(Skopeo.inspect(target.toString(), true)).isEqualTo(image.manifestJson());
    assertThat(digest).isEqualTo(image.manifestDigest());
    assertThat(client.resolve(target, Platform.LINUX_AMD64).config().config().labels())
        .containsEntry("author", "Zoë 🚀");
  }

  @Test
  void push_byDigestOnly_manifestReachableByDigest() throws Exception {
    TestImage image = TestImage.oci(temporary, "by digest", Platform.LINUX_AMD64);
    ImageReference target = new ImageReference(REGISTRY.address(), "push/digest", null, image.manifestDigest());

    Digest digest = client.push(List.of(target), image.blobs(), image.manifestJson(), image.manifestMediaType());

    assertThat(Skopeo.inspect(REGISTRY.address() + "/push/digest@" + digest, true))
        .isEqualTo(image.manifestJson());
  }

  private static ImageReference reference(String repositoryAndTag) {
    return ImageReference.parse(REGISTRY.address() + "/" + repositoryAndTag);
  }
}
