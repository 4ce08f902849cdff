package dev.jbuild.executor.pipeline;

import java.util.List;

/**
 * A step that failed while running: which Dockerfile line, what happened, and the last lines
 * of its output (for a RUN). The API boundary turns it into a one-line BuildException.
 */
final class BuildStepException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String location;
  private final List<String> outputTail;

  BuildStepException(String location, String problem, List<String> outputTail, Throwable cause) {
    super(location + ": " + problem, cause);
    this.location = location;
    this.outputTail = List.copyOf(outputTail);
  }

  BuildStepException(String location, String problem, Throwable cause) {
    this(location, problem, List.of(), cause);
  }

  String location() {
    return location;
  }

  List<String> outputTail() {
    return outputTail;
  }
}
