package dev.jbuild.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.core.digest.Digest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ImageJsonTest {
  private static final Digest DIFF_ID = Digest.sha256Of("layer".getBytes(StandardCharsets.UTF_8));

  private static ImageConfig sample() {
    ContainerConfig config = ContainerConfig.EMPTY
        .withEnv(List.of("PATH=/bin", "A=b"))
        .withCmd(List.of("sh"))
        .withExposedPorts(new TreeSet<>(List.of("80/tcp", "443/tcp")))
        .withVolumes(new TreeSet<>(List.of("/data")))
        .withLabels(Map.of("z", "1", "a", "2"))
        .withWorkingDir("/app")
        .withUser("app");
    return ImageConfig.scratch(Platform.LINUX_AMD64)
        .withConfig(config)
        .withCreated(Instant.parse("2024-01-02T03:04:05Z"))
        .withLayer(DIFF_ID, new HistoryEntry(Instant.parse("2024-01-02T03:04:05Z"), "RUN x", null, null, false));
  }

  @Test
  void write_config_usesDockerShapesAndSortedKeys() {
    String json = new String(ImageJson.write(sample()), StandardCharsets.UTF_8);

    assertThat(json).contains("\"ExposedPorts\":{\"443/tcp\":{},\"80/tcp\":{}}")
        .contains("\"Volumes\":{\"/data\":{}}")
        .contains("\"Labels\":{\"a\":\"2\",\"z\":\"1\"}")
        .contains("\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + DIFF_ID + "\"]}")
        .contains("\"created\":\"2024-01-02T03:04:05Z\"")
        .doesNotContain("empty_layer")
        .startsWith("{\"created\"");
  }

  @Test
  void readWrite_config_roundTripsToEqualBytes() throws Exception {
    byte[] first = ImageJson.write(sample());
    byte[] second = ImageJson.write(ImageJson.read(first, ImageConfig.class));

    assertThat(second).isEqualTo(first);
  }

  @Test
  void read_cmdAbsentVersusEmpty_keepsTheDifference() throws Exception {
    ImageConfig absent = ImageJson.read("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{}}".getBytes(StandardCharsets.UTF_8), ImageConfig.class);
    ImageConfig empty = ImageJson.read("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Cmd\":[]}}".getBytes(StandardCharsets.UTF_8), ImageConfig.class);

    assertThat(absent.config().cmd()).isNull();
    assertThat(empty.config().cmd()).isEmpty();
  }

  @Test
  void read_dockerManifestList_selectsThePlatform() throws Exception {
    String amd = "sha256:" + "1".repeat(64);
    String arm = "sha256:" + "2".repeat(64);
    String json = """
        {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.list.v2+json","manifests":[
         {"mediaType":"application/vnd.docker.distribution.manifest.v2+json","digest":"%s","size":1,"platform":{"architecture":"arm64","os":"linux","variant":"v8"}},
         {"mediaType":"application/vnd.docker.distribution.manifest.v2+json","digest":"%s","size":2,"platform":{"architecture":"amd64","os":"linux"}}]}
        """.formatted(arm, amd);

    ImageIndex index = ImageJson.read(json.getBytes(StandardCharsets.UTF_8), ImageIndex.class);

    assertThat(index.select(Platform.LINUX_AMD64).orElseThrow().digest()).isEqualTo(Digest.parse(amd));
    assertThat(index.select(Platform.parse("linux/arm64")).orElseThrow().digest()).isEqualTo(Digest.parse(arm));
    assertThat(index.select(Platform.parse("linux/s390x"))).isEmpty();
    assertThat(ImageJson.mediaTypeOf(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(MediaTypes.DOCKER_MANIFEST_LIST);
  }

  @Test
  void write_manifest_hasOciShape() {
    Digest config = Digest.sha256Of(new byte[] {1});
    Manifest manifest = new Manifest(MediaTypes.OCI_MANIFEST, new Descriptor(MediaTypes.OCI_CONFIG, config, 1),
        List.of(new Descriptor(MediaTypes.OCI_LAYER_GZIP, DIFF_ID, 10)));

    assertThat(new String(ImageJson.write(manifest), StandardCharsets.UTF_8)).isEqualTo(
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
            + config + "\",\"size\":1},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\""
            + DIFF_ID + "\",\"size\":10}]}");
  }
}
