package dev.jbuild.cache;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The cache directory's lock: builds hold it shared (any number at once, in any processes),
 * pruning holds it exclusively. Across processes it is a {@code flock}-style file lock on
 * {@code <cache>/lock}; within one JVM (the Maven plugin, tests) a read-write lock stands in,
 * because a JVM may not hold two overlapping file locks on one file. A holder releases on the
 * thread that acquired.
 */
final class CacheLock {
  private static final ConcurrentHashMap<Path, CacheLock> LOCKS = new ConcurrentHashMap<>();

  private final Path file;
  private final ReentrantReadWriteLock local = new ReentrantReadWriteLock();
  private FileChannel channel;
  private FileLock fileLock;
  private int sharedHolders;

  private CacheLock(Path file) {
    this.file = file;
  }

  static CacheLock of(Path root) {
    return LOCKS.computeIfAbsent(root, directory -> new CacheLock(directory.resolve("lock")));
  }

  /** Holds the lock shared until the returned handle is closed. */
  CacheDirectory.Lock shared() throws IOException {
    local.readLock().lock();
    try {
      synchronized (this) {
        if (sharedHolders == 0) {
          fileLock = open().lock(0, Long.MAX_VALUE, true);
        }
        sharedHolders++;
      }
    } catch (IOException | RuntimeException e) {
      local.readLock().unlock();
      throw e;
    }
    return () -> {
      synchronized (this) {
        if (--sharedHolders == 0) {
          release();
        }
      }
      local.readLock().unlock();
    };
  }

  /** Holds the lock exclusively (waiting for every build to finish) until closed. */
  CacheDirectory.Lock exclusive() throws IOException {
    local.writeLock().lock();
    try {
      synchronized (this) {
        fileLock = open().lock(0, Long.MAX_VALUE, false);
      }
    } catch (IOException | RuntimeException e) {
      local.writeLock().unlock();
      throw e;
    }
    return () -> {
      synchronized (this) {
        release();
      }
      local.writeLock().unlock();
    };
  }

  private FileChannel open() throws IOException {
    if (channel == null || !channel.isOpen()) {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }
    return channel;
  }

  private void release() throws IOException {
    if (fileLock != null) {
      fileLock.release();
      fileLock = null;
    }
  }
}
