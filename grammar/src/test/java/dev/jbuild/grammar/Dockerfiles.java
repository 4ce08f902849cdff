package dev.jbuild.grammar;

import dev.jbuild.grammar.ast.Instruction;
import java.util.List;

/** Test helpers: Dockerfiles from lines, parsed. */
final class Dockerfiles {
  private Dockerfiles() {}

  static String lines(String... lines) {
    return String.join("\n", lines) + "\n";
  }

  static Dockerfile parse(String text) throws DockerfileParseException {
    return DockerfileParser.parse(text, "Dockerfile");
  }

  static List<Instruction> instructions(String... lines) throws DockerfileParseException {
    return parse(lines(lines)).instructions();
  }

  /** The last instruction of the given lines (earlier lines are usually a FROM). */
  @SuppressWarnings("unchecked")
  static <T extends Instruction> T last(String... lines) throws DockerfileParseException {
    List<Instruction> instructions = instructions(lines);
    return (T) instructions.get(instructions.size() - 1);
  }
}
