package dev.jbuild.cli;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The top-level {@code jbuild} command. It carries what its subcommands read from the process
 * (environment, terminal) so that tests can run them in process with other values. Its
 * subcommands are added by {@link Main}, only the one a run needs when that is known.
 */
@Command(
    name = "jbuild",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Builds OCI images from Dockerfiles, with no daemon. 'build' is the default command.",
    footer = {"", "Examples:",
        "  jbuild -f Dockerfile -t 127.0.0.1:5000/app:1 --push .",
        "  jbuild build --help",
        "  jbuild login registry.example.com -u ci --password-stdin",
        "  jbuild images 127.0.0.1:5000",
        "  jbuild cache du",
        "  jbuild version",
        "  source <(jbuild completion)"})
final class JbuildCommand implements Runnable {
  @Spec
  CommandSpec spec;

  private final Map<String, String> environment;
  private final Terminal terminal;

  JbuildCommand(Map<String, String> environment, Terminal terminal) {
    this.environment = Map.copyOf(environment);
    this.terminal = terminal;
  }

  Map<String, String> environment() {
    return environment;
  }

  Terminal terminal() {
    return terminal;
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing a command or a build context");
  }
}
