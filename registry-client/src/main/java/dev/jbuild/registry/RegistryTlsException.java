package dev.jbuild.registry;

/**
 * The HTTPS connection to a registry failed: its certificate is not signed by a trusted CA, or it
 * answered in plain HTTP although it is not allowed to (see {@link RegistrySettings}).
 */
public class RegistryTlsException extends RegistryException {
  private final String address;

  public RegistryTlsException(String address, String message, Throwable cause) {
    super(message, cause);
    this.address = address;
  }

  /** The {@code host:port} whose TLS failed. */
  public String address() {
    return address;
  }
}
