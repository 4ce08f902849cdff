package dev.jbuild.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.core.digest.Digest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachePrunerTest {
  @TempDir
  Path root;

  private int blobs;

  private Digest blob(CacheDirectory cache, int size, Instant lastUsed) throws Exception {
    byte[] content = new byte[size];
    content[0] = (byte) ++blobs; // distinct contents, so distinct blobs
    Digest digest = cache.writeBlob(content);
    Files.setLastModifiedTime(root.resolve("meta/used").resolve(digest.hex()), FileTime.from(lastUsed));
    return digest;
  }

  @Test
  void prune_keepStorage_evictsLeastRecentlyUsedFirst() throws Exception {
    CacheDirectory cache = CacheDirectory.open(root);
    Instant now = Instant.now();
    Digest oldest = blob(cache, 1000, now.minusSeconds(300));
    Digest middle = blob(cache, 1000, now.minusSeconds(200));
    Digest newest = blob(cache, 1000, now.minusSeconds(100));

    long reclaimed = new CachePruner(cache).prune(2000L, null);

    assertThat(reclaimed).isEqualTo(1000);
    assertThat(cache.hasBlob(oldest)).isFalse();
    assertThat(cache.hasBlob(middle)).isTrue();
    assertThat(cache.hasBlob(newest)).isTrue();
  }

  @Test
  void prune_unusedFor_evictsOnlyWhatIsOlder() throws Exception {
    CacheDirectory cache = CacheDirectory.open(root);
    Digest stale = blob(cache, 10, Instant.now().minus(Duration.ofDays(3)));
    Digest fresh = blob(cache, 10, Instant.now());

    new CachePruner(cache).prune(null, Duration.ofDays(1));

    assertThat(cache.hasBlob(stale)).isFalse();
    assertThat(cache.hasBlob(fresh)).isTrue();
    assertThat(new CachePruner(cache).usage().blobs()).isEqualTo(1);
  }

  @Test
  void cacheMounts_areCountedAndPrunedByTheirLastUse() throws Exception {
    CacheDirectory cache = CacheDirectory.open(root);
    Path stale = Files.createDirectories(cache.mountsDirectory().resolve("aaaa"));
    Files.write(stale.resolve("old.jar"), new byte[500]);
    Files.writeString(cache.mountsDirectory().resolve("aaaa.used"), "");
    Files.setLastModifiedTime(cache.mountsDirectory().resolve("aaaa.used"), FileTime.from(Instant.now().minus(Duration.ofDays(3))));
    Path fresh = Files.createDirectories(cache.mountsDirectory().resolve("bbbb"));
    Files.write(fresh.resolve("new.jar"), new byte[300]);
    Files.writeString(cache.mountsDirectory().resolve("bbbb.used"), "");

    CacheUsage usage = new CachePruner(cache).usage();
    assertThat(usage.mounts()).isEqualTo(2);
    assertThat(usage.mountBytes()).isEqualTo(800);

    long reclaimed = new CachePruner(cache).prune(null, Duration.ofDays(1));

    assertThat(reclaimed).isEqualTo(500);
    assertThat(stale).doesNotExist();
    assertThat(cache.mountsDirectory().resolve("aaaa.used")).doesNotExist();
    assertThat(fresh.resolve("new.jar")).exists();

    new CachePruner(cache).prune(null, null);
    assertThat(fresh).doesNotExist();
  }
}
