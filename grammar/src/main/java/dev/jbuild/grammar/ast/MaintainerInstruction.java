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
  public String keyword() {
    return "MAINTAINER";
  }
}
