package dev.jbuild.executor.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunSpecTest {
  private static RunSpec spec(List<String> argv, List<String> env, String workingDir, String hostname) {
    return new RunSpec(List.of(), Path.of("/u"), Path.of("/w"), argv, env, "", workingDir, hostname, false);
  }

  @Test
  void new_emptyWorkingDir_meansRoot() {
    assertThat(spec(List.of("true"), List.of(), "", "host").workingDir()).isEqualTo("/");
  }

  @Test
  void new_invalidValues_refused() {
    assertThatThrownBy(() -> spec(List.of(), List.of(), "/", "host")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> spec(List.of("true"), List.of("NOEQUALS"), "/", "host")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> spec(List.of("true"), List.of(), "relative", "host")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> spec(List.of("true"), List.of(), "/", "bad host")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void environment_duplicatesAndDefaults_laterWinsPathAndHomeAdded() {
    List<String> environment =
        RunSession.environment(List.of("A=1", "B=2", "A=3"), new ResolvedUser(0, 0, List.of(0), "/root"));

    assertThat(environment).containsExactly("A=3", "B=2", RunSession.DEFAULT_PATH, "HOME=/root");
  }
}
