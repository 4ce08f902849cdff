package dev.jbuild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.testdata.ProcessResult;
import dev.jbuild.testdata.Processes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jbuild completion}: the script, loaded into a real bash, completes commands, flags and values. */
class CompletionCommandTest {
  @TempDir
  static Path directory;

  private static Path script() throws Exception {
    Path script = directory.resolve("jbuild-completion.bash");
    if (!Files.exists(script)) {
      StringWriter out = new StringWriter();
      int exitCode = Main.run(new String[] {"completion"}, new PrintWriter(out, true), new PrintWriter(new StringWriter()),
          Map.of(), new Terminal(Optional.empty(), "", 0, 0));
      assertThat(exitCode).isZero();
      Files.writeString(script, out.toString());
    }
    return script;
  }

  /** What bash offers after typing {@code line} and pressing tab. */
  private static List<String> complete(String line) throws Exception {
    String bash = "source " + script() + "\n"
        + "COMP_LINE='" + line + "'; COMP_POINT=${#COMP_LINE}; read -ra COMP_WORDS <<< \"$COMP_LINE\"\n"
        + "if [[ \"$COMP_LINE\" == *' ' ]]; then COMP_WORDS+=(''); fi\n"
        + "COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))\n"
        + "_complete_jbuild jbuild \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\"\n"
        + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
    ProcessResult result = Processes.run(List.of("bash", "-c", bash), Duration.ofSeconds(30));
    assertThat(result.exitCode()).as(result.describe()).isZero();
    return result.stdout().lines().map(String::strip).filter(word -> !word.isEmpty()).toList();
  }

  @Test
  void completion_printsABashScriptForJbuild() throws Exception {
    assertThat(Files.readString(script())).startsWith("#!/usr/bin/env bash").contains("complete -F _complete_jbuild");
  }

  @Test
  void completion_subcommands_areOffered() throws Exception {
    assertThat(complete("jbuild ")).contains("build", "parse", "version", "completion");
  }

  @Test
  void completion_buildFlags_areOffered() throws Exception {
    assertThat(complete("jbuild build --pro")).containsExactly("--progress");
    assertThat(complete("jbuild build --build-arg")).contains("--build-arg", "--build-arg-file");
  }

  @Test
  void completion_progressValues_areOffered() throws Exception {
    assertThat(complete("jbuild build --progress ")).containsExactlyInAnyOrder("auto", "tty", "plain", "json", "quiet");
  }
}
