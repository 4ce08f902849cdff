package dev.jbuild.executor.pipeline;

import dev.jbuild.cache.CacheDirectory;
import dev.jbuild.core.semantics.MkdirEffect;
import dev.jbuild.executor.context.RootPaths;
import dev.jbuild.executor.copy.ChownResolver;
import dev.jbuild.executor.copy.LayerTree;
import dev.jbuild.executor.copy.Ownership;
import dev.jbuild.executor.layers.SnapshotOptions;
import dev.jbuild.executor.sandbox.SandboxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/** WORKDIR: creates the directory (owned by the stage's USER) when the stage lacks it. */
final class MkdirStep {
  private MkdirStep() {}

  static Optional<Layer> execute(BuildServices services, StageResult stage, MkdirEffect effect)
      throws IOException, SandboxException, InterruptedException {
    CacheDirectory cache = services.cache();
    Path work = cache.newTemporaryDirectory("workdir");
    try {
      Path layerRoot = Files.createDirectory(work.resolve("layer"));
      boolean created = services.views().withMergedRoot(stage.lowerDirectories(), root -> {
        Path existing = RootPaths.resolve(root, effect.path(), true);
        if (Files.isDirectory(existing, LinkOption.NOFOLLOW_LINKS)) {
          return false;
        }
        String target = RootPaths.imagePath(root, existing);
        Ownership owner = effect.user().isEmpty() ? Ownership.ROOT : ChownResolver.resolve(effect.user(), root);
        LayerTree tree = new LayerTree(layerRoot, path -> LayerTree.shapeOf(RootPaths.resolve(root, path, true)));
        tree.directory(target, owner);
        return true;
      });
      if (!created) {
        return Optional.empty();
      }
      return Snapshots.commit(cache, services.snapshotter(), layerRoot, SnapshotOptions.defaults());
    } finally {
      CacheDirectory.deleteRecursively(work);
    }
  }
}
