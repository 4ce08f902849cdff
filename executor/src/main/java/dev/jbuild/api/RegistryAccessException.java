package dev.jbuild.api;

/**
 * A registry command ({@link Registries}) failed. {@link #getMessage()} is one line for the user
 * ({@code denied: check the credentials for REGISTRY}, a TLS failure naming the host and the
 * missing CA, an unreachable host); the cause, when there is one, is for {@code --debug}.
 */
public class RegistryAccessException extends Exception {
  private static final long serialVersionUID = 1L;

  public RegistryAccessException(String message, Throwable cause) {
    super(message, cause);
  }
}
