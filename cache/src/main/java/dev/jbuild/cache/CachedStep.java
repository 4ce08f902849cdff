package dev.jbuild.cache;

import dev.jbuild.core.digest.Digest;
import dev.jbuild.core.image.Descriptor;

/**
 * What a cached step produced: a layer (its compressed blob's descriptor and its diff_id), or
 * nothing ({@code layer} null) for a step whose change was empty; and when it was made, which
 * becomes the step's history time, so that a fully cached rebuild yields the same image.
 */
public record CachedStep(Descriptor layer, Digest diffId, java.time.Instant created) {
  public CachedStep {
    if ((layer == null) != (diffId == null)) {
      throw new IllegalArgumentException("a cached layer needs both its blob descriptor and its diff_id");
    }
  }

  public static CachedStep empty(java.time.Instant created) {
    return new CachedStep(null, null, created);
  }

  public boolean isEmpty() {
    return layer == null;
  }
}
