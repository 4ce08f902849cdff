package dev.jbuild.api;

import dev.jbuild.executor.registries.RegistryCommands;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Registry commands outside builds, as docker has them: {@link #login}, {@link #logout} on the
 * same docker {@code config.json} builds read credentials from, and {@link #listImages}. Made
 * with {@link #builder()}, which takes the same registry options as {@link BuildRequest}.
 * Immutable and thread-safe; each call opens and closes its own connections.
 */
public final class Registries {
  private final Path authFile;
  private final Set<String> insecureRegistries;
  private final Map<String, List<Path>> registryCas;

  private Registries(Path authFile, Set<String> insecureRegistries, Map<String, List<Path>> registryCas) {
    this.authFile = authFile;
    this.insecureRegistries = Set.copyOf(insecureRegistries);
    Map<String, List<Path>> cas = new LinkedHashMap<>();
    registryCas.forEach((registry, files) -> cas.put(registry, List.copyOf(files)));
    this.registryCas = java.util.Collections.unmodifiableMap(cas);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Checks {@code username} and {@code password} against {@code registry} ({@code host[:port]})
   * and stores them: through the registry's credential helper when the config file names one
   * ({@code credHelpers}, {@code credsStore}), else in the file's {@code auths} (mode 0600).
   *
   * @return where they were stored: the helper's program name or the config file's path
   * @throws RegistryAccessException when the registry refuses them or cannot be reached, or
   *     they cannot be stored
   */
  public String login(String registry, String username, String password) throws RegistryAccessException {
    return commands().login(registry, username, password);
  }

  /**
   * Removes the credentials of {@code registry} from its credential helper and the config file.
   *
   * @return whether there were any
   */
  public boolean logout(String registry) throws RegistryAccessException {
    return commands().logout(registry);
  }

  /**
   * For {@code REGISTRY}, its repositories ({@code /v2/_catalog}); for {@code REGISTRY/REPOSITORY},
   * the repository's tags. All pages, in the registry's order.
   */
  public List<String> listImages(String registryOrRepository) throws RegistryAccessException {
    return commands().listImages(registryOrRepository);
  }

  private RegistryCommands commands() {
    return new RegistryCommands(authFile, insecureRegistries, registryCas);
  }

  /** A mutable builder for {@link Registries}; not thread-safe. */
  public static final class Builder {
    private Path authFile;
    private final Set<String> insecureRegistries = new LinkedHashSet<>();
    private final Map<String, List<Path>> registryCas = new LinkedHashMap<>();

    private Builder() {}

    /** The docker {@code config.json}; null means the default (see {@link BuildRequest#authFile()}). */
    public Builder authFile(Path value) {
      this.authFile = value;
      return this;
    }

    /** Allows plain HTTP to {@code registry} (loopback registries always are). */
    public Builder insecureRegistry(String registry) {
      insecureRegistries.add(registry);
      return this;
    }

    /** Trusts the CA certificates in {@code pemFile} for {@code registry}. */
    public Builder registryCa(String registry, Path pemFile) {
      registryCas.computeIfAbsent(registry, key -> new ArrayList<>()).add(pemFile);
      return this;
    }

    public Registries build() {
      return new Registries(authFile, insecureRegistries, registryCas);
    }
  }
}
