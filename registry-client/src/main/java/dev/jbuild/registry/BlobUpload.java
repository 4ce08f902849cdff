package dev.jbuild.registry;

import dev.jbuild.core.image.Descriptor;
import dev.jbuild.core.image.ImageReference;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One blob to push: its descriptor (digest and size), the file holding exactly those bytes, and
 * optionally the image it came from, so that a registry already holding it in another repository
 * can mount it instead of receiving it again.
 *
 * @param mountFrom the image the blob was pulled from, or null; used only when it is on the same
 *     registry as a push target
 */
public record BlobUpload(Descriptor descriptor, Path file, ImageReference mountFrom) {

  public BlobUpload {
    Objects.requireNonNull(descriptor, "descriptor");
    Objects.requireNonNull(file, "file");
  }

  public BlobUpload(Descriptor descriptor, Path file) {
    this(descriptor, file, null);
  }
}
