package dev.jbuild.grammar;

import static dev.jbuild.grammar.Dockerfiles.instructions;
import static dev.jbuild.grammar.Dockerfiles.last;
import static dev.jbuild.grammar.Dockerfiles.lines;
import static dev.jbuild.grammar.Dockerfiles.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.grammar.ast.EnvInstruction;
import dev.jbuild.grammar.ast.Instruction;
import dev.jbuild.grammar.ast.KeyValue;
import dev.jbuild.grammar.ast.RunInstruction;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DirectivesTest {
  @Test
  void parse_escapeDirectiveBacktick_continuesLinesWithBacktick() throws Exception {
    RunInstruction run = last("# escape=`", "FROM a", "RUN echo `", "  hello \\", "RUN next");

    assertThat(run.text()).isEqualTo("RUN next");
    assertThat(instructions("# escape=`", "FROM a", "RUN echo `", "  hello \\", "RUN next"))
        .extracting(Instruction::text)
        .containsExactly("FROM a", "RUN echo   hello \\", "RUN next");
  }

  @Test
  void parse_escapeDirectiveBacktick_backslashIsOrdinaryInEnv() throws Exception {
    EnvInstruction env = last("# escape=`", "FROM a", "ENV PATH=C:\\bin WIN=a` b");

    assertThat(env.variables()).containsExactly(new KeyValue("PATH", "C:\\bin"), new KeyValue("WIN", "a` b"));
  }

  @Test
  void parse_directiveNameInUpperCase_isRecognised() throws Exception {
    Dockerfile dockerfile = parse(lines("# ESCAPE=`", "RUN a `", "  b"));

    assertThat(dockerfile.directives()).containsEntry("escape", "`");
    assertThat(dockerfile.instructions().get(0).text()).isEqualTo("RUN a   b");
  }

  @Test
  void parse_spacesAroundDirectiveParts_areDropped() throws Exception {
    Dockerfile dockerfile = parse(lines("  #   syntax  =  docker/dockerfile:1  ", "#check=skip=all", "FROM a"));

    assertThat(dockerfile.directives())
        .isEqualTo(Map.of("syntax", "docker/dockerfile:1", "check", "skip=all"));
  }

  @Test
  void parse_directiveAfterComment_isAnOrdinaryComment() throws Exception {
    Dockerfile dockerfile = parse(lines("# a comment", "# escape=`", "RUN a \\", "  b"));

    assertThat(dockerfile.directives()).isEmpty();
    assertThat(dockerfile.instructions().get(0).text()).isEqualTo("RUN a   b");
  }

  @Test
  void parse_directiveAfterBlankLine_isAnOrdinaryComment() throws Exception {
    Dockerfile dockerfile = parse(lines("", "# escape=`", "FROM a"));

    assertThat(dockerfile.directives()).isEmpty();
  }

  @Test
  void parse_directiveAfterInstruction_isAnOrdinaryComment() throws Exception {
    Dockerfile dockerfile = parse(lines("FROM a", "# escape=`", "RUN b \\", "  c"));

    assertThat(dockerfile.directives()).isEmpty();
    assertThat(dockerfile.instructions().get(1).text()).isEqualTo("RUN b   c");
  }

  @Test
  void parse_unknownDirectiveName_endsTheDirectives() throws Exception {
    Dockerfile dockerfile = parse(lines("# foo=bar", "# escape=`", "FROM a"));

    assertThat(dockerfile.directives()).isEmpty();
  }

  @Test
  void parse_directiveAfterByteOrderMark_isRecognised() throws Exception {
    Dockerfile dockerfile = parse("\uFEFF# escape=`\nFROM a\n");

    assertThat(dockerfile.directives()).containsEntry("escape", "`");
  }

  @Test
  void parse_repeatedDirective_failsAtTheRepeat() {
    assertThatThrownBy(() -> parse(lines("# syntax=docker/dockerfile:1", "# SYNTAX=docker/dockerfile:1", "FROM a")))
        .isInstanceOf(DockerfileParseException.class)
        .hasMessage("Dockerfile:2:1: only one syntax parser directive can be used");
  }

  @Test
  void parse_invalidEscapeCharacter_fails() {
    assertThatThrownBy(() -> parse(lines("# escape=x", "FROM a")))
        .isInstanceOf(DockerfileParseException.class)
        .hasMessage("Dockerfile:1:1: invalid escape token 'x' does not match ` or \\");
  }

  @ParameterizedTest
  @ValueSource(strings = {"docker/dockerfile", "docker/dockerfile:1", "docker/dockerfile:1.7",
      "docker/dockerfile:1.9-labs", "docker/dockerfile:1-labs", "docker/dockerfile:labs",
      "docker.io/docker/dockerfile:1", "mirror.gcr.io/docker/dockerfile:1.4",
      "docker/dockerfile-upstream:1.7.0", "docker/dockerfile:1@sha256:ac85f380a63b13dfcefa89046420e1781752bab202122f8f50032edf31be0021"})
  void parse_builtInSyntaxDirective_isAccepted(String frontend) throws Exception {
    Dockerfile dockerfile = parse(lines("# syntax=" + frontend, "FROM a"));

    assertThat(dockerfile.directives()).containsEntry("syntax", frontend);
  }

  @ParameterizedTest
  @ValueSource(strings = {"example.com/frontend:1", "docker/dockerfile:0.9", "tonistiigi/dockerfile:runmount",
      "docker/dockerfile:2", "dockerfile:1"})
  void parse_otherSyntaxDirective_isRefused(String frontend) {
    assertThatThrownBy(() -> parse(lines("# syntax=" + frontend, "FROM a")))
        .isInstanceOf(DockerfileParseException.class)
        .hasMessageStartingWith("Dockerfile:1:1: unsupported frontend \"" + frontend + "\"");
  }

  @Test
  void dump_otherSyntaxDirective_isNotTheParsersConcern() throws Exception {
    assertThat(DockerfileDump.dump(lines("# syntax=example.com/frontend:1", "FROM a"), "Dockerfile"))
        .isEqualTo("(from \"a\")\n");
  }
}
