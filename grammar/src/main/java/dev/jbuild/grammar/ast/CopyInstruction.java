package dev.jbuild.grammar.ast;

import java.util.List;
import java.util.Objects;

/** {@code COPY [--flags] src... dest}. */
public record CopyInstruction(SourceRange range, String text, List<Flag> flags, List<String> sources, String destination, List<Heredoc> heredocs) implements Instruction {
  public CopyInstruction {
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(text, "text");
    flags = List.copyOf(flags);
    sources = List.copyOf(sources);
    Objects.requireNonNull(destination, "destination");
    heredocs = List.copyOf(heredocs);
  }

  @Override
  public <R, E extends Exception> R accept(InstructionVisitor<R, E> visitor) throws E {
    return visitor.visitCopy(this);
  }

  @Override
  public String keyword() {
    return "COPY";
  }
}
