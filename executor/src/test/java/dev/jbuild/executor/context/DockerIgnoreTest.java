package dev.jbuild.executor.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DockerIgnoreTest {
  @ParameterizedTest
  @CsvSource({
      "*.log, app.log, true",
      "*.log, logs/app.log, false",
      "**/*.log, logs/deep/app.log, true",
      "**/*.log, app.log, true",
      "target, target/classes/A.class, true",
      "/target, target, true",
      "./docs, docs/readme.md, true",
      "file?.txt, file1.txt, true",
      "file?.txt, file10.txt, false",
      "[a-c].txt, b.txt, true",
      "[!a-c].txt, d.txt, true",
      "dir/**, dir/a/b, true",
      "dir/**, dir, false",
  })
  void isIgnored_singlePattern_matchesAsDocker(String pattern, String path, boolean ignored) {
    assertThat(DockerIgnore.parse(List.of(pattern)).isIgnored(path)).isEqualTo(ignored);
  }

  @Test
  void isIgnored_exceptionAfterExclusion_reincludes() {
    DockerIgnore ignore = DockerIgnore.parse(List.of("# comment", "", "*.md", "!README.md", "docs"));

    assertThat(ignore.isIgnored("CHANGES.md")).isTrue();
    assertThat(ignore.isIgnored("README.md")).isFalse();
    assertThat(ignore.isIgnored("docs/README.md")).isTrue();
    assertThat(ignore.isIgnored("src/Main.java")).isFalse();
  }

  @Test
  void isIgnored_laterPatternOverridesException_orderMatters() {
    DockerIgnore ignore = DockerIgnore.parse(List.of("!keep.txt", "*.txt"));

    assertThat(ignore.isIgnored("keep.txt")).isTrue();
  }
}
