package dev.jbuild.cli;

import picocli.CommandLine.Command;

/** The top-level {@code jbuild} command. */
@Command(
    name = "jbuild",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Builds OCI images from Dockerfiles, with no daemon.",
    subcommands = {BuildCommand.class, ParseCommand.class, LoginCommand.class, LogoutCommand.class,
        ImagesCommand.class, CacheCommand.class, VersionCommand.class},
    footer = {"", "Examples:", "  jbuild -f Dockerfile -t 127.0.0.1:5000/app:1 --push .",
        "  jbuild login registry.example.com -u ci --password-stdin", "  jbuild images 127.0.0.1:5000", "  jbuild cache du", "  jbuild version"})
final class JbuildCommand implements Runnable {
  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
        "missing command or build context: try 'jbuild --help'");
  }
}
