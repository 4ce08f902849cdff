package dev.jbuild.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.core.digest.Digest;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CacheKeyTest {
  private static final Digest BASE = Digest.sha256Of(new byte[] {1});
  private static final Digest OTHER_BASE = Digest.sha256Of(new byte[] {2});

  private static TreeMap<String, String> env(String... pairs) {
    TreeMap<String, String> map = new TreeMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }

  @Test
  void then_sameInputs_sameKey() {
    CacheKey first = CacheKey.root(BASE).then("RUN [a]", env("A", "1"), null);
    CacheKey second = CacheKey.root(BASE).then("RUN [a]", env("A", "1"), null);

    assertThat(first).isEqualTo(second);
  }

  @Test
  void then_anyInputChanged_newKey() {
    CacheKey key = CacheKey.root(BASE).then("RUN [a]", env("A", "1"), null);

    assertThat(CacheKey.root(OTHER_BASE).then("RUN [a]", env("A", "1"), null)).isNotEqualTo(key);
    assertThat(CacheKey.root(BASE).then("RUN [b]", env("A", "1"), null)).isNotEqualTo(key);
    assertThat(CacheKey.root(BASE).then("RUN [a]", env("A", "2"), null)).isNotEqualTo(key);
    assertThat(CacheKey.root(BASE).then("RUN [a]", env("A", "1"), BASE)).isNotEqualTo(key);
  }

  @Test
  void then_fieldBoundariesMatter_noConcatenationCollisions() {
    CacheKey split = CacheKey.root(BASE).then("RUN", env("AB", "C"), null);
    CacheKey moved = CacheKey.root(BASE).then("RUN", env("A", "BC"), null);

    assertThat(split).isNotEqualTo(moved);
  }

  @Test
  void then_chained_aChangeEarlyChangesEveryLaterKey() {
    CacheKey early = CacheKey.root(BASE).then("COPY one", env(), BASE);
    CacheKey changedEarly = CacheKey.root(BASE).then("COPY one", env(), OTHER_BASE);

    assertThat(early.then("RUN [x]", env(), null)).isNotEqualTo(changedEarly.then("RUN [x]", env(), null));
  }

  @Test
  void scratch_perPlatform() {
    assertThat(CacheKey.scratch("linux/amd64")).isNotEqualTo(CacheKey.scratch("linux/arm64"));
  }
}
