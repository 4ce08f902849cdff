package dev.jbuild.cli;

import dev.jbuild.api.Registries;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The registry flags shared by {@code build}, {@code login}, {@code logout} and {@code images}:
 * where credentials live, which CAs to trust, which registries may be plain HTTP. The config
 * file's {@code insecureRegistries} and {@code registryCertificates} apply to all of them.
 */
final class RegistryOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(names = "--authfile", paramLabel = "FILE",
      description = "The docker config.json with registry credentials (default: $REGISTRY_AUTH_FILE, "
          + "else $DOCKER_CONFIG/config.json, else ~/.docker/config.json).")
  Path authFile;

  @Option(names = "--registry-ca", paramLabel = "REGISTRY=PEM",
      description = "Trust the CA certificates in PEM for REGISTRY only (repeatable); "
          + "/etc/docker/certs.d/REGISTRY/*.crt are trusted too.")
  List<String> registryCas = new ArrayList<>();

  @Option(names = "--insecure-registry", paramLabel = "HOST[:PORT]",
      description = "Allow plain HTTP to this registry (loopback registries always are).")
  List<String> insecureRegistries = new ArrayList<>();

  /** The registries as these flags and the config file say; a bad config file is a usage error. */
  Registries registries() {
    Registries.Builder builder = Registries.builder().authFile(authFile);
    Object root = spec.root().userObject();
    if (root instanceof JbuildCommand jbuild) {
      try {
        Config config = ConfigFile.load(jbuild.environment());
        config.insecureRegistries().forEach(builder::insecureRegistry);
        config.registryCertificates().forEach(file -> builder.registryCa("*", file));
      } catch (ConfigException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
    }
    insecureRegistries.forEach(builder::insecureRegistry);
    for (String ca : registryCas) {
      String[] registryAndFile = registryCa(spec.commandLine(), ca);
      builder.registryCa(registryAndFile[0], Path.of(registryAndFile[1]));
    }
    return builder.build();
  }

  /** {@code REGISTRY=PEM} split in two, or a usage error. */
  static String[] registryCa(CommandLine commandLine, String value) {
    int equals = value.indexOf('=');
    if (equals <= 0 || equals == value.length() - 1) {
      throw new ParameterException(commandLine, "--registry-ca takes REGISTRY=PEM, got " + value);
    }
    String registry = value.substring(0, equals).replaceFirst("^https?://", "").replaceFirst("/+$", "");
    return new String[] {registry, value.substring(equals + 1)};
  }
}
