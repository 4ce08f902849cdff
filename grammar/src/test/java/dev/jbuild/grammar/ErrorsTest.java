package dev.jbuild.grammar;

import static dev.jbuild.grammar.Dockerfiles.lines;
import static dev.jbuild.grammar.Dockerfiles.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/** The shape of parse errors: file, line, column, problem, and a caret excerpt. */
class ErrorsTest {
  @Test
  void parse_error_namesFileLineColumnAndProblem() {
    DockerfileParseException error = catchThrowableOfType(DockerfileParseException.class,
        () -> DockerfileParser.parse(lines("FROM a", "COPY --form=x a b"), "build/Containerfile"));

    assertThat(error.getMessage()).isEqualTo("build/Containerfile:2:6: unknown flag: form (did you mean from?)");
    assertThat(error.fileName()).isEqualTo("build/Containerfile");
    assertThat(error.line()).isEqualTo(2);
    assertThat(error.column()).isEqualTo(6);
    assertThat(error.problem()).isEqualTo("unknown flag: form (did you mean from?)");
    assertThat(error.sourceLine()).isEqualTo("COPY --form=x a b");
  }

  @Test
  void excerpt_error_pointsACaretAtTheColumn() {
    DockerfileParseException error = catchThrowableOfType(DockerfileParseException.class,
        () -> parse(lines("FROM a", "COPPY a b")));

    assertThat(error.excerpt()).isEqualTo(
        "Dockerfile:2:1: unknown instruction: COPPY (did you mean COPY?)\n  COPPY a b\n  ^");
  }

  @Test
  void parse_errorOnContinuedLine_pointsAtThePhysicalLine() {
    DockerfileParseException error = catchThrowableOfType(DockerfileParseException.class,
        () -> parse(lines("FROM a", "RUN --network=host \\", "    --mount=type=cache,target=/x \\", "    --bogus=1 make")));

    assertThat(error.line()).isEqualTo(4);
    assertThat(error.column()).isEqualTo(5);
    assertThat(error.sourceLine()).isEqualTo("    --bogus=1 make");
  }

  @Test
  void parse_errorAfterWideCharacters_countsCodePoints() {
    DockerfileParseException error = catchThrowableOfType(DockerfileParseException.class,
        () -> parse(lines("FROM a", "RUN --mount=\uD83D\uDE00 --bad=1 x")));

    assertThat(error.problem()).isEqualTo("unknown flag: bad");
    assertThat(error.column()).isEqualTo(15);
  }
}
