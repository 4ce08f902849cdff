package dev.jbuild.grammar.ast;

import java.util.Objects;

/** {@code MAINTAINER name} (deprecated; sets the image author). */
public record MaintainerInstruction(SourceRange range, String text, String name) implements Instruction {
  public MaintainerInstruction {
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(name, "name");
  }

  @Override
  public <R, E extends Exception> R accept(InstructionVisitor<R, E> visitor) throws E {
    return visitor.visitMaintainer(this);
  }

  @Override
  public String keyword() {
    return "MAINTAINER";
  }
}
