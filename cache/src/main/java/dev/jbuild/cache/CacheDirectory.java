package dev.jbuild.cache;

import dev.jbuild.core.digest.Digest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
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
 *   refs/...                small records naming digests (base images resolved, built images)
 *   tmp/                    work space: temp files and dirs, overlay upper and work dirs
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

  private CacheDirectory(Path root) {
    this.root = root;
    this.blobs = root.resolve("blobs");
    this.layers = root.resolve("layers");
    this.refs = root.resolve("refs");
    this.temporary = root.resolve("tmp");
  }

  /** Opens (creating when missing) the cache at {@code root}. */
  public static CacheDirectory open(Path root) throws IOException {
    CacheDirectory cache = new CacheDirectory(root.toAbsolutePath().normalize());
    Files.createDirectories(cache.blobs.resolve("sha256"));
    Files.createDirectories(cache.layers.resolve("sha256"));
    Files.createDirectories(cache.refs);
    Files.createDirectories(cache.temporary);
    return cache;
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
    return commit(temporaryFile, blobPath(digest));
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
