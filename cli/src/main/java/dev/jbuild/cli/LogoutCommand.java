package dev.jbuild.cli;

import dev.jbuild.api.RegistryAccessException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jbuild logout}: removes a registry's credentials, as {@code docker logout} does. */
@Command(
    name = "logout",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Removes the stored credentials of a registry (from the docker config file and its credential helper).",
    footer = {"", "Examples:", "  jbuild logout registry.example.com"})
final class LogoutCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  RegistryOptions registry;

  @Parameters(index = "0", paramLabel = "REGISTRY", description = "The registry, host[:port].")
  String server;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      if (registry.registries().logout(server)) {
        out.println("Removing login credentials for " + server);
      } else {
        out.println("Not logged in to " + server);
      }
      return ExitCodes.OK;
    } catch (RegistryAccessException e) {
      err.println("error: " + e.getMessage());
      return ExitCodes.BUILD_FAILED;
    }
  }
}
