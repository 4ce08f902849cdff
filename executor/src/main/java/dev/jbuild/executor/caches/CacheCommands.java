package dev.jbuild.executor.caches;

import dev.jbuild.api.BuildException;
import dev.jbuild.api.CacheStore;
import dev.jbuild.cache.CacheDirectory;
import dev.jbuild.cache.CachePruner;
import dev.jbuild.cache.CacheUsage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs {@code jbuild cache du|prune} on a cache directory and turns failures into one-line
 * {@link BuildException}s. Public only for {@link CacheStore}. Immutable.
 */
public final class CacheCommands {
  private final CacheDirectory cache;

  private CacheCommands(CacheDirectory cache) {
    this.cache = cache;
  }

  /** Opens the cache at {@code directory}, or the default one when null. */
  public static CacheCommands open(Path directory) throws BuildException {
    try {
      return new CacheCommands(CacheDirectory.open(directory != null ? directory : CacheDirectory.defaultRoot()));
    } catch (IOException e) {
      throw new BuildException("cannot open the cache: " + e.getMessage(), e);
    }
  }

  public Path directory() {
    return cache.root();
  }

  public CacheStore.Usage usage() throws BuildException {
    try {
      CacheUsage usage = new CachePruner(cache).usage();
      return new CacheStore.Usage(usage.blobs(), usage.blobBytes(), usage.layers(), usage.layerBytes(), usage.mounts(),
          usage.mountBytes());
    } catch (IOException e) {
      throw new BuildException("cannot measure the cache " + cache.root() + ": " + e.getMessage(), e);
    }
  }

  public long prune(Long keepBytes, Duration unusedFor) throws BuildException {
    try {
      return new CachePruner(cache).prune(keepBytes, unusedFor);
    } catch (IOException e) {
      throw new BuildException("cannot prune the cache " + cache.root() + ": " + e.getMessage(), e);
    }
  }
}
