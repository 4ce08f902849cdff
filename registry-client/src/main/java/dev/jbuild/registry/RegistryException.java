package dev.jbuild.registry;

/**
 * A registry operation failed. The message is one line saying what was attempted and why it
 * failed, fit to show to a user as is; the cause keeps the detail for {@code --debug}. Subtypes
 * name the failures a user can act on.
 */
public class RegistryException extends Exception {
  public RegistryException(String message) {
    super(message);
  }

  public RegistryException(String message, Throwable cause) {
    super(message, cause);
  }
}
