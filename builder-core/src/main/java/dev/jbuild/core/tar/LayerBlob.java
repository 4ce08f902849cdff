package dev.jbuild.core.tar;

import dev.jbuild.core.digest.Digest;
import java.util.Objects;

/**
 * A written layer blob: {@code digest} and {@code size} describe the compressed bytes (what a
 * registry stores), {@code diffId} is the sha256 of the uncompressed tar (what an image config's
 * {@code rootfs.diff_ids} lists).
 */
public record LayerBlob(Digest digest, Digest diffId, long size, String mediaType) {
  public LayerBlob {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(diffId, "diffId");
    Objects.requireNonNull(mediaType, "mediaType");
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative: " + size);
    }
  }
}
