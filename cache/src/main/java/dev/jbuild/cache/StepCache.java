package dev.jbuild.cache;

import dev.jbuild.core.image.ImageJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The key index: which result each {@link CacheKey} produced. A lookup only answers with an entry
 * whose layer blob is present and verifies; an entry whose blob is missing or corrupt counts as a
 * miss (and the corrupt blob is evicted), so the step runs again. Thread-safe.
 */
public final class StepCache {
  private final CacheDirectory cache;

  public StepCache(CacheDirectory cache) {
    this.cache = cache;
  }

  /** The usable cached result of {@code key}, or empty on a miss. */
  public Optional<CachedStep> lookup(CacheKey key) throws IOException {
    Optional<String> entry = cache.readRef(refName(key));
    if (entry.isEmpty()) {
      return Optional.empty();
    }
    CachedStep step;
    try {
      step = ImageJson.read(entry.get().getBytes(StandardCharsets.UTF_8), CachedStep.class);
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty(); // an unreadable entry is rewritten by the rebuilt step
    }
    if (!step.isEmpty()) {
      if (!cache.verifyBlob(step.layer().digest(), step.layer().size())) {
        return Optional.empty();
      }
      cache.markUsed(step.layer().digest());
    }
    return Optional.of(step);
  }

  /** Records what {@code key} produced; a later record for the same key replaces it. */
  public void record(CacheKey key, CachedStep step) throws IOException {
    cache.writeRef(refName(key), new String(ImageJson.write(step), StandardCharsets.UTF_8));
  }

  private static String refName(CacheKey key) {
    return "keys/" + key.value().algorithm() + "/" + key.value().hex();
  }
}
