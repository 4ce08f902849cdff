package dev.jbuild.executor.sandbox;

import dev.jbuild.executor.linux.Linux;
import dev.jbuild.executor.linux.LinuxException;
import dev.jbuild.executor.linux.NativeProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CountDownLatch;

/**
 * One RUN step, split between two threads. {@link #run()} executes on a fresh platform thread that
 * unshares its namespaces, mounts the step's root, starts {@code jbuild-init} with posix_spawn and
 * waits for it; the caller's thread reads the output and may {@link #cancel()}. The namespaces, and
 * with them every mount, die with the namespace thread and init, which is why the namespace thread
 * runs no foreign code (the output consumer runs on the caller's thread) and starts no thread.
 */
final class RunSession implements Runnable {
  static final String DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  private static final String DEFAULT_RESOLV_CONF = "nameserver 8.8.8.8\nnameserver 8.8.4.4\n";

  private final RunSpec spec;
  private final Path initBinary;
  private final Path stateDirectory;
  private final CountDownLatch started = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);
  private final Object lock = new Object();
  /** Directories made in the root to mount RUN --mounts on; removed from the layer afterwards. */
  private final List<String> mountStubs = new ArrayList<>();
  private NativeProcess process;
  private boolean cancelled;
  private volatile Throwable failure;
  private volatile int exitCode = -1;

  RunSession(RunSpec spec, Path initBinary, Path stateDirectory) {
    this.spec = spec;
    this.initBinary = initBinary;
    this.stateDirectory = stateDirectory;
  }

  @Override
  public void run() {
    try {
      int namespaces = Linux.CLONE_NEWNS | Linux.CLONE_NEWUTS | Linux.CLONE_NEWIPC | Linux.CLONE_NEWPID;
      if (spec.networkNone()) {
        namespaces |= Linux.CLONE_NEWNET;
      }
      try {
        Linux.unshare(namespaces);
      } catch (LinuxException e) {
        throw new SandboxException("creating the step's namespaces failed (jbuild must run as root): " + e.getMessage(), e);
      }
      Linux.mount(null, Path.of("/"), null, Linux.MS_REC | Linux.MS_PRIVATE, null);
      Linux.setHostname(spec.hostname());
      if (spec.networkNone()) {
        Linux.bringLoopbackUp();
      }
      try (RunDirectory run = RunDirectory.create(stateDirectory)) {
        NativeProcess started = startInit(run);
        if (started != null) {
          exitCode = started.waitFor();
        }
      } finally {
        MountPoints.removeStubs(spec.upperDir(), mountStubs);
      }
    } catch (Throwable e) {
      failure = e;
    } finally {
      started.countDown();
      finished.countDown();
    }
  }

  private NativeProcess startInit(RunDirectory run) throws IOException, SandboxException {
    List<String> provided = InitLayer.create(run.resolve("i"), spec.lowerDirs());
    InitLayer.mirrorRoot(spec.upperDir(), spec.lowerDirs());
    Path merged = Files.createDirectory(run.resolve("m"));
    run.mountOverlay(List.of("i"), spec.lowerDirs(), spec.upperDir(), spec.workDir(), merged);
    DeviceTree.mount(merged.resolve("dev"));
    Linux.mount(
        "sysfs", merged.resolve("sys"), "sysfs", Linux.MS_RDONLY | Linux.MS_NOSUID | Linux.MS_NODEV | Linux.MS_NOEXEC, null);
    provideFiles(run, merged, provided);
    mountRequested(merged);
    ResolvedUser user =
        UserResolver.resolve(
            spec.user(), RootfsFiles.readText(merged, "/etc/passwd"), RootfsFiles.readText(merged, "/etc/group"));
    List<String> arguments = initArguments(merged, user);
    List<String> environment = environment(spec.env(), user);
    synchronized (lock) {
      if (cancelled) {
        return null;
      }
      process = NativeProcess.spawn(initBinary, arguments, environment);
    }
    started.countDown();
    return process;
  }

  /** RUN --mount: binds and tmpfs over the merged root, on directories made for them when missing. */
  private void mountRequested(Path merged) throws IOException, SandboxException {
    for (SandboxMount mount : spec.mounts()) {
      // Files, sockets and the like are bound onto a file; directories onto a directory.
      boolean file = mount.source() != null && !Files.isDirectory(mount.source());
      mountStubs.addAll(MountPoints.create(merged, mount.target(), file));
      Path target = merged.resolve(mount.target().substring(1));
      if (mount.source() == null) {
        String options = "mode=1777" + (mount.tmpfsSizeBytes() > 0 ? ",size=" + mount.tmpfsSizeBytes() : "");
        Linux.mount("tmpfs", target, "tmpfs", Linux.MS_NOSUID | Linux.MS_NODEV, options);
      } else {
        Linux.mount(mount.source().toString(), target, null, Linux.MS_BIND | Linux.MS_REC, null);
        if (mount.readOnly()) {
          Linux.mount(null, target, null, Linux.MS_REMOUNT | Linux.MS_BIND | Linux.MS_RDONLY, null);
        }
      }
    }
  }

  private void provideFiles(RunDirectory run, Path merged, List<String> provided) throws IOException {
    Path files = Files.createDirectory(run.resolve("files"));
    Map<String, String> contents = new LinkedHashMap<>();
    contents.put("etc/hostname", spec.hostname() + "\n");
    contents.put(
        "etc/hosts", "127.0.0.1\tlocalhost " + spec.hostname() + "\n::1\tlocalhost ip6-localhost ip6-loopback\n");
    contents.put("etc/resolv.conf", hostResolvConf());
    for (String file : provided) {
      Path source = files.resolve(file.substring(file.lastIndexOf('/') + 1));
      Files.writeString(source, contents.get(file));
      Linux.changeMode(source, 0644);
      Linux.mount(source.toString(), merged.resolve(file), null, Linux.MS_BIND, null);
    }
  }

  private static String hostResolvConf() {
    try {
      String host = Files.readString(Path.of("/etc/resolv.conf"));
      return host.isBlank() ? DEFAULT_RESOLV_CONF : host;
    } catch (IOException e) {
      return DEFAULT_RESOLV_CONF; // docker's fallback too
    }
  }

  private List<String> initArguments(Path merged, ResolvedUser user) {
    List<String> arguments = new ArrayList<>();
    arguments.add(initBinary.toString());
    arguments.add("--root");
    arguments.add(merged.toString());
    arguments.add("--cwd");
    arguments.add(spec.workingDir());
    arguments.add("--uid");
    arguments.add(Integer.toString(user.uid()));
    arguments.add("--gid");
    arguments.add(Integer.toString(user.gid()));
    StringJoiner groups = new StringJoiner(",");
    user.groups().forEach(group -> groups.add(group.toString()));
    arguments.add("--groups");
    arguments.add(groups.toString());
    arguments.add("--");
    arguments.addAll(spec.argv());
    return arguments;
  }

  /** The step's environment: later entries win, PATH and HOME added when missing, as docker does. */
  static List<String> environment(List<String> env, ResolvedUser user) {
    Map<String, String> byKey = new LinkedHashMap<>();
    for (String entry : env) {
      byKey.put(entry.substring(0, entry.indexOf('=')), entry);
    }
    byKey.putIfAbsent("PATH", DEFAULT_PATH);
    byKey.putIfAbsent("HOME", "HOME=" + user.home());
    return List.copyOf(byKey.values());
  }

  /** Waits until init runs; null when the session was cancelled first. */
  NativeProcess awaitStarted() throws InterruptedException, SandboxException {
    started.await();
    rethrowFailure();
    synchronized (lock) {
      return process;
    }
  }

  /** Waits until init has exited and every mount is detached; returns the command's exit code. */
  int awaitFinished() throws InterruptedException, SandboxException {
    finished.await();
    rethrowFailure();
    return exitCode;
  }

  /** Kills init (and so everything in the step's PID namespace), or keeps it from starting. */
  void cancel() {
    synchronized (lock) {
      cancelled = true;
      if (process != null) {
        process.kill();
      }
    }
  }

  /** Closes the pipes to init; call after the namespace thread has ended. */
  void close() {
    synchronized (lock) {
      if (process != null) {
        process.close();
      }
    }
  }

  private void rethrowFailure() throws SandboxException {
    Throwable error = failure;
    if (error == null) {
      return;
    }
    if (error instanceof SandboxException sandboxException) {
      throw new SandboxException(sandboxException.getMessage(), sandboxException);
    }
    if (error instanceof IOException) {
      throw new SandboxException("running " + spec.argv() + " in the sandbox failed: " + error.getMessage(), error);
    }
    if (error instanceof RuntimeException runtimeException) {
      throw runtimeException;
    }
    if (error instanceof Error fatal) {
      throw fatal;
    }
    throw new SandboxException("running " + spec.argv() + " in the sandbox failed", error);
  }
}
