package dev.jbuild.executor.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Per-test directories for a {@link NamespaceSandbox} run and a way to collect its output. */
public final class SandboxFixture {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final Path base;
  private final NamespaceSandbox sandbox;

  public SandboxFixture(Path base) throws IOException {
    this.base = base;
    this.sandbox = new NamespaceSandbox(Files.createDirectories(base.resolve("state")));
  }

  public NamespaceSandbox sandbox() {
    return sandbox;
  }

  /** A spec running {@code argv} on {@code lowerDirs} with a fresh upper and work dir. */
  public RunSpec spec(List<Path> lowerDirs, String... argv) throws IOException {
    Path step = Files.createDirectories(base.resolve("step-" + COUNTER.incrementAndGet()));
    Path upper = Files.createDirectory(step.resolve("upper"));
    Path work = Files.createDirectory(step.resolve("work"));
    return new RunSpec(lowerDirs, upper, work, List.of(argv), List.of(), "", "/", "jbuild-test", false);
  }

  /** Runs and returns the exit code followed by the output lines. */
  public Result run(RunSpec spec) throws SandboxException, InterruptedException {
    List<String> lines = new ArrayList<>();
    int exitCode = sandbox.run(spec, lines::add);
    return new Result(exitCode, List.copyOf(lines));
  }

  /** What a run gave. */
  public record Result(int exitCode, List<String> lines) {
    public String output() {
      return String.join("\n", lines);
    }
  }
}
