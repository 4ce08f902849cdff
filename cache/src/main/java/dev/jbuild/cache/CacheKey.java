package dev.jbuild.cache;

import dev.jbuild.core.digest.Digest;
import dev.jbuild.core.digest.Digests;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;

/**
 * A step's cache key: a chain of digests. A stage's first key comes from its base (the base
 * image's manifest digest, the key of the stage it builds on, or scratch); each step's key is the
 * digest of the previous key, the step's description (the instruction after expansion, flags
 * included), the environment it can see, and for COPY/ADD a digest of its sources. So one miss
 * makes every later key of the stage new. Computable without running anything.
 */
public record CacheKey(Digest value) {
  /** Bumped when the meaning of a key changes, so that old cache entries are not reused. */
  private static final String VERSION = "jbuild-cache-key-v1";

  public CacheKey {
    Objects.requireNonNull(value, "value");
  }

  /** The first key of a stage built on an image with this manifest digest. */
  public static CacheKey root(Digest baseManifestDigest) {
    return chain(null, "from", baseManifestDigest.toString(), Map.of(), null);
  }

  /** The first key of a {@code FROM scratch} stage for a platform. */
  public static CacheKey scratch(String platform) {
    return chain(null, "scratch", platform, Map.of(), null);
  }

  /**
   * The key of the step after this one.
   *
   * @param description the instruction as it will run, after expansion, flags included
   * @param environment the variables the step can see (sorted: order is not part of the key)
   * @param sources for COPY/ADD, the digest of the selected sources; null otherwise
   */
  public CacheKey then(String description, SortedMap<String, String> environment, Digest sources) {
    return chain(this, "step", description, environment, sources);
  }

  private static CacheKey chain(CacheKey previous, String kind, String description, Map<String, String> environment,
      Digest sources) {
    MessageDigest sha = Digests.newSha256();
    field(sha, VERSION);
    field(sha, previous == null ? "" : previous.value().toString());
    field(sha, kind);
    field(sha, description);
    field(sha, Integer.toString(environment.size()));
    environment.forEach((name, value) -> {
      field(sha, name);
      field(sha, value);
    });
    field(sha, sources == null ? "" : sources.toString());
    return new CacheKey(Digest.sha256(sha.digest()));
  }

  /** Length-prefixed, so that no two different field lists encode to the same bytes. */
  private static void field(MessageDigest sha, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    sha.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
    sha.update(bytes);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
