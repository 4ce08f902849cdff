package dev.jbuild.cli;

import dev.jbuild.api.BuildException;
import dev.jbuild.api.Dockerfiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jbuild parse}: prints a Dockerfile's parse tree in BuildKit's dump format. */
@Command(
    name = "parse",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Prints the Dockerfile's parse tree, one line per instruction, as BuildKit dumps it.",
    footer = {"", "Examples:", "  jbuild parse", "  jbuild parse -f build/Dockerfile", "  cat Dockerfile | jbuild parse -f -"})
final class ParseCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "The Dockerfile (default: ./Dockerfile; '-' reads standard input).")
  String file = "Dockerfile";

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String text;
    String name;
    if (file.equals("-")) {
      text = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
      name = "Dockerfile";
    } else {
      Path path = Path.of(file);
      try {
        text = Files.readString(path);
      } catch (NoSuchFileException e) {
        err.println("error: failed to read Dockerfile: " + path + ": no such file");
        return ExitCodes.BUILD_FAILED;
      }
      name = path.getFileName().toString();
    }
    try {
      out.print(Dockerfiles.dump(text, name));
      out.flush();
      return ExitCodes.OK;
    } catch (BuildException e) {
      err.println("error: " + e.getMessage());
      e.details().forEach(detail -> err.println("  " + detail));
      return ExitCodes.BUILD_FAILED;
    }
  }
}
