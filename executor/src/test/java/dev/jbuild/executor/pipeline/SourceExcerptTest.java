package dev.jbuild.executor.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SourceExcerptTest {
  private static final String DOCKERFILE = "FROM busybox\n  RUN echo one; exit 3\nCMD [\"sh\"]\n";

  @Test
  void details_runWithOutput_showsLineCaretAndIndentedOutput() {
    assertThat(SourceExcerpt.details(DOCKERFILE, "Dockerfile:2", List.of("one")))
        .containsExactly("  RUN echo one; exit 3", "  ^", "last output lines:", "  one");
  }

  @Test
  void details_noOutput_showsOnlyTheExcerpt() {
    assertThat(SourceExcerpt.details(DOCKERFILE, "Dockerfile:1", List.of())).containsExactly("FROM busybox", "^");
  }

  @Test
  void details_lineOutsideTheFile_showsOnlyTheOutput() {
    assertThat(SourceExcerpt.details(DOCKERFILE, "Dockerfile:9", List.of("x"))).containsExactly("last output lines:", "  x");
    assertThat(SourceExcerpt.details(null, "weird", List.of())).isEmpty();
  }
}
