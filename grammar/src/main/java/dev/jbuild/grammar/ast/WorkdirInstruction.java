package dev.jbuild.grammar.ast;

import java.util.Objects;

/** {@code WORKDIR path}. */
public record WorkdirInstruction(SourceRange range, String text, String path) implements Instruction {
  public WorkdirInstruction {
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(path, "path");
  }

  @Override
  public <R, E extends Exception> R accept(InstructionVisitor<R, E> visitor) throws E {
    return visitor.visitWorkdir(this);
  }

  @Override
  public String keyword() {
    return "WORKDIR";
  }
}
