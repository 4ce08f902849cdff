package dev.jbuild.registry;

import dev.jbuild.core.digest.Digest;
import dev.jbuild.core.image.ImageJson;
import dev.jbuild.core.image.MediaTypes;
import java.io.IOException;

/**
 * A manifest or index exactly as the registry sent it, with the media type it declared in its
 * {@code Content-Type} (null when absent).
 */
record RawManifest(byte[] bytes, String contentType) {

  Digest digest() {
    return Digest.sha256Of(bytes);
  }

  /**
   * The media type: the {@code Content-Type} when it is an image manifest or index type, else
   * the document's own {@code mediaType} (an OCI manifest or index may omit it; its fields tell).
   */
  String mediaType() throws IOException {
    if (contentType != null && (MediaTypes.isIndex(contentType) || MediaTypes.isManifest(contentType))) {
      return contentType;
    }
    return ImageJson.mediaTypeOf(bytes);
  }
}
