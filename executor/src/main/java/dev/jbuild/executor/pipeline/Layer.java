package dev.jbuild.executor.pipeline;

import dev.jbuild.core.digest.Digest;
import dev.jbuild.core.image.Descriptor;
import dev.jbuild.core.image.ImageReference;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One layer of a stage: its compressed blob (in the cache, by {@code blob.digest()}), its
 * uncompressed digest, its unpacked directory (an overlay lower dir), for base-image layers the
 * repository it came from (so a push can cross-mount it instead of uploading), and for built
 * layers when they were made (null for base layers).
 */
record Layer(Descriptor blob, Digest diffId, Path directory, ImageReference source, java.time.Instant created) {
  Layer {
    Objects.requireNonNull(blob, "blob");
    Objects.requireNonNull(diffId, "diffId");
    Objects.requireNonNull(directory, "directory");
  }
}
