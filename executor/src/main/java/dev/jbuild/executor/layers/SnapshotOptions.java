package dev.jbuild.executor.layers;

import dev.jbuild.core.tar.LayerWriter;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * How {@link Snapshotter} turns a directory into a layer.
 *
 * @param skippedPaths paths relative to the layer root ({@code etc/resolv.conf}; a leading slash is
 *     dropped) left out of the layer together with everything below them: a step's mount points
 *     and provided files
 * @param modificationTimeClamp when present (SOURCE_DATE_EPOCH), later mtimes are replaced by it
 * @param compressionLevel gzip level 1..9 (zstd: 1..22), or 0 for a plain tar (exports, not layers)
 * @param zstd zstd instead of gzip ({@code application/vnd.oci.image.layer.v1.tar+zstd})
 */
public record SnapshotOptions(Set<String> skippedPaths, Optional<Instant> modificationTimeClamp, int compressionLevel,
    boolean zstd) {
  /** Options with gzip layers. */
  public SnapshotOptions(Set<String> skippedPaths, Optional<Instant> modificationTimeClamp, int compressionLevel) {
    this(skippedPaths, modificationTimeClamp, compressionLevel, false);
  }

  public SnapshotOptions {
    TreeSet<String> normalised = new TreeSet<>();
    for (String path : skippedPaths) {
      String relative = path;
      while (relative.startsWith("/")) {
        relative = relative.substring(1);
      }
      while (relative.endsWith("/")) {
        relative = relative.substring(0, relative.length() - 1);
      }
      if (relative.isEmpty()) {
        throw new IllegalArgumentException("the layer root cannot be skipped");
      }
      normalised.add(relative);
    }
    skippedPaths = Set.copyOf(normalised);
    if (modificationTimeClamp == null) {
      throw new NullPointerException("modificationTimeClamp");
    }
    if (compressionLevel < 0 || compressionLevel > (zstd ? 22 : 9)) {
      throw new IllegalArgumentException((zstd ? "zstd level must be 1..22" : "gzip level must be 1..9")
          + " (0: no compression): " + compressionLevel);
    }
  }

  /** Nothing skipped, no clamp, the default gzip level. */
  public static SnapshotOptions defaults() {
    return new SnapshotOptions(Set.of(), Optional.empty(), LayerWriter.DEFAULT_COMPRESSION_LEVEL);
  }

  public SnapshotOptions withSkippedPaths(Collection<String> paths) {
    return new SnapshotOptions(Set.copyOf(paths), modificationTimeClamp, compressionLevel, zstd);
  }

  public SnapshotOptions withModificationTimeClamp(Instant clamp) {
    return new SnapshotOptions(skippedPaths, Optional.of(clamp), compressionLevel, zstd);
  }

  /** gzip at {@code level} (0: a plain tar). */
  public SnapshotOptions withCompressionLevel(int level) {
    return new SnapshotOptions(skippedPaths, modificationTimeClamp, level, false);
  }

  /** zstd at {@code level}, 1..22. */
  public SnapshotOptions withZstd(int level) {
    return new SnapshotOptions(skippedPaths, modificationTimeClamp, level, true);
  }
}
