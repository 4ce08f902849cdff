package dev.jbuild.executor.export;

import dev.jbuild.core.digest.Digest;
import dev.jbuild.core.image.Descriptor;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A built image as exporters see it: its manifest (bytes, digest, media type), its config
 * descriptor, its layer descriptors, and where the cache keeps each blob.
 */
public record ImageFiles(byte[] manifestJson, Digest manifestDigest, String manifestMediaType, Descriptor config,
    List<Descriptor> layers, java.util.function.Function<Digest, Path> blobs) {
  public ImageFiles {
    Objects.requireNonNull(manifestJson, "manifestJson");
    Objects.requireNonNull(manifestDigest, "manifestDigest");
    Objects.requireNonNull(config, "config");
    layers = List.copyOf(layers);
    Objects.requireNonNull(blobs, "blobs");
  }

  public Descriptor manifestDescriptor() {
    return new Descriptor(manifestMediaType, manifestDigest, manifestJson.length);
  }
}
