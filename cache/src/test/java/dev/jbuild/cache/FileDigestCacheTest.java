package dev.jbuild.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.core.digest.Digest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDigestCacheTest {
  @TempDir
  Path root;

  @Test
  void digest_contentChangedWithSameSizeAndMtime_isNoticedThroughCtime() throws Exception {
    CacheDirectory cache = CacheDirectory.open(root.resolve("cache"));
    Path file = Files.writeString(root.resolve("a.txt"), "aaaa");
    FileTime time = Files.getLastModifiedTime(file);
    FileDigestCache digests = FileDigestCache.open(cache);
    Digest before = digests.digest(file);

    Thread.sleep(10);
    Files.writeString(file, "bbbb");
    Files.setLastModifiedTime(file, time);

    assertThat(digests.digest(file)).isNotEqualTo(before).isEqualTo(Digest.sha256Of("bbbb".getBytes()));
  }

  @Test
  void digest_touchedFile_sameDigest() throws Exception {
    CacheDirectory cache = CacheDirectory.open(root.resolve("cache"));
    Path file = Files.writeString(root.resolve("a.txt"), "content");
    FileDigestCache digests = FileDigestCache.open(cache);
    Digest before = digests.digest(file);

    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(60)));

    assertThat(digests.digest(file)).isEqualTo(before);
  }

  @Test
  void save_thenOpen_remembersEntriesSoUnchangedFilesAreNotReRead() throws Exception {
    CacheDirectory cache = CacheDirectory.open(root.resolve("cache"));
    Path file = Files.writeString(root.resolve("a.txt"), "content");
    FileDigestCache first = FileDigestCache.open(cache);
    Digest digest = first.digest(file);
    first.save();

    // Plant another digest in the persisted entry: only a cache that trusts the unchanged stat,
    // without reading the file, answers with it.
    Path statcache = cache.root().resolve("statcache");
    String planted = "f".repeat(64);
    Files.writeString(statcache, Files.readString(statcache).replace(digest.hex(), planted));
    FileDigestCache second = FileDigestCache.open(cache);

    assertThat(second.digest(file)).isEqualTo(new Digest("sha256", planted));
  }
}
