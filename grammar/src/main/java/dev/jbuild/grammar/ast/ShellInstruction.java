package dev.jbuild.grammar.ast;

import java.util.List;
import java.util.Objects;

/** {@code SHELL ["executable", "parameters"]} (JSON form only). */
public record ShellInstruction(SourceRange range, String text, List<String> shell) implements Instruction {
  public ShellInstruction {
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(text, "text");
    shell = List.copyOf(shell);
  }

  @Override
  public <R, E extends Exception> R accept(InstructionVisitor<R, E> visitor) throws E {
    return visitor.visitShell(this);
  }

  @Override
  public String keyword() {
    return "SHELL";
  }
}
