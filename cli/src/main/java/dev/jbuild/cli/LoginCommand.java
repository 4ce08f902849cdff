package dev.jbuild.cli;

import dev.jbuild.api.RegistryAccessException;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jbuild login}: checks credentials against a registry and stores them where builds read
 * them, as {@code docker login} does. The password comes from standard input or a terminal
 * prompt, never from the command line, and is never printed.
 */
@Command(
    name = "login",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Logs in to a registry: checks the credentials, then stores them in the docker config file "
        + "(or its credential helper).",
    footer = {"", "Examples:",
        "  echo \"$TOKEN\" | jbuild login registry.example.com -u ci --password-stdin",
        "  jbuild login --authfile auth.json -u alice 127.0.0.1:5000"})
final class LoginCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  RegistryOptions registry;

  @Parameters(index = "0", paramLabel = "REGISTRY", description = "The registry, host[:port].")
  String server;

  @Option(names = {"-u", "--username"}, paramLabel = "USER", description = "The user name (prompted for when absent).")
  String username;

  @Option(names = "--password-stdin", description = "Read the password from standard input.")
  boolean passwordStdin;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Console console = System.console();
    String user = username;
    String password;
    if (passwordStdin) {
      if (user == null) {
        throw new ParameterException(spec.commandLine(), "--password-stdin needs --username");
      }
      password = passwordFrom(System.in);
    } else {
      if (console == null) {
        throw new ParameterException(spec.commandLine(),
            "no terminal to ask for the password: use --password-stdin");
      }
      if (user == null) {
        user = console.readLine("Username: ");
      }
      char[] typed = console.readPassword("Password: ");
      password = typed == null ? "" : new String(typed);
    }
    if (user == null || user.isEmpty() || password.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "login needs a user name and a non-empty password");
    }
    try {
      String location = registry.registries().login(server, user, password);
      if (location.contains("/")) {
        err.println("credentials stored unencrypted in " + location
            + " (set a credsStore there to keep them in a credential helper)");
      } else {
        err.println("credentials stored with " + location);
      }
      out.println("Login Succeeded");
      return ExitCodes.OK;
    } catch (RegistryAccessException e) {
      err.println("error: " + e.getMessage());
      return ExitCodes.BUILD_FAILED;
    }
  }

  /** The first line of {@code in}, without its line ending, as docker reads --password-stdin. */
  static String passwordFrom(InputStream in) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    StringBuilder all = new StringBuilder();
    char[] buffer = new char[1024];
    for (int read; (read = reader.read(buffer)) >= 0; ) {
      all.append(buffer, 0, read);
    }
    String text = all.toString();
    if (text.endsWith("\n")) {
      text = text.substring(0, text.length() - 1);
    }
    if (text.endsWith("\r")) {
      text = text.substring(0, text.length() - 1);
    }
    return text;
  }
}
