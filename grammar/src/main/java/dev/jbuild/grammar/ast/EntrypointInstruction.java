package dev.jbuild.grammar.ast;

import java.util.Objects;

/** {@code ENTRYPOINT ["exec", "form"]} or {@code ENTRYPOINT shell form}. */
public record EntrypointInstruction(SourceRange range, String text, Command command) implements Instruction {
  public EntrypointInstruction {
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(command, "command");
  }

  @Override
  public <R, E extends Exception> R accept(InstructionVisitor<R, E> visitor) throws E {
    return visitor.visitEntrypoint(this);
  }

  @Override
  public String keyword() {
    return "ENTRYPOINT";
  }
}
