package dev.jbuild.registry;

import dev.jbuild.core.digest.Digest;
import dev.jbuild.core.image.ContainerConfig;
import dev.jbuild.core.image.Descriptor;
import dev.jbuild.core.image.HistoryEntry;
import dev.jbuild.core.image.ImageConfig;
import dev.jbuild.core.image.ImageIndex;
import dev.jbuild.core.image.ImageJson;
import dev.jbuild.core.image.Manifest;
import dev.jbuild.core.image.MediaTypes;
import dev.jbuild.core.image.Platform;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A one-layer image built in a test: a gzip layer holding {@code /hello.txt}, a config for a
 * platform, and the manifest JSON, with blobs written to files.
 */
record TestImage(
    Descriptor layer, Descriptor config, byte[] manifestJson, String manifestMediaType,
    List<BlobUpload> blobs, Path layerFile) {

  /** An OCI image whose file says {@code text}. */
  static TestImage oci(Path directory, String text, Platform platform) throws IOException {
    return build(directory, text, platform, false, Map.of());
  }

  /** A Docker v2 schema 2 image whose file says {@code text}. */
  static TestImage docker(Path directory, String text, Platform platform) throws IOException {
    return build(directory, text, platform, true, Map.of());
  }

  /** An OCI image with {@code labels} as config labels and manifest annotations (to test bytes beyond ASCII). */
  static TestImage ociWithLabels(Path directory, String text, Map<String, String> labels)
      throws IOException {
    return build(directory, text, Platform.LINUX_AMD64, false, labels);
  }

  /**
   * An OCI image whose one file holds {@code size} random bytes (incompressible, so the layer
   * blob is about as large), made from {@code seed}.
   */
  static TestImage ociWithRandomFile(Path directory, int size, long seed) throws IOException {
    byte[] content = new byte[size];
    new java.util.Random(seed).nextBytes(content);
    return build(directory, content, Platform.LINUX_AMD64, false, Map.of());
  }

  private static TestImage build(Path directory, String text, Platform platform, boolean docker,
      Map<String, String> labels) throws IOException {
    return build(directory, text.getBytes(StandardCharsets.UTF_8), platform, docker, labels);
  }

  private static TestImage build(Path directory, byte[] content, Platform platform, boolean docker,
      Map<String, String> labels) throws IOException {
    byte[] tar = tarOf("hello.txt", content);
    byte[] gzip = gzip(tar);
    Descriptor layer = new Descriptor(
        docker ? MediaTypes.DOCKER_LAYER_GZIP : MediaTypes.OCI_LAYER_GZIP,
        Digest.sha256Of(gzip), gzip.length);
    ImageConfig imageConfig = ImageConfig.scratch(platform)
        .withCreated(Instant.parse("2024-01-01T00:00:00Z"))
        .withConfig(ContainerConfig.EMPTY.withCmd(List.of("/bin/cat", "/hello.txt")).withLabels(labels))
        .withLayer(Digest.sha256Of(tar), new HistoryEntry(null, "ADD hello.txt /", null, null, false));
    byte[] configJson = ImageJson.write(imageConfig);
    Descriptor config = new Descriptor(
        docker ? MediaTypes.DOCKER_CONFIG : MediaTypes.OCI_CONFIG,
        Digest.sha256Of(configJson), configJson.length);
    String mediaType = docker ? MediaTypes.DOCKER_MANIFEST : MediaTypes.OCI_MANIFEST;
    byte[] manifestJson = ImageJson.write(new Manifest(2, mediaType, config, List.of(layer), labels));

    Files.createDirectories(directory);
    Path layerFile = Files.write(directory.resolve(layer.digest().hex()), gzip);
    Path configFile = Files.write(directory.resolve(config.digest().hex()), configJson);
    return new TestImage(layer, config, manifestJson, mediaType,
        List.of(new BlobUpload(layer, layerFile), new BlobUpload(config, configFile)), layerFile);
  }

  Digest manifestDigest() {
    return Digest.sha256Of(manifestJson);
  }

  /** A descriptor of this image's manifest for an index entry. */
  Descriptor asIndexEntry(Platform platform) {
    return new Descriptor(manifestMediaType, manifestDigest(), manifestJson.length, Map.of(), platform);
  }

  /** The blobs, each remembering {@code origin} as the image it came from. */
  List<BlobUpload> blobsFrom(dev.jbuild.core.image.ImageReference origin) {
    return blobs.stream().map(blob -> new BlobUpload(blob.descriptor(), blob.file(), origin)).toList();
  }

  static byte[] indexJson(String mediaType, List<Descriptor> manifests) {
    return ImageJson.write(new ImageIndex(2, mediaType, manifests, Map.of()));
  }

  private static byte[] tarOf(String name, byte[] content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      TarArchiveEntry entry = new TarArchiveEntry(name);
      entry.setSize(content.length);
      entry.setMode(0644);
      entry.setModTime(0);
      tar.putArchiveEntry(entry);
      tar.write(content);
      tar.closeArchiveEntry();
    }
    return bytes.toByteArray();
  }

  private static byte[] gzip(byte[] content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(content);
    }
    return bytes.toByteArray();
  }
}
