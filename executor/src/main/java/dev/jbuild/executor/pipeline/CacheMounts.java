package dev.jbuild.executor.pipeline;

import dev.jbuild.cache.CacheDirectory;
import dev.jbuild.core.digest.Digests;
import dev.jbuild.core.semantics.RunMount;
import dev.jbuild.executor.linux.Linux;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * The directories behind {@code RUN --mount=type=cache}: one per id under {@code <cache>/mounts},
 * kept between builds and shared by every build on this cache directory. A new one is created
 * empty, owned by the mount's uid and gid, with its mode. {@code sharing=locked} lets one RUN at
 * a time use it (across processes: a file lock; within this one: a semaphore, since Java file
 * locks are per process); {@code sharing=private} gives a RUN that finds it in use a fresh empty
 * directory of its own, dropped afterwards, as BuildKit does.
 */
final class CacheMounts {
  /** One permit per locked cache id in this process. */
  private static final Map<String, Semaphore> IN_PROCESS = new ConcurrentHashMap<>();

  private CacheMounts() {}

  /** A cache directory in use by one RUN; {@link #close()} gives it back. */
  static final class Lease implements AutoCloseable {
    private final Path directory;
    private final Path deletedAfter;
    private final Semaphore permit;
    private final FileChannel lockFile;
    private final FileLock lock;

    private Lease(Path directory, Path deletedAfter, Semaphore permit, FileChannel lockFile, FileLock lock) {
      this.directory = directory;
      this.deletedAfter = deletedAfter;
      this.permit = permit;
      this.lockFile = lockFile;
      this.lock = lock;
    }

    Path directory() {
      return directory;
    }

    @Override
    public void close() throws IOException {
      try {
        if (lock != null) {
          lock.release();
        }
        if (lockFile != null) {
          lockFile.close();
        }
      } finally {
        if (permit != null) {
          permit.release();
        }
        if (deletedAfter != null) {
          CacheDirectory.deleteRecursively(deletedAfter);
        }
      }
    }
  }

  /** The directory for {@code mount} (a cache mount), created when it is new, held as its sharing says. */
  static Lease acquire(CacheDirectory cache, RunMount mount) throws IOException, InterruptedException {
    Path mounts = Files.createDirectories(cache.mountsDirectory());
    String name = java.util.HexFormat.of().formatHex(Digests.newSha256().digest(mount.id().getBytes(StandardCharsets.UTF_8)))
        .substring(0, 32);
    Path directory = mounts.resolve(name);
    if (!Files.isDirectory(directory)) {
      create(cache, directory, mount);
    }
    CacheDirectory.touch(mounts.resolve(name + ".used")); // for cache prune's least-recently-used order
    if (mount.sharing() == RunMount.Sharing.SHARED) {
      return new Lease(directory, null, null, null, null);
    }
    Semaphore permit = IN_PROCESS.computeIfAbsent(directory.toString(), key -> new Semaphore(1));
    boolean locked = mount.sharing() == RunMount.Sharing.LOCKED;
    if (locked) {
      permit.acquire();
    } else if (!permit.tryAcquire()) {
      return privateCopy(cache, mount);
    }
    FileChannel channel = null;
    try {
      channel = FileChannel.open(mounts.resolve(name + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = locked ? channel.lock() : channel.tryLock();
      if (lock == null) {
        channel.close();
        permit.release();
        return privateCopy(cache, mount);
      }
      return new Lease(directory, null, permit, channel, lock);
    } catch (java.nio.channels.FileLockInterruptionException e) {
      permit.release();
      throw new InterruptedIOException("interrupted while waiting for the cache mount " + mount.id());
    } catch (IOException | RuntimeException e) {
      if (channel != null) {
        channel.close();
      }
      permit.release();
      throw e;
    }
  }

  private static Lease privateCopy(CacheDirectory cache, RunMount mount) throws IOException {
    Path directory = cache.newTemporaryDirectory("cache-mount");
    Path mountDirectory = Files.createDirectory(directory.resolve("m"));
    prepare(mountDirectory, mount);
    return new Lease(mountDirectory, directory, null, null, null);
  }

  /** Creates {@code directory} atomically: made under a temporary name, then renamed. */
  private static void create(CacheDirectory cache, Path directory, RunMount mount) throws IOException {
    Path temporary = cache.newTemporaryDirectory("cache-mount");
    try {
      prepare(temporary, mount);
      Files.move(temporary, directory, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
      // another build created it first: use theirs
    } finally {
      if (Files.exists(temporary)) {
        CacheDirectory.deleteRecursively(temporary);
      }
    }
  }

  private static void prepare(Path directory, RunMount mount) throws IOException {
    Linux.changeOwner(directory, mount.uid(), mount.gid());
    Linux.changeMode(directory, mount.mode());
  }
}
