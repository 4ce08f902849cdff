package dev.jbuild.grammar.ast;

import java.util.List;
import java.util.Objects;

/** {@code ADD [--flags] src... dest}; sources may be URLs, archives or heredoc names. */
public record AddInstruction(SourceRange range, String text, List<Flag> flags, List<String> sources, String destination, List<Heredoc> heredocs) implements Instruction {
  public AddInstruction {
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(text, "text");
    flags = List.copyOf(flags);
    sources = List.copyOf(sources);
    Objects.requireNonNull(destination, "destination");
    heredocs = List.copyOf(heredocs);
  }

  @Override
  public <R, E extends Exception> R accept(InstructionVisitor<R, E> visitor) throws E {
    return visitor.visitAdd(this);
  }

  @Override
  public String keyword() {
    return "ADD";
  }
}
