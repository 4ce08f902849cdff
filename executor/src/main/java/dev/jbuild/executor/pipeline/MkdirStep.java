package dev.jbuild.executor.pipeline;

import dev.jbuild.cache.CacheDirectory;
import dev.jbuild.core.semantics.MkdirEffect;
import dev.jbuild.executor.copy.ChownResolver;
import dev.jbuild.executor.copy.LayerTree;
import dev.jbuild.executor.copy.Ownership;
import dev.jbuild.executor.layers.LayerStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** WORKDIR: creates the directory (owned by the stage's USER) when the stage lacks it. */
final class MkdirStep {
  private MkdirStep() {}

  static Optional<Layer> execute(BuildServices services, StageResult stage, MkdirEffect effect) throws IOException {
    LayerStack files = new LayerStack(stage.lowerDirectories());
    Optional<LayerStack.Entry> existing = files.lookup(effect.path(), true);
    if (existing.isPresent() && existing.get().isDirectory()) {
      return Optional.empty();
    }
    CacheDirectory cache = services.cache();
    Path work = cache.newTemporaryDirectory("workdir");
    try {
      Path layerRoot = Files.createDirectory(work.resolve("layer"));
      Ownership owner = effect.user().isEmpty() ? Ownership.ROOT : ChownResolver.resolve(effect.user(), files);
      LayerTree tree = new LayerTree(layerRoot, shapes(files));
      tree.directory(files.resolvePath(effect.path(), true), owner);
      return Snapshots.commit(cache, services.snapshotter(), layerRoot, services.layerOptions());
    } finally {
      CacheDirectory.deleteRecursively(work);
    }
  }

  /** The shapes of a stage's existing directories, for parents a new layer recreates. */
  static LayerTree.ExistingDirectories shapes(LayerStack files) {
    return path -> {
      Optional<LayerStack.Entry> entry = files.lookup(path, true);
      return entry.isPresent() ? LayerTree.shapeOf(entry.get().hostPath()) : Optional.empty();
    };
  }
}
