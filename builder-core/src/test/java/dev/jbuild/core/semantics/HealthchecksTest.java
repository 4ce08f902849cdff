package dev.jbuild.core.semantics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.grammar.ast.SourceRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HealthchecksTest {
  @ParameterizedTest
  @CsvSource({"30s, 30000000000", "1m30s, 90000000000", "1.5s, 1500000000", "500ms, 500000000", "1h, 3600000000000"})
  void duration_goSyntax_nanoseconds(String text, long nanos) throws Exception {
    assertThat(Healthchecks.duration(text, "interval", SourceRange.line(1))).isEqualTo(nanos);
  }

  @ParameterizedTest
  @CsvSource({"10", "abc", "5x", "100us"})
  void duration_invalidOrBelowOneMillisecond_refused(String text) {
    assertThatThrownBy(() -> Healthchecks.duration(text, "interval", SourceRange.line(3)))
        .isInstanceOf(InstructionException.class).hasMessageContaining("line 3");
  }
}
