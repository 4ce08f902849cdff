package dev.jbuild.executor.sandbox;

import dev.jbuild.executor.linux.Linux;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.StringJoiner;

/**
 * The scratch directory of one sandboxed call: an empty directory on the host with a tmpfs mounted
 * over it in the calling thread's private mount namespace. Everything the call needs (short lower
 * dir links, the init layer, the merged root, provided /etc files) lives in that tmpfs, which
 * vanishes with the namespace; the host only ever sees an empty directory, removed on close.
 *
 * <p>Only for a thread that has unshared its mount namespace and made it private. Not thread-safe.
 */
final class RunDirectory implements AutoCloseable {
  /** overlayfs refuses more lower dirs than this (OVL_MAX_STACK). */
  static final int MAX_LOWER_DIRS = 500;

  private final Path path;
  private boolean mounted;

  private RunDirectory(Path path) {
    this.path = path;
  }

  static RunDirectory create(Path stateDirectory) throws IOException {
    Path runs = stateDirectory.resolve("runs");
    Files.createDirectories(runs);
    RunDirectory run = new RunDirectory(Files.createTempDirectory(runs, "run-"));
    try {
      Linux.mount("tmpfs", run.path, "tmpfs", Linux.MS_NOSUID | Linux.MS_NODEV, "mode=0700");
      run.mounted = true;
      // Relative overlay options below resolve against this; the thread has its own working
      // directory since unshare(CLONE_NEWNS) implies CLONE_FS.
      Linux.changeDirectory(run.path);
    } catch (IOException e) {
      run.close();
      throw e;
    }
    return run;
  }

  Path path() {
    return path;
  }

  Path resolve(String name) {
    return path.resolve(name);
  }

  /**
   * Mounts overlayfs at {@code target}. Lower dirs are passed as short relative symlinks
   * ({@code l/0:l/1:...}) so that hundreds of layers fit in the one page mount options may take;
   * the upper and work dirs too, so no comma or colon in a path can break the options.
   *
   * @param topLowerDirs relative names inside this directory placed above {@code lowerDirs}
   * @param upperDir null for a read-only view
   */
  void mountOverlay(List<String> topLowerDirs, List<Path> lowerDirs, Path upperDir, Path workDir, Path target)
      throws IOException {
    if (topLowerDirs.size() + lowerDirs.size() > MAX_LOWER_DIRS) {
      throw new IOException("overlayfs takes at most " + MAX_LOWER_DIRS + " layers, not " + lowerDirs.size());
    }
    Path links = Files.createDirectories(path.resolve("l"));
    StringJoiner lower = new StringJoiner(":", "lowerdir=", "");
    topLowerDirs.forEach(lower::add);
    for (int i = 0; i < lowerDirs.size(); i++) {
      Files.createSymbolicLink(links.resolve(Integer.toString(i)), lowerDirs.get(i).toAbsolutePath());
      lower.add("l/" + i);
    }
    StringBuilder options = new StringBuilder(lower.toString());
    if (upperDir != null) {
      Files.createSymbolicLink(path.resolve("u"), upperDir.toAbsolutePath());
      Files.createSymbolicLink(path.resolve("w"), workDir.toAbsolutePath());
      options.append(",upperdir=u,workdir=w");
    }
    // The upper dir must be a self-contained layer: no redirects or metadata-only copy-ups that
    // point into lower dirs, whatever the kernel's defaults.
    options.append(",redirect_dir=off,metacopy=off,index=off");
    if (upperDir != null) {
      try {
        // No fsync per file in the step (dpkg syncs a lot); the upper dir is discarded anyway if
        // the machine crashes mid-step.
        Linux.mount("overlay", target, "overlay", 0, options + ",volatile");
        return;
      } catch (IOException e) {
        // kernels before 5.10 have no "volatile"
      }
    }
    Linux.mount("overlay", target, "overlay", upperDir == null ? Linux.MS_RDONLY : 0, options.toString());
  }

  /** Detaches every mount below the directory, then deletes the (again empty) host directory. */
  @Override
  public void close() throws IOException {
    Linux.changeDirectory(Path.of("/"));
    if (mounted) {
      mounted = false;
      Linux.unmount(path, Linux.MNT_DETACH);
    }
    Files.deleteIfExists(path);
  }
}
