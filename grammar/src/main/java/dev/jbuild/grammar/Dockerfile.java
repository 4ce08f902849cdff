package dev.jbuild.grammar;

import dev.jbuild.grammar.ast.Instruction;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed Dockerfile: its name (for messages), its parser directives (lower-case keys, e.g.
 * {@code syntax}, {@code escape}, {@code check}) and its instructions in order.
 */
public record Dockerfile(String fileName, Map<String, String> directives, List<Instruction> instructions) {
  public Dockerfile {
    Objects.requireNonNull(fileName, "fileName");
    directives = Map.copyOf(directives);
    instructions = List.copyOf(instructions);
  }
}
