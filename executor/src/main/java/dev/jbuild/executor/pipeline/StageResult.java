package dev.jbuild.executor.pipeline;

import dev.jbuild.core.image.ImageConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A finished stage: its image config and layers, bottom first. */
record StageResult(ImageConfig config, List<Layer> layers) {
  StageResult {
    layers = List.copyOf(layers);
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
