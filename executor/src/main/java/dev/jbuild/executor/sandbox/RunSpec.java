package dev.jbuild.executor.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What to run and where.
 *
 * @param lowerDirs the stage's layer directories in overlayfs form, top-most first; empty for
 *     {@code FROM scratch}
 * @param upperDir receives every change the command makes (the step's future layer); must be on
 *     the same file system as {@code workDir}. Its root gets the top-most layer's mode and owner.
 *     overlayfs is mounted "volatile" (no fsync in the step, much faster for dpkg), so before the
 *     upper dir itself is kept as a lower dir of later steps, flush it with a syncfs
 * @param workDir an empty directory overlayfs needs for its own bookkeeping
 * @param argv the command; exec form, so shell form arrives here already wrapped in SHELL
 * @param env {@code KEY=value} entries; PATH (docker's default) and HOME (the user's) are added
 *     when missing
 * @param user as in USER: empty (root), {@code name}, {@code uid}, {@code name:group} or
 *     {@code uid:gid}, resolved through the root file system's own /etc/passwd and /etc/group
 * @param workingDir absolute; created (root, 0755) when missing, as docker does; empty means "/"
 * @param hostname the step's host name, also written to /etc/hostname and /etc/hosts
 * @param networkNone true for a network namespace with only {@code lo}; false shares the host's
 *     network
 * @param mounts RUN --mount file systems, mounted in this order over the root
 */
public record RunSpec(
    List<Path> lowerDirs,
    Path upperDir,
    Path workDir,
    List<String> argv,
    List<String> env,
    String user,
    String workingDir,
    String hostname,
    boolean networkNone,
    List<SandboxMount> mounts) {
  /** A spec with no RUN --mount. */
  public RunSpec(List<Path> lowerDirs, Path upperDir, Path workDir, List<String> argv, List<String> env, String user,
      String workingDir, String hostname, boolean networkNone) {
    this(lowerDirs, upperDir, workDir, argv, env, user, workingDir, hostname, networkNone, List.of());
  }

  public RunSpec {
    mounts = List.copyOf(mounts);
    lowerDirs = List.copyOf(lowerDirs);
    Objects.requireNonNull(upperDir, "upperDir");
    Objects.requireNonNull(workDir, "workDir");
    argv = List.copyOf(argv);
    env = List.copyOf(env);
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(workingDir, "workingDir");
    Objects.requireNonNull(hostname, "hostname");
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("argv must name a command");
    }
    for (String entry : env) {
      if (entry.indexOf('=') <= 0) {
        throw new IllegalArgumentException("env entry is not KEY=value: " + entry);
      }
    }
    if (workingDir.isEmpty()) {
      workingDir = "/";
    }
    if (!workingDir.startsWith("/")) {
      throw new IllegalArgumentException("workingDir must be absolute: " + workingDir);
    }
    if (!hostname.matches("[A-Za-z0-9]([A-Za-z0-9.-]{0,62})")) {
      throw new IllegalArgumentException("not a valid host name: " + hostname);
    }
    for (String argument : argv) {
      if (argument.indexOf('\0') >= 0) {
        throw new IllegalArgumentException("argv contains a NUL character");
      }
    }
  }

  public RunSpec withArgv(List<String> newArgv) {
    return new RunSpec(lowerDirs, upperDir, workDir, newArgv, env, user, workingDir, hostname, networkNone, mounts);
  }

  public RunSpec withUser(String newUser) {
    return new RunSpec(lowerDirs, upperDir, workDir, argv, env, newUser, workingDir, hostname, networkNone, mounts);
  }

  public RunSpec withNetworkNone(boolean none) {
    return new RunSpec(lowerDirs, upperDir, workDir, argv, env, user, workingDir, hostname, none, mounts);
  }

  public RunSpec withWorkingDir(String newWorkingDir) {
    return new RunSpec(lowerDirs, upperDir, workDir, argv, env, user, newWorkingDir, hostname, networkNone, mounts);
  }

  public RunSpec withEnv(List<String> newEnv) {
    return new RunSpec(lowerDirs, upperDir, workDir, argv, newEnv, user, workingDir, hostname, networkNone, mounts);
  }

  public RunSpec withMounts(List<SandboxMount> newMounts) {
    return new RunSpec(lowerDirs, upperDir, workDir, argv, env, user, workingDir, hostname, networkNone, newMounts);
  }
}
