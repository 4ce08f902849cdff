package dev.jbuild.grammar.ast;

import java.util.List;
import java.util.Objects;

/** {@code ENV k=v ...} or the legacy {@code ENV k v}. */
public record EnvInstruction(SourceRange range, String text, List<KeyValue> variables) implements Instruction {
  public EnvInstruction {
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(text, "text");
    variables = List.copyOf(variables);
  }

  @Override
  public <R, E extends Exception> R accept(InstructionVisitor<R, E> visitor) throws E {
    return visitor.visitEnv(this);
  }

  @Override
  public String keyword() {
    return "ENV";
  }
}
