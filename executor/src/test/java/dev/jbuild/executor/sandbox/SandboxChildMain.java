package dev.jbuild.executor.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A separate JVM for the kill -9 test: runs one step that prints "started" and then sleeps, and
 * echoes the step's output to its own standard output.
 *
 * <p>Arguments: state directory, root file system, base directory for upper and work dirs, marker.
 */
public final class SandboxChildMain {
  private SandboxChildMain() {}

  public static void main(String[] arguments) throws Exception {
    Path base = Path.of(arguments[2]);
    Path upper = Files.createDirectories(base.resolve("upper"));
    Path work = Files.createDirectories(base.resolve("work"));
    RunSpec spec =
        new RunSpec(
            List.of(Path.of(arguments[1])),
            upper,
            work,
            List.of("sh", "-c", "sh -c 'sleep 1000; : " + arguments[3] + "' & echo started; wait"),
            List.of(),
            "",
            "/",
            "child",
            false);
    int exitCode =
        new NamespaceSandbox(Path.of(arguments[0]))
            .run(
                spec,
                line -> {
                  System.out.println(line);
                  System.out.flush();
                });
    System.exit(exitCode);
  }
}
