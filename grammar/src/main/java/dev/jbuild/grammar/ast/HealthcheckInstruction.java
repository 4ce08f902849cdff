package dev.jbuild.grammar.ast;

import java.util.List;
import java.util.Objects;

/** {@code HEALTHCHECK [--interval=..] CMD command} or {@code HEALTHCHECK NONE} (command null). */
public record HealthcheckInstruction(SourceRange range, String text, List<Flag> flags, Command command) implements Instruction {
  public HealthcheckInstruction {
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(text, "text");
    flags = List.copyOf(flags);
  }

  @Override
  public <R, E extends Exception> R accept(InstructionVisitor<R, E> visitor) throws E {
    return visitor.visitHealthcheck(this);
  }

  @Override
  public String keyword() {
    return "HEALTHCHECK";
  }
}
