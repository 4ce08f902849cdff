package dev.jbuild.grammar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.jbuild.grammar.ast.CmdInstruction;
import dev.jbuild.grammar.ast.Command;
import dev.jbuild.grammar.ast.EnvInstruction;
import dev.jbuild.grammar.ast.Instruction;
import dev.jbuild.grammar.ast.RunInstruction;
import dev.jbuild.grammar.ast.SourceRange;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Inputs built to break a parser: huge continuations and heredocs, deep nesting of brackets,
 * quotes, substitutions and ONBUILD. Each must parse or fail with a parse error, quickly, on a
 * thread with the default stack size.
 */
class RobustnessTest {
  private static final Duration LIMIT = Duration.ofSeconds(20);

  @Test
  void parse_hundredThousandLineContinuation_isOneInstruction() {
    String text = "FROM a\nRUN echo start \\\n" + "  && echo line \\\n".repeat(100_000) + "  && echo end\n";

    List<Instruction> instructions = assertTimeoutPreemptively(LIMIT, () -> Dockerfiles.parse(text).instructions());

    assertThat(instructions).hasSize(2);
    assertThat(instructions.get(1).range()).isEqualTo(new SourceRange(2, 100_003));
    assertThat(instructions.get(1).text()).startsWith("RUN echo start   && echo line").endsWith("  && echo end");
  }

  @Test
  void parse_hundredThousandLineContinuationOfCommentsAndBlankLines_isOneInstruction() {
    String text = "FROM a\nRUN echo \\\n" + "# comment \\\n\n".repeat(50_000) + "done\n";

    List<Instruction> instructions = assertTimeoutPreemptively(LIMIT, () -> Dockerfiles.parse(text).instructions());

    assertThat(instructions.get(1).text()).isEqualTo("RUN echo done");
  }

  @Test
  void parse_hundredThousandLineHeredoc_readsTheBody() {
    String text = "FROM a\nRUN <<EOF\n" + "echo line\n".repeat(100_000) + "EOF\nCMD x\n";

    List<Instruction> instructions = assertTimeoutPreemptively(LIMIT, () -> Dockerfiles.parse(text).instructions());

    assertThat(((RunInstruction) instructions.get(1)).heredocs().get(0).content()).hasSize(1_000_000);
    assertThat(instructions.get(2).range()).isEqualTo(SourceRange.line(100_004));
  }

  @Test
  void parse_deeplyNestedBrackets_fallsBackToShellForm() {
    String deep = "[".repeat(30_000) + "\"a\"" + "]".repeat(30_000);
    String text = "FROM a\nCMD " + deep + "\n";

    CmdInstruction cmd = (CmdInstruction) assertTimeoutPreemptively(LIMIT, () -> Dockerfiles.parse(text)).instructions().get(1);

    assertThat(cmd.command()).isEqualTo(Command.shell(deep));
  }

  @Test
  void parse_deeplyNestedObjects_failsOrFallsBackWithoutOverflow() {
    String deep = "[" + "{\"a\":".repeat(9_000) + "1" + "}".repeat(9_000) + "]";
    String text = "FROM a\nCMD " + deep + "\n";

    assertThatThrownBy(() -> assertTimeoutPreemptively(LIMIT, () -> Dockerfiles.parse(text)))
        .isInstanceOf(DockerfileParseException.class)
        .hasMessageContaining("arrays must be comprised of strings only");
  }

  @Test
  void parse_deeplyNestedQuotes_areKeptAsWritten() {
    String value = "\"" + "\\\"'".repeat(20_000) + "\"";
    String text = "FROM a\nENV A=" + value + "\n";

    EnvInstruction env = (EnvInstruction) assertTimeoutPreemptively(LIMIT, () -> Dockerfiles.parse(text)).instructions().get(1);

    assertThat(env.variables().get(0).value()).isEqualTo(value);
  }

  @Test
  void parse_unbalancedQuotesAndBracketsEverywhere_failOrParse() {
    String junk = "[\"'{$(${`\\".repeat(5_000);
    for (String keyword : InstructionFactory.KEYWORDS) {
      String text = "FROM a\n" + keyword + " " + junk + "\n" + keyword + " <<" + junk + "\n";
      assertTimeoutPreemptively(LIMIT, () -> {
        try {
          Dockerfiles.parse(text);
          DockerfileDump.dump(text, "Dockerfile");
        } catch (DockerfileParseException refused) {
          assertThat(refused.getMessage()).startsWith("Dockerfile:");
        }
      });
    }
  }

  @Test
  void parse_deepOnbuildChain_isRefusedQuickly() {
    String text = "FROM a\n" + "ONBUILD ".repeat(8_000) + "RUN x\n";

    assertThatThrownBy(() -> assertTimeoutPreemptively(LIMIT, () -> Dockerfiles.parse(text)))
        .isInstanceOf(DockerfileParseException.class)
        .hasMessageContaining("Chaining ONBUILD");
  }

  @Test
  void parse_manyHeredocsOnOneLine_areAllRead() {
    StringBuilder text = new StringBuilder("FROM a\nRUN cat");
    StringBuilder bodies = new StringBuilder();
    for (int index = 0; index < 5_000; index++) {
      text.append(" <<E").append(index);
      bodies.append("body ").append(index).append("\nE").append(index).append('\n');
    }
    String dockerfile = text + "\n" + bodies;

    RunInstruction run = (RunInstruction) assertTimeoutPreemptively(LIMIT, () -> Dockerfiles.parse(dockerfile)).instructions().get(1);

    assertThat(run.heredocs()).hasSize(5_000);
    assertThat(run.heredocs().get(4_999).content()).isEqualTo("body 4999\n");
  }
}
