package dev.jbuild.grammar.ast;

import java.util.List;
import java.util.Objects;

/** {@code EXPOSE 80 443/tcp 8000-8010/udp}: the words as written. */
public record ExposeInstruction(SourceRange range, String text, List<String> ports) implements Instruction {
  public ExposeInstruction {
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(text, "text");
    ports = List.copyOf(ports);
  }

  @Override
  public <R, E extends Exception> R accept(InstructionVisitor<R, E> visitor) throws E {
    return visitor.visitExpose(this);
  }

  @Override
  public String keyword() {
    return "EXPOSE";
  }
}
