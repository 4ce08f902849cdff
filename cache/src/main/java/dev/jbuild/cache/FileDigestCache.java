package dev.jbuild.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.jbuild.core.digest.Digest;
import dev.jbuild.core.digest.Digests;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The stat cache of build-context files: (path, size, mtime, inode, ctime) to sha256, so that an
 * unchanged rebuild re-reads no file contents. Kept in memory with Caffeine (bounded) and
 * persisted in {@code <cache>/statcache} between processes. Any change to a file's stat, even a
 * {@code touch}, re-hashes it; a touch alone yields the same digest and so the same cache key.
 * Thread-safe.
 */
public final class FileDigestCache {
  private static final int MAX_ENTRIES = 500_000;
  private static final String HEADER = "jbuild-statcache-v1";

  /** A file's identity as far as its content can have changed. */
  private record Stat(long size, long modifiedNanos, long inode, long changedNanos) {}

  private record Entry(Stat stat, Digest digest) {}

  private final Path file;
  private final Cache<String, Entry> entries = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).build();
  private final AtomicBoolean changed = new AtomicBoolean();

  private FileDigestCache(Path file) {
    this.file = file;
  }

  /** Loads the persisted entries of {@code cache} (an unreadable file just starts empty). */
  public static FileDigestCache open(CacheDirectory cache) throws IOException {
    FileDigestCache digests = new FileDigestCache(cache.root().resolve("statcache"));
    digests.load();
    return digests;
  }

  /** The sha256 of regular file {@code path}, from the cache when its stat is unchanged. */
  public Digest digest(Path path) throws IOException {
    Path absolute = path.toAbsolutePath();
    Stat stat = stat(absolute);
    String key = absolute.toString();
    Entry known = entries.getIfPresent(key);
    if (known != null && known.stat().equals(stat)) {
      return known.digest();
    }
    Digest digest = Digests.ofFile(absolute);
    // A file rewritten while we read it would be remembered under a stale stat: re-check.
    if (stat(absolute).equals(stat)) {
      entries.put(key, new Entry(stat, digest));
      changed.set(true);
    }
    return digest;
  }

  /** Writes the entries back when they changed (atomically; the last writer wins). */
  public void save() throws IOException {
    if (!changed.getAndSet(false)) {
      return;
    }
    Path temporary = file.resolveSibling("statcache.tmp-" + ProcessHandle.current().pid() + "-" + Thread.currentThread().getId());
    try (BufferedWriter out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
      out.write(HEADER);
      out.write('\n');
      for (Map.Entry<String, Entry> entry : entries.asMap().entrySet()) {
        Stat stat = entry.getValue().stat();
        out.write(entry.getValue().digest().hex() + " " + stat.size() + " " + stat.modifiedNanos() + " " + stat.inode()
            + " " + stat.changedNanos() + " " + entry.getKey() + "\n");
      }
    }
    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private void load() throws IOException {
    if (!Files.isRegularFile(file)) {
      return;
    }
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      if (!HEADER.equals(in.readLine())) {
        return;
      }
      for (String line; (line = in.readLine()) != null; ) {
        String[] fields = line.split(" ", 6);
        if (fields.length == 6) {
          try {
            entries.put(fields[5], new Entry(
                new Stat(Long.parseLong(fields[1]), Long.parseLong(fields[2]), Long.parseLong(fields[3]), Long.parseLong(fields[4])),
                new Digest("sha256", fields[0])));
          } catch (IllegalArgumentException e) {
            // a damaged line costs one re-hash, nothing more
          }
        }
      }
    } catch (java.nio.charset.MalformedInputException e) {
      entries.invalidateAll();
    }
  }

  private static Stat stat(Path path) throws IOException {
    Map<String, Object> attributes = Files.readAttributes(path, "unix:size,lastModifiedTime,ino,ctime", LinkOption.NOFOLLOW_LINKS);
    return new Stat((Long) attributes.get("size"), nanos((FileTime) attributes.get("lastModifiedTime")),
        (Long) attributes.get("ino"), nanos((FileTime) attributes.get("ctime")));
  }

  private static long nanos(FileTime time) {
    return time.to(java.util.concurrent.TimeUnit.NANOSECONDS);
  }
}
