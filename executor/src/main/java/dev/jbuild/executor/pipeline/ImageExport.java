package dev.jbuild.executor.pipeline;

import dev.jbuild.api.BuildEvent;
import dev.jbuild.cache.CacheDirectory;
import dev.jbuild.core.digest.Digest;
import dev.jbuild.core.image.Descriptor;
import dev.jbuild.core.image.ImageConfig;
import dev.jbuild.core.image.ImageJson;
import dev.jbuild.core.image.ImageReference;
import dev.jbuild.core.image.Manifest;
import dev.jbuild.core.image.MediaTypes;
import dev.jbuild.registry.BlobUpload;
import dev.jbuild.registry.RegistryClient;
import dev.jbuild.registry.RegistryException;
import java.io.IOException;
import java.util.ArrayList;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Writes the final image (config, manifest) into the cache and pushes it when asked. */
final class ImageExport {
  /** The exported image: its manifest digest and bytes, and its config digest. */
  record Exported(Digest manifestDigest, byte[] manifestJson, Digest configDigest) {}

  private ImageExport() {}

  /** The manifest flavour to write: its media types for manifest, config and layers. */
  enum ManifestFormat {
    OCI(MediaTypes.OCI_MANIFEST, MediaTypes.OCI_CONFIG),
    DOCKER(MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_CONFIG);

    final String manifestMediaType;
    final String configMediaType;

    ManifestFormat(String manifestMediaType, String configMediaType) {
      this.manifestMediaType = manifestMediaType;
      this.configMediaType = configMediaType;
    }

    /** {@code oci} or {@code docker}, as {@link dev.jbuild.api.BuildRequest#format()} names them. */
    static ManifestFormat of(String name) {
      return name == null ? OCI : valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }

    /** This format's media type for a layer blob, whatever manifest flavour it came from. */
    String layerType(String mediaType) throws IOException {
      if (this == OCI) {
        return ociLayerType(mediaType);
      }
      return switch (ociLayerType(mediaType)) {
        case MediaTypes.OCI_LAYER_GZIP -> MediaTypes.DOCKER_LAYER_GZIP;
        case MediaTypes.OCI_LAYER_TAR -> "application/vnd.docker.image.rootfs.diff.tar";
        default -> throw new IOException("a Docker v2 schema 2 manifest (--format docker) cannot carry a layer of type "
            + mediaType + "; use --format oci");
      };
    }
  }

  /** Stores the config and an OCI manifest for {@code result} in the cache. */
  static Exported store(CacheDirectory cache, StageResult result, Optional<Instant> sourceDateEpoch,
      ManifestFormat format, Map<String, String> labels, Map<String, String> annotations) throws IOException {
    ImageConfig config = History.normalize(result.config(), sourceDateEpoch);
    if (!labels.isEmpty()) {
      // --label adds to (and overrides) the Dockerfile's LABELs, as docker build does.
      Map<String, String> merged = new java.util.LinkedHashMap<>(config.config().labels());
      merged.putAll(labels);
      config = config.withConfig(config.config().withLabels(merged));
    }
    byte[] configJson = ImageJson.write(config);
    Digest configDigest = cache.writeBlob(configJson);
    List<Descriptor> layers = new ArrayList<>();
    for (Layer layer : result.layers()) {
      Descriptor blob = layer.blob();
      layers.add(new Descriptor(format.layerType(blob.mediaType()), blob.digest(), blob.size()));
    }
    Manifest manifest = new Manifest(2, format.manifestMediaType,
        new Descriptor(format.configMediaType, configDigest, configJson.length), layers, annotations);
    byte[] manifestJson = ImageJson.write(manifest);
    Digest manifestDigest = cache.writeBlob(manifestJson);
    return new Exported(manifestDigest, manifestJson, configDigest);
  }

  /** The stored image as the exporters read it. */
  static dev.jbuild.executor.export.ImageFiles files(CacheDirectory cache, Exported image) throws IOException {
    Manifest manifest = ImageJson.read(image.manifestJson(), Manifest.class);
    return new dev.jbuild.executor.export.ImageFiles(image.manifestJson(), image.manifestDigest(), manifest.mediaType(),
        manifest.config(), manifest.layers(), cache::blobPath);
  }

  /** Pushes blobs and manifest to every tag; returns the digest the registry accepted. */
  static Digest push(BuildServices services, RegistryClient registry, StageResult result, Exported image,
      List<ImageReference> tags) throws RegistryException, IOException {
    CacheDirectory cache = services.cache();
    List<BlobUpload> uploads = new ArrayList<>();
    for (Layer layer : result.layers()) {
      Descriptor blob = layer.blob();
      uploads.add(new BlobUpload(new Descriptor(ociLayerType(blob.mediaType()), blob.digest(), blob.size()),
          cache.blobPath(blob.digest()), layer.source()));
    }
    uploads.add(new BlobUpload(new Descriptor(MediaTypes.OCI_CONFIG, image.configDigest(),
        java.nio.file.Files.size(cache.blobPath(image.configDigest()))), cache.blobPath(image.configDigest()), null));
    for (ImageReference tag : tags) {
      services.listener().onEvent(new BuildEvent.Activity("pushing " + tag.familiar()));
    }
    // The manifest says its own type (OCI or Docker, as store wrote it).
    String manifestMediaType = ImageJson.mediaTypeOf(image.manifestJson());
    Digest pushed = registry.push(tags, uploads, image.manifestJson(), manifestMediaType,
        (blob, sent) -> services.listener().onEvent(
            new BuildEvent.Transfer("push " + blob.digest().hex().substring(0, 12), sent, blob.size())));
    if (!pushed.equals(image.manifestDigest())) {
      throw new IOException("the registry stored manifest " + pushed + " but jbuild wrote " + image.manifestDigest());
    }
    return pushed;
  }

  /** The OCI media type for a layer blob, whatever manifest flavour it came from. */
  static String ociLayerType(String mediaType) {
    return switch (mediaType) {
      case MediaTypes.DOCKER_LAYER_GZIP, MediaTypes.OCI_LAYER_GZIP -> MediaTypes.OCI_LAYER_GZIP;
      case "application/vnd.docker.image.rootfs.diff.tar", MediaTypes.OCI_LAYER_TAR -> MediaTypes.OCI_LAYER_TAR;
      default -> mediaType;
    };
  }
}
