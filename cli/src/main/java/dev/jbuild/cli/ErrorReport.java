package dev.jbuild.cli;

import dev.jbuild.api.BuildException;
import java.io.PrintWriter;

/**
 * A failure as the user sees it: one {@code error: } line, the detail lines the build gave
 * (a Dockerfile excerpt with a caret, a RUN's last output lines) indented under it, and with
 * {@code --debug} the stack trace of what went wrong underneath.
 */
final class ErrorReport {
  private ErrorReport() {}

  static void print(PrintWriter err, BuildException failure, boolean debug) {
    err.println("error: " + failure.getMessage());
    failure.details().forEach(detail -> err.println("  " + detail));
    if (debug) {
      stack(err, failure.getCause() != null ? failure.getCause() : failure);
    }
    err.flush();
  }

  static void stack(PrintWriter err, Throwable throwable) {
    throwable.printStackTrace(err);
    err.flush();
  }
}
