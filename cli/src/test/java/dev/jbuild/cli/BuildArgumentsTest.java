package dev.jbuild.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuildArgumentsTest {
  @Test
  void collect_flags_nameValueOrNameFromTheEnvironment() throws Exception {
    Map<String, String> values = BuildArguments.collect(List.of(), List.of("A=1", "B", "C", "D=x=y"), Map.of("B", "env"));

    assertThat(values).containsExactly(Map.entry("A", "1"), Map.entry("B", "env"), Map.entry("D", "x=y"));
  }

  @Test
  void collect_flagWithoutName_isRejected() {
    assertThatThrownBy(() -> BuildArguments.collect(List.of(), List.of("=1"), Map.of()))
        .isInstanceOf(BuildArguments.InvalidException.class)
        .hasMessage("--build-arg takes NAME=VALUE or NAME, got \"=1\"");
  }
}
