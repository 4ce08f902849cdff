package dev.jbuild.grammar;

import static dev.jbuild.grammar.Dockerfiles.instructions;
import static dev.jbuild.grammar.Dockerfiles.last;
import static dev.jbuild.grammar.Dockerfiles.lines;
import static dev.jbuild.grammar.Dockerfiles.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.grammar.ast.Command;
import dev.jbuild.grammar.ast.CopyInstruction;
import dev.jbuild.grammar.ast.Heredoc;
import dev.jbuild.grammar.ast.Instruction;
import dev.jbuild.grammar.ast.OnbuildInstruction;
import dev.jbuild.grammar.ast.RunInstruction;
import dev.jbuild.grammar.ast.SourceRange;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeredocsTest {
  @Test
  void parse_runHeredoc_readsTheBodyUpToTheTerminator() throws Exception {
    List<Instruction> instructions = instructions("FROM a", "RUN <<EOF", "echo hello", "  # not a comment", "EOF", "CMD x");
    RunInstruction run = (RunInstruction) instructions.get(1);

    assertThat(run.command()).isEqualTo(Command.shell("<<EOF"));
    assertThat(run.heredocs()).containsExactly(new Heredoc("EOF", "echo hello\n  # not a comment\n", true, false));
    assertThat(run.range()).isEqualTo(new SourceRange(2, 5));
    assertThat(instructions.get(2).text()).isEqualTo("CMD x");
  }

  @Test
  void parse_dashHeredoc_stripsLeadingTabsFromBodyAndTerminator() throws Exception {
    RunInstruction run = last("FROM a", "RUN <<-EOF", "\t\techo a", "\t  b", "\tEOF");

    assertThat(run.heredocs()).containsExactly(new Heredoc("EOF", "echo a\n  b\n", true, true));
  }

  @Test
  void parse_plainHeredoc_keepsTabsAndNeedsAnExactTerminator() throws Exception {
    RunInstruction run = last("FROM a", "RUN <<EOF", "\tEOF", "EOF ", "EOF");

    assertThat(run.heredocs().get(0).content()).isEqualTo("\tEOF\nEOF \n");
  }

  @Test
  void parse_quotedDelimiters_disableExpansion() throws Exception {
    RunInstruction run = last("FROM a", "RUN cat <<'A' <<\"B\" <<C <<E\"N\"D", "$a", "A", "$b", "B", "$c", "C", "$d", "END");

    assertThat(run.heredocs()).extracting(Heredoc::name, Heredoc::expand).containsExactly(
        org.assertj.core.groups.Tuple.tuple("A", false), org.assertj.core.groups.Tuple.tuple("B", false),
        org.assertj.core.groups.Tuple.tuple("C", true), org.assertj.core.groups.Tuple.tuple("END", false));
    assertThat(run.heredocs()).extracting(Heredoc::content).containsExactly("$a\n", "$b\n", "$c\n", "$d\n");
  }

  @Test
  void parse_copyWithTwoHeredocs_readsBoth() throws Exception {
    CopyInstruction copy = last("FROM a", "COPY --chmod=755 <<one.sh <<two.sh /scripts/", "echo 1", "one.sh", "echo 2", "two.sh");

    assertThat(copy.sources()).containsExactly("<<one.sh", "<<two.sh");
    assertThat(copy.destination()).isEqualTo("/scripts/");
    assertThat(copy.heredocs()).containsExactly(new Heredoc("one.sh", "echo 1\n", true, false),
        new Heredoc("two.sh", "echo 2\n", true, false));
  }

  @Test
  void parse_heredocWithFileDescriptorAndRedirect_isRead() throws Exception {
    RunInstruction run = last("FROM a", "RUN cat 3<<EOF > /out", "x", "EOF");

    assertThat(run.heredocs()).containsExactly(new Heredoc("EOF", "x\n", true, false));
  }

  @Test
  void parse_heredocBodyWithCrlf_keepsItsLineEnds() throws Exception {
    RunInstruction run = (RunInstruction) parse("FROM a\r\nRUN <<EOF\r\nx\r\nEOF\r\n").instructions().get(1);

    assertThat(run.heredocs()).containsExactly(new Heredoc("EOF", "x\r\n", true, false));
  }

  @Test
  void parse_heredocMarkerNotAWordOfItsOwn_isNotAHeredoc() throws Exception {
    List<Instruction> instructions = instructions("FROM a", "RUN cat<<EOF", "CMD next");

    assertThat(((RunInstruction) instructions.get(1)).heredocs()).isEmpty();
    assertThat(instructions).hasSize(3);
  }

  @Test
  void parse_quotedHeredocMarker_isNotAHeredoc() throws Exception {
    assertThat(instructions("FROM a", "RUN echo '<<EOF'", "RUN next")).hasSize(3);
  }

  @Test
  void parse_execForm_opensNoHeredoc() throws Exception {
    List<Instruction> instructions = instructions("FROM a", "RUN [\"cat\", \"<<EOF\"]", "CMD next");

    assertThat(((RunInstruction) instructions.get(1)).heredocs()).isEmpty();
    assertThat(instructions).hasSize(3);
  }

  @Test
  void parse_otherInstructions_openNoHeredoc() {
    assertThatThrownBy(() -> parse(lines("FROM a", "CMD cat <<EOF", "hello", "EOF")))
        .isInstanceOf(DockerfileParseException.class)
        .hasMessageContaining("unknown instruction: hello");
  }

  @Test
  void parse_heredocOnContinuedLine_isRead() throws Exception {
    RunInstruction run = last("FROM a", "RUN \\", "  python3 <<EOF", "print(1)", "EOF");

    assertThat(run.heredocs()).containsExactly(new Heredoc("EOF", "print(1)\n", true, false));
  }

  @Test
  void parse_onbuildTrigger_readsItsHeredoc() throws Exception {
    OnbuildInstruction onbuild = last("FROM a", "ONBUILD RUN <<EOF", "echo later", "EOF");

    assertThat(((RunInstruction) onbuild.trigger()).heredocs())
        .containsExactly(new Heredoc("EOF", "echo later\n", true, false));
  }

  @Test
  void parse_heredocWordsUseBackslashEvenWithBacktickEscape() throws Exception {
    RunInstruction run = last("# escape=`", "FROM a", "RUN cat <<E\\OF", "x", "EOF");

    assertThat(run.heredocs()).containsExactly(new Heredoc("EOF", "x\n", true, false));
  }

  @Test
  void parse_unterminatedHeredoc_fails() {
    assertThatThrownBy(() -> parse(lines("FROM a", "RUN <<EOF", "echo never closed")))
        .isInstanceOf(DockerfileParseException.class)
        .hasMessage("Dockerfile:2:1: unterminated heredoc: no line \"EOF\" before the end of the file");
  }

  @Test
  void parse_heredocAtEndOfFileWithoutBody_fails() {
    assertThatThrownBy(() -> parse("FROM a\nRUN <<EOF"))
        .isInstanceOf(DockerfileParseException.class)
        .hasMessageContaining("unterminated heredoc");
  }

  @Test
  void parse_secondHeredocUnterminated_fails() {
    assertThatThrownBy(() -> parse(lines("FROM a", "RUN <<A <<B", "A", "b")))
        .isInstanceOf(DockerfileParseException.class)
        .hasMessageContaining("no line \"B\"");
  }

  @Test
  void heredocName_sourceWords_giveTheNamesOfTheirHeredocs() throws Exception {
    CopyInstruction copy = last("FROM a", "COPY a <<-\"one\" b 2<<two /d", "\tx", "\tone", "y", "two");

    assertThat(copy.sources().stream().map(DockerfileParser::heredocName).toList()).containsExactly(
        java.util.Optional.empty(), java.util.Optional.of("one"), java.util.Optional.empty(), java.util.Optional.of("two"));
    assertThat(copy.heredocs()).extracting(Heredoc::name).containsExactly("one", "two");
    assertThat(copy.heredocs()).extracting(Heredoc::content).containsExactly("x\n", "y\n");
  }
}
