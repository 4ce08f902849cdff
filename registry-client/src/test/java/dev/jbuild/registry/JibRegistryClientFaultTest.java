package dev.jbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.core.digest.Digest;
import dev.jbuild.core.image.ImageReference;
import dev.jbuild.core.image.Platform;
import dev.jbuild.testdata.FaultInjectingProxy;
import dev.jbuild.testdata.FaultInjectingProxy.Fault;
import dev.jbuild.testdata.LocalRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flaky network between client and a real registry, made by a proxy that resets connections,
 * answers 503 and cuts an upload part way: pushes and pulls still succeed with bounded retries,
 * and what arrives is the image sent, as skopeo reads it from the registry itself.
 */
class JibRegistryClientFaultTest {
  @AutoClose static final LocalRegistry REGISTRY = LocalRegistry.start();

  @TempDir Path temporary;
  private final RecordingLog log = new RecordingLog();

  @Test
  void push_firstRequestsResetOrAnswered503_succeedsAndRegistryHoldsOurBytes() throws Exception {
    TestImage image = TestImage.oci(temporary, "through a flaky network", Platform.LINUX_AMD64);
    try (FaultInjectingProxy proxy = FaultInjectingProxy.inFrontOf(REGISTRY,
            List.of(Fault.RESET, Fault.SERVICE_UNAVAILABLE, Fault.RESET));
        JibRegistryClient client = client()) {

      Digest digest = client.push(List.of(ImageReference.parse(proxy.address() + "/faults/push:1")),
          image.blobs(), image.manifestJson(), image.manifestMediaType());

      assertThat(digest).isEqualTo(image.manifestDigest());
      assertThat(proxy.injectedFaults()).hasSize(3);
      assertThat(log.count("; retry 1 of 3")).isGreaterThanOrEqualTo(1);
      assertThat(log.count("retry 3 of 3")).isZero();
    }
    assertThat(Skopeo.inspect(REGISTRY.address() + "/faults/push:1", true)).isEqualTo(image.manifestJson());
  }

  @Test
  void resolveAndFetch_firstRequestsFail_succeedWithVerifiedBlob() throws Exception {
    TestImage image = TestImage.oci(temporary, "pulled through faults", Platform.LINUX_AMD64);
    ImageReference direct = ImageReference.parse(REGISTRY.address() + "/faults/pull:1");
    try (JibRegistryClient pusher = client()) {
      pusher.push(List.of(direct), image.blobs(), image.manifestJson(), image.manifestMediaType());
    }
    try (FaultInjectingProxy proxy = FaultInjectingProxy.inFrontOf(REGISTRY,
            List.of(Fault.SERVICE_UNAVAILABLE, Fault.RESET, Fault.SERVICE_UNAVAILABLE));
        JibRegistryClient client = client()) {
      ResolvedImage resolved = client.resolve(
          ImageReference.parse(proxy.address() + "/faults/pull:1"), Platform.LINUX_AMD64);
      proxy.dropConnections().thenFail(Fault.RESET, 1);
      Path layer = temporary.resolve("fetched-layer");

      client.fetchBlob(resolved, image.layer(), layer, bytes -> {});

      assertThat(resolved.manifestDigest()).isEqualTo(image.manifestDigest());
      assertThat(Files.readAllBytes(layer)).isEqualTo(Files.readAllBytes(image.layerFile()));
      assertThat(proxy.injectedFaults()).hasSize(4).last().asString().startsWith("RESET GET /v2/faults/pull/blobs/");
    }
  }

  @Test
  void push_uploadResetHalfway_restartsInANewUploadSessionAndImageIsComplete() throws Exception {
    TestImage image = TestImage.ociWithRandomFile(temporary, 4 * 1024 * 1024, 42);
    String repository = "faults/cut";
    try (FaultInjectingProxy proxy = FaultInjectingProxy.inFrontOf(REGISTRY, List.of());
        JibRegistryClient client = client()) {
      proxy.resetUploadAfter(1024 * 1024);

      Digest digest = client.push(List.of(ImageReference.parse(proxy.address() + "/" + repository + ":1")),
          image.blobs(), image.manifestJson(), image.manifestMediaType());

      assertThat(digest).isEqualTo(image.manifestDigest());
      assertThat(proxy.injectedFaults()).singleElement().asString().startsWith("UPLOAD_CUT");
      List<String> uploadStarts = proxy.requests().stream()
          .filter(line -> line.startsWith("POST /v2/" + repository + "/blobs/uploads/")).toList();
      List<String> uploads = proxy.requests().stream()
          .filter(line -> line.startsWith("PATCH /v2/" + repository + "/blobs/uploads/")).toList();
      assertThat(uploadStarts).hasSize(3);
      // Each upload session has its own location: the retried layer did not reuse the cut one.
      assertThat(uploads).hasSize(3).doesNotHaveDuplicates();
      assertThat(log.count("push blob " + image.layer().digest() + " failed")).isEqualTo(1);
    }
    Path copied = temporary.resolve("copied");
    assertThat(Skopeo.inspect(REGISTRY.address() + "/" + repository + ":1", true)).isEqualTo(image.manifestJson());
    try (JibRegistryClient client = client()) {
      ResolvedImage resolved = client.resolve(
          ImageReference.parse(REGISTRY.address() + "/" + repository + ":1"), Platform.LINUX_AMD64);
      client.fetchBlob(resolved, image.layer(), copied, bytes -> {});
    }
    assertThat(Files.readAllBytes(copied)).isEqualTo(Files.readAllBytes(image.layerFile()));
  }

  @Test
  void push_everyConnectionReset_givesUpAfterThreeRetriesWithOneLine() throws Exception {
    TestImage image = TestImage.oci(temporary, "never arrives", Platform.LINUX_AMD64);
    try (FaultInjectingProxy proxy = FaultInjectingProxy.inFrontOf(REGISTRY, List.of());
        JibRegistryClient client = client()) {
      proxy.thenFail(Fault.RESET, 1000);
      ImageReference target = ImageReference.parse(proxy.address() + "/faults/never:1");
      long start = System.nanoTime();

      assertThatThrownBy(() -> client.push(List.of(target), image.blobs().subList(0, 1), image.manifestJson(),
              image.manifestMediaType()))
          .isExactlyInstanceOf(RegistryException.class)
          .hasMessageStartingWith("push blob " + image.layer().digest() + " to " + proxy.address()
              + "/faults/never at " + proxy.address() + " failed: ")
          .hasMessageNotContaining("\n");
      assertThat(proxy.injectedFaults()).hasSize(4);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
  }

  private JibRegistryClient client() {
    return new JibRegistryClient(new RegistrySettings(Map.of(), Set.of(), temporary.resolve("no-auth.json")), log);
  }
}
