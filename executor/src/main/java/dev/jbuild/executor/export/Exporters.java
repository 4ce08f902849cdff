package dev.jbuild.executor.export;

import dev.jbuild.cache.CacheDirectory;
import dev.jbuild.core.image.ImageReference;
import dev.jbuild.executor.copy.LayerTree;
import dev.jbuild.executor.layers.LayerStack;
import dev.jbuild.executor.layers.SnapshotOptions;
import dev.jbuild.executor.layers.Snapshotter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/** Writes a built image to the local outputs of {@code --output}. Thread-safe. */
public final class Exporters {
  private final CacheDirectory cache;
  private final Snapshotter snapshotter;

  public Exporters(CacheDirectory cache, Snapshotter snapshotter) {
    this.cache = cache;
    this.snapshotter = snapshotter;
  }

  /**
   * Exports to {@code output} (not {@code registry}, which the pipeline pushes).
   *
   * @param layersTopFirst the image's unpacked layers, for the root filesystem outputs
   */
  public void export(OutputSpec output, ImageFiles image, List<ImageReference> tags, List<Path> layersTopFirst)
      throws IOException {
    Path destination = output.destination().toAbsolutePath();
    switch (output.type()) {
      case "oci" -> {
        if (output.isArchive()) {
          archive(destination, directory -> OciLayouts.writeLayout(directory, image, tags));
        } else {
          OciLayouts.writeLayout(destination, image, tags);
        }
      }
      case "docker" -> archive(destination, directory -> {
        OciLayouts.writeLayout(directory, image, tags);
        OciLayouts.addDockerManifest(directory, image, tags);
      });
      case "local" -> rootFilesystem(layersTopFirst, destination);
      case "tar" -> archive(destination, directory -> rootFilesystem(layersTopFirst, directory));
      default -> throw new IllegalArgumentException("not a local output type: " + output.type());
    }
  }

  /** The merged root filesystem, owners and modes kept, whiteouts applied. */
  private static void rootFilesystem(List<Path> layersTopFirst, Path destination) throws IOException {
    Files.createDirectories(destination);
    LayerStack stack = new LayerStack(layersTopFirst);
    Optional<LayerStack.Entry> root = stack.lookup("/", true);
    if (root.isEmpty()) {
      return; // FROM scratch with no files: an empty directory
    }
    new LayerTree(destination, path -> Optional.empty())
        .copyMergedChildren(stack, root.get(), destination, LayerTree.CopyOptions.of(null, null), path -> false);
  }

  private interface TreeWriter {
    void write(Path directory) throws IOException;
  }

  /** Builds a tree in the cache's work space, then writes it as one plain tar at {@code destination}. */
  private void archive(Path destination, TreeWriter contents) throws IOException {
    Path work = cache.newTemporaryDirectory("export");
    try {
      Path tree = Files.createDirectory(work.resolve("tree"));
      contents.write(tree);
      Path parent = destination.getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Path partial = destination.resolveSibling(destination.getFileName() + ".partial");
      snapshotter.snapshot(tree, partial, SnapshotOptions.defaults().withCompressionLevel(0));
      if (!Files.exists(partial)) {
        // An empty tree: the snapshotter writes nothing, an archive is still expected.
        Files.write(partial, new byte[1024]);
      }
      Files.move(partial, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      OciLayouts.deleteQuietly(work);
    }
  }
}
