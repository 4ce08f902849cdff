package dev.jbuild.executor.export;

import dev.jbuild.cache.CacheDirectory;
import dev.jbuild.core.image.Descriptor;
import dev.jbuild.core.image.ImageIndex;
import dev.jbuild.core.image.ImageJson;
import dev.jbuild.core.image.ImageReference;
import dev.jbuild.core.image.MediaTypes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OCI image layouts ({@code oci-layout}, {@code index.json}, {@code blobs/sha256/...}) as
 * {@code skopeo copy oci:DIR:TAG} reads them, and docker archives (the same layout plus the
 * {@code manifest.json} that {@code docker load} reads), each as a directory or a tar file.
 */
public final class OciLayouts {
  private OciLayouts() {}

  /** Writes (or adds to) the layout in {@code directory}; each tag names the image in index.json. */
  public static void writeLayout(Path directory, ImageFiles image, List<ImageReference> tags) throws IOException {
    Files.createDirectories(directory.resolve("blobs/sha256"));
    Files.writeString(directory.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    for (Descriptor blob : blobsOf(image)) {
      copyBlob(image.blobs().apply(blob.digest()), directory.resolve("blobs/sha256").resolve(blob.digest().hex()));
    }
    Path manifest = directory.resolve("blobs/sha256").resolve(image.manifestDigest().hex());
    if (!Files.exists(manifest)) {
      Files.write(manifest, image.manifestJson());
    }
    List<Descriptor> manifests = new ArrayList<>();
    if (tags.isEmpty()) {
      manifests.add(image.manifestDescriptor());
    }
    for (ImageReference tag : tags) {
      Map<String, String> annotations = new LinkedHashMap<>();
      annotations.put("io.containerd.image.name", tag.toString());
      annotations.put("org.opencontainers.image.ref.name", tag.tag() != null ? tag.tag() : tag.toString());
      Descriptor descriptor = image.manifestDescriptor();
      manifests.add(new Descriptor(descriptor.mediaType(), descriptor.digest(), descriptor.size(), annotations, null));
    }
    Files.write(directory.resolve("index.json"), ImageJson.write(new ImageIndex(2, MediaTypes.OCI_INDEX, manifests, Map.of())));
  }

  /** Adds docker's {@code manifest.json} to a layout, so that {@code docker load} takes it. */
  public static void addDockerManifest(Path directory, ImageFiles image, List<ImageReference> tags) throws IOException {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("Config", "blobs/sha256/" + image.config().digest().hex());
    List<String> repoTags = new ArrayList<>();
    for (ImageReference tag : tags) {
      repoTags.add(tag.familiar());
    }
    entry.put("RepoTags", repoTags);
    List<String> layers = new ArrayList<>();
    for (Descriptor layer : image.layers()) {
      layers.add("blobs/sha256/" + layer.digest().hex());
    }
    entry.put("Layers", layers);
    Files.write(directory.resolve("manifest.json"), ImageJson.write(List.of(entry)));
  }

  private static List<Descriptor> blobsOf(ImageFiles image) {
    List<Descriptor> blobs = new ArrayList<>(image.layers());
    blobs.add(image.config());
    return blobs;
  }

  /** A hard link when the cache is on the same file system (blobs are immutable), else a copy. */
  private static void copyBlob(Path source, Path target) throws IOException {
    if (Files.exists(target)) {
      return;
    }
    try {
      Files.createLink(target, source);
    } catch (FileAlreadyExistsException e) {
      // written by an earlier export to the same layout
    } catch (IOException | UnsupportedOperationException e) {
      Path temporary = target.resolveSibling(target.getFileName() + ".partial");
      Files.copy(source, temporary, StandardCopyOption.REPLACE_EXISTING);
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  static void deleteQuietly(Path path) {
    try {
      CacheDirectory.deleteRecursively(path);
    } catch (IOException e) {
      // a leftover temporary directory under the cache's tmp/ is cleaned by cache prune
    }
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
