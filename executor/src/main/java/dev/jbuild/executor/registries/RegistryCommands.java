package dev.jbuild.executor.registries;

import dev.jbuild.api.RegistryAccessException;
import dev.jbuild.registry.JibRegistryClient;
import dev.jbuild.registry.RegistryException;
import dev.jbuild.registry.RegistryLogins;
import dev.jbuild.registry.RegistrySettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs one registry command with the registry client and turns its failures into {@link
 * RegistryAccessException}s with the same one-line message. Public only for {@link
 * dev.jbuild.api.Registries}. Immutable.
 */
public final class RegistryCommands {
  private final RegistrySettings settings;

  /**
   * @param authFile null for the default docker config file
   * @param registryCas per registry, PEM files of CAs trusted for it besides the system's
   */
  public RegistryCommands(Path authFile, Set<String> insecureRegistries, Map<String, List<Path>> registryCas) {
    this.settings = new RegistrySettings(Map.of(), insecureRegistries, authFile, registryCas, null, null);
  }

  public String login(String registry, String username, String password) throws RegistryAccessException {
    try (RegistryLogins logins = new RegistryLogins(settings, line -> {})) {
      return logins.login(registry, username, password).location();
    } catch (RegistryException e) {
      throw new RegistryAccessException(e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new RegistryAccessException(e.getMessage(), e);
    }
  }

  public boolean logout(String registry) throws RegistryAccessException {
    try (RegistryLogins logins = new RegistryLogins(settings, line -> {})) {
      return logins.logout(registry);
    } catch (RegistryException e) {
      throw new RegistryAccessException(e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new RegistryAccessException(e.getMessage(), e);
    }
  }

  /** Repositories of {@code REGISTRY}, or tags of {@code REGISTRY/REPOSITORY}. */
  public List<String> listImages(String registryOrRepository) throws RegistryAccessException {
    String target = registryOrRepository.strip().replaceFirst("^https?://", "").replaceFirst("/+$", "");
    int slash = target.indexOf('/');
    String registry = slash < 0 ? target : target.substring(0, slash);
    if (!looksLikeRegistry(registry)) {
      throw new RegistryAccessException("\"" + registryOrRepository + "\" names no registry: give REGISTRY[/REPOSITORY],"
          + " e.g. 127.0.0.1:5000 or registry.example.com/app", null);
    }
    try (JibRegistryClient client = new JibRegistryClient(settings, line -> {})) {
      return slash < 0 ? client.listRepositories(registry) : client.listTags(registry, target.substring(slash + 1));
    } catch (RegistryException e) {
      throw new RegistryAccessException(e.getMessage(), e);
    }
  }

  /** docker's rule for a reference's first component: a registry has a dot or a port, or is localhost. */
  private static boolean looksLikeRegistry(String component) {
    return component.contains(".") || component.contains(":") || component.equals("localhost");
  }
}
