package dev.jbuild.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The training run for jbuild's class-data sharing archive (see the {@code ./jbuild} launcher):
 * runs what a typical invocation loads (version, help, parse, small builds in every progress
 * mode) in one JVM, so that {@code -XX:DumpLoadedClassList} sees those classes and the archive
 * made from the list lets later starts skip loading and verifying them. Writes nothing but
 * files under the directory it is given; failures are ignored (the list is what matters).
 */
final class CdsTraining {
  private CdsTraining() {}

  /** {@code args[0]}: an empty scratch directory. */
  public static void main(String[] args) throws IOException {
    Path work = Path.of(args[0]);
    Path context = Files.createDirectories(work.resolve("context"));
    Files.writeString(context.resolve("Dockerfile"), """
        FROM scratch AS base
        ARG VERSION=1
        COPY app.txt /app/
        WORKDIR /app
        ENV VERSION=$VERSION
        LABEL org.example.version=$VERSION
        CMD ["/app/app.txt"]
        """);
    Files.writeString(context.resolve("app.txt"), "training\n");
    Files.writeString(work.resolve("args.conf"), "VERSION=2\n");
    Map<String, String> environment = Map.of("HOME", work.toString(), "TERM", "xterm", "COLUMNS", "100", "LINES", "30");
    Terminal terminal = new Terminal(Optional.empty(), "xterm", 100, 30);
    String cache = work.resolve("cache").toString();
    run(environment, terminal, "version");
    run(environment, terminal, "build", "--help");
    run(environment, terminal, "parse", "-f", context.resolve("Dockerfile").toString());
    for (String progress : new String[] {"plain", "tty", "json"}) {
      run(environment, terminal, "--progress=" + progress, "--cache-dir", cache, "--build-arg-file",
          work.resolve("args.conf").toString(), "-t", "training/app:" + progress, "--iidfile",
          work.resolve("iid").toString(), context.toString());
    }
    run(environment, terminal, "--no-such-flag", context.toString());
  }

  private static void run(Map<String, String> environment, Terminal terminal, String... args) {
    PrintWriter discard = new PrintWriter(Writer.nullWriter());
    Main.run(args, discard, discard, environment, terminal);
  }
}
