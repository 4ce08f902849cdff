package dev.jbuild.cache;

import dev.jbuild.core.digest.Digest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code jbuild cache du} and {@code jbuild cache prune}: measures the cache and evicts blobs and
 * unpacked layers, least recently used first. Entries of the key index whose blobs are gone
 * simply miss later, so nothing else needs to be kept consistent.
 */
public final class CachePruner {
  private final CacheDirectory cache;

  public CachePruner(CacheDirectory cache) {
    this.cache = cache;
  }

  /** One evictable thing: a blob file or an unpacked layer directory. */
  private record Entry(Path path, String hex, long bytes, Instant lastUsed) {}

  public CacheUsage usage() throws IOException {
    List<Entry> blobs = blobs();
    List<Entry> layers = layers();
    List<Entry> mounts = mounts();
    return new CacheUsage(blobs.size(), blobs.stream().mapToLong(Entry::bytes).sum(), layers.size(),
        layers.stream().mapToLong(Entry::bytes).sum(), mounts.size(), mounts.stream().mapToLong(Entry::bytes).sum());
  }

  /**
   * Evicts what was last used longer than {@code unusedFor} ago (when given), then least recently
   * used entries until the cache holds at most {@code keepBytes} (when given); with neither, it
   * empties the cache. Holds the cache exclusively meanwhile, and clears its temporary space.
   *
   * @return the bytes reclaimed
   */
  public long prune(Long keepBytes, Duration unusedFor) throws IOException {
    try (CacheDirectory.Lock lock = cache.lockExclusive()) {
      List<Entry> entries = new ArrayList<>(blobs());
      entries.addAll(layers());
      entries.addAll(mounts());
      entries.sort(Comparator.comparing(Entry::lastUsed));
      long total = entries.stream().mapToLong(Entry::bytes).sum();
      long reclaimed = 0;
      Instant cutoff = unusedFor == null ? null : Instant.now().minus(unusedFor);
      for (Entry entry : entries) {
        boolean stale = cutoff != null && entry.lastUsed().isBefore(cutoff);
        boolean overBudget = keepBytes != null && total - reclaimed > keepBytes;
        boolean everything = keepBytes == null && unusedFor == null;
        if (stale || overBudget || everything) {
          CacheDirectory.deleteRecursively(entry.path());
          if (entry.path().getParent().equals(cache.mountsDirectory())) {
            Files.deleteIfExists(entry.path().resolveSibling(entry.hex() + ".used"));
            Files.deleteIfExists(entry.path().resolveSibling(entry.hex() + ".lock"));
          } else {
            Files.deleteIfExists(cache.verifiedDirectory().resolve(entry.hex()));
          }
          reclaimed += entry.bytes();
        }
      }
      clearTemporary();
      return reclaimed;
    }
  }

  private void clearTemporary() throws IOException {
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(cache.temporaryDirectory())) {
      for (Path path : stream) {
        CacheDirectory.deleteRecursively(path);
      }
    }
  }

  private List<Entry> blobs() throws IOException {
    List<Entry> entries = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(cache.blobsDirectory())) {
      for (Path blob : stream) {
        String hex = blob.getFileName().toString();
        entries.add(new Entry(blob, hex, Files.size(blob), lastUsed(hex, blob)));
      }
    }
    return entries;
  }

  private List<Entry> layers() throws IOException {
    List<Entry> entries = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(cache.layersDirectory())) {
      for (Path layer : stream) {
        String hex = layer.getFileName().toString();
        entries.add(new Entry(layer, hex, sizeOf(layer), lastUsed(hex, layer)));
      }
    }
    return entries;
  }

  /** RUN --mount=type=cache directories; last used when their {@code .used} marker was touched. */
  private List<Entry> mounts() throws IOException {
    List<Entry> entries = new ArrayList<>();
    if (!Files.isDirectory(cache.mountsDirectory())) {
      return entries;
    }
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(cache.mountsDirectory(), Files::isDirectory)) {
      for (Path mount : stream) {
        String name = mount.getFileName().toString();
        Path marker = mount.resolveSibling(name + ".used");
        Path stamp = Files.exists(marker) ? marker : mount;
        entries.add(new Entry(mount, name, sizeOf(mount), Files.getLastModifiedTime(stamp, LinkOption.NOFOLLOW_LINKS).toInstant()));
      }
    }
    return entries;
  }

  private Instant lastUsed(String hex, Path path) throws IOException {
    try {
      return cache.lastUsed(new Digest("sha256", hex)).orElse(Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS).toInstant());
    } catch (IllegalArgumentException e) {
      return Instant.EPOCH; // not one of ours: first to go
    }
  }

  private static long sizeOf(Path directory) throws IOException {
    long[] total = {0};
    try {
      Files.walkFileTree(directory, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
          total[0] += attributes.size();
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return total[0];
  }
}
