package dev.jbuild.executor.pipeline;

import dev.jbuild.cache.CacheDirectory;
import dev.jbuild.core.image.Descriptor;
import dev.jbuild.core.tar.LayerBlob;
import dev.jbuild.executor.layers.SnapshotOptions;
import dev.jbuild.executor.layers.Snapshotter;
import dev.jbuild.executor.linux.Linux;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/** Turns a finished layer directory into a cached blob and a cached lower dir. */
final class Snapshots {
  private Snapshots() {}

  /**
   * Snapshots {@code layerDirectory} (overlayfs form) into a gzip layer blob and moves both the
   * blob and the directory into the cache. Empty when the directory holds no change (nothing but
   * skipped paths), in which case the directory is left to the caller to delete.
   */
  static Optional<Layer> commit(CacheDirectory cache, Snapshotter snapshotter, Path layerDirectory,
      SnapshotOptions options) throws IOException {
    // The directory becomes a cached lower dir: its files must reach the disk before it is
    // renamed into place (RUN's overlay was mounted "volatile", COPY wrote without syncing).
    // That flush (a syncfs: up to a second for a big layer) runs while the layer is written,
    // which only reads the files.
    FutureTask<Void> flush = new FutureTask<>(() -> {
      Linux.syncFileSystem(layerDirectory);
      return null;
    });
    Thread flusher = new Thread(flush, "jbuild-flush");
    flusher.setDaemon(true);
    flusher.start();
    Path blobFile = cache.newTemporaryFile("layer");
    Optional<LayerBlob> snapshot;
    try {
      snapshot = snapshotter.snapshot(layerDirectory, blobFile, options);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(blobFile);
      awaitQuietly(flush);
      throw e;
    }
    if (snapshot.isEmpty()) {
      Files.deleteIfExists(blobFile);
      awaitQuietly(flush);
      return Optional.empty();
    }
    LayerBlob blob = snapshot.get();
    await(flush, layerDirectory);
    cache.commitBlob(blobFile, blob.digest());
    Path directory = cache.commitLayer(layerDirectory, blob.diffId());
    return Optional.of(new Layer(new Descriptor(blob.mediaType(), blob.digest(), blob.size()), blob.diffId(),
        directory, null, java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
  }

  private static void await(FutureTask<Void> flush, Path layerDirectory) throws IOException {
    try {
      flush.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while flushing " + layerDirectory + " to disk");
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io
          : new IOException("flushing " + layerDirectory + " to disk failed", e.getCause());
    }
  }

  /** Waits for the flush of a layer that is not kept, so that no thread outlives the step. */
  private static void awaitQuietly(FutureTask<Void> flush) {
    try {
      flush.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      // the layer is not kept: a failed flush of it does not matter
    }
  }
}
