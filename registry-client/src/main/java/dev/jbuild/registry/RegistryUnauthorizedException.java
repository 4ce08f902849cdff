package dev.jbuild.registry;

/** The registry refused the request (401 or 403) with the credentials we had, or without any. */
public class RegistryUnauthorizedException extends RegistryException {
  private final String registry;

  public RegistryUnauthorizedException(String registry, Throwable cause) {
    super("denied: check the credentials for " + registry, cause);
    this.registry = registry;
  }

  /** The registry as named in the image reference, e.g. {@code docker.io}. */
  public String registry() {
    return registry;
  }
}
