package dev.jbuild.core.semantics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathsTest {
  @ParameterizedTest
  @CsvSource({
      "/, app, /app",
      "/app, sub, /app/sub",
      "/app, /abs, /abs",
      "/app, ../x, /x",
      "/app, ../../.., /",
      "/a/b, ./c/./d/, /a/b/c/d",
  })
  void join_relativeAndAbsolute_cleanedLikeGo(String base, String path, String expected) {
    assertThat(Paths.join(base, path)).isEqualTo(expected);
  }
}
