package dev.jbuild.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;

/** Entry point: {@code jbuild [build] [flags] CONTEXT}, {@code jbuild version}, ... */
public final class Main {
  /** Subcommands; anything else means {@code build}, as in {@code jbuild -f Dockerfile .}. */
  private static final Set<String> COMMANDS =
      Set.of("build", "parse", "login", "logout", "images", "cache", "version", "help");

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the CLI and returns its exit code: 0 success, 1 build failed, 2 usage error. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = commandLine(out, err, Arrays.asList(args).contains("--debug"));
    return commandLine.execute(withDefaultCommand(args));
  }

  /**
   * The command line; an unexpected exception (a bug, not a build failure: those are handled by
   * the commands) becomes one line, with the stack trace only under {@code --debug}.
   */
  static CommandLine commandLine(PrintWriter out, PrintWriter err, boolean debug) {
    CommandLine commandLine = new CommandLine(new JbuildCommand());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
      String message = exception.getMessage() != null ? exception.getMessage() : exception.getClass().getName();
      line.getErr().println("error: " + message + (debug ? "" : " (run with --debug for details)"));
      if (debug) {
        exception.printStackTrace(line.getErr());
      }
      line.getErr().flush();
      return ExitCodes.BUILD_FAILED;
    });
    return commandLine;
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
