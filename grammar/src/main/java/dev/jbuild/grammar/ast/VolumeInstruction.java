package dev.jbuild.grammar.ast;

import java.util.List;
import java.util.Objects;

/** {@code VOLUME /a /b} or {@code VOLUME ["/a", "/b"]}. */
public record VolumeInstruction(SourceRange range, String text, List<String> paths) implements Instruction {
  public VolumeInstruction {
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(text, "text");
    paths = List.copyOf(paths);
  }

  @Override
  public <R, E extends Exception> R accept(InstructionVisitor<R, E> visitor) throws E {
    return visitor.visitVolume(this);
  }

  @Override
  public String keyword() {
    return "VOLUME";
  }
}
