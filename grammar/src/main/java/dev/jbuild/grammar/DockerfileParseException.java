package dev.jbuild.grammar;

/**
 * A Dockerfile that cannot be parsed. {@link #getMessage()} is one line in the form
 * {@code FILE:LINE:COLUMN: problem}; {@link #sourceLine()} is the offending line for a caret
 * excerpt.
 */
public final class DockerfileParseException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String fileName;
  private final int line;
  private final int column;
  private final String problem;
  private final String sourceLine;

  public DockerfileParseException(String fileName, int line, int column, String problem, String sourceLine) {
    super(fileName + ":" + line + ":" + column + ": " + problem);
    this.fileName = fileName;
    this.line = line;
    this.column = column;
    this.problem = problem;
    this.sourceLine = sourceLine == null ? "" : sourceLine;
  }

  public String fileName() {
    return fileName;
  }

  /** 1-based line. */
  public int line() {
    return line;
  }

  /** 1-based column. */
  public int column() {
    return column;
  }

  /** The problem alone, without the location prefix. */
  public String problem() {
    return problem;
  }

  public String sourceLine() {
    return sourceLine;
  }

  /** The source line and a caret under the column (empty when there is no source line). */
  public java.util.List<String> excerptLines() {
    if (sourceLine.isEmpty()) {
      return java.util.List.of();
    }
    return java.util.List.of(sourceLine, " ".repeat(Math.max(0, column - 1)) + "^");
  }

  /** The message, the source line and a caret under the column, for terminal output. */
  public String excerpt() {
    if (sourceLine.isEmpty()) {
      return getMessage();
    }
    return getMessage() + "\n  " + sourceLine + "\n  " + " ".repeat(Math.max(0, column - 1)) + "^";
  }
}
