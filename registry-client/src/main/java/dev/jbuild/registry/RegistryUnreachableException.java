package dev.jbuild.registry;

/** No connection could be made to the registry: unknown host, refused, timed out. */
public class RegistryUnreachableException extends RegistryException {
  private final String address;

  public RegistryUnreachableException(String address, String reason, Throwable cause) {
    super("cannot reach registry " + address + ": " + reason, cause);
    this.address = address;
  }

  /** The {@code host:port} that could not be reached. */
  public String address() {
    return address;
  }
}
