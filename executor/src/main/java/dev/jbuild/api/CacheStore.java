package dev.jbuild.api;

import dev.jbuild.executor.caches.CacheCommands;
import java.nio.file.Path;
import java.time.Duration;

/** jbuild's local cache, for {@code jbuild cache du} and {@code jbuild cache prune}. */
public final class CacheStore {
  /** What the cache holds. */
  public record Usage(int blobs, long blobBytes, int layers, long layerBytes, int mounts, long mountBytes) {
    public long totalBytes() {
      return blobBytes + layerBytes + mountBytes;
    }
  }

  private final CacheCommands commands;

  private CacheStore(CacheCommands commands) {
    this.commands = commands;
  }

  /** Opens the cache at {@code directory}, or the default one when null. */
  public static CacheStore open(Path directory) throws BuildException {
    return new CacheStore(CacheCommands.open(directory));
  }

  public Path directory() {
    return commands.directory();
  }

  public Usage usage() throws BuildException {
    return commands.usage();
  }

  /**
   * Evicts, least recently used first, what was unused for longer than {@code unusedFor} and then
   * whatever exceeds {@code keepBytes}; with neither, everything. Waits for running builds.
   *
   * @return the bytes reclaimed
   */
  public long prune(Long keepBytes, Duration unusedFor) throws BuildException {
    return commands.prune(keepBytes, unusedFor);
  }
}
