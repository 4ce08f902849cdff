package dev.jbuild.executor.sandbox;

import dev.jbuild.executor.linux.Linux;
import dev.jbuild.executor.linux.LinuxException;
import dev.jbuild.executor.linux.NativeProcess;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The real {@link Sandbox}, for Linux as root. Per RUN:
 *
 * <ol>
 *   <li>a fresh platform thread unshares mount, UTS, IPC and PID namespaces (and network for
 *       {@code networkNone}, bringing {@code lo} up), makes its mounts private and sets the host
 *       name;
 *   <li>it mounts overlayfs: the spec's lower dirs under a small per-step init layer holding the
 *       mount points, the spec's upper dir on top; then a tmpfs /dev with the usual nodes, devpts,
 *       shm and mqueue, a read-only sysfs, and the step's own /etc/hosts, /etc/hostname and
 *       /etc/resolv.conf (the host's) bind-mounted from files that never reach the upper dir;
 *   <li>it resolves USER through the merged root's /etc/passwd and /etc/group, and starts the
 *       static {@code jbuild-init} as PID 1 of the new PID namespace, which pivot_roots into the
 *       merged root, mounts /proc, creates the working directory, drops to docker's capability set
 *       and the user, runs the command, forwards signals and reaps zombies.
 * </ol>
 *
 * When init exits, the kernel kills every process left in the namespace; the thread then detaches
 * its mounts and ends, and the namespaces end with it. Nothing is ever mounted in the host's mount
 * namespace; a kill -9 of the JVM kills init through its parent-death signal.
 *
 * <p>Thread-safe: runs may proceed concurrently, each on its own thread.
 */
public final class NamespaceSandbox implements Sandbox {
  private static final int POLL_MILLIS = 100;

  private final Path stateDirectory;

  /**
   * @param stateDirectory where the init binary is extracted and per-step scratch directories are
   *     made (empty on the host; their content lives in the step's private tmpfs); must allow
   *     executing files
   */
  public NamespaceSandbox(Path stateDirectory) {
    this.stateDirectory = stateDirectory.toAbsolutePath();
  }

  @Override
  public int run(RunSpec spec, Consumer<String> outputLines) throws SandboxException, InterruptedException {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(outputLines, "outputLines");
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted before running " + spec.argv());
    }
    Path init = InitBinary.extract(stateDirectory);
    Linux.warmUp();
    RunSession session = new RunSession(spec, init, stateDirectory);
    Thread thread = new Thread(session, "jbuild-run-" + spec.hostname());
    thread.setDaemon(true);
    thread.start();
    boolean completed = false;
    try {
      NativeProcess process = session.awaitStarted();
      if (process != null) {
        pumpOutput(process, outputLines, spec);
      }
      int exitCode = session.awaitFinished();
      completed = true;
      return exitCode;
    } finally {
      if (!completed) {
        session.cancel();
      }
      Threads.joinUninterruptibly(thread);
      session.close();
    }
  }

  private static void pumpOutput(NativeProcess process, Consumer<String> outputLines, RunSpec spec)
      throws InterruptedException, SandboxException {
    LineSplitter lines = new LineSplitter(outputLines);
    byte[] buffer = new byte[64 * 1024];
    while (true) {
      if (Thread.interrupted()) {
        throw new InterruptedException("interrupted while running " + spec.argv());
      }
      int read;
      try {
        read = process.readOutput(buffer, POLL_MILLIS);
      } catch (LinuxException e) {
        throw new SandboxException("reading the output of " + spec.argv() + " failed: " + e.getMessage(), e);
      }
      if (read < 0) {
        break;
      }
      lines.accept(buffer, read);
    }
    lines.finish();
  }
}
