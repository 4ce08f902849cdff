package dev.jbuild.grammar;

import static dev.jbuild.grammar.Dockerfiles.last;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.grammar.ast.CmdInstruction;
import dev.jbuild.grammar.ast.Command;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** BuildKit's exec (JSON) or shell form decision. */
class ExecAndShellFormTest {
  private static Command cmd(String arguments) throws DockerfileParseException {
    CmdInstruction cmd = last("FROM a", "CMD " + arguments);
    return cmd.command();
  }

  @Test
  void parse_jsonArray_isExecForm() throws Exception {
    assertThat(cmd("[ \"a\",\t\"b c\" ]")).isEqualTo(Command.exec(java.util.List.of("a", "b c")));
  }

  @Test
  void parse_emptyJsonArray_isEmptyExecForm() throws Exception {
    assertThat(cmd("[]")).isEqualTo(Command.exec(java.util.List.of()));
  }

  @Test
  void parse_jsonEscapes_areDecoded() throws Exception {
    assertThat(cmd("[\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u0041 \\ud83d\\ude00 \\ud800\"]").arguments())
        .containsExactly("\" \\ / \b \f \n \r \t A \uD83D\uDE00 \uFFFD");
  }

  @ParameterizedTest
  @ValueSource(strings = {"['a','b']", "[\"a\", \"b\"", "[\"a\",]", "[\"a\"] extra", "[\"tab\there\"]",
      "[\"\\x41\"]", "[01]", "{\"a\": 1}", "[\"a\" \"b\"]", "[", "[[[\"nested\"]]"})
  void parse_invalidJson_fallsBackToShellForm(String arguments) throws Exception {
    assertThat(cmd(arguments)).isEqualTo(Command.shell(arguments));
  }

  @ParameterizedTest
  @ValueSource(strings = {"[1, 2]", "[\"a\", [\"nested\"]]", "[\"a\", null]", "[true]", "[{}]", "[\"a\", {\"b\": []}]"})
  void parse_validJsonArrayOfNonStrings_fails(String arguments) {
    assertThatThrownBy(() -> cmd(arguments))
        .isInstanceOf(DockerfileParseException.class)
        .hasMessage("Dockerfile:2:5: when using JSON array syntax, arrays must be comprised of strings only");
  }

  @Test
  void parse_jsonNestedDeeperThanGoAllows_fallsBackToShellForm() throws Exception {
    String deep = "[" + "[".repeat(10_000) + "]".repeat(10_000) + "]";

    assertThat(cmd(deep)).isEqualTo(Command.shell(deep));
  }

  @Test
  void parse_jsonNestedAsDeepAsGoAllows_isAnArrayOfNonStrings() {
    String deep = "[" + "[".repeat(9_999) + "]".repeat(9_999) + "]";

    assertThatThrownBy(() -> cmd(deep)).isInstanceOf(DockerfileParseException.class)
        .hasMessageContaining("arrays must be comprised of strings only");
  }

  @Test
  void parse_shellForm_keepsTheTextAsWritten() throws Exception {
    assertThat(cmd("echo \"$HOME\"  'x' \\n")).isEqualTo(Command.shell("echo \"$HOME\"  'x' \\n"));
  }

  @Test
  void parse_jsonArraySplitOverContinuations_isExecForm() throws Exception {
    CmdInstruction cmd = last("FROM a", "CMD [\"a\", \\", "     \"b\"]");

    assertThat(cmd.command()).isEqualTo(Command.exec(java.util.List.of("a", "b")));
  }
}
