package dev.jbuild.cli;

import dev.jbuild.api.RegistryAccessException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jbuild images}: what a registry holds, one name per line: its repositories ({@code
 * /v2/_catalog}) or, for a repository, its tags.
 */
@Command(
    name = "images",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Lists a registry's repositories, or a repository's tags, one per line.",
    footer = {"", "Examples:", "  jbuild images 127.0.0.1:5000", "  jbuild images 127.0.0.1:5000/library/busybox"})
final class ImagesCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  RegistryOptions registry;

  @Parameters(index = "0", paramLabel = "REGISTRY[/REPOSITORY]",
      description = "A registry (host[:port]) to list repositories of, or a repository to list tags of.")
  String target;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      registry.registries().listImages(target).forEach(out::println);
      out.flush();
      return ExitCodes.OK;
    } catch (RegistryAccessException e) {
      err.println("error: " + e.getMessage());
      return ExitCodes.BUILD_FAILED;
    }
  }
}
