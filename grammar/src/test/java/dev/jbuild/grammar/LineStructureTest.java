package dev.jbuild.grammar;

import static dev.jbuild.grammar.Dockerfiles.instructions;
import static dev.jbuild.grammar.Dockerfiles.lines;
import static dev.jbuild.grammar.Dockerfiles.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.grammar.ast.Instruction;
import dev.jbuild.grammar.ast.SourceRange;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Comments, blank lines, byte order marks, line ends and continuations. */
class LineStructureTest {
  @Test
  void parse_commentsAndBlankLines_areSkipped() throws Exception {
    List<Instruction> instructions = instructions("# first", "", "   # indented", "FROM a", "\t", "RUN b # not a comment");

    assertThat(instructions).extracting(Instruction::text).containsExactly("FROM a", "RUN b # not a comment");
    assertThat(instructions).extracting(Instruction::range)
        .containsExactly(SourceRange.line(4), SourceRange.line(6));
  }

  @Test
  void parse_leadingWhitespace_isNotPartOfTheText() throws Exception {
    assertThat(instructions("   FROM a", "\t RUN b")).extracting(Instruction::text).containsExactly("FROM a", "RUN b");
  }

  @Test
  void parse_byteOrderMarkAtStart_isDropped() throws Exception {
    assertThat(parse("\uFEFFFROM a\n").instructions().get(0).text()).isEqualTo("FROM a");
  }

  @Test
  void parse_byteOrderMarkElsewhere_isText() {
    assertThatThrownBy(() -> parse("FROM a\n\uFEFFRUN b\n"))
        .isInstanceOf(DockerfileParseException.class)
        .hasMessageContaining("unknown instruction: \uFEFFRUN");
  }

  @Test
  void parse_crlfLineEnds_areLineEnds() throws Exception {
    List<Instruction> instructions = parse("FROM a\r\nRUN echo \\\r\n  hi\r\n\r\nCMD x\r\n").instructions();

    assertThat(instructions).extracting(Instruction::text).containsExactly("FROM a", "RUN echo   hi", "CMD x");
    assertThat(instructions).extracting(Instruction::range)
        .containsExactly(SourceRange.line(1), new SourceRange(2, 3), SourceRange.line(5));
  }

  @Test
  void parse_noLineEndAtEndOfFile_isFine() throws Exception {
    assertThat(parse("FROM a\nRUN b").instructions()).extracting(Instruction::text).containsExactly("FROM a", "RUN b");
  }

  @Test
  void parse_continuation_joinsLinesKeepingIndentOfContinuedLines() throws Exception {
    assertThat(instructions("FROM a", "RUN echo hello\\", "  world\\", "light").get(1).text())
        .isEqualTo("RUN echo hello  worldlight");
  }

  @Test
  void parse_whitespaceAfterContinuation_isAllowed() throws Exception {
    assertThat(instructions("FROM a", "RUN echo hello  \\  \t", "world").get(1).text())
        .isEqualTo("RUN echo hello  world");
  }

  @Test
  void parse_commentAndBlankLinesInsideContinuation_areSkipped() throws Exception {
    List<Instruction> instructions = instructions("FROM a", "RUN echo hello \\", "# a comment", "", "   ",
        "  # indented comment \\", "world", "CMD x");

    assertThat(instructions.get(1).text()).isEqualTo("RUN echo hello world");
    assertThat(instructions.get(1).range()).isEqualTo(new SourceRange(2, 7));
    assertThat(instructions.get(2).range()).isEqualTo(SourceRange.line(8));
  }

  @Test
  void parse_continuationAtEndOfFile_endsTheInstruction() throws Exception {
    List<Instruction> instructions = parse("FROM a\nRUN something \\").instructions();

    assertThat(instructions.get(1).text()).isEqualTo("RUN something ");
    assertThat(instructions.get(1).range()).isEqualTo(SourceRange.line(2));
  }

  @Test
  void parse_continuationFollowedByBlankLinesAtEndOfFile_coversThem() throws Exception {
    List<Instruction> instructions = parse("FROM a\nRUN something \\\n\n  \n").instructions();

    assertThat(instructions.get(1).range()).isEqualTo(new SourceRange(2, 4));
  }

  @Test
  void parse_escapedEscapeAtLineEnd_isNotAContinuation() throws Exception {
    List<Instruction> instructions = instructions("FROM a", "ENV C trailing\\\\", "ENV D next");

    assertThat(instructions).extracting(Instruction::text)
        .containsExactly("FROM a", "ENV C trailing\\\\", "ENV D next");
  }

  @Test
  void parse_escapeAloneOnContinuedLine_continuesWithNothing() throws Exception {
    assertThat(instructions("FROM a", "ENV E hello\\", "\\", "world").get(1).text()).isEqualTo("ENV E helloworld");
  }

  @Test
  void parse_lineStartingWithContinuation_joinsTheNextLine() throws Exception {
    List<Instruction> instructions = instructions("FROM a", "  \\", "RUN b");

    assertThat(instructions.get(1).text()).isEqualTo("RUN b");
    assertThat(instructions.get(1).range()).isEqualTo(new SourceRange(2, 3));
  }

  @Test
  void parse_commentEndingWithEscape_isNotAContinuation() throws Exception {
    assertThat(instructions("FROM a", "# RUN Commands \\", "RUN b")).extracting(Instruction::text)
        .containsExactly("FROM a", "RUN b");
  }

  @Test
  void parse_carriageReturnInsideLine_isText() throws Exception {
    assertThat(parse("FROM a\nRUN a\rb\n").instructions().get(1).text()).isEqualTo("RUN a\rb");
  }

  @Test
  void parse_onlyCommentsAndBlankLines_failsWithNoInstructions() {
    assertThatThrownBy(() -> parse(lines("# hello", "", "  ")))
        .isInstanceOf(DockerfileParseException.class)
        .hasMessageEndingWith("file with no instructions");
  }

  @Test
  void parse_lineLongerThanBuildkitAllows_fails() {
    String longLine = "RUN echo " + "x".repeat(70_000);

    assertThatThrownBy(() -> parse(lines("FROM a", longLine)))
        .isInstanceOf(DockerfileParseException.class)
        .hasMessage("Dockerfile:2:1: dockerfile line greater than max allowed size of 65535");
  }

  @Test
  void parse_errorBeforeLongLine_isReportedFirst() {
    String longLine = "RUN echo " + "x".repeat(70_000);

    assertThatThrownBy(() -> parse(lines("FROM a", "CMD [1]", longLine)))
        .isInstanceOf(DockerfileParseException.class)
        .hasMessageContaining(":2:5: when using JSON array syntax");
  }
}
