package dev.jbuild.grammar;

/**
 * Carries a {@link DockerfileParseException} out of ANTLR callbacks, which cannot throw checked
 * exceptions. Always caught inside this package and unwrapped; never escapes the parser.
 */
final class ParseFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ParseFailure(DockerfileParseException cause) {
    super(cause.getMessage(), cause, false, false);
  }

  DockerfileParseException exception() {
    return (DockerfileParseException) getCause();
  }
}
