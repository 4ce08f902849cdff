package dev.jbuild.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code jbuild completion}: prints the bash (and zsh) completion script picocli generates from the commands. */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Prints a bash/zsh completion script for jbuild's commands and flags.",
    footer = {"", "Examples:",
        "  source <(jbuild completion)                                   # this shell",
        "  jbuild completion > /etc/bash_completion.d/jbuild             # every shell",
        "  jbuild completion > ~/.local/share/bash-completion/completions/jbuild"})
final class CompletionCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(AutoComplete.bash("jbuild", spec.root().commandLine()));
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
