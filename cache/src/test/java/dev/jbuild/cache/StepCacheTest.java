package dev.jbuild.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.core.digest.Digest;
import dev.jbuild.core.image.Descriptor;
import dev.jbuild.core.image.MediaTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepCacheTest {
  @TempDir
  Path root;

  private static final Instant MADE = Instant.parse("2026-01-02T03:04:05Z");

  private CachedStep storeLayer(CacheDirectory cache, byte[] content) throws Exception {
    Digest digest = cache.writeBlob(content);
    return new CachedStep(new Descriptor(MediaTypes.OCI_LAYER_GZIP, digest, content.length), Digest.sha256Of(new byte[] {9}), MADE);
  }

  @Test
  void lookup_recordedStep_hits() throws Exception {
    CacheDirectory cache = CacheDirectory.open(root);
    StepCache steps = new StepCache(cache);
    CacheKey key = CacheKey.scratch("linux/amd64").then("RUN [x]", new TreeMap<>(), null);
    CachedStep step = storeLayer(cache, "layer bytes".getBytes());

    steps.record(key, step);

    assertThat(steps.lookup(key)).contains(step);
    assertThat(steps.lookup(CacheKey.scratch("linux/amd64"))).isEmpty();
  }

  @Test
  void lookup_emptyStep_hitsWithoutALayer() throws Exception {
    StepCache steps = new StepCache(CacheDirectory.open(root));
    CacheKey key = CacheKey.scratch("linux/amd64").then("RUN [true]", new TreeMap<>(), null);

    steps.record(key, CachedStep.empty(MADE));

    assertThat(steps.lookup(key)).contains(CachedStep.empty(MADE));
  }

  @Test
  void lookup_blobCorruptedOnDisk_missesAndEvictsTheBlob() throws Exception {
    CacheDirectory cache = CacheDirectory.open(root);
    StepCache steps = new StepCache(cache);
    CacheKey key = CacheKey.scratch("linux/amd64").then("RUN [x]", new TreeMap<>(), null);
    CachedStep step = storeLayer(cache, "good layer".getBytes());
    steps.record(key, step);
    Path blob = cache.blobPath(step.layer().digest());

    Files.write(blob, "evil layer".getBytes()); // same size, other bytes

    assertThat(steps.lookup(key)).isEmpty();
    assertThat(blob).doesNotExist();
  }

  @Test
  void lookup_blobMissing_misses() throws Exception {
    CacheDirectory cache = CacheDirectory.open(root);
    StepCache steps = new StepCache(cache);
    CacheKey key = CacheKey.scratch("linux/amd64").then("RUN [x]", new TreeMap<>(), null);
    CachedStep step = storeLayer(cache, "layer".getBytes());
    steps.record(key, step);

    Files.delete(cache.blobPath(step.layer().digest()));

    assertThat(steps.lookup(key)).isEmpty();
  }
}
