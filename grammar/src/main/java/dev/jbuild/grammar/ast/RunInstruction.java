package dev.jbuild.grammar.ast;

import java.util.List;
import java.util.Objects;

/** {@code RUN [--mount=...] [--network=...] [--security=...] command}. */
public record RunInstruction(SourceRange range, String text, List<Flag> flags, Command command, List<Heredoc> heredocs) implements Instruction {
  public RunInstruction {
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(text, "text");
    flags = List.copyOf(flags);
    Objects.requireNonNull(command, "command");
    heredocs = List.copyOf(heredocs);
  }

  @Override
  public <R, E extends Exception> R accept(InstructionVisitor<R, E> visitor) throws E {
    return visitor.visitRun(this);
  }

  @Override
  public String keyword() {
    return "RUN";
  }
}
