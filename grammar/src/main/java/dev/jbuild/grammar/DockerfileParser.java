package dev.jbuild.grammar;

/** Parses Dockerfile text into the typed AST. Stateless and thread-safe. */
public final class DockerfileParser {
  private DockerfileParser() {}

  /**
   * Parses {@code text}; {@code fileName} only names the file in errors.
   *
   * @throws DockerfileParseException with file, line and column of the first problem
   */
  public static Dockerfile parse(String text, String fileName) throws DockerfileParseException {
    throw new UnsupportedOperationException("TODO: grammar helper implements this");
  }
}
