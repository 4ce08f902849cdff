package dev.jbuild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jbuild.testdata.ProcessResult;
import dev.jbuild.testdata.Processes;
import dev.jbuild.testdata.Skopeo;
import dev.jbuild.testdata.TestBed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every --output type, read back by its real consumer: skopeo, docker load, tar, the file system. */
class OutputsIT {
  @TempDir
  static Path cache;

  @TempDir
  Path context;

  @TempDir
  Path out;

  @BeforeAll
  static void testBed() {
    TestBed.seeded(Jbuild.command());
  }

  @BeforeEach
  void project() throws IOException {
    Files.writeString(context.resolve("Dockerfile"), """
        FROM %s/library/busybox
        RUN mkdir /app && echo exported > /app/message && chown 33:33 /app/message && rm /bin/vi
        CMD ["cat", "/app/message"]
        """.formatted(TestBed.REGISTRY));
  }

  private ProcessResult build(String... flags) {
    List<String> args = new ArrayList<>(List.of("build", "--progress=plain", "--cache-dir", cache.toString()));
    args.addAll(List.of(flags));
    args.add(context.toString());
    ProcessResult result = Jbuild.run(context, args.toArray(String[]::new));
    assertThat(result.exitCode()).as(result.describe()).isZero();
    return result;
  }

  private static String run(List<String> dockerArgs) {
    List<String> docker = new ArrayList<>(TestBed.docker());
    docker.addAll(dockerArgs);
    return Processes.check(docker, Duration.ofMinutes(3)).stdout();
  }

  @Test
  void ociDirectory_skopeoCopiesItToARegistryAndItRuns() {
    String digest = build("-t", "outputs/app:1", "--output", "type=oci,dest=" + out.resolve("layout")).stdout().strip();
    String pushed = TestBed.REGISTRY + "/outputs/from-oci:1";

    Processes.check(List.of("skopeo", "copy", "--dest-tls-verify=false", "oci:" + out.resolve("layout") + ":1",
        "docker://" + pushed), Duration.ofMinutes(2));

    assertThat(Skopeo.inspect(pushed).get("Digest").asText()).isEqualTo(digest);
    assertThat(run(List.of("run", "--rm", "--pull", "always", "--network", "none", pushed))).isEqualTo("exported\n");
  }

  @Test
  void ociArchive_skopeoReadsIt() {
    build("-t", "outputs/app:2", "--output", "type=oci,dest=" + out.resolve("image.tar"));

    ProcessResult inspect = Processes.check(List.of("skopeo", "inspect", "--config",
        "oci-archive:" + out.resolve("image.tar") + ":2"), Duration.ofMinutes(2));

    assertThat(inspect.stdout()).contains("\"cat\"", "/app/message");
  }

  @Test
  void dockerArchive_dockerLoadsAndRunsItUnderItsTag() {
    String tag = "jbuild-outputs/docker-load:" + Long.toHexString(System.nanoTime());
    build("-t", tag, "--output", "type=docker,dest=" + out.resolve("docker.tar"));

    String loaded = run(List.of("load", "-i", out.resolve("docker.tar").toString()));

    assertThat(loaded).contains(tag);
    assertThat(run(List.of("run", "--rm", "--network", "none", tag))).isEqualTo("exported\n");
  }

  @Test
  void local_writesTheRootFilesystemWithOwnersAndWithoutDeletedFiles() throws IOException {
    build("--output", "type=local,dest=" + out.resolve("rootfs"));

    Path rootfs = out.resolve("rootfs");
    assertThat(Files.readString(rootfs.resolve("app/message"))).isEqualTo("exported\n");
    assertThat(Files.getAttribute(rootfs.resolve("app/message"), "unix:uid")).isEqualTo(33);
    assertThat(rootfs.resolve("bin/sh")).exists();
    assertThat(rootfs.resolve("bin/vi")).doesNotExist();
  }

  @Test
  void tar_isOneArchiveOfTheRootFilesystem() {
    build("--output", "type=tar,dest=" + out.resolve("rootfs.tar"));

    ProcessResult listing = Processes.check(List.of("tar", "-tvf", out.resolve("rootfs.tar").toString()), Duration.ofMinutes(1));

    assertThat(listing.stdout()).contains("app/message", "bin/sh").doesNotContain("bin/vi");
    assertThat(listing.stdout().lines().filter(line -> line.endsWith("app/message")).findFirst().orElseThrow()).contains("33/33");
  }

