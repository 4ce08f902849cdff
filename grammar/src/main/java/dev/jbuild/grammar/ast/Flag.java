package dev.jbuild.grammar.ast;

import java.util.Objects;

/**
 * A {@code --name=value} or bare {@code --name} flag of an instruction, as written (unexpanded).
 * A bare flag has a null {@code value}; {@code --name=} has an empty one.
 */
public record Flag(String name, String value) {
  public Flag {
    Objects.requireNonNull(name, "name");
  }

  public boolean isBare() {
    return value == null;
  }
}
