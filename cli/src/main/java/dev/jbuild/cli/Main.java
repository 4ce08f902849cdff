package dev.jbuild.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** Entry point: {@code jbuild [build] [flags] CONTEXT}, {@code jbuild version}, ... */
public final class Main {
  /**
   * The subcommands, in the order help lists them. Anything else as the first argument means
   * {@code build}, as in {@code jbuild -f Dockerfile .}.
   */
  private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();
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
    String[] command = withDefaultCommand(args);
    // picocli builds a command's model by reflection, a few hundred milliseconds for all of
    // jbuild's: a run that names its subcommand pays for that one only (but completion describes
    // them all).
    String only = command.length > 0 && SUBCOMMANDS.containsKey(command[0]) && !command[0].equals("completion")
        ? command[0] : null;
    return commandLine(out, err, environment, terminal, only).execute(command);
  }

  static CommandLine commandLine(PrintWriter out, PrintWriter err, Map<String, String> environment, Terminal terminal) {
    return commandLine(out, err, environment, terminal, null);
  }

  /** The command line with every subcommand, or with subcommand {@code only} when not null. */
  private static CommandLine commandLine(PrintWriter out, PrintWriter err, Map<String, String> environment,
      Terminal terminal, String only) {
    CommandLine commandLine = new CommandLine(new JbuildCommand(environment, terminal));
    SUBCOMMANDS.forEach((name, command) -> {
      if (only == null || only.equals(name)) {
        commandLine.addSubcommand(name, command.get());
      }
    });
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

  private static Map<String, Supplier<Object>> subcommands() {
    Map<String, Supplier<Object>> subcommands = new LinkedHashMap<>();
    subcommands.put("build", BuildCommand::new);
    subcommands.put("parse", ParseCommand::new);
    subcommands.put("login", LoginCommand::new);
    subcommands.put("logout", LogoutCommand::new);
    subcommands.put("images", ImagesCommand::new);
    subcommands.put("cache", CacheCommand::new);
    subcommands.put("version", VersionCommand::new);
    subcommands.put("completion", CompletionCommand::new);
    return subcommands;
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
    if (SUBCOMMANDS.containsKey(first) || first.equals("help") || first.equals("--version") || first.equals("-V") || first.equals("--help")
        || first.equals("-h")) {
      return args;
    }
    List<String> withBuild = new ArrayList<>(Arrays.asList(args));
    withBuild.add(0, "build");
    return withBuild.toArray(String[]::new);
  }
}
