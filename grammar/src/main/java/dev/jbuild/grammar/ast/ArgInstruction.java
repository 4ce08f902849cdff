package dev.jbuild.grammar.ast;

import java.util.List;
import java.util.Objects;

/** {@code ARG name[=default] ...}. */
public record ArgInstruction(SourceRange range, String text, List<ArgDeclaration> declarations) implements Instruction {
  public ArgInstruction {
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(text, "text");
    declarations = List.copyOf(declarations);
  }

  @Override
  public <R, E extends Exception> R accept(InstructionVisitor<R, E> visitor) throws E {
    return visitor.visitArg(this);
  }

  @Override
  public String keyword() {
    return "ARG";
  }
}
