package dev.jbuild.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** Entry point: {@code jbuild [build] [flags] CONTEXT}, {@code jbuild version}, ... */
public final class Main {
  /** Subcommands; anything else means {@code build}, as in {@code jbuild -f Dockerfile .}. */
  private static final Set<String> COMMANDS =
      Set.of("build", "parse", "login", "logout", "images", "cache", "version", "completion", "help");
  private static final Set<String> VERSION_ARGUMENTS = Set.of("version", "--version", "-V");

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the CLI and returns its exit code: 0 success, 1 build failed, 2 usage error. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    Map<String, String> environment = System.getenv();
    return run(args, out, err, environment, Terminal.ofStandardError(environment));
  }

  /** {@link #run(String[], PrintWriter, PrintWriter)} with another environment and terminal, for tests. */
  static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment, Terminal terminal) {
    if (args.length == 1 && VERSION_ARGUMENTS.contains(args[0])) {
      // The start-up people time: answered before picocli, whose first command model costs more
      // than the rest of this run (annotation proxies, reflection), with the same output.
      out.println(VersionText.text());
      out.flush();
      return ExitCodes.OK;
    }
    return commandLine(out, err, environment, terminal).execute(withDefaultCommand(args));
  }

  static CommandLine commandLine(PrintWriter out, PrintWriter err, Map<String, String> environment, Terminal terminal) {
    CommandLine commandLine = new CommandLine(new JbuildCommand(environment, terminal));
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setParameterExceptionHandler((exception, args) -> {
      CommandLine failed = exception.getCommandLine();
      PrintWriter failedErr = failed.getErr();
      failedErr.println("error: " + exception.getMessage());
      CommandLine.UnmatchedArgumentException.printSuggestions(exception, failedErr);
      failedErr.println("See '" + failed.getCommandSpec().qualifiedName() + " --help'.");
      failedErr.flush();
      return ExitCodes.USAGE;
    });
    commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
      PrintWriter failedErr = line.getErr();
      failedErr.println("error: " + (exception.getMessage() != null ? exception.getMessage() : exception.toString()));
      if (debugRequested(parseResult)) {
        exception.printStackTrace(failedErr);
      }
      failedErr.flush();
      return ExitCodes.BUILD_FAILED;
    });
    return commandLine;
  }

  private static boolean debugRequested(ParseResult parseResult) {
    for (ParseResult result = parseResult; result != null; result = result.subcommand()) {
      if (result.commandSpec().findOption("--debug") != null && result.hasMatchedOption("--debug")) {
        return true;
      }
    }
    return false;
  }

  static String[] withDefaultCommand(String[] args) {
    if (args.length == 0) {
      return args;
    }
    String first = args[0];
    if (COMMANDS.contains(first) || first.equals("--version") || first.equals("-V") || first.equals("--help")
        || first.equals("-h")) {
      return args;
    }
    List<String> withBuild = new ArrayList<>(Arrays.asList(args));
    withBuild.add(0, "build");
    return withBuild.toArray(String[]::new);
  }
}