  @Test
  void labelsAnnotationsAndRegistryOutput_showInThePushedImage() {
    String image = TestBed.REGISTRY + "/outputs/labelled:1";

    build("-t", image, "--output", "type=registry", "--label", "org.example.team=builders",
        "--annotation", "org.opencontainers.image.source=https://example.com/repo");

    assertThat(Skopeo.config(image).get("config").get("Labels").get("org.example.team").asText()).isEqualTo("builders");
    assertThat(Skopeo.manifest(image).get("annotations").get("org.opencontainers.image.source").asText())
        .isEqualTo("https://example.com/repo");
  }

  @Test
  void compressionLevel_fastestGivesBiggerBlobsOfTheSameLayerAndTheImageRuns(@TempDir Path fastCache,
      @TempDir Path smallCache) throws IOException {
    StringBuilder log = new StringBuilder();
    for (int line = 0; line < 60_000; line++) {
      log.append("2024-05-01T12:00:").append(line % 60).append(" INFO request id=").append(line * 7919 % 100_003)
          .append(" status=").append(line % 13 == 0 ? 500 : 200).append('\n');
    }
    Files.writeString(context.resolve("app.log"), log);
    Files.writeString(context.resolve("Dockerfile"), """
        FROM %s/library/busybox
        COPY app.log /app.log
        CMD ["wc", "-l", "/app.log"]
        """.formatted(TestBed.REGISTRY));
    String fast = TestBed.REGISTRY + "/outputs/level:1";
    String small = TestBed.REGISTRY + "/outputs/level:9";
    for (String[] build : List.of(new String[] {fast, "1", fastCache.toString()}, new String[] {small, "9", smallCache.toString()})) {
      ProcessResult result = Jbuild.run(context, "build", "--progress=plain", "--cache-dir", build[2], "-t", build[0],
          "--output", "type=registry,compression=gzip,compression-level=" + build[1], context.toString());
      assertThat(result.exitCode()).as(result.describe()).isZero();
    }

    // The same files, so the same diff_id; only the compressed blob differs.
    assertThat(Skopeo.config(fast).get("rootfs").get("diff_ids")).isEqualTo(Skopeo.config(small).get("rootfs").get("diff_ids"));
    long fastSize = lastLayer(fast).get("size").asLong();
    long smallSize = lastLayer(small).get("size").asLong();
    assertThat(fastSize).isGreaterThan(smallSize);
    assertThat(run(List.of("run", "--rm", "--pull", "always", "--network", "none", fast))).isEqualTo("60000 /app.log\n");
  }

  @Test
  void zstdLayers_skopeoReadsThemAndTheImageRunsOnceConvertedForDocker(@TempDir Path zstdCache) {
    String image = TestBed.REGISTRY + "/outputs/zstd:1";
    String converted = TestBed.REGISTRY + "/outputs/zstd-as-gzip:1";
    ProcessResult result = Jbuild.run(context, "build", "--progress=plain", "--cache-dir", zstdCache.toString(), "-t",
        image, "--output", "type=registry,compression=zstd,compression-level=9", context.toString());
    assertThat(result.exitCode()).as(result.describe()).isZero();

    JsonNode layers = Skopeo.manifest(image).get("layers");
    assertThat(layers.get(layers.size() - 1).get("mediaType").asText()).isEqualTo("application/vnd.oci.image.layer.v1.tar+zstd");
    // skopeo decompresses every layer to re-compress it with gzip, so it reads each zstd frame whole.
    Processes.check(List.of("skopeo", "copy", "--src-tls-verify=false", "--dest-tls-verify=false",
        "--dest-compress-format", "gzip", "docker://" + image, "docker://" + converted), Duration.ofMinutes(2));
    assertThat(run(List.of("run", "--rm", "--pull", "always", "--network", "none", converted))).isEqualTo("exported\n");
  }

  @Test
  void compressionUnknown_orALevelOutOfRange_isRefusedBeforeBuilding() {
    ProcessResult unknown = Jbuild.run(context, "build", "--cache-dir", cache.toString(), "-t", "outputs/x:1",
        "--output", "type=registry,compression=estargz", context.toString());
    assertThat(unknown.exitCode()).isNotZero();
    assertThat(unknown.stderr()).contains("unsupported compression estargz").doesNotContain("RUN");

    ProcessResult level = Jbuild.run(context, "build", "--cache-dir", cache.toString(), "-t", "outputs/x:1",
        "--output", "type=registry,compression-level=12", context.toString());
    assertThat(level.exitCode()).isNotZero();
    assertThat(level.stderr()).contains("compression-level must be 1 (fastest) to 9 (smallest), not 12");
  }

  private static JsonNode lastLayer(String image) {
    JsonNode layers = Skopeo.manifest(image).get("layers");
    return layers.get(layers.size() - 1);
  }
}
