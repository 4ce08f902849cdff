package dev.jbuild.cache;

import dev.jbuild.core.digest.Digest;
import dev.jbuild.core.digest.Digests;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The layout of a cache directory and the only code that decides paths in it:
 *
 * <pre>
 *   blobs/sha256/HEX        compressed layers, configs and manifests, by digest
 *   layers/sha256/HEX/      unpacked layers in overlayfs form, by diff_id (overlay lower dirs)
 *   refs/...                small records: base images resolved, built images, the key index (refs/keys)
 *   meta/verified/HEX       the stat of a blob when its digest was last known good
 *   meta/used/HEX           touched when a blob or layer is used, for LRU pruning
 *   mounts/NAME/            RUN --mount=type=cache directories (NAME: from the id), with
 *   mounts/NAME.used, .lock   the last use (LRU pruning) and sharing=locked's file lock
 *   state/                  the sandbox's per-step scratch directories
 *   tmp/                    work space: temp files and dirs, overlay upper and work dirs
 *   lock                    builds hold it shared, pruning holds it exclusively
 * </pre>
 *
 * Every entry is written under {@code tmp/}, fsynced, then renamed into place; an entry that
 * already exists when renaming means another writer finished first, which counts as success.
 * Thread-safe and safe across processes sharing one directory.
 */
public final class CacheDirectory {
  private final Path root;
  private final Path blobs;
  private final Path layers;
  private final Path refs;
  private final Path temporary;
  private final Path verified;
  private final Path used;

  private CacheDirectory(Path root) {
    this.root = root;
    this.blobs = root.resolve("blobs");
    this.layers = root.resolve("layers");
    this.refs = root.resolve("refs");
    this.temporary = root.resolve("tmp");
    this.verified = root.resolve("meta/verified");
    this.used = root.resolve("meta/used");
  }

  /** Opens (creating when missing) the cache at {@code root}. */
  public static CacheDirectory open(Path root) throws IOException {
    CacheDirectory cache = new CacheDirectory(root.toAbsolutePath().normalize());
    Files.createDirectories(cache.blobs.resolve("sha256"));
    Files.createDirectories(cache.layers.resolve("sha256"));
    Files.createDirectories(cache.refs);
    Files.createDirectories(cache.temporary);
    Files.createDirectories(cache.verified);
    Files.createDirectories(cache.used);
    return cache;
  }

  /** A held cache lock; closing releases it. */
  public interface Lock extends AutoCloseable {
    @Override
    void close() throws IOException;
  }

  /**
   * Holds the cache shared for a build: any number of builds, in any processes, may share a
   * cache directory; {@link #lockExclusive()} waits for them.
   */
  public Lock lockShared() throws IOException {
    return CacheLock.of(root).shared();
  }

  /** Holds the cache exclusively, for pruning: no build runs meanwhile. */
  public Lock lockExclusive() throws IOException {
    return CacheLock.of(root).exclusive();
  }

  Path blobsDirectory() {
    return blobs.resolve("sha256");
  }

  Path layersDirectory() {
    return layers.resolve("sha256");
  }

  Path temporaryDirectory() {
    return temporary;
  }

  /** Where RUN --mount=type=cache directories live, one per id (created on first use). */
  public Path mountsDirectory() {
    return root.resolve("mounts");
  }

  Path verifiedDirectory() {
    return verified;
  }

  Path usedDirectory() {
    return used;
  }

