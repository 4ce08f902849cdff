package dev.jbuild.executor.sandbox;

import java.util.function.Consumer;

/**
 * Runs one RUN step's command in its root file system, changes going to the spec's upper dir.
 * Implementations: {@link NamespaceSandbox} (the real one) and a recording fake for tests that need
 * no kernel.
 */
public interface Sandbox {
  /**
   * Runs {@code spec.argv()} and returns its exit code (128 + signal number when a signal ended it).
   * Standard output and error, merged, are handed to {@code outputLines} line by line, on the calling
   * thread. Interrupting the calling thread kills the command and everything it started, then
   * throws {@link InterruptedException}.
   *
   * @throws SandboxException when the sandbox could not be set up (bad user, mount failure...), as
   *     opposed to a command that ran and failed, which is a non-zero exit code
   */
  int run(RunSpec spec, Consumer<String> outputLines) throws SandboxException, InterruptedException;
}
