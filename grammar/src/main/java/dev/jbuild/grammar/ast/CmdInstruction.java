package dev.jbuild.grammar.ast;

import java.util.Objects;

/** {@code CMD ["exec", "form"]} or {@code CMD shell form}. */
public record CmdInstruction(SourceRange range, String text, Command command) implements Instruction {
  public CmdInstruction {
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(command, "command");
  }

  @Override
  public <R, E extends Exception> R accept(InstructionVisitor<R, E> visitor) throws E {
    return visitor.visitCmd(this);
  }

  @Override
  public String keyword() {
    return "CMD";
  }
}