  /** {@code $XDG_CACHE_HOME/jbuild}, or {@code ~/.cache/jbuild}. */
  public static Path defaultRoot() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("jbuild");
  }

  public Path root() {
    return root;
  }

  /** Where the blob with {@code digest} lives (whether or not it is there). */
  public Path blobPath(Digest digest) {
    return blobs.resolve(digest.algorithm()).resolve(digest.hex());
  }

  public boolean hasBlob(Digest digest) {
    return Files.isRegularFile(blobPath(digest));
  }

  /** Where the unpacked layer with {@code diffId} lives (whether or not it is there). */
  public Path layerPath(Digest diffId) {
    return layers.resolve(diffId.algorithm()).resolve(diffId.hex());
  }

  public boolean hasLayer(Digest diffId) {
    return Files.isDirectory(layerPath(diffId));
  }

  /** A new, empty temporary directory under {@code tmp/}; the caller deletes or commits it. */
  public Path newTemporaryDirectory(String purpose) throws IOException {
    return Files.createDirectory(temporary.resolve(purpose + "-" + UUID.randomUUID()));
  }

  /** A fresh temporary file path under {@code tmp/} (not created). */
  public Path newTemporaryFile(String purpose) {
    return temporary.resolve(purpose + "-" + UUID.randomUUID());
  }

  /** Stores {@code content} as a blob and returns its digest. */
  public Digest writeBlob(byte[] content) throws IOException {
    Digest digest = Digest.sha256Of(content);
    if (hasBlob(digest)) {
      return digest;
    }
    Path temporaryFile = newTemporaryFile("blob");
    try (FileChannel channel = FileChannel.open(temporaryFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
      out.write(content);
      out.flush();
      channel.force(true);
    }
    commitBlob(temporaryFile, digest);
    return digest;
  }

  /** Reads a stored blob, or empty when it is not stored. */
  public Optional<byte[]> readBlob(Digest digest) throws IOException {
    Path path = blobPath(digest);
    if (!Files.isRegularFile(path)) {
      return Optional.empty();
    }
    return Optional.of(Files.readAllBytes(path));
  }

  /**
   * Moves a finished temporary file (already fsynced by its writer) into place as the blob
   * {@code digest}. When the blob already exists the temporary file is deleted.
   */
  public Path commitBlob(Path temporaryFile, Digest digest) throws IOException {
    Path blob = commit(temporaryFile, blobPath(digest));
    // The writer computed (or the registry client verified) the digest while writing.
    rememberVerified(digest, blob);
    markUsed(digest);
    return blob;
  }

  /**
   * True when the blob {@code digest} is present, has {@code expectedSize} bytes and its content
   * matches its digest. The content is re-hashed only when the file's stat (size, inode, mtime,
   * ctime) changed since it was last known good; a blob that fails is deleted, so that whoever
   * needs it fetches or rebuilds it.
   */
  public boolean verifyBlob(Digest digest, long expectedSize) throws IOException {
    Path blob = blobPath(digest);
    if (!Files.isRegularFile(blob)) {
      return false;
    }
    String stat = statOf(blob);
    Path marker = verified.resolve(digest.hex());
    if (Files.isRegularFile(marker) && Files.readString(marker).equals(stat) && Files.size(blob) == expectedSize) {
      return true;
    }
    if (Files.size(blob) == expectedSize && Digests.ofFile(blob).equals(digest)) {
      rememberVerified(digest, blob);
      return true;
    }
    Files.deleteIfExists(blob);
    Files.deleteIfExists(marker);
    return false;
  }

  private void rememberVerified(Digest digest, Path blob) throws IOException {
    Path marker = verified.resolve(digest.hex());
    Path temporaryFile = newTemporaryFile("verified");
    Files.writeString(temporaryFile, statOf(blob));
    Files.move(temporaryFile, marker, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static String statOf(Path file) throws IOException {
    java.util.Map<String, Object> stat = Files.readAttributes(file, "unix:size,ino,lastModifiedTime,ctime",
        java.nio.file.LinkOption.NOFOLLOW_LINKS);
    return stat.get("size") + " " + stat.get("ino") + " " + ((java.nio.file.attribute.FileTime) stat.get("lastModifiedTime")).toInstant()
        + " " + ((java.nio.file.attribute.FileTime) stat.get("ctime")).toInstant();
  }

  /** Records that the blob {@code digest} (and the layer unpacked from it) was just used. */
  public void markUsed(Digest digest) throws IOException {
    touch(used.resolve(digest.hex()));
  }

  /** Sets {@code marker}'s time to now, creating it empty when missing (for LRU order). */
  public static void touch(Path marker) throws IOException {
    try {
      Files.setLastModifiedTime(marker, java.nio.file.attribute.FileTime.from(java.time.Instant.now()));
    } catch (java.nio.file.NoSuchFileException e) {
      try {
        Files.createFile(marker);
      } catch (FileAlreadyExistsException raced) {
        // another build marked it at the same moment
      }
    }
  }

  /** When the blob {@code digest} was last used, or empty when never recorded. */
  public Optional<java.time.Instant> lastUsed(Digest digest) throws IOException {
    Path marker = used.resolve(digest.hex());
    if (!Files.exists(marker)) {
      return Optional.empty();
    }
    return Optional.of(Files.getLastModifiedTime(marker).toInstant());
  }

  /**
   * Moves a finished temporary directory into place as the unpacked layer {@code diffId}. When
   * that layer already exists the temporary directory is deleted instead.
   */
  public Path commitLayer(Path temporaryDirectory, Digest diffId) throws IOException {
    return commit(temporaryDirectory, layerPath(diffId));
  }

  private Path commit(Path source, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    try {
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("cache directory " + root + " must be on one file system: cannot rename "
          + source + " to " + target, e);
    } catch (FileSystemException e) {
      // rename(2) onto a non-empty directory fails (ENOTEMPTY/EEXIST): another writer committed
      // the same content first. Anything else is a real failure.
      if (!Files.isDirectory(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        throw e;
      }
      deleteRecursively(source);
    }
    if (!Files.exists(target)) {
      throw new IOException("committing " + source + " to " + target + " left nothing in place");
    }
    return target;
  }

  /** The small text record at {@code refs/<name>}, or empty when absent. */
  public Optional<String> readRef(String name) throws IOException {
    Path path = refPath(name);
    if (!Files.isRegularFile(path)) {
      return Optional.empty();
    }
    return Optional.of(Files.readString(path).trim());
  }

  /** Atomically writes the record {@code refs/<name>}, replacing an older value. */
  public void writeRef(String name, String value) throws IOException {
    Path path = refPath(name);
    Files.createDirectories(path.getParent());
    Path temporaryFile = newTemporaryFile("ref");
    try (FileChannel channel = FileChannel.open(temporaryFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      channel.write(java.nio.ByteBuffer.wrap((value + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      channel.force(true);
    }
    Files.move(temporaryFile, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private Path refPath(String name) {
    Objects.requireNonNull(name, "name");
    String safe = name.replaceAll("[^A-Za-z0-9._/@:-]", "_").replace(':', '+').replace("..", "__");
    Path path = refs.resolve(safe).normalize();
    if (!path.startsWith(refs)) {
      throw new IllegalArgumentException("bad ref name " + name);
    }
    return path;
  }

  /** Deletes {@code path} and everything below it; missing is fine. */
  public static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(path, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
        Files.deleteIfExists(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
        if (failure != null) {
          throw failure;
        }
        Files.deleteIfExists(directory);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
