package dev.jbuild.grammar.ast;

import java.util.List;
import java.util.Objects;

/** {@code LABEL k=v ...}. */
public record LabelInstruction(SourceRange range, String text, List<KeyValue> labels) implements Instruction {
  public LabelInstruction {
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(text, "text");
    labels = List.copyOf(labels);
  }

  @Override
  public <R, E extends Exception> R accept(InstructionVisitor<R, E> visitor) throws E {
    return visitor.visitLabel(this);
  }

  @Override
  public String keyword() {
    return "LABEL";
  }
}
