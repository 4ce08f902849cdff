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
 * @param compressionLevel gzip level 1..9, or 0 for a plain tar (exports, not layers)
 */
public record SnapshotOptions(Set<String> skippedPaths, Optional<Instant> modificationTimeClamp, int compressionLevel) {
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
    if (compressionLevel < 0 || compressionLevel > 9) {
      throw new IllegalArgumentException("gzip level must be 1..9 (0: no compression): " + compressionLevel);
    }
  }

  /** Nothing skipped, no clamp, the default gzip level. */
  public static SnapshotOptions defaults() {
    return new SnapshotOptions(Set.of(), Optional.empty(), LayerWriter.DEFAULT_COMPRESSION_LEVEL);
  }

  public SnapshotOptions withSkippedPaths(Collection<String> paths) {
    return new SnapshotOptions(Set.copyOf(paths), modificationTimeClamp, compressionLevel);
  }

  public SnapshotOptions withModificationTimeClamp(Instant clamp) {
    return new SnapshotOptions(skippedPaths, Optional.of(clamp), compressionLevel);
  }

  public SnapshotOptions withCompressionLevel(int level) {
    return new SnapshotOptions(skippedPaths, modificationTimeClamp, level);
  }
}
