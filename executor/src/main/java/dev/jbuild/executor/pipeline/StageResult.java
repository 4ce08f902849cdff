package dev.jbuild.executor.pipeline;

import dev.jbuild.cache.CacheKey;
import dev.jbuild.core.image.ImageConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A stage's state at a step boundary (or finished): its image config, its layers bottom first,
 * and the cache key of its last step (for a base image: the key its manifest digest roots).
 */
record StageResult(ImageConfig config, List<Layer> layers, CacheKey key) {
  StageResult {
    layers = List.copyOf(layers);
    java.util.Objects.requireNonNull(key, "key");
  }

  /** The unpacked layer directories in overlayfs lowerdir order: top-most first. */
  List<Path> lowerDirectories() {
    List<Path> directories = new ArrayList<>(layers.size());
    for (int i = layers.size() - 1; i >= 0; i--) {
      directories.add(layers.get(i).directory());
    }
    return directories;
  }
}
