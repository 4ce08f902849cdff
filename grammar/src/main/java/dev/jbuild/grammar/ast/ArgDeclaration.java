package dev.jbuild.grammar.ast;

import java.util.Objects;

/** One name of an ARG instruction; {@code defaultValue} is null when none was given. */
public record ArgDeclaration(String name, String defaultValue) {
  public ArgDeclaration {
    Objects.requireNonNull(name, "name");
  }
}
