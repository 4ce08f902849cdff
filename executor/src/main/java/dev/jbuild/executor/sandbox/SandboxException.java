package dev.jbuild.executor.sandbox;

/**
 * The sandbox for a step could not be set up or torn down; the message says what was attempted
 * (e.g. {@code resolving USER app: no user app in /etc/passwd}). A command that ran and failed is
 * not an exception but an exit code.
 */
public final class SandboxException extends Exception {
  private static final long serialVersionUID = 1L;

  public SandboxException(String message) {
    super(message);
  }

  public SandboxException(String message, Throwable cause) {
    super(message, cause);
  }
}
