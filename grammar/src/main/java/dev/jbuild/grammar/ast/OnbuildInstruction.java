package dev.jbuild.grammar.ast;

import java.util.Objects;

/** {@code ONBUILD <instruction>}; the trigger's own {@code text()} is what goes into the image config. */
public record OnbuildInstruction(SourceRange range, String text, Instruction trigger) implements Instruction {
  public OnbuildInstruction {
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(trigger, "trigger");
  }

  @Override
  public <R, E extends Exception> R accept(InstructionVisitor<R, E> visitor) throws E {
    return visitor.visitOnbuild(this);
  }

  @Override
  public String keyword() {
    return "ONBUILD";
  }
}
