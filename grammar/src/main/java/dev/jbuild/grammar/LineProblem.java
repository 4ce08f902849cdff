package dev.jbuild.grammar;

/**
 * A problem found in a logical line, located by its offset in that line's text; turned into a
 * {@link DockerfileParseException} with the physical line and column once the caller knows them.
 */
final class LineProblem extends Exception {
  private static final long serialVersionUID = 1L;

  private final int offset;

  LineProblem(String message, int offset) {
    super(message);
    this.offset = offset;
  }

  /** Where the problem is, as an index into the logical line's text. */
  int offset() {
    return offset;
  }
}
