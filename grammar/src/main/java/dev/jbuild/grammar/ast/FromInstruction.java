package dev.jbuild.grammar.ast;

import java.util.List;
import java.util.Objects;

/** {@code FROM [--platform=P] image [AS name]}; {@code stageName} is null when there is no AS clause. */
public record FromInstruction(SourceRange range, String text, List<Flag> flags, String image, String stageName) implements Instruction {
  public FromInstruction {
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(text, "text");
    flags = List.copyOf(flags);
    Objects.requireNonNull(image, "image");
  }

  @Override
  public <R, E extends Exception> R accept(InstructionVisitor<R, E> visitor) throws E {
    return visitor.visitFrom(this);
  }

  @Override
  public String keyword() {
    return "FROM";
  }
}
