package dev.jbuild.api;

import java.util.List;

/**
 * A build that failed. {@link #getMessage()} is one line for the user, naming the Dockerfile
 * and line when an instruction failed ({@code Dockerfile:7: ...}); {@link #details()} are extra
 * lines to show under it (a caret excerpt, a RUN's last output lines). The cause, when there is
 * one, is for {@code --debug}.
 */
public class BuildException extends Exception {
  private static final long serialVersionUID = 1L;
  private final List<String> details;

  public BuildException(String message) {
    this(message, List.of(), null);
  }

  public BuildException(String message, Throwable cause) {
    this(message, List.of(), cause);
  }

  public BuildException(String message, List<String> details, Throwable cause) {
    super(message, cause);
    this.details = List.copyOf(details);
  }

  public List<String> details() {
    return details;
  }
}
