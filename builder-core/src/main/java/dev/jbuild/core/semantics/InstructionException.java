package dev.jbuild.core.semantics;

import dev.jbuild.grammar.ast.SourceRange;

/**
 * An instruction that parses but cannot be applied: a bad expansion, an invalid port, an unknown
 * flag value. The executor prefixes the Dockerfile name: {@code Dockerfile:7: problem}.
 */
public final class InstructionException extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient SourceRange range;
  private final String problem;

  public InstructionException(SourceRange range, String problem) {
    this(range, problem, null);
  }

  public InstructionException(SourceRange range, String problem, Throwable cause) {
    super("line " + range.startLine() + ": " + problem, cause);
    this.range = range;
    this.problem = problem;
  }

  public SourceRange range() {
    return range;
  }

  public String problem() {
    return problem;
  }
}
