package dev.jbuild.executor.sandbox;

import dev.jbuild.executor.linux.Linux;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A read-only merged view of a stage's layers, for code that reads a stage's files without running
 * anything in it: COPY --from, reading /etc/passwd. The view is mounted in the private mount
 * namespace of a fresh thread, which runs the given function and ends, taking the mounts with it.
 *
 * <p>Thread-safe; each call uses its own thread.
 */
public final class RootfsView {
  private final Path stateDirectory;

  /** @param stateDirectory where per-call scratch directories are made (empty on the host) */
  public RootfsView(Path stateDirectory) {
    this.stateDirectory = stateDirectory.toAbsolutePath();
  }

  /**
   * Mounts {@code lowerDirs} (layer directories in overlayfs form, top-most first) read-only and
   * runs {@code function} on the merged root: an empty directory for no layers, a read-only bind of
   * the one layer, or an overlay of several (whiteouts and opaque directories applied).
   *
   * <p>{@code function} runs on a dedicated thread that alone sees the mount: it must not hand
   * work to other threads nor keep the path beyond its return. Interrupting the caller interrupts
   * that thread and waits for it to end.
   */
  public <T> T withMergedRoot(List<Path> lowerDirs, RootfsFunction<T> function)
      throws SandboxException, IOException, InterruptedException {
    List<Path> layers = List.copyOf(lowerDirs);
    Objects.requireNonNull(function, "function");
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted before mounting " + layers.size() + " layers");
    }
    Linux.warmUp();
    ViewTask<T> task = new ViewTask<>(layers, function, stateDirectory);
    Thread thread = new Thread(task, "jbuild-rootfs-view");
    thread.setDaemon(true);
    thread.start();
    try {
      thread.join();
    } catch (InterruptedException e) {
      thread.interrupt();
      Threads.joinUninterruptibly(thread);
      throw e;
    }
    return task.result();
  }

  /** What the view's thread does; its fields are read after the thread has been joined. */
  private static final class ViewTask<T> implements Runnable {
    private final List<Path> layers;
    private final RootfsFunction<T> function;
    private final Path stateDirectory;
    private T result;
    private Throwable failure;
    private boolean mounted;

    ViewTask(List<Path> layers, RootfsFunction<T> function, Path stateDirectory) {
      this.layers = layers;
      this.function = function;
      this.stateDirectory = stateDirectory;
    }

    @Override
    public void run() {
      try {
        Linux.unshare(Linux.CLONE_NEWNS);
        Linux.mount(null, Path.of("/"), null, Linux.MS_REC | Linux.MS_PRIVATE, null);
        try (RunDirectory run = RunDirectory.create(stateDirectory)) {
          Path merged = Files.createDirectory(run.resolve("m"));
          if (layers.size() == 1) {
            Linux.mount(layers.get(0).toAbsolutePath().toString(), merged, null, Linux.MS_BIND, null);
            Linux.mount(null, merged, null, Linux.MS_BIND | Linux.MS_REMOUNT | Linux.MS_RDONLY, null);
          } else if (layers.size() > 1) {
            run.mountOverlay(List.of(), layers, null, null, merged);
          } else {
            Linux.mount(merged.toString(), merged, null, Linux.MS_BIND, null);
            Linux.mount(null, merged, null, Linux.MS_BIND | Linux.MS_REMOUNT | Linux.MS_RDONLY, null);
          }
          mounted = true;
          result = function.apply(merged);
        }
      } catch (Throwable e) {
        failure = e;
      }
    }

    T result() throws SandboxException, IOException {
      if (failure == null) {
        return result;
      }
      if (!mounted && failure instanceof IOException) {
        throw new SandboxException("mounting a read-only view of " + layers.size() + " layers failed: " + failure.getMessage(), failure);
      }
      if (failure instanceof IOException io) {
        throw io;
      }
      if (failure instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (failure instanceof Error error) {
        throw error;
      }
      throw new SandboxException("reading a merged view of " + layers.size() + " layers failed", failure);
    }
  }
}
