package dev.jbuild.grammar.ast;

import java.util.Objects;

/** {@code USER name[:group]} or numbers. */
public record UserInstruction(SourceRange range, String text, String user) implements Instruction {
  public UserInstruction {
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(user, "user");
  }

  @Override
  public <R, E extends Exception> R accept(InstructionVisitor<R, E> visitor) throws E {
    return visitor.visitUser(this);
  }

  @Override
  public String keyword() {
    return "USER";
  }
}
