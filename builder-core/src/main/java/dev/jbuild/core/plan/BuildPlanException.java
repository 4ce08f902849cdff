package dev.jbuild.core.plan;

/**
 * A Dockerfile whose stages cannot be planned: no FROM, a bad stage name, an unknown target, a
 * forward reference by index, a cycle. The message is one line, prefixed with the file and line
 * when there is one: {@code Dockerfile:7: ...}.
 */
public final class BuildPlanException extends Exception {
  private static final long serialVersionUID = 1L;

  public BuildPlanException(String message) {
    super(message);
  }

  public BuildPlanException(String message, Throwable cause) {
    super(message, cause);
  }
}
