package dev.jbuild.api;

import dev.jbuild.cache.CacheDirectory;
import dev.jbuild.cache.CachePruner;
import dev.jbuild.cache.CacheUsage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** jbuild's local cache, for {@code jbuild cache du} and {@code jbuild cache prune}. */
public final class CacheStore {
  /** What the cache holds. */
  public record Usage(int blobs, long blobBytes, int layers, long layerBytes) {
    public long totalBytes() {
      return blobBytes + layerBytes;
    }
  }

  private final CacheDirectory cache;

  private CacheStore(CacheDirectory cache) {
    this.cache = cache;
  }

  /** Opens the cache at {@code directory}, or the default one when null. */
  public static CacheStore open(Path directory) throws BuildException {
    try {
      return new CacheStore(CacheDirectory.open(directory != null ? directory : CacheDirectory.defaultRoot()));
    } catch (IOException e) {
      throw new BuildException("cannot open the cache: " + e.getMessage(), e);
    }
  }

  public Path directory() {
    return cache.root();
  }

  public Usage usage() throws BuildException {
    try {
      CacheUsage usage = new CachePruner(cache).usage();
      return new Usage(usage.blobs(), usage.blobBytes(), usage.layers(), usage.layerBytes());
    } catch (IOException e) {
      throw new BuildException("cannot measure the cache " + cache.root() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Evicts, least recently used first, what was unused for longer than {@code unusedFor} and then
   * whatever exceeds {@code keepBytes}; with neither, everything. Waits for running builds.
   *
   * @return the bytes reclaimed
   */
  public long prune(Long keepBytes, Duration unusedFor) throws BuildException {
    try {
      return new CachePruner(cache).prune(keepBytes, unusedFor);
    } catch (IOException e) {
      throw new BuildException("cannot prune the cache " + cache.root() + ": " + e.getMessage(), e);
    }
  }
}
