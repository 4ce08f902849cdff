package dev.jbuild.grammar;

import dev.jbuild.grammar.ast.Instruction;

/**
 * Prints a Dockerfile in BuildKit's parser dump format, one line per instruction, e.g.
 * {@code (copy ["--from=a"] "x" "/y")}, {@code (onbuild (run "echo" "test"))} or
 * {@code (env "name" "value" "=")}: the lower-case keyword, the flags as a Go-quoted list, then
 * each argument Go-quoted, split by the keyword's rule. The result is exactly the content of a
 * BuildKit corpus {@code result} file: every line ends with a line feed.
 *
 * <p>The dump shows words as written (for example {@code as} in FROM in its original case, or the
 * quotes of an ENV value), which the typed AST normalises on purpose; so it is printed from each
 * instruction's {@link Instruction#text()} through the same line rules the parser applied.
 * Stateless and thread-safe.
 */
public final class DockerfileDump {
  private DockerfileDump() {}

  /**
   * The dump of a parsed Dockerfile.
   *
   * @throws IllegalArgumentException if an instruction's text was not made by the parser and is not
   *     valid (for example a JSON array of numbers)
   */
  public static String dump(Dockerfile dockerfile) {
    int escapeCharacter = "`".equals(dockerfile.directives().get("escape")) ? '`' : '\\';
    StringBuilder out = new StringBuilder();
    for (Instruction instruction : dockerfile.instructions()) {
      try {
        appendLine(out, SyntaxNodes.parse(instruction.text(), escapeCharacter));
      } catch (LineProblem invalid) {
        // Only possible for a Dockerfile built by hand: the parser accepted every text it made.
        throw new IllegalArgumentException("not a Dockerfile instruction: " + instruction.text(), invalid);
      }
    }
    return out.toString();
  }

  /**
   * The dump of Dockerfile text as BuildKit's parser alone reads it: unknown instructions, unknown
   * flags and arguments the instruction checks would refuse are printed, not rejected (as in
   * BuildKit's parser test corpus). Only what breaks the file's structure is an error.
   *
   * @throws DockerfileParseException for a file BuildKit's parser refuses
   */
  public static String dump(String text, String fileName) throws DockerfileParseException {
    DockerfileSyntax.Result syntax = DockerfileSyntax.read(new SourceText(fileName, text));
    StringBuilder out = new StringBuilder();
    for (DockerfileSyntax.Parsed parsed : syntax.instructions()) {
      appendLine(out, parsed.node());
    }
    return out.toString();
  }

  private static void appendLine(StringBuilder out, SyntaxNode node) {
    out.append('(').append(node.dump()).append(")\n");
  }
}
