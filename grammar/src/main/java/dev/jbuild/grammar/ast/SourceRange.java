package dev.jbuild.grammar.ast;

/** The 1-based, inclusive line range an instruction occupies in its Dockerfile. */
public record SourceRange(int startLine, int endLine) {
  public SourceRange {
    if (startLine < 1 || endLine < startLine) {
      throw new IllegalArgumentException("bad line range " + startLine + "-" + endLine);
    }
  }

  public static SourceRange line(int line) {
    return new SourceRange(line, line);
  }
}
