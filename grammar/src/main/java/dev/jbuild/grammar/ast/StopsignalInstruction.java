package dev.jbuild.grammar.ast;

import java.util.Objects;

/** {@code STOPSIGNAL SIGTERM} or a number. */
public record StopsignalInstruction(SourceRange range, String text, String signal) implements Instruction {
  public StopsignalInstruction {
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(signal, "signal");
  }

  @Override
  public <R, E extends Exception> R accept(InstructionVisitor<R, E> visitor) throws E {
    return visitor.visitStopsignal(this);
  }

  @Override
  public String keyword() {
    return "STOPSIGNAL";
  }
}
